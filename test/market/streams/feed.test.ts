import { afterEach, describe, expect, it } from 'vitest';
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

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(tm: Record<number, number> = TM) {
  const binance = await new FakeExchange(binanceFormat, [
    { base: 'SOL', quote: 'USDT' },
    { base: 'ETH', quote: 'USDT' },
    { base: '1000SATS', quote: 'USDT' },
  ]).start();
  const coinbase = await new FakeExchange(coinbaseFormat, [{ base: 'SOL', quote: 'USD' }]).start();
  const timers = new ManualTimers();
  const prices: Array<{ tokenId: number; price: number; source: StreamSource }> = [];
  const feed: Feed = new PriceFeed({
    exchanges: ['binance', 'coinbase'],
    wsRoots: { binance: binance.wsUrl, coinbase: coinbase.wsUrl },
    restRoots: { binance: binance.httpUrl, coinbase: coinbase.httpUrl },
    tmPrice: (id) => tm[id],
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
  return { binance, coinbase, timers, prices, feed };
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
    expect(feed.isLive(3306)).toBe(false);
    expect(feed.stats().get('binance')?.unavailableUntil).toBeGreaterThan(0);
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

  it('instrument lists are fetched at start and again a day later', async () => {
    const { binance, timers } = await setup();
    expect(binance.instrumentCalls).toBe(1);
    timers.advance(86_400_000);
    await until(() => binance.instrumentCalls === 2, 5_000, 'daily reload');
  });
});
