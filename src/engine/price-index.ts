import type { PriceAlert } from '../domain/price-alerts.js';
import type { TokenId } from '../domain/types.js';
import { cooledDown, movePct, ruleHit } from './rules/price-alert.js';

/** One alert that fired on a price update. */
export interface PriceAlertHit {
  readonly alert: PriceAlert;
  readonly price: number;
  /** Move alerts: the price `windowMs` ago and the signed change in percent. */
  readonly priceBefore?: number;
  readonly changePct?: number;
}

export interface PriceUpdate {
  readonly tokenId: TokenId;
  /** The previous price (undefined on first sight: thresholds cannot cross then). */
  readonly prev: number | undefined;
  readonly now: number;
  /** Epoch ms of the new price. */
  readonly at: number;
  /** The price `windowMs` before `at`, from the price history (move alerts). */
  readonly priceAgo: (windowMs: number) => number | undefined;
  /** The alert's destination cooldown for `every` alerts, ms. */
  readonly cooldownMs: (alert: PriceAlert) => number;
}

interface Threshold {
  readonly price: number;
  readonly alert: PriceAlert;
}

interface MoveGroup {
  readonly windowMs: number;
  /** Sorted by pct ascending: the first one is the band. */
  readonly alerts: readonly PriceAlert[];
  readonly minPct: number;
}

interface TokenAlerts {
  /** All above/below targets, sorted by price. */
  readonly thresholds: readonly Threshold[];
  readonly moves: readonly MoveGroup[];
  /** The band cached for the last price seen: no threshold lies strictly inside (lo, hi). */
  band?: { at: number; lo: number; hi: number };
}

/** Index of the first threshold with price > p (binary search). */
function upper(ts: readonly Threshold[], p: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as Threshold).price > p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Price alerts grouped by token so a price update that crosses nothing costs the same with 100 or
 * 100,000 alerts: targets are kept sorted and each token remembers the band (nearest target below and
 * above the last price) its price sits in, like the level bands of the engine. Only an update leaving
 * the band looks at alerts, and then only the crossed ones (binary search). Move alerts are grouped by
 * window with the smallest percent first: one comparison per distinct window.
 * Pure data structure: no I/O, no clock; the app rebuilds it when the store's revision changes.
 */
export class PriceAlertIndex {
  private readonly byToken = new Map<TokenId, TokenAlerts>();
  readonly size: number;

  constructor(alerts: Iterable<PriceAlert>) {
    const grouped = new Map<TokenId, PriceAlert[]>();
    let n = 0;
    for (const a of alerts) {
      n++;
      const list = grouped.get(a.tokenId) ?? [];
      list.push(a);
      grouped.set(a.tokenId, list);
    }
    this.size = n;
    for (const [tokenId, list] of grouped) this.byToken.set(tokenId, build(list));
  }

  tokens(): TokenId[] {
    return [...this.byToken.keys()];
  }

  /** The longest move window of the token's alerts (0: none), i.e. how much history evaluate needs. */
  maxWindow(tokenId: TokenId): number {
    return this.byToken.get(tokenId)?.moves.at(-1)?.windowMs ?? 0;
  }

  /**
   * The open interval around `price` holding none of the token's above/below targets (±Infinity when
   * none; lo = hi when the price sits on a target). Read-only: the evaluation's own band cache is kept.
   */
  band(tokenId: TokenId, price: number): { lo: number; hi: number } {
    const t = this.byToken.get(tokenId);
    if (!t || t.thresholds.length === 0)
      return { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };
    const b = bandAt(t.thresholds, price);
    return { lo: b.lo, hi: b.hi };
  }

