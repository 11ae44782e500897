import { describe, expect, it } from 'vitest';
import type { LevelEvent, LevelRef, SignalFlipEvent } from '#src/domain/types.js';
import { detect } from '#src/engine/index.js';
import { levelsAround } from '#src/engine/rules/level-targets.js';
import { MIN, OPTS, obs, run, strong, T0, weak } from './helpers.js';

const L = (level: number, strength: number): LevelRef => ({ level, strength });
/** Support 120 (65) and 140 (80), resistance 150 (82, the alert's), 162.4 (70), weak 155 (30), 180 (90). */
const LEVELS = [L(120, 65), L(140, 80), L(150, 82), L(155, 30), L(162.4, 70), L(180, 90)];

describe('levelsAround: the target beyond and the level behind (table)', () => {
  const cases: Array<{
    name: string;
    level: number;
    price: number;
    direction: 'up' | 'down';
    min?: number;
    levels?: LevelRef[];
    want: { beyond?: LevelRef; behind?: LevelRef };
  }> = [
    {
      name: 'approach of resistance 150 from 147: next strong resistance above, nearest strong support below',
      level: 150,
      price: 147,
      direction: 'up',
      want: { beyond: L(162.4, 70), behind: L(140, 80) },
    },
    {
      name: 'a weak level in between is skipped',
      level: 150,
      price: 147,
      direction: 'up',
      min: 60,
      want: { beyond: L(162.4, 70), behind: L(140, 80) },
    },
    {
      name: 'a lower minStrength lets the weak level be the target',
      level: 150,
      price: 147,
      direction: 'up',
      min: 20,
      want: { beyond: L(155, 30), behind: L(140, 80) },
    },
    {
      name: 'breakout above 150 at 151: target above, fails below the level (not at it)',
      level: 150,
      price: 151,
      direction: 'up',
      want: { beyond: L(162.4, 70), behind: L(140, 80) },
    },
    {
      name: 'approach of support 140 from 143: next strong support below, resistance above the price',
      level: 140,
      price: 143,
      direction: 'down',
      want: { beyond: L(120, 65), behind: L(150, 82) },
    },
    {
      name: 'breakdown below 120: nothing stronger below, behind is above the level',
      level: 120,
      price: 119,
      direction: 'down',
      want: { behind: L(140, 80) },
    },
    {
      name: 'top level broken: no target above',
      level: 180,
      price: 181,
      direction: 'up',
      want: { behind: L(162.4, 70) },
    },
    {
      name: 'only the alert level: nothing either side',
      level: 150,
      price: 149,
      direction: 'up',
      levels: [L(150, 82)],
      want: {},
    },
    {
      name: 'order of the input does not matter',
      level: 150,
      price: 147,
      direction: 'up',
      levels: [...LEVELS].reverse(),
      want: { beyond: L(162.4, 70), behind: L(140, 80) },
    },
    {
      name: 'non-finite levels and strengths are ignored',
      level: 150,
      price: 147,
      direction: 'up',
      levels: [L(Number.NaN, 90), L(151, Number.NaN), L(160, 60), L(100, 60)],
      want: { beyond: L(160, 60), behind: L(100, 60) },
    },
  ];
  it.each(cases)('$name', ({ level, price, direction, min = 50, levels = LEVELS, want }) => {
    expect(levelsAround(levels, level, price, direction, min)).toEqual(want);
  });

  it('returns plain level/strength pairs, not the stored level records', () => {
    const stored = [{ ...L(160, 70), key: '160', phases: {} }];
    expect(levelsAround(stored, 150, 147, 'up', 50).beyond).toEqual(L(160, 70));
  });
});

