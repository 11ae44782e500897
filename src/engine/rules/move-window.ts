/**
 * The running low and high of a token's price over a trailing window, for `move N% <window>` alerts.
 * Two monotonic deques (the classic sliding-window min/max): each sample enters and leaves each deque
 * once, so a push costs O(1) amortised however long the window, and reading the low or the high is O(1).
 * Pure: no clock, the caller passes sample times.
 */

/** One price sample: epoch ms, USD. */
export interface WindowSample {
  readonly t: number;
  readonly price: number;
}

/** A move as traders mean it: from the window's low (a rise) or high (a fall) to the price now. */
export interface MoveReading {
  /** Signed percent: + a rise from the low, - a fall from the high; the larger of the two. */
  readonly pct: number;
  /** The low (rise) or high (fall) it is measured from, and when it was seen. */
  readonly from: WindowSample;
}

/** An array used as a deque: `head` advances instead of shifting; compacted now and then. */
class Deque {
  private items: WindowSample[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }
  first(): WindowSample | undefined {
    return this.items[this.head];
  }
  /** The first item at or after time `from` (items are in time order), without removing older ones. */
  firstFrom(from: number): WindowSample | undefined {
    for (let i = this.head; i < this.items.length; i++) {
      const s = this.items[i] as WindowSample;
      if (s.t >= from) return s;
    }
    return undefined;
  }
  last(): WindowSample | undefined {
    return this.items.length > this.head ? this.items[this.items.length - 1] : undefined;
  }
  popLast(): void {
    this.items.pop();
  }
  push(s: WindowSample): void {
    this.items.push(s);
  }
  shift(): void {
    this.head++;
    // Compact once the dead prefix dominates: keeps memory bounded and the cost amortised O(1).
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export class MoveWindow {
  /** Prices increasing from front to back: the front is the window's low. */
  private readonly lows = new Deque();
  /** Prices decreasing from front to back: the front is the window's high. */
  private readonly highs = new Deque();
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(readonly windowMs: number) {}

  /** Time of the newest sample pushed (-Infinity: none). */
  get newest(): number {
    return this.lastT;
  }

  /** Adds a sample; one older than the newest is ignored (samples arrive in time order). */
  push(t: number, price: number): void {
    if (!(price > 0) || !Number.isFinite(price) || t < this.lastT) return;
    this.lastT = t;
    const s = { t, price };
    while ((this.lows.last()?.price ?? Number.NEGATIVE_INFINITY) >= price) this.lows.popLast();
    this.lows.push(s);
    while ((this.highs.last()?.price ?? Number.POSITIVE_INFINITY) <= price) this.highs.popLast();
    this.highs.push(s);
    this.evict(t);
  }

  private evict(now: number): void {
    const from = now - this.windowMs;
    while ((this.lows.first()?.t ?? now) < from) this.lows.shift();
    while ((this.highs.first()?.t ?? now) < from) this.highs.shift();
  }

  low(): WindowSample | undefined {
    return this.lows.first();
  }

  high(): WindowSample | undefined {
    return this.highs.first();
  }

  /** The low among samples at or after `from` (the deque's front past expired ones). */
  lowFrom(from: number): WindowSample | undefined {
    return this.lows.firstFrom(from);
  }

  highFrom(from: number): WindowSample | undefined {
    return this.highs.firstFrom(from);
  }

  /**
   * The move of `price` against the window (the samples pushed so far, which should include it):
   * the larger of the rise from the low and the fall from the high. Undefined without samples.
   */
  reading(price: number): MoveReading | undefined {
    const lo = this.low();
    const hi = this.high();
    if (!lo || !hi || !(price > 0)) return undefined;
    const rise = ((price - lo.price) / lo.price) * 100;
    const fall = ((hi.price - price) / hi.price) * 100;
    return rise >= fall ? { pct: rise, from: lo } : { pct: -fall, from: hi };
  }
}

/**
 * The reading `push(t, price)` then `reading(price)` would give, without changing the window: evaluation
 * only reads, and the sample is pushed once its update was committed (a failed delivery repeats the
 * update against the same window). Skips expired fronts, which the next push removes: amortised O(1).
 */
export function peekReading(w: MoveWindow, t: number, price: number): MoveReading | undefined {
  if (!(price > 0)) return undefined;
  const from = t - w.windowMs;
  const lo = w.lowFrom(from);
  const hi = w.highFrom(from);
  const low = lo && lo.price < price ? lo : { t, price };
  const high = hi && hi.price > price ? hi : { t, price };
  const rise = ((price - low.price) / low.price) * 100;
  const fall = ((high.price - price) / high.price) * 100;
  return rise >= fall ? { pct: rise, from: low } : { pct: -fall, from: high };
}

/** Whether a reading meets a move of `pct` percent either way. */
export const moveHolds = (r: MoveReading | undefined, pct: number): boolean =>
  r !== undefined && Math.abs(r.pct) >= pct;

/**
 * The move of `price` at `at` against each window, from a price series (oldest first): one pass per
 * window over the series, for replies (/why) that read the history once instead of keeping windows.
 */
export function movesAt(
  series: readonly WindowSample[],
  windows: readonly number[],
  at: number,
  price: number,
): Map<number, MoveReading | undefined> {
  const out = new Map<number, MoveReading | undefined>();
  for (const w of windows) {
    const win = new MoveWindow(w);
    for (const s of series) if (s.t <= at) win.push(s.t, s.price);
    out.set(w, peekReading(win, at, price));
  }
  return out;
}
