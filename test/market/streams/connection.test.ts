import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS } from '#src/market/streams/adapters.js';
import { type HubOptions, StreamHub } from '#src/market/streams/hub.js';
import type { ExchangeId, PriceTick } from '#src/market/streams/types.js';
import { binanceFormat } from '../../fakes/exchange-binance.js';
import { coinbaseFormat } from '../../fakes/exchange-coinbase.js';
import { krakenFormat } from '../../fakes/exchange-kraken.js';
import { okxFormat } from '../../fakes/exchange-okx.js';
import { type ExchangeFormat, FakeExchange, until } from '../../fakes/exchange-server.js';
import { ManualTimers } from '../../support/manual-timers.js';

const PAIRS = [
  { base: 'SOL', quote: 'USDT' },
  { base: 'ETH', quote: 'USDT' },
  { base: 'SOL', quote: 'USD' },
  { base: 'ETH', quote: 'USD' },
];

let open: Array<{ stop(): unknown } | { close(): unknown }> = [];
afterEach(async () => {
  for (const x of open.reverse()) await ('stop' in x ? x.stop() : x.close());
  open = [];
});

async function setup(id: ExchangeId, format: ExchangeFormat, extra: Partial<HubOptions> = {}) {
  const ex = await new FakeExchange(format, PAIRS).start();
  const timers = new ManualTimers();
  const ticks: PriceTick[] = [];
  const availability: Array<[boolean, number | undefined]> = [];
  const hub = new StreamHub({
    adapters: new Map([[id, ADAPTERS[id]]]),
    roots: { [id]: ex.wsUrl },
    onTicks: (t) => ticks.push(...t),
    onAvailability: (_x, ok, status) => availability.push([ok, status]),
    timers,
    now: timers.now,
    random: () => 0,
    ...extra,
  });
  open.push(ex, hub);
  const stats = () => hub.stats().get(id);
  return { ex, hub, timers, ticks, availability, stats };
}

describe('Binance connection', () => {
  it('carries the pairs in the URL, delivers prices and answers server pings', async () => {
    const { ex, hub, ticks } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT', 'ETHUSDT']);
    await until(() => ex.clients.length === 1, 5_000, 'connection');
    expect([...(ex.clients[0]?.pairs ?? [])]).toEqual(['SOLUSDT', 'ETHUSDT']);
    expect(ex.clients[0]?.url.pathname).toBe('/stream');
    ex.price('SOLUSDT', 151.5, 1000);
    await until(() => ticks.length === 1);
    expect(ticks[0]).toEqual({ exchange: 'binance', pair: 'SOLUSDT', price: 151.5, time: 1000 });
    ex.pingAll();
    await until(() => (ex.clients[0]?.pongs ?? 0) === 1, 5_000, 'pong');
  });

  it('reconnects after a cut, with backoff', async () => {
    const { ex, hub, timers, stats } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => ex.clients.length === 1);
    ex.cutAll(1001);
    await until(() => ex.clients.length === 0);
    await until(() => timers.pending > 0, 5_000, 'reconnect scheduled');
    timers.advance(500);
    await new Promise((r) => setTimeout(r, 50));
    expect(ex.handshakes).toBe(1); // not before the first backoff step (1 s)
    timers.advance(600);
    await until(() => ex.clients.length === 1, 5_000, 'reconnected');
    expect(ex.handshakes).toBe(2);
    expect(stats()?.reconnects).toBe(1);
  });

  it('a silent stall is detected by the watchdog and the connection replaced', async () => {
    const { ex, hub, timers, stats } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => stats()?.connected === 1, 5_000, 'client open');
    timers.advance(29_000);
    expect(stats()?.stalls).toBe(0);
    timers.advance(2_000 + 1_100);
    await until(() => ex.history.length === 2, 5_000, 'a new connection');
    expect(stats()?.stalls).toBe(1);
  });

  it('rotates before the 24 h cut (injected clock)', async () => {
    const { ex, hub, timers, stats } = await setup('binance', binanceFormat, { watchdogMs: 48 * 3_600_000 });
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => ex.clients.length === 1 && stats()?.connected === 1);
    timers.advance(23 * 3_600_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(ex.handshakes).toBe(1);
    timers.advance(50 * 60_000); // 23 h 50 min: 10 min before the cut
    await until(() => ex.history.length === 2 && ex.clients.length === 1, 5_000, 'rotated');
    expect([...(ex.clients[0]?.pairs ?? [])]).toEqual(['SOLUSDT']);
  });

  it('reconnects at once on serverShutdown', async () => {
    const { ex, hub, stats } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => ex.clients.length === 1);
    ex.broadcast(binanceFormat.shutdownFrame?.() ?? '');
    // No timer advanced: the reconnect does not wait for a backoff step.
    await until(() => ex.history.length === 2 && stats()?.connected === 1, 5_000, 'new connection');
    expect(stats()?.reconnects).toBe(1);
  });

  it('drops and counts malformed frames; the stream goes on', async () => {
    const { ex, hub, ticks, stats } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => ex.clients.length === 1);
    ex.broadcast('{"stream":');
    ex.broadcast(JSON.stringify({ data: { e: '24hrMiniTicker', s: 'SOLUSDT', c: 'NaN' } }));
    ex.clients[0]?.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ex.price('SOLUSDT', 150);
    await until(() => ticks.length === 1);
    expect(stats()?.malformed).toBe(3);
    expect(ex.handshakes).toBe(1);
  });

  it('a changed pair set opens a connection with the new URL', async () => {
    const { ex, hub } = await setup('binance', binanceFormat);
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => ex.clients.length === 1);
    hub.setPairs('binance', ['SOLUSDT', 'ETHUSDT']);
    await until(() => ex.history.length === 2 && ex.clients.length === 1, 5_000, 'resubscribed');
    expect([...(ex.clients[0]?.pairs ?? [])].sort()).toEqual(['ETHUSDT', 'SOLUSDT']);
    hub.setPairs('binance', []);
    await until(() => ex.clients.length === 0, 5_000, 'closed');
  });

  it('a 451 handshake marks the exchange unavailable for an hour, without retrying', async () => {
    const { ex, hub, timers, availability } = await setup('binance', binanceFormat);
    ex.refuseStatus = 451;
    hub.setPairs('binance', ['SOLUSDT']);
    await until(() => availability.length === 1, 5_000, 'refused');
    expect(availability[0]).toEqual([false, 451]);
    expect(hub.isAvailable('binance')).toBe(false);
    timers.advance(59 * 60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(ex.handshakes).toBe(1);
    timers.advance(60_000);
    expect(availability[1]).toEqual([true, undefined]);
    expect(hub.isAvailable('binance')).toBe(true);
  });
});

