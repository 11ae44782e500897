import { describe, expect, it } from 'vitest';
import type { ReferencePrice } from '#src/domain/live-note.js';
import {
  disagreement,
  freshestReference,
  REFERENCE_MAX_AGE_MS,
  verifyPrice,
} from '#src/market/streams/verify.js';

const T = 1_767_225_600_000;
const tm = (price: number, ageMs: number): ReferencePrice => ({
  price,
  at: T - ageMs,
  source: 'Token Metrics',
});
const live = (price: number, ageMs: number): ReferencePrice => ({
  price,
  at: T - ageMs,
  source: 'Binance SOL/USDT',
});

describe('verifyPrice: 3% against the reference; only a fresh reference rejects', () => {
  it.each<[string, number, ReferencePrice | undefined, string]>([
    ['equal', 150, tm(150, 1_000), 'ok'],
    ['3% above', 154.5, tm(150, 1_000), 'ok'],
    ['3% below', 145.5, tm(150, 1_000), 'ok'],
    ['just over 3%, fresh reference', 154.6, tm(150, 1_000), 'mismatch'],
    ['another "SOL" at a cent', 150, tm(0.012, 1_000), 'mismatch'],
    ['a 1000… pair read without its scale', 0.37, tm(370, 1_000), 'mismatch'],
    ['no reference yet', 150, undefined, 'unknown'],
    ['a reference of 0 is none', 150, tm(0, 1_000), 'unknown'],
    ['12% off a reference 2 min old (the bound)', 168, tm(150, REFERENCE_MAX_AGE_MS), 'mismatch'],
    ['12% off a reference older than the bound: held', 168, tm(150, REFERENCE_MAX_AGE_MS + 1), 'stale'],
    ['12% off a 3-hour-old Token Metrics price: held', 201.6, tm(180, 3 * 3_600_000), 'stale'],
    ['agrees with an old reference: accepted', 181, tm(180, 3 * 3_600_000), 'ok'],
    ['a reference "from the future" (clock skew) counts as fresh', 168, tm(150, -5_000), 'mismatch'],
  ])('%s → %s', (_n, price, ref, want) => {
    expect(verifyPrice(price, T, ref).kind).toBe(want);
  });

  it('tolerance and age bound are options', () => {
    expect(verifyPrice(154, T, tm(150, 1_000), { tolerancePct: 2 }).kind).toBe('mismatch');
    expect(verifyPrice(170, T, tm(150, 10_000), { maxAgeMs: 5_000 }).kind).toBe('stale');
  });

  it('reports how far off, and against which reference', () => {
    const v = verifyPrice(201.6, T, tm(180, 1_000));
    expect(v).toMatchObject({ kind: 'mismatch', reference: tm(180, 1_000) });
    if (v.kind !== 'mismatch') throw new Error('unreachable');
    expect(disagreement('Coinbase SOL/USD', 201.6, T, v)).toEqual({
      pair: 'Coinbase SOL/USD',
      price: 201.6,
      at: T,
      reference: tm(180, 1_000),
      pct: 12,
      tolerancePct: 3,
    });
  });
});

describe('freshestReference', () => {
  it.each<[string, Array<ReferencePrice | undefined>, ReferencePrice | undefined]>([
    ['the last live price when newer', [live(201.6, 2_000), tm(180, 3_600_000)], live(201.6, 2_000)],
    ["Token Metrics' when newer", [live(201.6, 600_000), tm(199, 30_000)], tm(199, 30_000)],
    ['only one known', [undefined, tm(180, 5_000)], tm(180, 5_000)],
    ['none', [undefined, undefined], undefined],
    ['an invalid price is skipped', [live(Number.NaN, 0), tm(180, 5_000)], tm(180, 5_000)],
    ['a tie keeps the first', [live(200, 1_000), tm(180, 1_000)], live(200, 1_000)],
  ])('%s', (_n, refs, want) => {
    expect(freshestReference(...refs)).toEqual(want);
  });
});
