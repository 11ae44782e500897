import type { AlertEvent, AlertEventKind, Destination } from '../../domain/types.js';
import type { SuppressionReason, SuppressionRecord, SuppressReason } from './types.js';

/**
 * Records kept per plan at most. A repeated tick can dedup every event for every destination (thousands);
 * `/why` needs the recent few per destination, not all of them, and the tick must stay cheap.
 */
export const MAX_SUPPRESSION_RECORDS = 1000;

/** Where the rules report what they suppress: counts per reason (complete) and bounded records. */
export class Suppressions {
  readonly counts: Partial<Record<SuppressReason, number>> = {};
  readonly records: SuppressionRecord[] = [];
  omitted = 0;

  constructor(private readonly limit = MAX_SUPPRESSION_RECORDS) {}

  add(
    destination: Destination,
    e: AlertEvent,
    reason: SuppressionReason,
    until?: number,
    by?: AlertEventKind,
  ): void {
    if (reason !== 'below_minstrength') this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    if (this.records.length >= this.limit) {
      this.omitted++;
      return;
    }
    const r: { -readonly [K in keyof SuppressionRecord]: SuppressionRecord[K] } = {
      destination,
      tokenId: e.tokenId,
      symbol: e.symbol,
      kind: e.kind,
      eventId: e.id,
      reason,
    };
    if (until !== undefined) r.until = until;
    if (by !== undefined) r.by = by;
    this.records.push(r);
  }
}
