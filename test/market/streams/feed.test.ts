import { afterEach, describe, expect, it } from 'vitest';
import type { ReferencePrice } from '#src/domain/live-note.js';
import { type PriceFeed as Feed, PriceFeed, type StreamSource } from '#src/market/streams/feed.js';
import type { TokenRef } from '#src/market/streams/mapping.js';
import { binanceFormat } from '../../fakes/exchange-binance.js';
import { coinbaseFormat } from '../../fakes/exchange-coinbase.js';
import { FakeExchange, until } from '../../fakes/exchange-server.js';
import { ManualTimers } from '../../support/manual-timers.js';

const SOLANA: TokenRef = { tokenId: 3988, symbol: 'SOL', exchanges: ['binance', 'coinbase'] };
const OTHER_SOL: TokenRef = { tokenId: 77001, symbol: 'SOL', exchanges: ['binance'] };
const SATS: TokenRef = { tokenId: 31000, symbol: 'SATS', exchanges: ['binance'] };
const ETH: TokenRef = { tokenId: 3306, symbol: 'ETH', exchanges: ['binance'] };

const TM: Record<number, number> = { 3988: 150, 77001: 0.012, 31000: 0.00025, 3306: 3000 };
const HOUR = 3_600_000;

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/**
 * A feed on a local Binance (SOL, ETH, 1000SATS) and Coinbase (SOL). `tm`: Token Metrics' prices, polled
 * `tmAgeMs` before the clock's start unless `refs` (which the test may change) says otherwise.
 */
async function setup(tm: Record<number, number> = TM, tmAgeMs = 0, o: { binanceListStatus?: number } = {}) {
  const binance = await new FakeExchange(binanceFormat, [
    { base: 'SOL', quote: 'USDT' },
    { base: 'ETH', quote: 'USDT' },
    { base: '1000SATS', quote: 'USDT' },
  ]).start();
  binance.instrumentsStatus = o.binanceListStatus;
  const coinbase = await new FakeExchange(coinbaseFormat, [{ base: 'SOL', quote: 'USD' }]).start();
  const timers = new ManualTimers();
  const refs = new Map<number, ReferencePrice>(
    Object.entries(tm).map(([id, price]) => [
      Number(id),
      { price, at: timers.now() - tmAgeMs, source: 'Token Metrics' },
    ]),
  );
  const prices: Array<{ tokenId: number; price: number; source: StreamSource }> = [];
  const feed: Feed = new PriceFeed({
    exchanges: ['binance', 'coinbase'],
    wsRoots: { binance: binance.wsUrl, coinbase: coinbase.wsUrl },
    restRoots: { binance: binance.httpUrl, coinbase: coinbase.httpUrl },
    reference: (id) => refs.get(id),
    onPrice: (tokenId, price, source) => prices.push({ tokenId, price, source }),
    timers,
    now: timers.now,
    random: () => 0,
  });
  cleanup.push(
    () => binance.stop(),
    () => coinbase.stop(),
    () => feed.close(),
  );
  await feed.start();
  return { binance, coinbase, timers, prices, feed, refs };
}

