import { describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.js';

const BASE = { TM_API_KEY: 'k-1234' };

describe('live price configuration', () => {
  it('defaults: auto, all four exchanges in order, the public endpoints, 30 s hold', () => {
    const r = parseConfig(BASE);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.config.prices).toEqual({
      feed: 'auto',
      exchanges: ['binance', 'coinbase', 'okx', 'kraken'],
      ws: {
        binance: 'wss://data-stream.binance.vision',
        coinbase: 'wss://advanced-trade-ws.coinbase.com',
        okx: 'wss://ws.okx.com:8443/ws/v5/public',
        kraken: 'wss://ws.kraken.com/v2',
      },
      rest: {
        binance: 'https://api.binance.com',
        coinbase: 'https://api.coinbase.com',
        okx: 'https://www.okx.com',
        kraken: 'https://api.kraken.com',
      },
      breakoutHoldMs: 30_000,
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ PRICE_FEED: 'stream' }, 'PRICE_FEED: "stream" must be auto or poll'],
    [{ PRICE_EXCHANGES: 'binance,bybit' }, 'PRICE_EXCHANGES:'],
    [{ PRICE_EXCHANGES: 'kraken,kraken' }, 'PRICE_EXCHANGES:'],
    [{ BINANCE_WS_URL: 'ws://stream.example.com' }, 'BINANCE_WS_URL: must use wss://'],
    [{ KRAKEN_WS_URL: 'https://ws.kraken.com/v2' }, 'KRAKEN_WS_URL: must use wss://'],
    [{ OKX_REST_URL: 'http://www.okx.com' }, 'OKX_REST_URL: must use https://'],
    [{ BREAKOUT_HOLD: 'soon' }, 'BREAKOUT_HOLD: "soon" is not a duration'],
  ])('%o is refused with a clear message', (env, msg) => {
    const r = parseConfig({ ...BASE, ...env });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.startsWith(msg))).toBe(true);
  });

  it('loopback ws:// and http:// are accepted for tests; order and hold are kept', () => {
    const r = parseConfig({
      ...BASE,
      PRICE_FEED: 'poll',
      PRICE_EXCHANGES: ' Kraken, coinbase ',
      BINANCE_WS_URL: 'ws://127.0.0.1:4000/',
      BINANCE_REST_URL: 'http://localhost:4001',
      BREAKOUT_HOLD: '45s',
      PRICE_MAP_FILE: '/etc/tokenwatch/prices.json',
    });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.config.prices.feed).toBe('poll');
    expect(r.config.prices.exchanges).toEqual(['kraken', 'coinbase']);
    expect(r.config.prices.ws.binance).toBe('ws://127.0.0.1:4000');
    expect(r.config.prices.rest.binance).toBe('http://localhost:4001');
    expect(r.config.prices.breakoutHoldMs).toBe(45_000);
    expect(r.config.prices.mapFile).toBe('/etc/tokenwatch/prices.json');
  });
});
