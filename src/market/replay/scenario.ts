import type { DataKind } from '../../domain/market.js';
import type { SignalValue, TokenId } from '../../domain/types.js';

/** One token of a scenario: identity plus one value per step for everything that moves. */
export interface ScenarioToken {
  readonly id: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly slug: string;
  readonly exchanges: readonly string[];
  /** USD per step. Rendered as a string for tokens with `stringNumbers` (the API sometimes does that). */
  readonly price: readonly number[];
  readonly stringNumbers?: boolean;
  /** Daily TRADING_SIGNAL / TOKEN_TREND before and from the scenario's `dailyRollStep` (default: unchanged). */
  readonly daily: { readonly before: DailyValue; readonly after?: DailyValue };
  /** Hourly SIGNAL / POSITION per step: `before`, then `flip.at` at `flip.step`, then `flip.after`. */
  readonly hourly: {
    readonly before: HourlyValue;
    readonly flip?: { readonly step: number; readonly at: HourlyValue; readonly after: HourlyValue };
  };
  /** Raw historical levels: price and age in days relative to the scenario's anchor day. */
  readonly levels: ReadonlyArray<{ readonly level: number; readonly daysAgo: number }>;
  /** SHARPE per step (other quant metrics are constant). Absent: no quant rows. */
  readonly sharpe?: readonly number[];
  /** TM grade; `change` switches it from a step on. Absent: no grade rows. */
  readonly grade?: {
    readonly before: GradeValue;
    readonly change?: { readonly step: number; readonly after: GradeValue };
  };
}

export interface DailyValue {
  readonly signal: SignalValue;
  readonly trend: SignalValue;
}
export interface HourlyValue {
  readonly signal: SignalValue;
  readonly position: SignalValue;
}
export interface GradeValue {
  readonly signal: string;
  readonly grade: number;
  readonly momentum: string;
}

/** A malformed row: replaces the token's valid row of that kind at that step (or is added if `extra`). */
export interface BadRow {
  readonly step: number;
  readonly kind: DataKind;
  readonly tokenId: TokenId;
  readonly why: string;
  /** Turns the valid raw row into the bad one. */
  readonly mutate: (row: Record<string, unknown>) => Record<string, unknown>;
}

export interface Scenario {
  readonly name: string;
  readonly steps: number;
  /** Time between steps, ms (hourly rows are stamped anchor + step × stepMs). */
  readonly stepMs: number;
  /** From this step on the daily rows are dated the anchor day (before: the day before) and use `after`. */
  readonly dailyRollStep: number;
  /** Listing order of `/tokens`. */
  readonly tokens: readonly ScenarioToken[];
  readonly badRows: readonly BadRow[];
}

/**
 * Steps where things happen in DEFAULT_SCENARIO. Step 0 is the baseline (first sight: no alerts).
 *
 * Expected alerts with default settings (proximity 2 %, Sharpe threshold 1.0, minStrength 50):
 * - solApproach (5): SOL 197 is within 2 % below the strong resistance cluster 199.6 / 200.0 / 200.4
 *   (dated 400, 90 and 30 days before the anchor) → level_approach (resistance, up).
 * - btcDailyFlip (6): BTC TOKEN_TREND 1 → -1 (TRADING_SIGNAL -1) → signal_flip daily, bullish → bearish.
 * - solTouch (7): SOL 199.5, within 0.25 % of the cluster, still below it → level_touch.
 * - solCross (8) / solBreakout (9): SOL 203 then 205.5, above the whole cluster → level_breakout (up) at 8
 *   or, if the engine wants a confirming observation, at 9. Then SOL moves away (208 → 229): no more
 *   alerts for that level (its approach/touch are suppressed after the breakout).
 * - ethHourlyFlip (10): ETH hourly POSITION 1 → -1 → signal_flip hourly (only for `hourly` subscribers).
 * - sharpeCross (12): BTC SHARPE 0.98 → 1.12 → metric_cross up through 1.0 (past the +0.1 hysteresis band); afterwards it wobbles
 *   between 0.93 and 1.08 (inside ±0.1): no further alerts thanks to hysteresis.
 * - ethApproach (14): ETH 3050 is within 2 % above the strong support cluster 2990 / 3000 / 3010
 *   (250, 150, 45 days old) → level_approach (support, down).
 * - solGradeChange (16): SOL TM_GRADE_SIGNAL Buy → Strong Buy → grade_change.
 * - dogeWeakApproach (18): DOGE 0.492 is within 2 % of a single 900-day-old level at 0.50: weak, so NO
 *   alert by default. Other single old levels (SOL 150/260, ETH 3600, BTC 80k/120k) are never near.
 * - Daily rows of every token get a new DATE at step 6 with unchanged values for ETH/SOL/DOGE: no alert.
 * - Bad rows (dropped, counted in tokenwatch_api_invalid_rows_total, never an alert; the token simply has
 *   no such data at that step): badPriceString (3, DOGE "abc"), badPriceNegative (4, ETH -3250),
 *   badQuantMissingId (5, BTC quant without TOKEN_ID), badHourlySignal (8, BTC SIGNAL "2"),
 *   badPriceMissing (11, SOL without CURRENT_PRICE), badGradeEmpty (13, DOGE empty TM_GRADE_SIGNAL),
 *   badLevelItem (20, one ETH level "abc" next to the valid ones: only that item is dropped).
 * The token list also holds a second "BTC" (Osmosis allBTC, one exchange, listed first): resolving BTC
 * must still give 3375.
 */
