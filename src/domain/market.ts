import type { SignalValue, TokenId, TokenInfo } from './types.js';

/**
 * What the market source observed for one token in one fetch. Each part is present only when it was
 * fetched this time and passed validation: an absent part means "no news", never "changed to nothing".
 */
export interface TokenObservation {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url?: string;
  readonly price?: PriceObs;
  readonly daily?: DailySignalObs;
  readonly hourly?: HourlySignalObs;
  readonly levels?: LevelsObs;
  readonly quant?: QuantObs;
  readonly grade?: GradeObs;
}

export interface PriceObs {
  /** USD, > 0. */
  readonly price: number;
  /** When the price was quoted (exchange time), epoch ms. Absent: the tick time. */
  readonly at?: number;
  /** Where it came from, for people (`Binance SOL/USDT`). Absent: Token Metrics. */
  readonly source?: string;
}

/** `/v2/trading-signals`, the newest row. */
export interface DailySignalObs {
  /** TRADING_SIGNAL on that date. */
  readonly signal: SignalValue;
  /** TOKEN_TREND: the last non-zero signal. */
  readonly trend: SignalValue;
  /** ISO date of the row (YYYY-MM-DD...). */
  readonly date: string;
  readonly traderGrade?: number;
}

/** `/v2/hourly-trading-signals`, the newest row. */
export interface HourlySignalObs {
  readonly signal: SignalValue;
  readonly position: SignalValue;
  readonly timestamp: string;
  readonly close?: number;
  /**
   * CLOSE of every fetched hourly row of the token (the last ~2 days), oldest first: the start of the
   * token's price history for charts. Not kept in the engine state.
   */
  readonly closes?: ReadonlyArray<{ readonly t: number; readonly close: number }>;
}

/** `/v2/resistance-support`: bare historical levels (no side; side is derived against price). */
export interface LevelsObs {
  readonly levels: ReadonlyArray<{ readonly level: number; readonly date: string }>;
  readonly date?: string;
}

/** `/v2/quantmetrics`, the newest row. Only finite numbers are kept. */
export interface QuantObs {
  readonly date?: string;
  /** Keyed by the API's field name: SHARPE, SORTINO, VOLATILITY, MAX_DRAWDOWN, ... */
  readonly metrics: Readonly<Record<string, number>>;
}

/** `/v2/tm-grade`. */
export interface GradeObs {
  /** TM_GRADE_SIGNAL: Strong Buy / Buy / Neutral / Sell / Strong Sell. */
  readonly signal: string;
  readonly grade?: number;
  readonly momentum?: string;
}

/** Kinds of data the planner schedules separately, each with its own cadence. */
export const DATA_KINDS = ['price', 'daily', 'hourly', 'levels', 'quant', 'grade'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export interface FetchRequest {
  readonly tokenIds: readonly TokenId[];
  readonly kinds: readonly DataKind[];
  /**
   * Called for each kind that failed while others succeeded (the call then resolves with the rest), so
   * the caller does not record that kind as fetched and retries it next tick instead of a cadence later.
   */
  readonly onKindError?: (kind: DataKind, error: MarketError) => void;
}

/**
 * A source of market data: the Token Metrics HTTP client, or the bundled replay.
 * Contract: never throws for a bad row (it is dropped, logged and counted); throws a MarketError for a
 * failed call after its own bounded retries. Tokens or kinds it could not get are absent from the result.
 */
export interface MarketSource {
  fetch(req: FetchRequest, signal?: AbortSignal): Promise<Map<TokenId, TokenObservation>>;
}

/** Symbol → token resolution, cached. Symbols are not unique: `resolve` picks deterministically. */
export interface TokenDirectory {
  /** Case-insensitive; undefined when no token has that symbol. */
  resolve(symbol: string): Promise<TokenInfo | undefined>;
  /** For autocomplete: symbols starting with `prefix` (case-insensitive), at most `limit`. */
  search(prefix: string, limit: number): Promise<TokenInfo[]>;
  byId(tokenId: TokenId): Promise<TokenInfo | undefined>;
  /** Cached EXCHANGE_LIST `exchange_id`s of a token, without I/O (live prices); undefined when unknown. */
  exchangesOf?(tokenId: TokenId): readonly string[] | undefined;
}

/** Errors a market source throws. `retryable` says whether a later tick may succeed by itself. */
export class MarketError extends Error {
  override readonly name = 'MarketError';
  constructor(
    message: string,
    readonly code:
      | 'auth'
      | 'rate_limited'
      | 'server'
      | 'timeout'
      | 'bad_response'
      | 'network'
      // 400/404/422 or "Data not found": this request has no answer now (backed off, not retried hot).
      | 'no_data'
      // The monthly API credit budget is spent (or the call could not wait): nothing was sent.
      | 'budget',
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
