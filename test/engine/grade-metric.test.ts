import { describe, expect, it } from 'vitest';
import type { GradeChangeEvent, ThresholdEvent } from '#src/domain/types.js';
import { metricKey, PRIORITY } from '#src/engine/index.js';
import { thresholdStep } from '#src/engine/rules/metric-threshold.js';
import { OPTS, run, type Step } from './helpers.js';

const sharpe = (v: number, date?: string): Step => ({
  quant: { metrics: { SHARPE: v }, ...(date === undefined ? {} : { date }) },
});
const grade = (signal: string): Step => ({ grade: { signal } });

describe('thresholdStep (one threshold, hysteresis h)', () => {
  const t = 1;
  const hy = 0.1;
  const cases: Array<{ prev: 'above' | 'below' | undefined; value: number; side: string; crossed?: string }> =
    [
      { prev: undefined, value: 0.5, side: 'below' },
      { prev: undefined, value: 1, side: 'above' },
      { prev: 'below', value: 1.05, side: 'below' },
      { prev: 'below', value: 1.1, side: 'above', crossed: 'up' },
      { prev: 'below', value: 3, side: 'above', crossed: 'up' },
      { prev: 'above', value: 0.95, side: 'above' },
      { prev: 'above', value: 0.9, side: 'below', crossed: 'down' },
      { prev: 'above', value: 1.5, side: 'above' },
      { prev: 'below', value: -2, side: 'below' },
    ];
  it.each(cases)('prev $prev, value $value → $side $crossed', ({ prev, value, side, crossed }) => {
    const r = thresholdStep(prev && { side: prev, since: 0 }, value, t, hy, 5);
    expect(r.side.side).toBe(side);
    expect(r.crossed).toBe(crossed);
    if (!crossed && prev) expect(r.side.since).toBe(0);
  });
});