describe('PriceFeed', () => {
  it('two Token Metrics tokens with the symbol SOL: the price gate tells them apart', async () => {
    const { binance, feed, prices } = await setup();
    feed.watch([SOLANA, OTHER_SOL]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true, 5_000, 'SOLUSDT subscribed');
    expect(feed.status(3988).state).toBe('pending');
    binance.price('SOLUSDT', 150.9);
    await until(() => prices.length === 1);
    expect(prices[0]).toMatchObject({
      tokenId: 3988,
      price: 150.9,
      source: { exchange: 'binance', pair: 'SOLUSDT' },
    });
    expect(feed.status(3988).state).toBe('live');
    // The other SOL (a cent in Token Metrics) failed the 3% check and has no other candidate.
    expect(feed.status(77001).state).toBe('ambiguous');
    binance.price('SOLUSDT', 151);
    await until(() => prices.length === 2);
    expect(prices.every((p) => p.tokenId === 3988)).toBe(true);
  });

  it('the 3% gate: a first price 5% off Token Metrics is refused, the next exchange is tried', async () => {
    const { binance, coinbase, feed, prices } = await setup({ ...TM, 3988: 143 });
    feed.watch([SOLANA]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true);
    binance.price('SOLUSDT', 150.2); // 5% above 143
    await until(() => coinbase.clients[0]?.pairs.has('SOL-USD') === true, 5_000, 'moved to Coinbase');
    expect(prices).toEqual([]);
    await until(() => binance.clients.length === 0, 5_000, 'Binance connection closed');
    coinbase.price('SOL-USD', 144);
    await until(() => prices.length === 1);
    expect(prices[0]?.source.exchange).toBe('coinbase');
    expect(feed.status(3988)).toMatchObject({
      state: 'live',
      choice: { exchange: 'coinbase', pair: 'SOL-USD' },
    });
  });

  it('a 1000… pair is scaled to the price of one token', async () => {
    const { binance, feed, prices } = await setup();
    feed.watch([SATS]);
    await until(() => binance.clients[0]?.pairs.has('1000SATSUSDT') === true);
    binance.price('1000SATSUSDT', 0.2504);
    await until(() => prices.length === 1);
    expect(prices[0]?.price).toBeCloseTo(0.0002504, 10);
    expect(feed.status(31000).state).toBe('live');
  });

  it('Binance refuses with 451: its tokens move to Coinbase; tokens only Binance has poll', async () => {
    const { binance, coinbase, feed, prices } = await setup();
    binance.refuseStatus = 451;
    feed.watch([SOLANA, ETH]);
    await until(() => coinbase.clients[0]?.pairs.has('SOL-USD') === true, 5_000, 'SOL on Coinbase');
    coinbase.price('SOL-USD', 150.1);
    await until(() => prices.length === 1);
    expect(prices[0]).toMatchObject({ tokenId: 3988, source: { exchange: 'coinbase' } });
    expect(feed.status(3306).state).toBe('unavailable'); // only Binance lists it, and Binance refuses us
    expect(feed.status(3306).note).toEqual({
      kind: 'unavailable',
      disagree: [],
      refused: [{ exchange: 'Binance', status: 451, until: feed.stats().get('binance')?.unavailableUntil }],
    });
    expect(feed.isLive(3306)).toBe(false);
    expect(feed.stats().get('binance')?.unavailableUntil).toBeGreaterThan(0);
  });

  it('no pair, forbidden, pending: each state says why', async () => {
    const { binance, feed } = await setup();
    const XYZ = { tokenId: 5, symbol: 'XYZ', exchanges: ['binance', 'coinbase', 'bybit_spot'] };
    feed.watch([SOLANA, XYZ]);
    expect(feed.status(5)).toEqual({
      state: 'none',
      note: { kind: 'none', symbol: 'XYZ', exchanges: ['Binance', 'Coinbase'] },
    });
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true);
    expect(feed.status(3988).note).toEqual({ kind: 'pending', pair: 'Binance SOL/USDT' });
  });

  /** SOL live on Binance, then the stream moves it 12% while Token Metrics' price (3 h old) stays put. */
  async function liveThroughAMove(s: Awaited<ReturnType<typeof setup>>) {
    const { binance, feed, prices } = s;
    feed.watch([SOLANA]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true);
    binance.price('SOLUSDT', 150.4); // agrees with Token Metrics' old price: accepted
    await until(() => prices.length === 1);
    for (const p of [155, 160, 165, 168]) binance.price('SOLUSDT', p);
    await until(() => prices.length === 5);
    expect(feed.status(3988)).toMatchObject({ state: 'live', price: 168 });
  }

  /** Binance refuses (451) when the connection comes back: SOL's stream moves to Coinbase. */
  async function binanceRefusesOnReconnect(s: Awaited<ReturnType<typeof setup>>) {
    const { binance, coinbase, feed, timers } = s;
    binance.refuseStatus = 451;
    binance.cutAll();
    // The connection saw the close and scheduled its reconnect (backoff with random 0: 1 s).
    await until(() => (feed.stats().get('binance')?.reconnects ?? 0) >= 1, 5_000, 'reconnect scheduled');
    timers.advance(1_000);
    await until(() => coinbase.clients[0]?.pairs.has('SOL-USD') === true, 5_000, 'SOL moved to Coinbase');
    expect(feed.status(3988).state).toBe('pending');
  }

  it('hand-over: after a 12% move a new exchange is checked against the last live price, not the old Token Metrics one', async () => {
    const s = await setup(TM, 3 * HOUR);
    await liveThroughAMove(s);
    await binanceRefusesOnReconnect(s);
    s.timers.advance(2_000);
    s.coinbase.price('SOL-USD', 168.4); // 12% off Token Metrics' 150, 0.2% off the last live 168
    await until(() => s.prices.length === 6, 5_000, 'Coinbase price used');
    expect(s.prices[5]).toMatchObject({ tokenId: 3988, price: 168.4, source: { exchange: 'coinbase' } });
    expect(s.feed.status(3988)).toMatchObject({ state: 'live', choice: { pair: 'SOL-USD' } });
    expect(s.feed.status(3988).note).toBeUndefined();
    expect(s.feed.isLive(3988)).toBe(true);
  });

  it('hand-over: Token Metrics is the reference when it is fresher than the last live price', async () => {
    const s = await setup(TM, 3 * HOUR);
    await liveThroughAMove(s);
    await binanceRefusesOnReconnect(s);
    s.timers.advance(2_000); // a poll after the last live price says 120 (a crash the stream did not see)
    s.refs.set(3988, { price: 120, at: s.timers.now(), source: 'Token Metrics' });
    s.coinbase.price('SOL-USD', 121);
    await until(() => s.prices.length === 6, 5_000, 'Coinbase price used');
    expect(s.feed.status(3988).state).toBe('live');
  });

  it('hand-over to a pair that truly disagrees: refused, with the price, the reference and the refusal', async () => {
    const s = await setup(TM, 3 * HOUR);
    await liveThroughAMove(s);
    await binanceRefusesOnReconnect(s);
    const t = s.timers.now();
    s.coinbase.price('SOL-USD', 140); // 16.7% below the last live 168, received just now
    await until(() => s.feed.status(3988).state === 'unavailable', 5_000, 'Coinbase refused');
    expect(s.prices).toHaveLength(5);
    expect(s.feed.status(3988).note).toEqual({
      kind: 'unavailable',
      disagree: [
        {
          pair: 'Coinbase SOL/USD',
          price: 140,
          at: t,
          reference: { price: 168, at: t - 1_000, source: 'Binance SOL/USDT' },
          pct: 16.67,
          tolerancePct: 3,
        },
      ],
      refused: [{ exchange: 'Binance', status: 451, until: t + HOUR }],
    });
    expect(s.feed.isLive(3988)).toBe(false);
  });

  it('a reference too old to judge by holds the pair; a fresh poll then decides', async () => {
    const s = await setup({ ...TM, 3988: 150 }, 3 * HOUR);
    s.feed.watch([SOLANA]);
    await until(() => s.binance.clients[0]?.pairs.has('SOLUSDT') === true);
    s.binance.price('SOLUSDT', 168); // 12% off a 3-hour-old price: not rejected blindly
    await until(
      () => s.feed.status(3988).note?.kind === 'pending' && 'held' in (s.feed.status(3988).note ?? {}),
    );
    expect(s.feed.status(3988)).toMatchObject({
      state: 'pending',
      note: { kind: 'pending', held: { price: 168, pct: 12, reference: { price: 150 } } },
    });
    expect(s.prices).toEqual([]);
    // The token is polled meanwhile; Token Metrics now says 140: Binance's 168 is wrong, Coinbase is tried.
    s.refs.set(3988, { price: 140, at: s.timers.now(), source: 'Token Metrics' });
    s.binance.price('SOLUSDT', 168);
    await until(() => s.coinbase.clients[0]?.pairs.has('SOL-USD') === true, 5_000, 'moved to Coinbase');
    s.coinbase.price('SOL-USD', 140.5);
    await until(() => s.prices.length === 1);
    expect(s.prices[0]?.source.exchange).toBe('coinbase');
  });

  it('resubscribes when the watched set changes', async () => {
    const { binance, feed } = await setup();
    feed.watch([SOLANA]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true);
    feed.watch([SOLANA, ETH]);
    await until(() => binance.clients.length === 1 && binance.clients[0]?.pairs.has('ETHUSDT') === true);
    feed.watch([ETH]);
    await until(() => binance.clients.length === 1 && binance.clients[0]?.pairs.has('SOLUSDT') === false);
  });

  it('a live stream stops counting as live a minute after its last price (polling takes over)', async () => {
    const { binance, feed, prices, timers } = await setup();
    feed.watch([SOLANA]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true);
    binance.price('SOLUSDT', 150);
    await until(() => prices.length === 1);
    expect(feed.isLive(3988)).toBe(true);
    await binance.stop();
    timers.advance(61_000);
    expect(feed.isLive(3988)).toBe(false);
    expect(feed.status(3988).state).toBe('live'); // mapping kept: prices resume when the exchange is back
  });

  it('a pair list that failed at start is retried within minutes, and until then /levels says so', async () => {
    const { binance, feed, timers } = await setup(TM, 0, { binanceListStatus: 503 });
    feed.watch([ETH]);
    expect(feed.status(ETH.tokenId).note).toMatchObject({ kind: 'none', unloaded: ['Binance'] });
    binance.instrumentsStatus = undefined;
    timers.advance(60_000);
    await until(() => binance.instrumentCalls === 2, 5_000, 'the retry a minute later');
    await until(() => binance.clients[0]?.pairs.has('ETHUSDT') === true, 5_000, 'ETH subscribed');
    expect(feed.status(ETH.tokenId).state).toBe('pending');
  });

  it('instrument lists are fetched at start and again a day later', async () => {
    const { binance, timers } = await setup();
    expect(binance.instrumentCalls).toBe(1);
    timers.advance(86_400_000);
    await until(() => binance.instrumentCalls === 2, 5_000, 'daily reload');
  });
});
