import { describe, expect, it } from 'vitest';
import { type ConditionPart, conditionOf } from '#src/domain/price-alerts.js';
import { backtest, meanOf } from '#src/engine/backtest.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
/** Hourly closes from a list of prices. */
const hourly = (prices: number[]) => prices.map((price, i) => ({ t: T0 + i * HOUR, price }));

describe('backtest replay', () => {
  it('counts edges only, with the move 1 h and 24 h after each', () => {
    const prices = [200, 205, 211, 212, 208, 215, ...Array.from({ length: 24 }, () => 220)];
    const r = backtest(conditionOf([{ kind: 'above', price: 210 }]), hourly(prices));
    expect(r.samples).toBe(prices.length);
    expect(r.firings.map((f) => [f.t, f.price])).toEqual([
      [T0 + 2 * HOUR, 211],
      [T0 + 5 * HOUR, 215],
    ]);
    expect(r.firings[0]?.after1h).toBeCloseTo(((212 - 211) / 211) * 100, 6);
    expect(r.firings[0]?.after24h).toBeCloseTo(((220 - 211) / 211) * 100, 6);
    expect(r.firings[1]?.after24h).toBeCloseTo(((220 - 215) / 215) * 100, 6);
    // The history ends less than 24 h after a firing: no 24 h figure for it.
    const short = backtest(conditionOf([{ kind: 'above', price: 210 }]), hourly([200, 211, 212]));
    expect(short.firings.map((f) => [f.after1h !== undefined, f.after24h])).toEqual([[true, undefined]]);
    expect(meanOf(r.firings.map((f) => f.after1h)).n).toBe(2);
  });

  const cases: Array<[string, ConditionPart[], number[], number[]]> = [
    ['below', [{ kind: 'below', price: 100 }], [105, 99, 98, 101, 95], [1, 4]],
    [
      'move from the low',
      [{ kind: 'move', pct: 5, windowMs: 3 * HOUR }],
      [100, 101, 106, 107, 107, 107, 107],
      [2],
    ],
    [
      'move re-arms when the low leaves',
      [{ kind: 'move', pct: 5, windowMs: 2 * HOUR }],
      [100, 106, 106, 106, 100.5],
      [1, 4],
    ],
    [
      'combined price parts',
      [
        { kind: 'above', price: 100 },
        { kind: 'move', pct: 3, windowMs: 2 * HOUR },
      ],
      [99, 101, 102, 104, 104, 104],
      [2],
    ],
    [
      'near support with today’s levels',
      [{ kind: 'near', side: 'support', pct: 1 }],
      [110, 100.5, 103, 100.2],
      [1, 3],
    ],
  ];
  it.each(cases)('%s', (_name, parts, prices, at) => {
    const r = backtest(conditionOf(parts), hourly(prices), { levels: [{ level: 100, strength: 80 }] });
    expect(r.firings.map((f) => (f.t - T0) / HOUR)).toEqual(at);
  });

  it('leaves out Token Metrics parts and says which; nothing to replay without a price part', () => {
    const r = backtest(
      conditionOf([
        { kind: 'above', price: 100 },
        { kind: 'signal', timeframe: 'daily', value: 'bullish' },
      ]),
      hourly([99, 101]),
    );
    expect(r.skipped).toEqual([{ kind: 'signal', timeframe: 'daily', value: 'bullish' }]);
    expect(r.firings).toHaveLength(1);
    const none = backtest(conditionOf([{ kind: 'grade', op: '>=', value: 70 }]), hourly([1, 2]));
    expect(none.replayed).toEqual([]);
    expect(none.firings).toEqual([]);
  });
});

describe('backtest replay of signal parts', () => {
  it('follows the signal timeline: a crossing counts only while the signal holds, and the flip itself is an edge', () => {
    const c = conditionOf([
      { kind: 'above', price: 100 },
      { kind: 'signal', timeframe: 'daily', value: 'bullish' },
    ]);
    // Crossings at hours 1 and 4; bullish from hour 3.5 on; price above 100 at hour 3 already.
    const series = hourly([99, 101, 99, 101, 102, 99, 101]);
    const r = backtest(c, series, undefined, {
      daily: { initial: -1, changes: [{ t: T0 + 3.5 * HOUR, value: 1 }] },
    });
    expect(r.skipped).toEqual([]);
    expect(r.firings.map((f) => (f.t - T0) / HOUR)).toEqual([4, 6]);
  });
});
