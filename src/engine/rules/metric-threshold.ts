import type { QuantObs } from '../../domain/market.js';
import type { ThresholdEvent } from '../../domain/types.js';
import { isOlder } from '../dates.js';
import { eventId } from '../ids.js';
import { PRIORITY } from '../priority.js';
import { numKey, type SideState, type TokenState } from '../types.js';
import { eventBase, type RuleContext } from './context.js';

type MetricsPart = NonNullable<TokenState['metrics']>;
type Sides = NonNullable<TokenState['sides']>;

/** One (metric, threshold) pair to watch, with its resolved hysteresis. */
export interface ResolvedWatch {
  /** `metricKey(metric, threshold)`, precomputed. */
  readonly key: string;
  readonly metric: string;
  readonly threshold: number;
  readonly hysteresis: number;
}

/**
 * One threshold with hysteresis. The first value sets the side silently (≥ t is above). Crossing up needs
 * value ≥ t + h; crossing down needs value ≤ t − h. Inside the band nothing changes, so a value wobbling
 * around t alerts at most once per real crossing.
 */
export function thresholdStep(
  prev: SideState | undefined,
  value: number,
  t: number,
  h: number,
  now: number,
): { side: SideState; crossed?: 'up' | 'down' } {
  if (!prev) return { side: { side: value >= t ? 'above' : 'below', since: now } };
  if (prev.side === 'below' && value >= t + h) return { side: { side: 'above', since: now }, crossed: 'up' };
  if (prev.side === 'above' && value <= t - h)
    return { side: { side: 'below', since: now }, crossed: 'down' };
  return { side: prev };
}

/**
 * Applies every watch to a quant observation. Values merge (a metric missing from the row keeps its old
 * value); an older row than the stored one is ignored. A watch without a side yet (new threshold, or a
 * metric seen for the first time) is baselined silently from the freshest known value. Sides of watches no
 * longer requested are dropped. Id: token, 'metric', metric, threshold, direction and the time the
 * previous side began.
 */
export function metricThresholds(
  ctx: RuleContext,
  prevMetrics: MetricsPart | undefined,
  prevSides: Sides | undefined,
  obs: QuantObs | undefined,
  watches: readonly ResolvedWatch[],
): { metrics: MetricsPart | undefined; sides: Sides | undefined; events: ThresholdEvent[] } {
  const events: ThresholdEvent[] = [];
  const fresh = obs && !isOlder(obs.date, prevMetrics?.date) ? obs : undefined;
  let metrics = prevMetrics;
  if (fresh) {
    const values: Record<string, number> = { ...prevMetrics?.values };
    for (const [k, v] of Object.entries(fresh.metrics)) if (Number.isFinite(v)) values[k] = v;
    const date = fresh.date ?? prevMetrics?.date;
    metrics = { at: ctx.now, values, ...(date === undefined ? {} : { date }) };
  }
  // Built lazily: on most ticks nothing crosses and the previous record is returned as is.
  let sides: Record<string, SideState> | undefined;
  let kept = 0;
  for (let i = 0; i < watches.length; i++) {
    const w = watches[i] as ResolvedWatch;
    const prev = prevSides?.[w.key];
    if (prev) kept++;
    const newValue = fresh?.metrics[w.metric];
    const value = newValue !== undefined && Number.isFinite(newValue) ? newValue : undefined;
    let next: SideState | undefined = prev;
    if (!prev) {
      const known = value ?? prevMetrics?.values[w.metric];
      if (known !== undefined)
        next = thresholdStep(undefined, known, w.threshold, w.hysteresis, ctx.now).side;
    } else if (value !== undefined) {
      const step = thresholdStep(prev, value, w.threshold, w.hysteresis, ctx.now);
      next = step.side;
      if (step.crossed) {
        const previous = prevMetrics?.values[w.metric];
        events.push({
          ...eventBase(
            ctx,
            eventId(ctx.tokenId, 'metric', w.metric, numKey(w.threshold), step.crossed, prev.since),
            PRIORITY.metric_cross,
          ),
          kind: 'metric_cross',
          metric: w.metric,
          direction: step.crossed,
          value,
          threshold: w.threshold,
          ...(previous === undefined ? {} : { previous }),
        });
      }
    }
    if (next !== prev && !sides) sides = copySides(prevSides, watches, i);
    if (sides && next) sides[w.key] = next;
  }
  // Sides of thresholds no longer requested are dropped.
  if (!sides && prevSides && kept !== countKeys(prevSides))
    sides = copySides(prevSides, watches, watches.length);
  return { metrics, sides: sides ?? prevSides, events };
}

function copySides(
  prev: Sides | undefined,
  watches: readonly ResolvedWatch[],
  upTo: number,
): Record<string, SideState> {
  const out: Record<string, SideState> = {};
  if (!prev) return out;
  for (let i = 0; i < upTo; i++) {
    const key = (watches[i] as ResolvedWatch).key;
    const s = prev[key];
    if (s) out[key] = s;
  }
  return out;
}

function countKeys(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}
