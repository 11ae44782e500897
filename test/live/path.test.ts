import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '#src/domain/types.js';
import { type DetectOptions, detect, type TokenState } from '#src/engine/index.js';
import { PricePath, type StreamedPrice } from '#src/live/path.js';
import type { StreamSource } from '#src/market/streams/feed.js';
import { createSerial } from '#src/pipeline/serial.js';
import { obs, strong } from '../engine/helpers.js';
import { ManualTimers } from '../support/manual-timers.js';

const SRC: StreamSource = { exchange: 'binance', label: 'Binance', pair: 'SOLUSDT', time: 0 };

function setup(hold = 30_000) {
  const timers = new ManualTimers();
  const opts = (now: number): DetectOptions => ({
    now,
    proximityPcts: [2],
    sharpeThresholds: [1],
    breakoutHoldMs: hold,
  });
  let state: TokenState = detect(
    undefined,
    obs({ price: { price: 90 }, levels: { levels: strong(100) } }),
    opts(timers.now()),
  ).state;
  const events: AlertEvent[] = [];
  const calls: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  const path = new PricePath({
    now: timers.now,
    timers,
    detectOptions: opts,
    evaluate: async (_id, p: StreamedPrice) => {
      calls.push(p.price);
      await gate;
      const r = detect(state, obs({ price: { price: p.price } }), opts(timers.now()));
      state = r.state;
      events.push(...r.events);
      return state;
    },
    onError: (_id, err) => {
      throw err;
    },
  });
  path.setState(3988, state);
  const hold_ = (p: Promise<void>) => {
    gate = p;
  };
  return { timers, path, events, calls, hold: hold_ };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PricePath', () => {
  it('frames inside the band cost no evaluation; one leaving it evaluates once', async () => {
    const { path, calls, events } = setup();
    for (const p of [91, 95, 97.9, 92]) path.onPrice(3988, p, SRC);
    await tick();
    expect(calls).toEqual([]);
    path.onPrice(3988, 98.5, SRC);
    await tick();
    expect(calls).toEqual([98.5]);
    expect(events.map((e) => e.kind)).toEqual(['level_approach']);
    path.onPrice(3988, 98.6, SRC); // near now: still inside the new band
    await tick();
    expect(calls).toEqual([98.5]);
    expect(path.last(3988)?.price).toBe(98.6);
  });

  it('frames during an evaluation coalesce into one more at the newest price', async () => {
    const { path, calls, hold } = setup();
    let release = () => {};
    hold(new Promise<void>((r) => (release = r)));
    path.onPrice(3988, 98.5, SRC);
    path.onPrice(3988, 99.0, SRC);
    path.onPrice(3988, 99.9, SRC); // touch band
    await tick();
    expect(calls).toEqual([98.5]);
    hold(Promise.resolve());
    release();
    await tick();
    await tick();
    expect(calls).toEqual([98.5, 99.9]);
  });

  it('a held breakout is evaluated when its hold ends, without another frame', async () => {
    const { path, calls, events, timers } = setup();
    path.onPrice(3988, 101, SRC); // past the 0.5% buffer: pending
    await tick();
    expect(events).toEqual([]);
    timers.advance(29_000);
    await tick();
    expect(calls).toHaveLength(1);
    timers.advance(1_000);
    await tick();
    await tick();
    expect(calls).toHaveLength(2);
    expect(events.map((e) => e.kind)).toEqual(['level_breakout']);
  });

  it('a one-frame wick above the level never becomes a breakout', async () => {
    const { path, events, timers } = setup();
    path.onPrice(3988, 101, SRC);
    await tick();
    path.onPrice(3988, 97, SRC);
    await tick();
    timers.advance(60_000);
    await tick();
    expect(events.filter((e) => e.kind === 'level_breakout')).toEqual([]);
  });
});

describe('createSerial', () => {
  it('runs jobs one at a time in call order, a failure does not block the next', async () => {
    const serial = createSerial();
    const log: string[] = [];
    const job =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name}>`);
        await tick();
        log.push(`<${name}`);
        if (fail) throw new Error(name);
      };
    const a = serial(job('a'));
    const b = serial(job('b', true));
    const c = serial(job('c'));
    await a;
    await expect(b).rejects.toThrow('b');
    await c;
    expect(log).toEqual(['a>', '<a', 'b>', '<b', 'c>', '<c']);
  });
});
