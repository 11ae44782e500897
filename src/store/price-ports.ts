import type { PriceAlert, PriceAlertSpec } from '../domain/price-alerts.js';
import type { Destination, TokenId } from '../domain/types.js';

/**
 * Storage ports for charts and price alerts (issue 11). Same rules as ports.ts: list methods do their
 * work in one round trip; both adapters pass the conformance suite (test/store/conformance-price.ts).
 */

/** One price sample: epoch ms, USD (> 0). */
export interface PriceSample {
  readonly t: number;
  readonly price: number;
}

/** How long each resolution is kept, and its bucket size. */
export const HISTORY = {
  /** 1-minute points for the last 24 hours: at most 1,440 per token. */
  minuteMs: 60_000,
  minuteKeepMs: 86_400_000,
  /** 1-hour points for the last 30 days: at most 720 per token. */
  hourMs: 3_600_000,
  hourKeepMs: 30 * 86_400_000,
} as const;

/**
 * Each watched token's own price history, downsampled and bounded: a sample lands in its minute bucket
 * and its hour bucket (the bucket keeps the latest sample: the close), and buckets older than the
 * retention (counted back from the newest sample recorded) are dropped. At most ~2,160 points per token.
 */
export interface PriceHistoryStore {
  /** Records samples (polls or streams), any tokens, one round trip. Non-positive or non-finite prices are ignored. */
  record(samples: ReadonlyArray<{ readonly tokenId: TokenId } & PriceSample>): Promise<void>;
  /**
   * Fills hourly buckets that have no point yet (e.g. from the hourly signals' CLOSE), never overwriting
   * a recorded one. Points outside the hourly retention are ignored. Any tokens, one round trip.
   */
  seedHourly(
    entries: ReadonlyArray<{ readonly tokenId: TokenId; readonly points: readonly PriceSample[] }>,
  ): Promise<void>;
  /**
   * Points with `from <= t <= to`, oldest first: hourly points before the first minute point, minute
   * points from there on. `t` is the bucket start.
   */
  range(tokenId: TokenId, from: number, to: number): Promise<PriceSample[]>;
  /** `range` of many tokens over one window in one round trip (/watchlist, its card). Every token is a key. */
  rangeMany(tokenIds: readonly TokenId[], from: number, to: number): Promise<Map<TokenId, PriceSample[]>>;
}

export type AddPriceAlertResult =
  | { readonly ok: true; readonly alert: PriceAlert }
  | { readonly ok: false; readonly reason: 'limit'; readonly count: number };

/** Users' own price alerts. Ids are short random strings (`[a-z0-9]{6}`), unique in the store. */
export interface PriceAlertStore {
  /** Adds the alert unless the destination already has `max` (checked atomically). */
  add(spec: PriceAlertSpec, max: number): Promise<AddPriceAlertResult>;
  /** The destination's alerts, oldest first. */
  list(destination: Destination): Promise<PriceAlert[]>;
  /** Removes the destination's alert `id` (another destination's id is not found). Returns whether it existed. */
  remove(destination: Destination, id: string): Promise<boolean>;
  /** Alerts of each token, in one round trip. Tokens without any are absent. */
  byTokens(tokenIds: readonly TokenId[]): Promise<Map<TokenId, PriceAlert[]>>;
  /** Tokens with at least one alert (the fetcher must watch their price). */
  tokens(): Promise<TokenId[]>;
  /**
   * Records that alerts fired at `at`: `once` alerts are removed, `every` alerts get `lastFiredAt`.
   * Returns the ids that were still there: an id missing from it was already fired or deleted and must
   * not be sent (this is what keeps a once-alert from firing twice, across replicas and restarts).
   */
  fired(ids: readonly string[], at: number): Promise<Set<string>>;
  /** A number that changes whenever alerts are added, removed or fired (the app rebuilds its index then). */
  revision(): Promise<number>;
}
