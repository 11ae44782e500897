/**
 * Sorted look-ups of the price-alert index (price-index.ts): binary searches over the above/below
 * boundaries and the move percents, and the band of boundaries around a price. Pure.
 */

/** One above/below boundary of an alert's condition. */
export interface Threshold<A> {
  readonly price: number;
  readonly alert: A;
}

/** Index of the first threshold with price > p (binary search). */
export function upper<A>(ts: readonly Threshold<A>[], p: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as Threshold<A>).price > p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first move item with pct > p. */
export function upperPct(items: ReadonlyArray<{ readonly pct: number }>, p: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid] as { readonly pct: number }).pct > p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The band around `price`: the open interval between the nearest boundaries below and above it (±∞ when
 * none), holding none. A price sitting exactly on a boundary gets an empty band (lo = hi), so the next
 * update searches.
 */
export function bandAt<A>(
  ts: readonly Threshold<A>[],
  price: number,
  cached?: { at: number; lo: number; hi: number },
): { at: number; lo: number; hi: number } {
  // Still strictly inside the old band: it holds no boundary, so the neighbours are the same. No search.
  if (cached && price > cached.lo && price < cached.hi) return { lo: cached.lo, hi: cached.hi, at: price };
  const up = upper(ts, price);
  const below = up - 1;
  if (below >= 0 && (ts[below] as Threshold<A>).price === price) return { at: price, lo: price, hi: price };
  return {
    at: price,
    lo: below >= 0 ? (ts[below] as Threshold<A>).price : Number.NEGATIVE_INFINITY,
    hi: up < ts.length ? (ts[up] as Threshold<A>).price : Number.POSITIVE_INFINITY,
  };
}