export const SCENARIO_MARKS = {
  baseline: 0,
  badPriceString: 3,
  badPriceNegative: 4,
  solApproach: 5,
  badQuantMissingId: 5,
  btcDailyFlip: 6,
  solTouch: 7,
  solCross: 8,
  badHourlySignal: 8,
  solBreakout: 9,
  ethHourlyFlip: 10,
  badPriceMissing: 11,
  sharpeCross: 12,
  badGradeEmpty: 13,
  ethApproach: 14,
  solGradeChange: 16,
  dogeWeakApproach: 18,
  badLevelItem: 20,
} as const;

const M = SCENARIO_MARKS;
const without =
  (field: string) =>
  (row: Record<string, unknown>): Record<string, unknown> => {
    const { [field]: _dropped, ...rest } = row;
    return rest;
  };

// Token ids: BTC 3375 and ETH 3306 are documented; SOL 3988 comes from community code; DOGE and the
// allBTC id are illustrative.
export const DEFAULT_SCENARIO: Scenario = {
  name: 'default',
  steps: 30,
  stepMs: 3_600_000,
  dailyRollStep: M.btcDailyFlip,
  tokens: [
    {
      id: 40102,
      symbol: 'BTC',
      name: 'Osmosis allBTC',
      slug: 'osmosis-allbtc',
      exchanges: ['osmosis'],
      price: Array.from({ length: 30 }, () => 94_000),
      daily: { before: { signal: 0, trend: 1 } },
      hourly: { before: { signal: 0, position: 1 } },
      levels: [],
    },
    {
      id: 3375,
      symbol: 'BTC',
      name: 'Bitcoin',
      slug: 'bitcoin',
      exchanges: ['binance', 'bybit_spot', 'coinbase', 'kraken', 'okx'],
      // biome-ignore format: one value per step
      price: [95000, 95200, 94900, 95100, 95300, 95050, 94800, 94500, 94200, 94300, 94100, 93900, 94000, 93800, 93600, 93700, 93500, 93400, 93600, 93300, 93200, 93400, 93100, 93000, 93200, 92900, 93100, 92800, 93000, 92900],
      daily: { before: { signal: 0, trend: 1 }, after: { signal: -1, trend: -1 } },
      hourly: { before: { signal: 0, position: 1 } },
      levels: [
        { level: 80_000, daysAgo: 600 },
        { level: 120_000, daysAgo: 1000 },
      ],
      // biome-ignore format: one value per step
      sharpe: [0.8, 0.83, 0.85, 0.87, 0.88, 0.9, 0.91, 0.93, 0.94, 0.96, 0.97, 0.98, 1.12, 0.97, 1.06, 0.95, 1.02, 0.93, 1.07, 0.98, 1.03, 0.96, 1.05, 0.99, 1.08, 0.94, 1.01, 0.97, 1.04, 1.02],
      grade: { before: { signal: 'Buy', grade: 61.27, momentum: 'Gaining Momentum' } },
    },
    {
      id: 3306,
      symbol: 'ETH',
      name: 'Ethereum',
      slug: 'ethereum',
      exchanges: ['binance', 'coinbase', 'kraken', 'okx'],
      stringNumbers: true,
      // biome-ignore format: one value per step
      price: [3300, 3290, 3275, 3260, 3250, 3240, 3225, 3210, 3190, 3170, 3150, 3125, 3100, 3085, 3050, 3045, 3060, 3080, 3100, 3130, 3150, 3170, 3160, 3180, 3200, 3210, 3220, 3230, 3240, 3250],
      daily: { before: { signal: 0, trend: 1 } },
      hourly: {
        before: { signal: 0, position: 1 },
        flip: { step: M.ethHourlyFlip, at: { signal: -1, position: -1 }, after: { signal: 0, position: -1 } },
      },
      levels: [
        { level: 2990, daysAgo: 250 },
        { level: 3000, daysAgo: 150 },
        { level: 3010, daysAgo: 45 },
        { level: 3600, daysAgo: 700 },
      ],
      sharpe: Array.from({ length: 30 }, () => 1.4),
      grade: { before: { signal: 'Neutral', grade: 55.1, momentum: 'Holding Steady' } },
    },
    {
      id: 3988,
      symbol: 'SOL',
      name: 'Solana',
      slug: 'solana',
      exchanges: ['binance', 'coinbase', 'kraken', 'bybit_spot'],
      // biome-ignore format: one value per step
      price: [180, 182, 185, 188, 192, 197, 198, 199.5, 203, 205.5, 208, 211, 214, 216, 218, 219, 220, 221, 220, 222, 223, 224, 223, 225, 226, 225, 227, 228, 227, 229],
      daily: { before: { signal: 0, trend: 1 } },
      hourly: { before: { signal: 0, position: 1 } },
      levels: [
        { level: 150, daysAgo: 500 },
        { level: 199.6, daysAgo: 400 },
        { level: 200.0, daysAgo: 90 },
        { level: 200.4, daysAgo: 30 },
        { level: 260, daysAgo: 800 },
      ],
      sharpe: Array.from({ length: 30 }, () => 1.6),
      grade: {
        before: { signal: 'Buy', grade: 68.4, momentum: 'Gaining Momentum' },
        change: {
          step: M.solGradeChange,
          after: { signal: 'Strong Buy', grade: 82.9, momentum: 'Momentum Surging' },
        },
      },
    },
    {
      id: 3378,
      symbol: 'DOGE',
      name: 'Dogecoin',
      slug: 'dogecoin',
      exchanges: ['binance', 'coinbase', 'kraken'],
      stringNumbers: true,
      // biome-ignore format: one value per step
      price: [0.4, 0.405, 0.41, 0.415, 0.42, 0.425, 0.43, 0.435, 0.44, 0.445, 0.45, 0.455, 0.46, 0.465, 0.47, 0.475, 0.48, 0.485, 0.492, 0.495, 0.49, 0.485, 0.48, 0.475, 0.47, 0.468, 0.466, 0.47, 0.472, 0.47],
      daily: { before: { signal: 0, trend: -1 } },
      hourly: { before: { signal: 0, position: -1 } },
      levels: [
        { level: 0.5, daysAgo: 900 },
        { level: 0.3, daysAgo: 1200 },
      ],
      sharpe: Array.from({ length: 30 }, () => 0.5),
      grade: { before: { signal: 'Sell', grade: 35.2, momentum: 'Losing Momentum' } },
    },
  ],
  badRows: [
    {
      step: M.badPriceString,
      kind: 'price',
      tokenId: 3378,
      why: 'price "abc"',
      mutate: (r) => ({ ...r, CURRENT_PRICE: 'abc' }),
    },
    {
      step: M.badPriceNegative,
      kind: 'price',
      tokenId: 3306,
      why: 'negative price',
      mutate: (r) => ({ ...r, CURRENT_PRICE: -3250 }),
    },
    {
      step: M.badQuantMissingId,
      kind: 'quant',
      tokenId: 3375,
      why: 'no TOKEN_ID',
      mutate: without('TOKEN_ID'),
    },
    {
      step: M.badHourlySignal,
      kind: 'hourly',
      tokenId: 3375,
      why: 'SIGNAL "2"',
      mutate: (r) => ({ ...r, SIGNAL: '2' }),
    },
    {
      step: M.badPriceMissing,
      kind: 'price',
      tokenId: 3988,
      why: 'no CURRENT_PRICE',
      mutate: without('CURRENT_PRICE'),
    },
    {
      step: M.badGradeEmpty,
      kind: 'grade',
      tokenId: 3378,
      why: 'empty grade signal',
      mutate: (r) => ({ ...r, TM_GRADE_SIGNAL: '' }),
    },
    {
      step: M.badLevelItem,
      kind: 'levels',
      tokenId: 3306,
      why: 'one level "abc"',
      mutate: (r) => ({
        ...r,
        HISTORICAL_RESISTANCE_SUPPORT_LEVELS: [
          ...(r.HISTORICAL_RESISTANCE_SUPPORT_LEVELS as unknown[]),
          { date: '2025-01-01', level: 'abc' },
        ],
      }),
    },
  ],
};