describe('subscribe-by-message exchanges', () => {
  it('Coinbase: ticker + heartbeats on open, then subscribe/unsubscribe diffs on one connection', async () => {
    const { ex, hub, ticks } = await setup('coinbase', coinbaseFormat);
    hub.setPairs('coinbase', ['SOL-USD']);
    await until(() => ex.clients[0]?.pairs.has('SOL-USD') === true, 5_000, 'subscribed');
    const sent = ex.clients[0]?.received.map((m) => JSON.parse(m).channel);
    expect(sent).toEqual(['heartbeats', 'ticker']);
    hub.setPairs('coinbase', ['ETH-USD']);
    await until(() => ex.clients[0]?.pairs.has('ETH-USD') === true && !ex.clients[0]?.pairs.has('SOL-USD'));
    expect(ex.history).toHaveLength(1);
    ex.price('ETH-USD', 3000.5);
    await until(() => ticks.length === 1);
    expect(ticks[0]?.pair).toBe('ETH-USD');
  });

  it('OKX: sends the text ping every 20 s and reads the pong as liveness', async () => {
    const { ex, hub, timers, stats } = await setup('okx', okxFormat);
    hub.setPairs('okx', ['SOL-USDT']);
    await until(() => ex.clients[0]?.pairs.has('SOL-USDT') === true && stats()?.connected === 1);
    timers.advance(20_000);
    await until(() => ex.clients[0]?.received.includes('ping') === true, 5_000, 'ping');
    await new Promise((r) => setTimeout(r, 50));
    timers.advance(15_000); // 35 s since open, but the pong at 20 s keeps the watchdog quiet
    expect(stats()?.stalls).toBe(0);
    expect(stats()?.malformed).toBe(0);
  });

  it('Kraken: v2 subscribe with a symbol list; prices are numbers', async () => {
    const { ex, hub, ticks } = await setup('kraken', krakenFormat);
    hub.setPairs('kraken', ['SOL/USD']);
    await until(() => ex.clients[0]?.pairs.has('SOL/USD') === true);
    expect(JSON.parse(ex.clients[0]?.received[0] ?? '')).toEqual({
      method: 'subscribe',
      params: { channel: 'ticker', symbol: ['SOL/USD'] },
    });
    ex.price('SOL/USD', 149.75);
    await until(() => ticks.length === 1);
    expect(ticks[0]?.price).toBe(149.75);
  });
});
