import type { Env } from './schema.js';

export type PriceExchange = 'binance' | 'coinbase' | 'okx' | 'kraken';

/** Live prices from exchange streams (issue 9). */
export interface PriceConfig {
  /** `auto`: streams where a token maps, polling for the rest (default); `poll`: Token Metrics only. */
  readonly feed: 'auto' | 'poll';
  /** Preference order. Default binance, coinbase, okx, kraken. */
  readonly exchanges: readonly PriceExchange[];
  /** Socket root per exchange (`*_WS_URL`, no trailing slash). */
  readonly ws: Readonly<Record<PriceExchange, string>>;
  /** REST API root per exchange (`*_REST_URL`), for the instrument lists. */
  readonly rest: Readonly<Record<PriceExchange, string>>;
  /** `PRICE_MAP_FILE`: JSON `token_id → "exchange:PAIR"` (or null to forbid). */
  readonly mapFile?: string;
  /** `BREAKOUT_HOLD`, ms (default 30 s): how long a streamed price must stay past the breakout buffer. */
  readonly breakoutHoldMs: number;
}

export function priceConfigOf(e: Env): PriceConfig {
  return {
    feed: e.PRICE_FEED,
    exchanges: e.PRICE_EXCHANGES,
    ws: {
      binance: e.BINANCE_WS_URL,
      coinbase: e.COINBASE_WS_URL,
      okx: e.OKX_WS_URL,
      kraken: e.KRAKEN_WS_URL,
    },
    rest: {
      binance: e.BINANCE_REST_URL,
      coinbase: e.COINBASE_REST_URL,
      okx: e.OKX_REST_URL,
      kraken: e.KRAKEN_REST_URL,
    },
    ...(e.PRICE_MAP_FILE === undefined ? {} : { mapFile: e.PRICE_MAP_FILE }),
    breakoutHoldMs: e.BREAKOUT_HOLD,
  };
}
