import type { DataKind } from '../domain/market.js';
import { DEFAULT_SETTINGS, type SignalValue, type TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';

/**
 * One `/watchlist` (and daily brief) row per followed token, built from the engine's stored view and the
 * token's price history. Pure: no I/O, no clock (the caller passes `now`). A value that is not known
 * carries why instead (`missing`), so the table shows `—` and one footnote says why.
 */

/** Why a cell is empty: the API plan does not include it, there is no data yet, or it is too old. */
export type Missing = 'plan' | 'no_data' | 'stale';

/** A known value, or why it is missing (`ageMs`: how old a stale value is). */
export type Cell<T> = { readonly value: T } | { readonly missing: Missing; readonly ageMs?: number };

export interface LevelCell {
  /** USD. */
  readonly level: number;
  /** Signed percent from the price to the level. */
  readonly distancePct: number;
}

export interface WatchlistRow {
  readonly tokenId: TokenId;
  readonly symbol: string;
  /** USD, with where it came from and how old it was (ms) when the row was built. */
  readonly price: Cell<{ readonly usd: number; readonly source?: string; readonly ageMs?: number }>;
  /** Percent change against the price 24 h before. */
  readonly change24h: Cell<number>;
  /** The daily trading signal and the date of its row (YYYY-MM-DD). */
  readonly signal: Cell<{ readonly value: SignalValue; readonly date: string }>;
  /** TM grade, 0..100. */
  readonly grade: Cell<number>;
  /** Nearest strong level below / above the price. */
  readonly support: Cell<LevelCell>;
  readonly resistance: Cell<LevelCell>;
  readonly sharpe: Cell<number>;
}

/** A price older than this shows as stale (2 h: several missed polls, or a stream that stopped). */
export const STALE_PRICE_MS = 2 * 3_600_000;
/** How far from "24 h ago" a history point may be to count as the price then. */
const DAY_AGO_SLACK_MS = 2 * 3_600_000;
const DAY_MS = 86_400_000;

export interface RowInput {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly view: TokenView | undefined;
  /** Price history around 24 h ago, oldest first (epoch ms, USD). */
  readonly history: ReadonlyArray<{ readonly t: number; readonly price: number }>;
  /** Kinds the API plan refuses now. */
  readonly unavailable: readonly DataKind[];
  readonly now: number;
  /** Levels at least this strong count (default the product's 50). */
  readonly minStrength?: number;
}

const cell = <T>(value: T | undefined, missing: Missing): Cell<T> =>
  value === undefined ? { missing } : { value };

/** The history point nearest to 24 h before `now`, if one is close enough. */
export function priceDayAgo(history: RowInput['history'], now: number): number | undefined {
  const target = now - DAY_MS;
  let best: { t: number; price: number } | undefined;
  for (const p of history) {
    if (Math.abs(p.t - target) > DAY_AGO_SLACK_MS) continue;
    if (!best || Math.abs(p.t - target) < Math.abs(best.t - target)) best = p;
  }
  return best?.price;
}

function nearest(
  view: TokenView,
  side: 'support' | 'resistance',
  minStrength: number,
): LevelCell | undefined {
  let best: LevelCell | undefined;
  for (const l of view.levels) {
    if (l.side !== side || l.strength < minStrength) continue;
    if (!best || Math.abs(l.distancePct) < Math.abs(best.distancePct)) {
      best = { level: l.level, distancePct: l.distancePct };
    }
  }
  return best;
}

export function buildRow(input: RowInput): WatchlistRow {
  const { view, unavailable, now } = input;
  const why = (kind: DataKind): Missing => (unavailable.includes(kind) ? 'plan' : 'no_data');
  const base = { tokenId: input.tokenId, symbol: input.symbol };
  if (!view) {
    const none = { missing: 'no_data' } as const;
    return {
      ...base,
      price: { missing: why('price') },
      change24h: none,
      signal: { missing: why('daily') },
      grade: { missing: why('grade') },
      support: { missing: why('levels') },
      resistance: { missing: why('levels') },
      sharpe: { missing: why('quant') },
    };
  }
  const src = view.priceSource;
  const price: WatchlistRow['price'] =
    view.price === undefined
      ? { missing: why('price') }
      : src && src.ageMs > STALE_PRICE_MS
        ? { missing: 'stale', ageMs: src.ageMs }
        : { value: { usd: view.price, ...(src ? { source: src.label, ageMs: src.ageMs } : {}) } };
  const before = priceDayAgo(input.history, now);
  const change =
    view.price !== undefined && before !== undefined && before > 0
      ? ((view.price - before) / before) * 100
      : undefined;
  const minStrength = input.minStrength ?? DEFAULT_SETTINGS.minStrength;
  const levelsWhy = view.levels.length === 0 ? why('levels') : 'no_data';
  return {
    ...base,
    price,
    change24h: cell(change, 'no_data'),
    signal: cell(
      view.daily ? { value: view.daily.signal, date: view.daily.date.slice(0, 10) } : undefined,
      why('daily'),
    ),
    grade: cell(view.grade?.grade, why('grade')),
    support: cell(nearest(view, 'support', minStrength), levelsWhy),
    resistance: cell(nearest(view, 'resistance', minStrength), levelsWhy),
    sharpe: cell(view.metrics?.SHARPE, why('quant')),
  };
}
