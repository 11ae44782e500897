import { describe, expect, it } from 'vitest';
import type { PriceAlert, PriceRule } from '#src/domain/price-alerts.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { TokenState } from '#src/engine/index.js';
import { PriceAlertIndex } from '#src/engine/price-index.js';
import { MOVE_EVAL_MS, PricePath, type StreamedPrice } from '#src/live/path.js';
import type { StreamSource } from '#src/market/streams/feed.js';
import { ManualTimers } from '../support/manual-timers.js';

const SRC: StreamSource = { exchange: 'binance', label: 'Binance', pair: 'SOLUSDT', time: 0 };
const SOL = 3988;

const alert = (id: string, rule: PriceRule): PriceAlert => ({
  id,
  destination: { platform: 'telegram', kind: 'dm', id: '1' },
  tokenId: SOL,
  symbol: 'SOL',
  condition: conditionOf([rule]),
  repeat: 'once',
  createdAt: 0,
});

/** A token with no levels (only price alerts watch it): the band comes from the alert targets alone. */
function setup(rules: PriceRule[]) {
  const timers = new ManualTimers();
  const index = new PriceAlertIndex(rules.map((r, i) => alert(`a${i}`, r)));
  let state: TokenState = {
    tokenId: SOL,
    symbol: 'SOL',
    name: 'Solana',
    price: { value: 200, at: 0 },
  } as TokenState;
  const calls: Array<[number, number | undefined]> = [];
  const path = new PricePath({
    now: timers.now,
    timers,
    detectOptions: (now) => ({ now, proximityPcts: [2], sharpeThresholds: [1] }),
    alerts: { band: (id, p) => index.band(id, p), hasMoves: (id) => index.needsEveryPrice(id) },
    evaluate: async (_id, p: StreamedPrice) => {
      calls.push([state.price?.value ?? Number.NaN, p.price]);
      state = { ...state, price: { value: p.price, at: timers.now() } };
      return state;
    },
    onError: (_id, err) => {
      throw err;
    },
  });
  path.setState(SOL, state);
  return { timers, path, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PricePath with price alerts', () => {
  it('frames between the nearest targets cost no evaluation; a crossing frame evaluates from the stored price', async () => {
    const { path, calls } = setup([
      { kind: 'above', price: 210 },
      { kind: 'below', price: 190 },
      { kind: 'above', price: 250 },
    ]);
    path.onPrice(SOL, 200, SRC); // first frame at the stored price: inside (190, 210)
    for (const p of [201, 209.99, 190.01, 205]) path.onPrice(SOL, p, SRC);
    await flush();
    expect(calls).toEqual([]);
    path.onPrice(SOL, 210, SRC); // on the target: the above-210 alert fires on this one
    await flush();
    expect(calls).toEqual([[200, 210]]);
  });

  it('a stored price sitting on a target: the same price again is skipped, any other evaluates', async () => {
    const { path, calls } = setup([
      { kind: 'above', price: 210 },
      { kind: 'below', price: 210 },
    ]);
    path.onPrice(SOL, 210, SRC);
    await flush();
    expect(calls).toEqual([[200, 210]]);
    for (let i = 0; i < 5; i++) path.onPrice(SOL, 210, SRC);
    await flush();
    expect(calls).toHaveLength(1); // no loop, no evaluation per identical frame
    path.onPrice(SOL, 212, SRC); // leaves the target: evaluated, so a later fall through 210 is a crossing
    await flush();
    expect(calls).toEqual([
      [200, 210],
      [210, 212],
    ]);
    path.onPrice(SOL, 208, SRC);
    await flush();
    expect(calls.at(-1)).toEqual([212, 208]);
  });

  it('move alerts get a look at most once per MOVE_EVAL_MS, on the next frame', async () => {
    const { path, calls, timers } = setup([{ kind: 'move', pct: 5, windowMs: 3_600_000 }]);
    path.onPrice(SOL, 200.5, SRC);
    await flush();
    expect(calls).toHaveLength(1); // first frame: never looked at yet
    for (let i = 0; i < 20; i++) path.onPrice(SOL, 200 + i / 10, SRC);
    await flush();
    expect(calls).toHaveLength(1);
    timers.advance(MOVE_EVAL_MS - 1);
    path.onPrice(SOL, 201, SRC);
    await flush();
    expect(calls).toHaveLength(1);
    timers.advance(1);
    path.onPrice(SOL, 201.5, SRC);
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls.at(-1)?.[1]).toBe(201.5);
  });
});
