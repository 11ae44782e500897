import { describe, expect, it } from 'vitest';
import type { DailySignalObs, HourlySignalObs } from '#src/domain/market.js';
import type { SignalFlipEvent } from '#src/domain/types.js';
import { effectiveTrend, PRIORITY } from '#src/engine/index.js';
import { run, type Step } from './helpers.js';

const d = (signal: -1 | 0 | 1, trend: -1 | 0 | 1, date: string): Step => ({ daily: { signal, trend, date } });
const h = (position: -1 | 0 | 1, timestamp: string, signal: -1 | 0 | 1 = 0): Step => ({
  hourly: { signal, position, timestamp },
});

describe('daily signal flip', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: Array<[number, number]> }> = [
    {
      name: 'bearish → bullish on a new date',
      steps: [d(0, -1, '2025-08-30'), d(1, 1, '2025-08-31')],
      expected: [[-1, 1]],
    },
    {
      name: 'bullish → bearish',
      steps: [d(0, 1, '2025-08-30'), d(-1, -1, '2025-08-31')],
      expected: [[1, -1]],
    },
    {
      name: 'no signal ever → first bullish',
      steps: [d(0, 0, '2025-08-30'), d(1, 1, '2025-08-31')],
      expected: [[0, 1]],
    },
    {
      name: 'TRADING_SIGNAL fires while TOKEN_TREND lags: counts',
      steps: [d(0, -1, '2025-08-30'), d(1, -1, '2025-08-31')],
      expected: [[-1, 1]],
    },
    {
      name: 'same trend on a new date: none',
      steps: [d(0, 1, '2025-08-30'), d(0, 1, '2025-08-31')],
      expected: [],
    },
    {
      name: 'repeated signal in the same direction: confirmation, none',
      steps: [d(1, 1, '2025-08-30'), d(1, 1, '2025-08-31')],
      expected: [],
    },
    {
      name: 'same date re-observed with a change: none',
      steps: [d(0, -1, '2025-08-31'), d(1, 1, '2025-08-31')],
      expected: [],
    },
    {
      name: 'same date in another format: none',
      steps: [d(0, -1, '2025-08-31'), d(1, 1, '2025-08-31T00:00:00.000Z')],
      expected: [],
    },
    { name: 'older row (stale): none', steps: [d(0, -1, '2025-08-31'), d(1, 1, '2025-08-30')], expected: [] },
    {
      name: 'stale row does not overwrite: the real flip still alerts once',
      steps: [d(0, -1, '2025-08-31'), d(1, 1, '2025-08-30'), d(1, 1, '2025-09-01'), d(1, 1, '2025-09-01')],
      expected: [[-1, 1]],
    },
    {
      name: 'absent part in between keeps the old trend',
      steps: [d(0, -1, '2025-08-30'), { price: { price: 10 } }, {}, d(1, 1, '2025-08-31')],
      expected: [[-1, 1]],
    },
    {
      name: 'first daily row after a baseline without daily data: silent',
      steps: [{ price: { price: 10 } }, d(1, 1, '2025-08-31')],
      expected: [],
    },
    { name: 'first sight of the token: silent', steps: [d(1, 1, '2025-08-31')], expected: [] },
    {
      name: 'flip back and forth alerts each real flip',
      steps: [d(0, -1, '2025-08-29'), d(1, 1, '2025-08-30'), d(-1, -1, '2025-08-31'), d(1, 1, '2025-09-01')],
      expected: [
        [-1, 1],
        [1, -1],
        [-1, 1],
      ],
    },
  ];
  it.each(cases)('$name', ({ steps, expected }) => {
    const { all } = run(steps);
    const flips = all as SignalFlipEvent[];
    expect(flips.map((e) => [e.from, e.to])).toEqual(expected);
    for (const e of flips) {
      expect(e.kind).toBe('signal_flip');
      expect(e.timeframe).toBe('daily');
      expect(e.priority).toBe(PRIORITY.daily_flip);
    }
  });

  it('carries the last known price and the token identity', () => {
    const { all } = run([{ ...d(0, -1, '2025-08-30'), price: { price: 150 } }, d(1, 1, '2025-08-31')]);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ symbol: 'SOL', name: 'Solana', tokenId: 3988, price: 150 });
  });

  it('effectiveTrend prefers a fired signal over the trend', () => {
    const table: Array<[DailySignalObs['signal'], DailySignalObs['trend'], number]> = [
      [0, 1, 1],
      [0, -1, -1],
      [1, -1, 1],
      [-1, 1, -1],
      [0, 0, 0],
    ];
    for (const [signal, trend, want] of table) expect(effectiveTrend({ signal, trend })).toBe(want);
  });
});

describe('hourly signal flip (position change)', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: Array<[number, number]> }> = [
    {
      name: 'short → long',
      steps: [h(-1, '2025-09-01T13:00:00Z'), h(1, '2025-09-01T14:00:00Z', 1)],
      expected: [[-1, 1]],
    },
    {
      name: 'long → flat',
      steps: [h(1, '2025-09-01T13:00:00Z'), h(0, '2025-09-01T14:00:00Z')],
      expected: [[1, 0]],
    },
    {
      name: 'signal without position change: none',
      steps: [h(1, '2025-09-01T13:00:00Z'), h(1, '2025-09-01T14:00:00Z', 1)],
      expected: [],
    },
    {
      name: 'same timestamp: none',
      steps: [h(1, '2025-09-01T13:00:00Z'), h(-1, '2025-09-01T13:00:00Z')],
      expected: [],
    },
    {
      name: 'older timestamp: none',
      steps: [h(1, '2025-09-01T13:00:00Z'), h(-1, '2025-09-01T12:00:00Z')],
      expected: [],
    },
    {
      name: 'the same row re-observed every minute alerts once',
      steps: [
        h(-1, '2025-09-01T13:00:00Z'),
        h(1, '2025-09-01T14:00:00Z'),
        h(1, '2025-09-01T14:00:00Z'),
        h(1, '2025-09-01T14:00:00Z'),
      ],
      expected: [[-1, 1]],
    },
  ];
  it.each(cases)('$name', ({ steps, expected }) => {
    const flips = run(steps).all as SignalFlipEvent[];
    expect(flips.map((e) => [e.from, e.to])).toEqual(expected);
    for (const e of flips) {
      expect(e.timeframe).toBe('hourly');
      expect(e.priority).toBe(PRIORITY.hourly_flip);
    }
  });

  it('keeps close and timestamp in state', () => {
    const o: HourlySignalObs = { signal: 1, position: 1, timestamp: '2025-09-01T13:00:00Z', close: 101.5 };
    const { state } = run([{ hourly: o }]);
    expect(state?.hourly).toMatchObject({ position: 1, close: 101.5, timestamp: '2025-09-01T13:00:00Z' });
  });
});
