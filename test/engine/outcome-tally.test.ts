import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '#src/domain/outcome.js';
import { outcomeStats, pickRequests, statsFromSums, totalCount } from '#src/engine/outcome-stats.js';
import {
  addTally,
  BLOCK_DAYS,
  binOf,
  DAY_MS,
  decodeTally,
  encodeTally,
  type PickRequest,
  tallyOf,
  windowCells,
} from '#src/engine/outcome-tally.js';
import { DAY, outcomeArb, T0, windowArb } from '../support/outcomes.js';

const base: Outcome = {
  id: 'a',
  tokenId: 7,
  symbol: 'SOL',
  kind: 'approach',
  at: T0,
  entry: 100,
  dir: 1,
  until: T0 + DAY,
  status: 'open',
};

describe('move bins', () => {
  it.each([
    [0, 0],
    [0.24, 0],
    [0.25, 1],
    [1.99, 7],
    [2, 8],
    [4.99, 13],
    [5, 14],
    [19.5, 28],
    [20, 29],
    [99, 44],
    [100, 45],
    [999, 80],
    [1000, 81],
    [1e9, 81],
    [-0.01, -1],
    [-0.25, -2],
    [-5, -15],
    [-1e9, -82],
  ])('move %s → bin %s', (move, bin) => {
    expect(binOf(move)).toBe(bin);
  });

  it('never gives a larger move a smaller bin', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(binOf(lo)).toBeLessThanOrEqual(binOf(hi));
        expect(Math.abs(binOf(lo))).toBeLessThanOrEqual(82);
      }),
    );
  });
});

describe('tallies', () => {
  it.each<[string, Partial<Outcome>, string[], { bin: number; move: number } | undefined]>([
    ['open level: counted per decision time', {}, ['approach|n', `approach|o|${T0 + DAY}`], undefined],
    ['open flip: never lapses', { kind: 'daily_flip' }, ['daily_flip|n', 'daily_flip|o'], undefined],
    [
      'held with a hit',
      { status: 'held', hit: true, move: 2.6 },
      ['approach|n', 'approach|b|9', 'approach|h'],
      { bin: 9, move: 2.6 },
    ],
    [
      'broke',
      { status: 'broke', hit: false, move: -1 },
      ['approach|n', 'approach|b|-5'],
      { bin: -5, move: -1 },
    ],
    ['decided without a move: not decided', { status: 'scored', hit: true }, ['approach|n'], undefined],
    [
      'a move JSON stores as null ranks as 0',
      { status: 'held', move: Number.NaN },
      ['approach|n', 'approach|b|0'],
      { bin: 0, move: 0 },
    ],
    ['undecided', { status: 'undecided', move: 0 }, ['approach|n', 'approach|u'], undefined],
    ['recorded', { kind: 'sharpe', status: 'recorded' }, ['sharpe|n'], undefined],
    [
      'a kind /stats does not know',
      { kind: 'later' as Outcome['kind'], status: 'held', move: 1 },
      ['?|n'],
      undefined,
    ],
  ])('%s', (_, patch, fields, decided) => {
    const t = tallyOf({ ...base, ...patch });
    expect(t?.fields).toEqual(fields);
    expect(t?.decided).toEqual(decided);
    expect(t).toMatchObject({ tokenId: 7, at: T0, day: Math.floor(T0 / DAY_MS) });
  });

  it('survive their stored text', () => {
    fc.assert(
      fc.property(outcomeArb(), (o) => {
        const t = tallyOf(o);
        expect(t && decodeTally(encodeTally(t))).toEqual(t);
      }),
    );
  });
});

describe('window cells', () => {
  const d0 = 20_832; // a block start (multiple of BLOCK_DAYS)
  it.each([
    ['a block start', d0 * DAY_MS, undefined, [d0, d0], d0],
    ['a day inside a block', (d0 + 3) * DAY_MS, undefined, [d0 + 3, d0 + BLOCK_DAYS], d0 + BLOCK_DAYS],
    [
      'inside a day',
      (d0 + 3) * DAY_MS + 5,
      [(d0 + 3) * DAY_MS + 5, (d0 + 4) * DAY_MS],
      [d0 + 4, d0 + 8],
      d0 + 8,
    ],
    [
      'inside the last day of a block',
      (d0 + 7) * DAY_MS + 5,
      [(d0 + 7) * DAY_MS + 5, (d0 + 8) * DAY_MS],
      [d0 + 8, d0 + 8],
      d0 + 8,
    ],
  ])('since %s', (_, since, partial, days, blocksFrom) => {
    const w = windowCells(since);
    expect(w.partial).toEqual(partial);
    expect(w.days).toEqual(days);
    expect(w.blocksFrom).toBe(blocksFrom);
  });
});

/** The store's side, in memory: the rank-th decided outcome of a bin in the window (records oldest first, ties by id). */
function pickFrom(window: readonly Outcome[], r: PickRequest): Outcome | undefined {
  const list = window
    .map((o, i) => ({ o, i, t: tallyOf(o) }))
    .filter((x) => x.t?.kind === r.kind && x.t.decided?.bin === r.bin);
  list.sort((a, b) => {
    const ma = a.t?.decided?.move ?? 0;
    const mb = b.t?.decided?.move ?? 0;
    return ma !== mb ? (r.order === 'asc' ? ma - mb : mb - ma) : a.i - b.i;
  });
  return list[r.rank]?.o;
}

describe('stats from sums', () => {
  it('asks for the worst, the best and the middle of each kind, inside their bins', () => {
    const held = (id: string, move: number): Outcome => ({ ...base, id, status: 'held', hit: true, move });
    const list = [held('a', 3), held('b', 0.1), held('c', 0.2), held('d', -4), { ...base, id: 'e' }];
    const sums = new Map<string, number>();
    for (const o of list) {
      const t = tallyOf(o);
      if (t) addTally(sums, t);
    }
    expect(totalCount(sums)).toBe(5);
    expect(pickRequests(sums)).toEqual([
      { kind: 'approach', bin: -13, order: 'asc', rank: 0, role: 'worst' },
      { kind: 'approach', bin: 10, order: 'desc', rank: 0, role: 'best' },
      // Four decided: the median is the mean of ranks 1 and 2, both in bin 0 (0.1 and 0.2).
      { kind: 'approach', bin: 0, order: 'asc', rank: 0, role: 'low' },
      { kind: 'approach', bin: 0, order: 'asc', rank: 1, role: 'high' },
    ]);
  });

  it('equal the stats of the outcomes themselves', () => {
    fc.assert(
      fc.property(fc.array(outcomeArb({ ids: 1000 }), { maxLength: 80 }), windowArb(), (all, w) => {
        const window = all
          .filter((o) => o.at >= w.since && (w.tokenId === undefined || o.tokenId === w.tokenId))
          .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const sums = new Map<string, number>();
        for (const o of window) {
          const t = tallyOf(o);
          if (t) addTally(sums, t);
        }
        const requests = pickRequests(sums);
        const got = statsFromSums(
          sums,
          requests,
          requests.map((r) => pickFrom(window, r)),
          w.now,
        );
        // As stored: JSON turns a non-finite move into null.
        const stored = window.map((o) => JSON.parse(JSON.stringify(o)) as Outcome);
        expect(JSON.parse(JSON.stringify(got))).toEqual(
          JSON.parse(JSON.stringify(outcomeStats(stored, w.now))),
        );
        expect(totalCount(sums)).toBe(window.length);
      }),
    );
  });
});
