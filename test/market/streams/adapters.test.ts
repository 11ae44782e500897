import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '#src/market/streams/adapters.js';
import type { ExchangeId, FrameResult } from '#src/market/streams/types.js';
import { binanceFormat } from '../../fakes/exchange-binance.js';
import { coinbaseFormat } from '../../fakes/exchange-coinbase.js';
import { krakenFormat } from '../../fakes/exchange-kraken.js';
import { okxFormat } from '../../fakes/exchange-okx.js';

const NOW = 1_700_000_000_000;
const T = 1_699_999_999_000;

describe('frame parsing', () => {
  const cases: Array<[ExchangeId, string, string, FrameResult]> = [
    [
      'binance',
      'miniTicker',
      binanceFormat.priceFrame('SOLUSDT', 151.25, T),
      { kind: 'prices', ticks: [{ exchange: 'binance', pair: 'SOLUSDT', price: 151.25, time: T }] },
    ],
    ['binance', 'serverShutdown', JSON.stringify({ e: 'serverShutdown', E: T }), { kind: 'shutdown' }],
    ['binance', 'subscribe ack', JSON.stringify({ result: null, id: 1 }), { kind: 'control' }],
    [
      'binance',
      'price not a number',
      JSON.stringify({ stream: 'x', data: { e: '24hrMiniTicker', s: 'SOLUSDT', c: 'abc' } }),
      { kind: 'malformed' },
    ],
    [
      'binance',
      'zero price',
      JSON.stringify({ data: { e: '24hrMiniTicker', s: 'SOLUSDT', c: '0' } }),
      { kind: 'malformed' },
    ],
    [
      'coinbase',
      'ticker',
      coinbaseFormat.priceFrame('SOL-USD', 150.5, T),
      { kind: 'prices', ticks: [{ exchange: 'coinbase', pair: 'SOL-USD', price: 150.5, time: T }] },
    ],
    [
      'coinbase',
      'heartbeat',
      JSON.stringify({ channel: 'heartbeats', events: [{ heartbeat_counter: 3 }] }),
      { kind: 'control' },
    ],
    [
      'coinbase',
      'error',
      JSON.stringify({ type: 'error', message: 'failure to subscribe' }),
      { kind: 'error', message: 'failure to subscribe' },
    ],
    [
      'coinbase',
      'ticker without price',
      JSON.stringify({ channel: 'ticker', events: [{ tickers: [{ product_id: 'SOL-USD' }] }] }),
      { kind: 'malformed' },
    ],
    [
      'okx',
      'tickers',
      okxFormat.priceFrame('SOL-USDT', 149.9, T),
      { kind: 'prices', ticks: [{ exchange: 'okx', pair: 'SOL-USDT', price: 149.9, time: T }] },
    ],
    ['okx', 'pong', 'pong', { kind: 'control' }],
    [
      'okx',
      'subscribe event',
      JSON.stringify({ event: 'subscribe', arg: { channel: 'tickers', instId: 'SOL-USDT' } }),
      { kind: 'control' },
    ],
    [
      'okx',
      'error event',
      JSON.stringify({ event: 'error', code: '60012', msg: 'Invalid request' }),
      { kind: 'error', message: 'Invalid request' },
    ],
    [
      'kraken',
      'ticker (numbers)',
      krakenFormat.priceFrame('SOL/USD', 150.01, T),
      { kind: 'prices', ticks: [{ exchange: 'kraken', pair: 'SOL/USD', price: 150.01, time: T }] },
    ],
    ['kraken', 'heartbeat', JSON.stringify({ channel: 'heartbeat' }), { kind: 'control' }],
    ['kraken', 'pong', JSON.stringify({ method: 'pong' }), { kind: 'control' }],
    [
      'kraken',
      'failed subscribe',
      JSON.stringify({ method: 'subscribe', success: false, error: 'Currency pair not supported' }),
      { kind: 'error', message: 'Currency pair not supported' },
    ],
  ];
  it.each(cases)('%s %s', (x, _name, text, want) => {
    expect(ADAPTERS[x].parse(text, NOW)).toEqual(want);
  });

  it.each(['', 'not json', '[1,2]', 'null', '{"stream":', '\u0000\u0001'])(
    'every adapter drops %j as malformed',
    (text) => {
      for (const a of Object.values(ADAPTERS)) expect(a.parse(text, NOW)).toEqual({ kind: 'malformed' });
    },
  );

  it('a Binance frame without event time gets the receive time', () => {
    const r = ADAPTERS.binance.parse(
      JSON.stringify({ data: { e: '24hrMiniTicker', s: 'SOLUSDT', c: '2' } }),
      NOW,
    );
    expect(r).toEqual({
      kind: 'prices',
      ticks: [{ exchange: 'binance', pair: 'SOLUSDT', price: 2, time: NOW }],
    });
  });
});