describe('metric threshold crossing (detect)', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: string[] }> = [
    { name: 'first observation sets the side silently', steps: [{}, sharpe(1.5)], expected: [] },
    { name: 'cross up', steps: [sharpe(0.5), sharpe(1.2)], expected: ['up@1.2'] },
    { name: 'cross down', steps: [sharpe(1.5), sharpe(0.8)], expected: ['down@0.8'] },
    { name: 'inside the band: none', steps: [sharpe(0.5), sharpe(1.05)], expected: [] },
    {
      name: 'wobbling 0.95..1.05 around 1.0 alerts at most once',
      steps: [0.95, 1.05, 0.96, 1.04, 0.95, 1.05, 0.97, 1.03, 0.95, 1.05].map((v) => sharpe(v)),
      expected: [],
    },
    {
      name: 'wobble after a real crossing: exactly one',
      steps: [0.5, 1.2, 0.95, 1.05, 0.95, 1.05, 0.92].map((v) => sharpe(v)),
      expected: ['up@1.2'],
    },
    { name: 'up then down', steps: [0.5, 1.2, 0.8].map((v) => sharpe(v)), expected: ['up@1.2', 'down@0.8'] },
    {
      name: 'quant absent or SHARPE missing: no change',
      steps: [sharpe(0.5), {}, { quant: { metrics: { SORTINO: 3 } } }, sharpe(0.6)],
      expected: [],
    },
    {
      name: 'older row ignored',
      steps: [sharpe(0.5, '2025-09-01'), sharpe(1.5, '2025-08-01')],
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ steps, expected }) => {
    const { all } = run(steps);
    const got = (all as ThresholdEvent[]).map((e) => `${e.direction}@${e.value}`);
    expect(got).toEqual(expected);
    for (const e of all as ThresholdEvent[]) {
      expect(e).toMatchObject({
        kind: 'metric_cross',
        metric: 'SHARPE',
        threshold: 1,
        priority: PRIORITY.metric_cross,
      });
    }
  });

  it('honours a custom hysteresis', () => {
    const steps = [0.5, 1.05, 0.9, 1.25, 1.3].map((v) => sharpe(v));
    expect(run(steps, { ...OPTS, hysteresis: 0.25 }).all.map((e) => (e as ThresholdEvent).value)).toEqual([
      1.25,
    ]);
    expect(run(steps, { ...OPTS, hysteresis: 0 }).all.map((e) => (e as ThresholdEvent).value)).toEqual([
      1.05, 0.9, 1.25,
    ]);
  });

  it('reports the previous value', () => {
    const { all } = run([sharpe(0.5), sharpe(1.2)]);
    expect(all[0]).toMatchObject({ previous: 0.5, value: 1.2 });
  });

  it('each threshold is its own profile; a new one is silent at first', () => {
    const a = run([sharpe(0.5), sharpe(1.6)], { ...OPTS, sharpeThresholds: [1, 1.5] });
    expect((a.all as ThresholdEvent[]).map((e) => e.threshold).sort()).toEqual([1, 1.5]);
    // Threshold 2 appears later: baselined from the stored value (1.6 → below), then crossing up alerts.
    const b = run([sharpe(2.5)], { ...OPTS, sharpeThresholds: [1, 1.5, 2] }, a.state);
    expect(b.all).toHaveLength(0);
    expect(b.state?.sides?.[metricKey('SHARPE', 2)]?.side).toBe('above');
    const c = run([sharpe(0.5), sharpe(2.5)], { ...OPTS, sharpeThresholds: [2] }, a.state);
    expect((c.all as ThresholdEvent[]).map((e) => `${e.direction}${e.threshold}`)).toEqual(['up2']);
  });

  it('a dropped threshold leaves the state', () => {
    const a = run([sharpe(0.5)], { ...OPTS, sharpeThresholds: [1, 2] });
    expect(Object.keys(a.state?.sides ?? {})).toHaveLength(2);
    const b = run([{}], { ...OPTS, sharpeThresholds: [2] }, a.state);
    expect(Object.keys(b.state?.sides ?? {})).toEqual([metricKey('SHARPE', 2)]);
  });

  it('the same rule shape watches other metrics with their own hysteresis', () => {
    const opts = {
      ...OPTS,
      sharpeThresholds: [],
      metricThresholds: [{ metric: 'MAX_DRAWDOWN', thresholds: [-0.5], hysteresis: 0.02 }],
    };
    const dd = (v: number): Step => ({ quant: { metrics: { MAX_DRAWDOWN: v } } });
    const { all } = run([dd(-0.4), dd(-0.49), dd(-0.51), dd(-0.53), dd(-0.49), dd(-0.47)], opts);
    expect((all as ThresholdEvent[]).map((e) => `${e.metric}:${e.direction}@${e.value}`)).toEqual([
      'MAX_DRAWDOWN:down@-0.53',
      'MAX_DRAWDOWN:up@-0.47',
    ]);
  });
});

describe('grade change', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: string[] }> = [
    { name: 'Buy → Strong Buy', steps: [grade('Buy'), grade('Strong Buy')], expected: ['Buy>Strong Buy'] },
    { name: 'unchanged', steps: [grade('Buy'), grade('Buy'), grade('Buy')], expected: [] },
    {
      name: 'case/space only: unchanged',
      steps: [grade('Strong Buy'), grade(' strong  buy ')],
      expected: [],
    },
    { name: 'empty signal is absent', steps: [grade('Buy'), grade(''), grade('Buy')], expected: [] },
    { name: 'missing part keeps it', steps: [grade('Buy'), {}, grade('Sell')], expected: ['Buy>Sell'] },
    { name: 'first grade: silent', steps: [{}, grade('Sell')], expected: [] },
    {
      name: 'back and forth: each change once',
      steps: [grade('Buy'), grade('Neutral'), grade('Neutral'), grade('Buy')],
      expected: ['Buy>Neutral', 'Neutral>Buy'],
    },
  ];
  it.each(cases)('$name', ({ steps, expected }) => {
    const { all } = run(steps);
    expect((all as GradeChangeEvent[]).map((e) => `${e.from}>${e.to}`)).toEqual(expected);
    for (const e of all) expect(e.priority).toBe(PRIORITY.grade_change);
  });

  it('two changes back to the same pair get different ids', () => {
    const { all } = run([grade('Buy'), grade('Neutral'), grade('Buy'), grade('Neutral')]);
    expect(all).toHaveLength(3);
    expect(all[0]?.id).not.toBe(all[2]?.id);
  });
});
