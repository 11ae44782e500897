import { type RuleContext, Suppressions } from '#src/delivery/plan/index.js';
import {
  DEFAULT_SETTINGS,
  type Destination,
  destinationKey,
  type EffectiveSettings,
} from '#src/domain/types.js';
import { dm, T0 } from '../plan-fixtures.js';

/** A rule context for one destination, with its own suppression sink to assert on. */
export function ctxOf(
  eff: Partial<EffectiveSettings> = {},
  opts: { destination?: Destination; now?: number; limit?: number } = {},
): RuleContext & { sink: Suppressions } {
  const destination = opts.destination ?? dm;
  return {
    destination,
    destKey: destinationKey(destination),
    eff: { ...DEFAULT_SETTINGS, ...eff },
    now: opts.now ?? T0,
    sink: new Suppressions(opts.limit),
  };
}

/** Records as `id:reason` strings (plus `@until` / `<by` where present), for compact tables. */
export function recorded(sink: Suppressions): string[] {
  return sink.records.map(
    (r) =>
      `${r.eventId}:${r.reason}${r.until !== undefined ? `@${r.until}` : ''}${r.by !== undefined ? `<${r.by}` : ''}`,
  );
}
