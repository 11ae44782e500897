import type { ExchangeFormat, FakePair } from './exchange-server.js';

/** Binance spot: `GET /api/v3/exchangeInfo`; combined `/stream?streams=<pair>@miniTicker/...`. */
export const binanceFormat: ExchangeFormat = {
  instrumentsPath: '/api/v3/exchangeInfo',
  pairName: (p) => `${p.base}${p.quote}`,
  instruments: (pairs) => ({
    timezone: 'UTC',
    symbols: pairs.map((p) => ({
      symbol: `${p.base}${p.quote}`,
      status: 'TRADING',
      baseAsset: p.base,
      quoteAsset: p.quote,
      isSpotTradingAllowed: true,
    })),
  }),
  priceFrame: (pair, price, time) =>
    JSON.stringify({
      stream: `${pair.toLowerCase()}@miniTicker`,
      data: {
        e: '24hrMiniTicker',
        E: time,
        s: pair,
        c: String(price),
        o: '1',
        h: '1',
        l: '1',
        v: '1',
        q: '1',
      },
    }),
  pairsFromUrl: (url) =>
    (url.searchParams.get('streams') ?? '')
      .split('/')
      .filter((s) => s.endsWith('@miniTicker'))
      .map((s) => s.slice(0, -'@miniTicker'.length).toUpperCase()),
  onMessage: () => {},
  shutdownFrame: () => JSON.stringify({ e: 'serverShutdown', E: Date.now() }),
};

export const pairOf = (base: string, quote: string): FakePair => ({ base, quote });
