import type { TokenId } from '../domain/types.js';
import { EMPTY_BAND, inBand, levelBand, type PriceBand } from '../engine/band.js';
import type { DetectOptions, TokenState } from '../engine/types.js';
import type { StreamSource } from '../market/streams/feed.js';
import type { Timers } from '../market/streams/timers.js';

/** The last streamed price of a token, for views and the tick. */
export interface StreamedPrice {
  readonly price: number;
  readonly source: StreamSource;
  /** Local receive time, epoch ms. */
  readonly receivedAt: number;
}

export interface PricePathDeps {
  readonly now: () => number;
  readonly timers: Timers;
  /** The detect options the evaluation uses at `now` (profiles, BREAKOUT_HOLD): the band must match them. */
  readonly detectOptions: (now: number) => DetectOptions;
  /**
   * Evaluates one token at a streamed price through the same engine → plan → outbox → commit as the tick
   * (serialised with it). Resolves to the token's state after the commit (undefined: unknown token).
   */
  readonly evaluate: (tokenId: TokenId, price: StreamedPrice) => Promise<TokenState | undefined>;
  readonly onError: (tokenId: TokenId, err: unknown) => void;
  /** Told once per evaluation, with the ms from the frame's arrival to the end of its enqueue. */
  readonly onEvaluated?: (tokenId: TokenId, latencyMs: number) => void;
  /** Users' own price alerts (PriceWatch): their targets narrow the band, move alerts ask for a look. */
  readonly alerts?: AlertTargets;
}

/** What the price path needs to know of users' price alerts, synchronously (as of the last refresh). */
export interface AlertTargets {
  /** Open interval around `price` holding none of the token's above/below targets; lo = hi on a target. */
  band(tokenId: TokenId, price: number): { lo: number; hi: number };
  hasMoves(tokenId: TokenId): boolean;
}

/**
 * Move and near parts can change with any price (a move against the window's low or high, a level
 * zone): on a streamed token they are evaluated at most once per this long (the next frame after it),
 * not on every frame.
 */
export const MOVE_EVAL_MS = 10_000;

/** Pause after a failed evaluation before the token is evaluated again. */
const RETRY_MS = 5_000;

interface Entry {
  band: PriceBand;
  state: TokenState | undefined;
  last: StreamedPrice | undefined;
  /** An evaluation is running: frames only update `last`; its end rebuilds the band at the newest price. */
  running: boolean;
  timer: unknown;
  /**
   * The stored (last evaluated) price when it sits exactly on an alert target: the band is empty then,
   * yet a frame at that same price changes nothing and is skipped. NaN otherwise.
   */
  pinned: number;
  /** Receive time of the last evaluation's frame, and when move alerts want the next one (∞: none). */
  evaluatedAt: number;
  moveAt: number;
}

/**
 * Streamed prices → evaluations. Per token it keeps the band in which no level state can change
 * (`levelBand`), narrowed by the nearest above/below targets of users' price alerts around the stored
 * price (the one the evaluation compares with), so a frame that crosses a target evaluates at once and a
 * frame inside costs a few comparisons, however many alerts exist. Move alerts add a look every
 * MOVE_EVAL_MS at most. A frame outside (or a pending breakout hold running
 * out) evaluates the token; frames arriving during an evaluation coalesce into one more evaluation at the
 * newest price. A token whose state is not known yet (the tick has not seen it) is only recorded.
 */
export class PricePath {
  private readonly entries = new Map<TokenId, Entry>();
  evaluations = 0;

  constructor(private readonly deps: PricePathDeps) {}

  /** Hot path: one map lookup and one band test per frame. */
  onPrice(tokenId: TokenId, price: number, source: StreamSource): void {
    const e = this.entries.get(tokenId) ?? this.create(tokenId);
    const now = this.deps.now();
    e.last = { price, source, receivedAt: now };
    if ((inBand(e.band, price, now) || price === e.pinned) && now < e.moveAt) return;
    // Outside (or no band yet): rebuild around this price; it evaluates only if the price really left it.
    if (!e.running) this.rebuild(tokenId, e);
  }

  /** Every token's last streamed price (for the price history). */
  *lastPrices(): Iterable<[TokenId, StreamedPrice]> {
    for (const [id, e] of this.entries) if (e.last) yield [id, e.last];
  }

