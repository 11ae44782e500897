import { describe, expect, it } from 'vitest';
import { clusterLevels, levelStrength } from '#src/engine/index.js';

const NOW = Date.UTC(2025, 8, 1);
const DAY = 86_400_000;
const ago = (days: number) => NOW - days * DAY;

describe('levelStrength', () => {
  const cases: Array<{
    name: string;
    count: number;
    ageDays: number | undefined;
    min?: number;
    max?: number;
    exact?: number;
  }> = [
    { name: '3 levels, newest 30 days old', count: 3, ageDays: 30, min: 60, exact: 83 },
    { name: '3 levels, newest 365 days old', count: 3, ageDays: 365, min: 60 },
    { name: 'lone level older than 3 years', count: 1, ageDays: 3 * 365 + 10, max: 49, exact: 18 },
    { name: 'lone level, fresh: not strong by default', count: 1, ageDays: 0, max: 49, exact: 48 },
    { name: 'pair, fresh', count: 2, ageDays: 10, exact: 65 },
    { name: 'pair, 2 years old (half recency)', count: 2, ageDays: 730, exact: 50 },
    { name: 'four or more cap the size part', count: 9, ageDays: 10, exact: 100 },
    { name: 'no parseable date: no recency', count: 2, ageDays: undefined, exact: 35 },
    { name: 'dated in the future counts as fresh', count: 1, ageDays: -5, exact: 48 },
  ];
  it.each(cases)('$name', ({ count, ageDays, min, max, exact }) => {
    const s = levelStrength(count, ageDays === undefined ? undefined : ago(ageDays), NOW);
    if (min !== undefined) expect(s).toBeGreaterThanOrEqual(min);
    if (max !== undefined) expect(s).toBeLessThanOrEqual(max);
    if (exact !== undefined) expect(s).toBe(exact);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(100);
  });
});

describe('clusterLevels', () => {
  const L = (level: number, date = '2025-08-01') => ({ level, date });
  const cases: Array<{
    name: string;
    raw: Array<{ level: number; date: string }>;
    want: Array<[number, number]>;
  }> = [
    { name: 'empty', raw: [], want: [] },
    { name: 'three within 1% merge to their mean', raw: [L(100), L(100.5), L(101)], want: [[100.5, 3]] },
    {
      name: 'far apart stay apart',
      raw: [L(100), L(110), L(120)],
      want: [
        [100, 1],
        [110, 1],
        [120, 1],
      ],
    },
    {
      name: 'the densest window wins over a greedy start',
      raw: [L(99.5), L(100), L(100.5), L(101)],
      want: [
        [99.5, 1],
        [100.5, 3],
      ],
    },
    {
      name: 'no chaining wider than the band',
      raw: [L(100), L(100.8), L(101.6), L(102.4), L(103.2)],
      want: [
        [100.4, 2],
        [102, 2],
        [103.2, 1],
      ],
    },
    { name: 'order of input does not matter', raw: [L(101), L(100), L(100.5)], want: [[100.5, 3]] },
    { name: 'exact duplicates count once', raw: [L(100), L(100), L(100, '2024-01-01')], want: [[100, 2]] },
    { name: 'invalid levels dropped', raw: [L(100), L(Number.NaN), L(-5), L(0)], want: [[100, 1]] },
  ];
  it.each(cases)('$name', ({ raw, want }) => {
    const got = clusterLevels(raw, 1).map((c) => [Math.round(c.level * 1000) / 1000, c.count]);
    expect(got).toEqual(want);
  });

  it('newest member decides the cluster date', () => {
    const [c] = clusterLevels([L(100, '2021-01-01'), L(100.2, '2024-06-01'), L(100.4, 'garbage')], 1);
    expect(c?.newest).toBe('2024-06-01');
    expect(c?.newestMs).toBe(Date.UTC(2024, 5, 1));
  });
});
