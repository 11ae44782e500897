import { describe, expect, it } from 'vitest';
import { describePlan, MONTH_MS, planFetch } from '#src/market/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WISH = { price: MIN, hourly: HOUR, daily: 6 * HOUR };
const NOW = Date.parse('2026-01-01T12:00:00Z');

describe('planFetch budget stretching', () => {
  it.each([
    // [case, watched, monthlyCalls, wish, expected effective (ms), expected projected]
    ['no tokens: nothing to fetch, nothing spent', 0, 10_000, WISH, WISH, 0],
    ['plenty of budget: wishes kept', 100, 100_000, WISH, WISH, 43_200 + 720 + 480],
    [
      '10k/month, 100 tokens: price every few minutes',
      100,
      10_000,
      WISH,
      { ...WISH, price: 6 * MIN },
      7_200 + 720 + 480,
    ],
    // 2 batches: hourly 1440 + daily 960 fixed; price gets the rest of 9,500: 2 × 43,200 min / 7,100 → 13 min.
    ['10k/month, 101 tokens: two batches', 101, 10_000, WISH, { ...WISH, price: 13 * MIN }, 9_047],
    ['50k/month, 100 tokens', 100, 50_000, WISH, { ...WISH, price: MIN }, 43_200 + 720 + 480],
    // 10 batches: daily alone costs 4,800; price and hourly share the other 4,700 → 184 min each.
    [
      '10k/month, 1000 tokens: price pulled to hourly, then both stretched',
      1000,
      10_000,
      WISH,
      {
        price: 184 * MIN,
        hourly: 184 * MIN,
        daily: 6 * HOUR,
      },
      9_496,
    ],
    // 5 batches × 6 endpoints must fit 475 calls: 30 × 43,200 min / 475 → 2,729 min for all.
    [
      'tiny budget: everything stretched alike',
      500,
      500,
      WISH,
      {
        price: 2729 * MIN,
        hourly: 2729 * MIN,
        daily: 2729 * MIN,
      },
      475,
    ],
  ])('%s', (_name, watched, monthlyCalls, wish, effective, projected) => {
    const plan = planFetch({ now: NOW, watchedCount: watched, lastFetched: {}, wish, monthlyCalls });
    expect(plan.effective).toEqual(effective);
    // Planned calls at the effective cadences (the last column); the forecast is the whole room when
    // stretched, because the plan is made again every tick from what is left.
    const planned = Math.ceil(
      MONTH_MS *
        Math.ceil(watched / 100) *
        (1 / effective.price + 1 / effective.hourly + 4 / effective.daily),
    );
    expect(planned).toBeLessThanOrEqual(projected + 1);
    expect(plan.projectedMonthlyCalls).toBe(plan.stretched ? Math.ceil(monthlyCalls * 0.95) : projected);
    expect(plan.projectedMonthlyCalls).toBeLessThanOrEqual(monthlyCalls);
    expect(plan.stretched).toBe(JSON.stringify(effective) !== JSON.stringify(wish));
  });

  it('never shrinks a cadence below its wish and stays in budget for many shapes', () => {
    for (const watched of [1, 50, 100, 250, 999, 5000]) {
      for (const monthlyCalls of [500, 10_000, 50_000, 250_000]) {
        for (const wish of [
          WISH,
          { price: 30_000, hourly: 2 * HOUR, daily: 24 * HOUR },
          { price: 2 * HOUR, hourly: HOUR, daily: HOUR },
        ]) {
          const plan = planFetch({ now: NOW, watchedCount: watched, lastFetched: {}, wish, monthlyCalls });
          expect(plan.projectedMonthlyCalls).toBeLessThanOrEqual(monthlyCalls * 0.95 + 1);
          for (const c of ['price', 'hourly', 'daily'] as const)
            expect(plan.effective[c]).toBeGreaterThanOrEqual(wish[c]);
        }
      }
    }
  });

  it('without a reserve the whole budget is used', () => {
    const plan = planFetch({
      now: NOW,
      watchedCount: 100,
      lastFetched: {},
      wish: WISH,
      monthlyCalls: 10_000,
      reserve: 0,
    });
    expect(plan.effective.price).toBe(5 * MIN);
    expect(plan.projectedMonthlyCalls).toBe(10_000); // the room: MONTH_MS / 5 min + 720 + 480 = 9840 planned now
  });
});

describe('planFetch due kinds', () => {
  const base = { watchedCount: 10, wish: WISH, monthlyCalls: 100_000 };
  it.each([
    ['never fetched: everything due', {}, ['price', 'daily', 'hourly', 'levels', 'quant', 'grade']],
    [
      'just fetched: nothing due',
      { price: NOW, daily: NOW, hourly: NOW, levels: NOW, quant: NOW, grade: NOW },
      [],
    ],
    [
      'a minute later: price due',
      { price: NOW - MIN, daily: NOW, hourly: NOW, levels: NOW, quant: NOW, grade: NOW },
      ['price'],
    ],
    [
      'tick jitter tolerated (59.5 s)',
      { price: NOW - 59_500, daily: NOW, hourly: NOW, levels: NOW, quant: NOW, grade: NOW },
      ['price'],
    ],
    [
      'too early (50 s)',
      { price: NOW - 50_000, daily: NOW, hourly: NOW, levels: NOW, quant: NOW, grade: NOW },
      [],
    ],
    [
      'daily cadence covers four kinds',
      {
        price: NOW,
        hourly: NOW,
        daily: NOW - 6 * HOUR,
        levels: NOW - 6 * HOUR,
        quant: NOW - 6 * HOUR,
        grade: NOW - 5 * HOUR,
      },
      ['daily', 'levels', 'quant'],
    ],
    [
      'hourly after an hour',
      { price: NOW, daily: NOW, hourly: NOW - HOUR, levels: NOW, quant: NOW, grade: NOW },
      ['hourly'],
    ],
  ] as const)('%s', (_name, lastFetched, due) => {
    expect(planFetch({ ...base, now: NOW, lastFetched }).due).toEqual(due);
  });

  it('uses the stretched cadence, not the wish', () => {
    const lastFetched = {
      price: NOW - 3 * MIN,
      daily: NOW,
      hourly: NOW,
      levels: NOW,
      quant: NOW,
      grade: NOW,
    };
    const plan = planFetch({ now: NOW, watchedCount: 100, lastFetched, wish: WISH, monthlyCalls: 10_000 });
    expect(plan.due).toEqual([]);
    const later = planFetch({
      now: NOW + 3 * MIN,
      watchedCount: 100,
      lastFetched,
      wish: WISH,
      monthlyCalls: 10_000,
    });
    expect(later.due).toEqual(['price']);
  });

  it('no watched tokens: nothing is due', () => {
    expect(planFetch({ ...base, watchedCount: 0, now: NOW, lastFetched: {} }).due).toEqual([]);
  });
});

describe('describePlan', () => {
  it('is one readable line', () => {
    const plan = planFetch({
      now: NOW,
      watchedCount: 100,
      lastFetched: {},
      wish: WISH,
      monthlyCalls: 10_000,
    });
    expect(describePlan(plan, 100, 10_000)).toBe(
      '100 tokens (1 batch): price every 6m, hourly every 1h, daily every 6h (stretched to fit the budget); ~9500 of 10000 calls/month',
    );
  });
});