  /** Alerts hit by this update (their destinations' cooldowns applied to `every` alerts). */
  evaluate(u: PriceUpdate): PriceAlertHit[] {
    const t = this.byToken.get(u.tokenId);
    if (!t || !(u.now > 0)) return [];
    const hits: PriceAlertHit[] = [];
    if (t.thresholds.length > 0 && u.prev !== undefined) this.thresholdHits(t, u, u.prev, hits);
    for (const g of t.moves) {
      // One history look-up per window: `priceAgo` may scan the price series.
      const then = u.priceAgo(g.windowMs);
      const change = movePct(then, u.now);
      if (change === undefined || Math.abs(change) < g.minPct) continue;
      for (const a of g.alerts) {
        if (a.rule.kind !== 'move' || Math.abs(change) < a.rule.pct) break;
        if (ready(a, u))
          hits.push({
            alert: a,
            price: u.now,
            changePct: change,
            ...(then === undefined ? {} : { priceBefore: then }),
          });
      }
    }
    return hits;
  }

  private thresholdHits(t: TokenAlerts, u: PriceUpdate, prev: number, hits: PriceAlertHit[]): void {
    let band = t.band;
    if (!band || band.at !== prev) band = bandAt(t.thresholds, prev);
    t.band = bandAt(t.thresholds, u.now, band);
    // Inside the band: no target between the two prices, nothing can cross.
    if (u.now > band.lo && u.now < band.hi) return;
    const lo = Math.min(prev, u.now);
    const hi = Math.max(prev, u.now);
    // Targets in [lo, hi]: the only ones that can have been crossed.
    for (let i = upper(t.thresholds, lo) - 1; i >= 0 && (t.thresholds[i] as Threshold).price === lo; i--) {
      consider(t.thresholds[i] as Threshold, u, prev, hits);
    }
    for (let i = upper(t.thresholds, lo); i < t.thresholds.length; i++) {
      const th = t.thresholds[i] as Threshold;
      if (th.price > hi) break;
      consider(th, u, prev, hits);
    }
  }
}

function consider(th: Threshold, u: PriceUpdate, prev: number, hits: PriceAlertHit[]): void {
  if (ruleHit(th.alert.rule, prev, u.now, undefined) !== undefined && ready(th.alert, u)) {
    hits.push({ alert: th.alert, price: u.now });
  }
}

function ready(a: PriceAlert, u: PriceUpdate): boolean {
  return a.repeat === 'once' || cooledDown(a.lastFiredAt, u.cooldownMs(a), u.at);
}

/**
 * The band around `price`: the open interval between the nearest targets below and above it (±∞ when
 * none), holding no target. A price sitting exactly on a target gets an empty band (lo = hi), so the
 * next update searches.
 */
function bandAt(
  ts: readonly Threshold[],
  price: number,
  cached?: { at: number; lo: number; hi: number },
): { at: number; lo: number; hi: number } {
  // Still strictly inside the old band: it holds no target, so the neighbours are the same. No search.
  if (cached && price > cached.lo && price < cached.hi) return { lo: cached.lo, hi: cached.hi, at: price };
  const up = upper(ts, price);
  const below = up - 1;
  if (below >= 0 && (ts[below] as Threshold).price === price) return { at: price, lo: price, hi: price };
  return {
    at: price,
    lo: below >= 0 ? (ts[below] as Threshold).price : Number.NEGATIVE_INFINITY,
    hi: up < ts.length ? (ts[up] as Threshold).price : Number.POSITIVE_INFINITY,
  };
}

function build(list: readonly PriceAlert[]): TokenAlerts {
  const thresholds: Threshold[] = [];
  const moves = new Map<number, PriceAlert[]>();
  for (const a of list) {
    if (a.rule.kind === 'move') {
      const g = moves.get(a.rule.windowMs) ?? [];
      g.push(a);
      moves.set(a.rule.windowMs, g);
    } else thresholds.push({ price: a.rule.price, alert: a });
  }
  thresholds.sort((a, b) => a.price - b.price);
  const pct = (a: PriceAlert) => (a.rule.kind === 'move' ? a.rule.pct : 0);
  return {
    thresholds,
    moves: [...moves.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([windowMs, alerts]) => {
        const sorted = [...alerts].sort((a, b) => pct(a) - pct(b));
        return { windowMs, alerts: sorted, minPct: pct(sorted[0] as PriceAlert) };
      }),
  };
}
