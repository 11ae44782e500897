import type { LiveNote } from '../domain/live-note.js';
import type { TokenId } from '../domain/types.js';

export type { LiveNote } from '../domain/live-note.js';

/**
 * The live set: which tokens the replica holding the exchange streams (the price lease) gets a live price
 * for, so every replica's tick skips their price polls and every replica's `/levels` shows the streamed
 * price. Same rules as ports.ts: each call is one round trip; both adapters pass one conformance suite
 * (test/store/conformance-live.ts). All times are epoch milliseconds.
 */

/** One token's streamed price as the holder last received it. */
export interface SharedLivePrice {
  readonly tokenId: TokenId;
  /** USD, the pair's scale applied (a `1000…` pair already divided). */
  readonly price: number;
  /** Where it comes from, as users see it: `Binance SOL/USDT`. */
  readonly label: string;
  /** Exchange time of the price. */
  readonly at: number;
  /** When the holder received it (the holder's clock). */
  readonly receivedAt: number;
}

/** What the holder publishes: the whole set each time (last writer wins). */
export interface LivePriceSet {
  /** Instance id of the replica that published it. */
  readonly holder: string;
  /** The holder's clock when it published. */
  readonly publishedAt: number;
  /** Tokens whose price a verified stream delivers now: the tick polls no price for them. */
  readonly live: readonly SharedLivePrice[];
  /**
   * Watched tokens without a live stream, and why (src/domain/live-note.ts: the pair's price disagreed
   * with which reference and by how much, the exchange refuses this server, no pair, forbidden, being
   * checked). Read back through `readLiveNote`: a bare kind from an older replica still reads.
   */
  readonly notes: ReadonlyArray<{ readonly tokenId: TokenId; readonly note: LiveNote }>;
}

export interface LivePriceStore {
  /**
   * Replaces the set. It expires `ttlMs` after `set.publishedAt` unless published again, so a holder that
   * dies stops counting within `ttlMs` and every replica polls those prices again. Redis also expires the
   * key by its own clock (PX), so a dead holder's set leaves no key behind.
   */
  publish(set: LivePriceSet, ttlMs: number): Promise<void>;
  /** The set, or undefined when none was published, it expired (`now` ≥ publishedAt + ttl), or it is unreadable. */
  read(now: number): Promise<LivePriceSet | undefined>;
  /** Removes the set if `holder` published it (a holder stopping); a successor's set is left alone. */
  release(holder: string): Promise<void>;
}
