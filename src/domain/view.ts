import type { LiveNote } from './live-note.js';
import type { LevelSide, SignalValue, TokenId } from './types.js';

/** What /levels and /signal show about a token: derived from the engine's last state. */
export interface TokenView {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url?: string;
  /** USD. */
  readonly price?: number;
  /**
   * Where `price` comes from and how old it is when the view was built: "Binance SOL/USDT" (a live stream)
   * or "Token Metrics" (polled). `note` says why a token has no live stream, when it matters (data: each reply words it, `liveNoteText`).
   */
  readonly priceSource?: { readonly label: string; readonly ageMs: number; readonly note?: LiveNote };
  /** Epoch ms of the last update of any part. */
  readonly updatedAt?: number;
  /** Sorted by level, highest first. */
  readonly levels: ReadonlyArray<{
    readonly level: number;
    readonly side: LevelSide;
    /** 0..100. */
    readonly strength: number;
    /** Signed percent from price to the level (+ above, - below). */
    readonly distancePct: number;
  }>;
  readonly daily?: { readonly signal: SignalValue; readonly trend: SignalValue; readonly date: string };
  readonly hourly?: {
    readonly signal: SignalValue;
    readonly position: SignalValue;
    readonly timestamp: string;
  };
  readonly metrics?: Readonly<Record<string, number>>;
  readonly grade?: { readonly signal: string; readonly grade?: number };
}
