import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PriceFeed } from '#src/market/streams/feed.js';
import { createStreamMetrics } from '#src/obs/stream-metrics.js';
import { binanceFormat } from '../fakes/exchange-binance.js';
import { FakeExchange, until } from '../fakes/exchange-server.js';
import { ManualTimers } from '../support/manual-timers.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** `name{exchange="binance"} 3` → 3, from the registry's text exposition. */
function value(text: string, name: string, labels = 'exchange="binance"'): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('stream metrics (issue 9: per exchange and per token)', () => {
  it('connected, frames, frames/s, last frame age, reconnects, mapped tokens; evaluations; frame-to-enqueue', async () => {
    // 10 s after a window boundary, so the frames below land in one 10-second window.
    const timers = new ManualTimers(Date.UTC(2026, 0, 1, 0, 0, 0, 0));
    const binance = await new FakeExchange(binanceFormat, [{ base: 'SOL', quote: 'USDT' }]).start();
    let received = 0;
    const feed = new PriceFeed({
      exchanges: ['binance'],
      wsRoots: { binance: binance.wsUrl },
      restRoots: { binance: binance.httpUrl },
      reference: () => ({ price: 150, at: timers.now(), source: 'Token Metrics' }),
      onPrice: () => {
        received++;
      },
      timers,
      now: timers.now,
      random: () => 0,
    });
    cleanup.push(
      () => binance.stop(),
      () => feed.close(),
    );
    await feed.start();
    const registry = new Registry();
    const m = createStreamMetrics(registry, () => feed, timers.now);
    feed.watch([{ tokenId: 3988, symbol: 'SOL', exchanges: ['binance'] }]);
    await until(() => binance.clients[0]?.pairs.has('SOLUSDT') === true, 5_000, 'subscribed');
    await until(() => feed.stats().get('binance')?.connected === 1, 5_000, 'connected');

    let text = await registry.metrics();
    expect(value(text, 'tokenwatch_stream_connected')).toBe(1);
    expect(value(text, 'tokenwatch_stream_last_frame_age_seconds')).toBe(-1); // none yet
    expect(value(text, 'tokenwatch_stream_mapped_tokens')).toBe(0); // not verified yet

    for (let i = 0; i < 25; i++) {
      binance.price('SOLUSDT', 150 + i / 100);
      await until(() => received === i + 1, 5_000, `frame ${i}`);
    }
    timers.current += 10_000; // the window with 25 frames is complete
    binance.price('SOLUSDT', 151);
    await until(() => received === 26, 5_000, 'frame in the next window');
    timers.current += 2_500;
    text = await registry.metrics();
    expect(value(text, 'tokenwatch_stream_frames')).toBe(26);
    expect(value(text, 'tokenwatch_stream_frames_per_second')).toBe(2.5);
    expect(value(text, 'tokenwatch_stream_last_frame_age_seconds')).toBe(2.5);
    expect(value(text, 'tokenwatch_stream_mapped_tokens')).toBe(1);
    expect(value(text, 'tokenwatch_stream_reconnects')).toBe(0);
    expect(value(text, 'tokenwatch_stream_unavailable')).toBe(0);

    // A cut: the connection comes back (backoff 1 s on the manual clock) and counts one reconnect.
    binance.cutAll();
    await until(() => binance.clients.length === 0, 5_000, 'cut seen');
    // Step the manual clock until the backoff's reconnect has fired and the socket is open again.
    await until(
      () => {
        if (feed.stats().get('binance')?.connected === 1) return true;
        timers.advance(100);
        return false;
      },
      5_000,
      'reconnected',
    );
    text = await registry.metrics();
    expect(value(text, 'tokenwatch_stream_reconnects')).toBe(1);
    // Two windows later without a frame: 0 frames/s, not the old rate.
    timers.current += 20_000;
    expect(value(await registry.metrics(), 'tokenwatch_stream_frames_per_second')).toBe(0);

    m.evaluations.inc({ token: '3988' });
    m.evaluations.inc({ token: '3988' });
    m.frameToEnqueue.observe(0.004);
    text = await registry.metrics();
    expect(value(text, 'tokenwatch_stream_evaluations_total', 'token="3988"')).toBe(2);
    expect(value(text, 'tokenwatch_stream_frame_to_enqueue_seconds_bucket', 'le="0.005"')).toBe(1);
    expect(value(text, 'tokenwatch_stream_frame_to_enqueue_seconds_bucket', 'le="0.001"')).toBe(0);
  });
});