  /** The newest streamed price of a token, if any. */
  last(tokenId: TokenId): StreamedPrice | undefined {
    return this.entries.get(tokenId)?.last;
  }

  /** A new stored state (from the tick or an evaluation): the band is rebuilt around the newest price. */
  setState(tokenId: TokenId, state: TokenState | undefined): void {
    const e = this.entries.get(tokenId) ?? this.create(tokenId);
    e.state = state;
    this.rebuild(tokenId, e);
  }

  /** Forget a token (no longer streamed or watched). */
  drop(tokenId: TokenId): void {
    const e = this.entries.get(tokenId);
    if (e?.timer !== undefined) this.deps.timers.clearTimeout(e.timer);
    this.entries.delete(tokenId);
  }

  tokens(): TokenId[] {
    return [...this.entries.keys()];
  }

  close(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }

  private create(tokenId: TokenId): Entry {
    const e: Entry = {
      band: { lo: -Infinity, hi: Infinity, until: Infinity },
      state: undefined,
      last: undefined,
      running: false,
      timer: undefined,
      pinned: Number.NaN,
      evaluatedAt: Number.NEGATIVE_INFINITY,
      moveAt: Number.POSITIVE_INFINITY,
    };
    this.entries.set(tokenId, e);
    return e;
  }

  private rebuild(tokenId: TokenId, e: Entry): void {
    if (e.timer !== undefined) this.deps.timers.clearTimeout(e.timer);
    e.timer = undefined;
    const last = e.last;
    if (!e.state || !last) {
      // No state: nothing to evaluate until the tick has seen the token. No price: band on the first frame.
      e.band = e.state ? EMPTY_BAND : { lo: -Infinity, hi: Infinity, until: Infinity };
      return;
    }
    const now = this.deps.now();
    this.narrow(tokenId, e, levelBand(e.state, last.price, this.deps.detectOptions(now)), now);
    if ((!inBand(e.band, last.price, now) && last.price !== e.pinned) || now >= e.moveAt) {
      if (!e.running) this.run(tokenId, e);
      return;
    }
    if (Number.isFinite(e.band.until)) {
      // A breakout hold ends at `until`: look again then, even if no frame comes.
      e.timer = this.deps.timers.setTimeout(
        () => {
          e.timer = undefined;
          if (this.entries.get(tokenId) === e && !e.running) this.run(tokenId, e);
        },
        Math.max(0, e.band.until - now),
      );
    }
  }

  /** The level band narrowed by the alert targets around the stored price; `pinned` and `moveAt` set. */
  private narrow(tokenId: TokenId, e: Entry, levels: PriceBand, now: number): void {
    const alerts = this.deps.alerts;
    const stored = e.state?.price?.value;
    e.pinned = Number.NaN;
    e.moveAt = alerts?.hasMoves(tokenId) ? e.evaluatedAt + MOVE_EVAL_MS : Number.POSITIVE_INFINITY;
    if (!alerts || stored === undefined) {
      e.band = levels;
      return;
    }
    const t = alerts.band(tokenId, stored);
    if (t.lo >= t.hi && inBand(levels, stored, now)) e.pinned = stored;
    e.band = { lo: Math.max(levels.lo, t.lo), hi: Math.min(levels.hi, t.hi), until: levels.until };
  }

  private run(tokenId: TokenId, e: Entry): void {
    const price = e.last;
    if (!price || !e.state) return;
    e.running = true;
    e.evaluatedAt = price.receivedAt;
    this.evaluations++;
    let failed = false;
    this.deps
      .evaluate(tokenId, price)
      .then(
        (state) => {
          this.deps.onEvaluated?.(tokenId, this.deps.now() - price.receivedAt);
          e.state = state;
        },
        (err: unknown) => {
          failed = true;
          this.deps.onError(tokenId, err);
        },
      )
      .finally(() => {
        e.running = false;
        if (this.entries.get(tokenId) !== e) return;
        if (!failed) {
          this.rebuild(tokenId, e);
          return;
        }
        // A failed evaluation (store down) is retried in a while, not on every frame.
        e.band = { lo: -Infinity, hi: Infinity, until: this.deps.now() + RETRY_MS };
        e.timer = this.deps.timers.setTimeout(() => {
          e.timer = undefined;
          if (this.entries.get(tokenId) === e) this.rebuild(tokenId, e);
        }, RETRY_MS);
      });
  }
}
