import { describeAlert } from '../../delivery/describe.js';
import type { OutboundMessage } from '../../delivery/ports.js';
import { destinationKey } from '../../domain/types.js';
import { translatorFor } from '../../i18n/catalog.js';
import type { AlertSummary, TickSummary } from './sources.js';

/**
 * Recent activity of this process for the operator page: the last ticks and the last alerts handed to
 * the outbox. Kept in memory (bounded): after a restart the panels start empty, and with several
 * replicas each page shows what its own replica ran.
 */
export interface ActivityLog {
  /** Record a finished tick (the shape of the tick's report; only these fields are read). */
  recordTick(report: TickInput): void;
  /**
   * Record messages the delivery path enqueued (tick or live prices), once the enqueue succeeded: each
   * event once, with every destination it went to.
   */
  recordMessages(messages: readonly OutboundMessage[]): void;
  /** Newest first. */
  ticks(): TickSummary[];
  /** Newest first. */
  alerts(): AlertSummary[];
}

export interface TickInput {
  readonly at: number;
  readonly durationMs: number;
  readonly outcome: string;
  readonly events: Readonly<Partial<Record<string, number>>>;
  readonly messages: number;
  readonly error?: string;
}

export function createActivityLog(opts: { ticks?: number; alerts?: number } = {}): ActivityLog {
  const maxTicks = opts.ticks ?? 10;
  const maxAlerts = opts.alerts ?? 50;
  const ticks: TickSummary[] = [];
  // Insertion-ordered: the oldest event is the first key.
  const alerts = new Map<string, { summary: Omit<AlertSummary, 'destinations'>; to: Set<string> }>();

  const log: ActivityLog = {
    recordTick(r) {
      let events = 0;
      for (const n of Object.values(r.events)) events += n ?? 0;
      ticks.unshift({
        at: r.at,
        durationMs: Math.round(r.durationMs),
        outcome: r.outcome,
        events,
        messages: r.messages,
        ...(r.error !== undefined ? { error: r.error } : {}),
      });
      ticks.length = Math.min(ticks.length, maxTicks);
    },
    recordMessages(messages) {
      for (const m of messages) {
        const to = destinationKey(m.destination);
        for (const e of m.events) {
          const known = alerts.get(e.id);
          if (known) {
            known.to.add(to);
            continue;
          }
          const summary = {
            at: e.at,
            tokenId: e.tokenId,
            symbol: e.symbol,
            kind: e.kind,
            // The operator's status page is English, whatever language the alert went out in.
            summary: describeAlert(e, { t: translatorFor('en') }).headline,
          };
          alerts.set(e.id, { summary, to: new Set([to]) });
          if (alerts.size > maxAlerts) alerts.delete(alerts.keys().next().value as string);
        }
      }
    },
    ticks: () => [...ticks],
    alerts: () =>
      [...alerts.values()]
        .map((a) => ({ ...a.summary, destinations: [...a.to] }))
        .sort((a, b) => b.at - a.at),
  };
  return log;
}