describe('urls and subscribe messages', () => {
  it('Binance puts lower-case pairs in the combined-stream URL', () => {
    expect(ADAPTERS.binance.url('wss://data-stream.binance.vision/', ['SOLUSDT', 'ETHUSDT'])).toBe(
      'wss://data-stream.binance.vision/stream?streams=solusdt@miniTicker/ethusdt@miniTicker',
    );
    expect(ADAPTERS.binance.subscribe(['SOLUSDT'])).toEqual([]);
    expect(ADAPTERS.binance.unsubscribe).toBeUndefined();
  });

  it('Coinbase subscribes heartbeats and ticker', () => {
    expect(ADAPTERS.coinbase.subscribe(['SOL-USD']).map((m) => JSON.parse(m))).toEqual([
      { type: 'subscribe', channel: 'heartbeats' },
      { type: 'subscribe', channel: 'ticker', product_ids: ['SOL-USD'] },
    ]);
  });

  it('OKX and Kraken have an application keepalive', () => {
    expect(ADAPTERS.okx.keepalive).toEqual({ everyMs: 20_000, message: 'ping' });
    expect(JSON.parse(ADAPTERS.kraken.keepalive?.message ?? '')).toEqual({ method: 'ping' });
  });
});

describe('instrument lists', () => {
  it('Binance: a 1000… base is split into the ticker and its scale', () => {
    const list = ADAPTERS.binance.parseInstruments(
      binanceFormat.instruments([
        { base: 'SOL', quote: 'USDT' },
        { base: '1000SATS', quote: 'USDT' },
      ]),
    );
    expect(list).toEqual([
      { exchange: 'binance', pair: 'SOLUSDT', base: 'SOL', quote: 'USDT', scale: 1 },
      { exchange: 'binance', pair: '1000SATSUSDT', base: 'SATS', quote: 'USDT', scale: 1000 },
    ]);
  });

  it('Binance: pairs not trading are left out', () => {
    const body = {
      symbols: [{ symbol: 'LUNAUSDT', status: 'BREAK', baseAsset: 'LUNA', quoteAsset: 'USDT' }],
    };
    expect(ADAPTERS.binance.parseInstruments(body)).toEqual([]);
  });

  it('Coinbase: USDC products are left out (they stream as their USD twin)', () => {
    const list = ADAPTERS.coinbase.parseInstruments(
      coinbaseFormat.instruments([
        { base: 'SOL', quote: 'USD' },
        { base: 'SOL', quote: 'USDC' },
      ]),
    );
    expect(list.map((i) => i.pair)).toEqual(['SOL-USD']);
  });

  it('Kraken: REST XBT becomes BTC, as the v2 socket spells it', () => {
    const list = ADAPTERS.kraken.parseInstruments(krakenFormat.instruments([{ base: 'XBT', quote: 'USD' }]));
    expect(list).toEqual([{ exchange: 'kraken', pair: 'BTC/USD', base: 'BTC', quote: 'USD', scale: 1 }]);
  });

  it('OKX: live spot instruments', () => {
    const list = ADAPTERS.okx.parseInstruments(okxFormat.instruments([{ base: 'SOL', quote: 'USDT' }]));
    expect(list).toEqual([{ exchange: 'okx', pair: 'SOL-USDT', base: 'SOL', quote: 'USDT', scale: 1 }]);
  });

  it.each([null, 'x', { symbols: 'no' }, { products: [1, null] }, { result: [] }])(
    'a changed format gives no instruments, never a throw: %j',
    (body) => {
      for (const a of Object.values(ADAPTERS)) expect(a.parseInstruments(body)).toEqual([]);
    },
  );
});