describe('detect: what level and flip events carry for the trader', () => {
  const levels = {
    levels: [...strong(80), ...strong(100), ...strong(120), ...weak(110)],
    date: '2025-08-31',
  };

  it('a level approach names the target beyond and the level behind, with the price time and source', () => {
    const base = run([{ price: { price: 90 }, levels }]).state;
    const r = detect(
      base,
      obs({ price: { price: 98.5, at: T0 + MIN - 2_000, source: 'Binance SOL/USDT' } }),
      { ...OPTS, now: T0 + MIN },
    );
    const e = r.events[0] as LevelEvent;
    expect(e).toMatchObject({ kind: 'level_approach', side: 'resistance', priceAt: T0 + MIN - 2_000 });
    expect(e.priceSource).toBe('Binance SOL/USDT');
    expect(e.beyond?.level).toBeCloseTo(120, 6);
    expect(e.behind?.level).toBeCloseTo(80, 6);
    expect(e.beyond?.strength).toBeGreaterThanOrEqual(50);
    // The source stays with the stored price, so a later flip at that price names it too.
    expect(r.state.price).toEqual({ value: 98.5, at: T0 + MIN, source: 'Binance SOL/USDT' });
  });

  it('neither the price time nor its source changes an event id', () => {
    const base = run([{ price: { price: 90 }, levels }]).state;
    const at = (o: Parameters<typeof obs>[0]) => detect(base, obs(o), { ...OPTS, now: T0 + MIN }).events;
    const a = at({ price: { price: 98.5 } });
    const b = at({ price: { price: 98.5, at: T0 + 1, source: 'Kraken SOL/USD' } });
    expect(a).toHaveLength(1);
    expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
    expect((a[0] as LevelEvent).priceAt).toBe(T0 + MIN);
    expect((a[0] as LevelEvent).priceSource).toBeUndefined();
  });

  it('a quote time after the tick (skewed exchange clock) falls back to the tick time', () => {
    const base = run([{ price: { price: 90 }, levels }]).state;
    const e = detect(base, obs({ price: { price: 98.5, at: T0 + 5 * MIN } }), { ...OPTS, now: T0 + MIN })
      .events[0] as LevelEvent;
    expect(e.priceAt).toBe(T0 + MIN);
  });

  it('flips carry the row date or hour and the grades; the price keeps its stamp from the state', () => {
    const { all } = run([
      {
        price: { price: 90, source: 'Coinbase SOL-USD' },
        daily: { signal: 0, trend: -1, date: '2025-08-30', traderGrade: 41.5 },
        hourly: { signal: 0, position: -1, timestamp: '2025-08-31T22:00:00Z' },
        grade: { signal: 'Neutral', grade: 50 },
      },
      {
        daily: { signal: 1, trend: 1, date: '2025-08-31', traderGrade: 63.2 },
        hourly: { signal: 1, position: 1, timestamp: '2025-08-31T23:00:00Z' },
      },
    ]);
    const daily = all.find((e) => e.kind === 'signal_flip' && e.timeframe === 'daily') as SignalFlipEvent;
    const hourly = all.find((e) => e.kind === 'signal_flip' && e.timeframe === 'hourly') as SignalFlipEvent;
    expect(daily).toMatchObject({ signalTime: '2025-08-31', traderGrade: 63.2, tmGrade: 50, price: 90 });
    expect(daily).toMatchObject({ priceAt: T0, priceSource: 'Coinbase SOL-USD' });
    expect(hourly).toMatchObject({ signalTime: '2025-08-31T23:00:00Z', traderGrade: 63.2, tmGrade: 50 });
  });

  it('a flip without any known price carries no price stamp', () => {
    const { all } = run([
      { daily: { signal: 0, trend: -1, date: '2025-08-30' } },
      { daily: { signal: 1, trend: 1, date: '2025-08-31' } },
    ]);
    expect(all).toHaveLength(1);
    expect(all[0]).not.toHaveProperty('priceAt');
    expect(all[0]).not.toHaveProperty('traderGrade');
    expect(all[0]).toMatchObject({ signalTime: '2025-08-31' });
  });
});
