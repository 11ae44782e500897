import type { AlertEventKind, Destination, TokenId } from '../domain/types.js';

/** One alert a destination was sent (the platform confirmed it): what `/export` lists (issue 21). */
export interface LoggedAlert {
  readonly eventId: string;
  /** When the platform confirmed the message, epoch ms. */
  readonly at: number;
  /** When the event was detected, epoch ms. */
  readonly detectedAt: number;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly kind: AlertEventKind;
  /** USD, when the event carried a price. */
  readonly price?: number;
  /** USD, level events. */
  readonly level?: number;
}

/** Delivered alerts are kept this long per destination (the longest `/export` window). */
export const ALERT_LOG_RETENTION_MS = 90 * 86_400_000;

/** Most rows one `list` returns. */
export const ALERT_LOG_MAX_ROWS = 10_000;

/** The delivered alerts of each destination. Every method is one round trip. */
export interface AlertLogStore {
  /**
   * Records alerts delivered to `destination`; an event already recorded for it is kept as it is (a
   * message retried after a crash). Drops the destination's entries delivered before `now` minus
   * ALERT_LOG_RETENTION_MS.
   */
  record(destination: Destination, alerts: readonly LoggedAlert[], now: number): Promise<void>;
  /** The destination's alerts delivered at or after `since` (epoch ms), oldest first, at most `limit`. */
  list(destination: Destination, since: number, limit: number): Promise<LoggedAlert[]>;
}
