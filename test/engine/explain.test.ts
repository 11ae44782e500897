import { describe, expect, it } from 'vitest';
import {
  type DetectOptions,
  explainToken,
  rearmDistance,
  type TokenState,
  watchedMetrics,
} from '#src/engine/index.js';
import { OPTS, run, type Step, strong, weak } from './helpers.js';

/** States made by the engine itself from these steps (first step: the silent baseline). */
function stateOf(steps: Step[], opts: Omit<DetectOptions, 'now'> = OPTS): TokenState {
  const { state } = run(steps, opts);
  if (!state) throw new Error('no state');
  return state;
}

const withLevel = (price: number, levels = strong(100)): Step => ({ price: { price }, levels: { levels } });
const at = (price: number): Step => ({ price: { price } });

describe('explainToken: levels for one proximity profile (table)', () => {
  const custom = { ...OPTS, rearmFactor: 3, breakoutPct: 0.4 };
  it.each([
    {
      name: 'approached support: near, re-arms past max(2 × 1.5, 2 × 0.5) = 3%',
      steps: [withLevel(110), at(101.5)],
      want: { side: 'support', phase: 'near', rearmPct: 3, inBand: true, strong: true, awayPct: 1.5 },
    },
    {
      name: "the engine's own options: rearmFactor 3, breakoutPct 0.4 → 6%",
      steps: [withLevel(110), at(101.5)],
      opts: custom,
      want: { phase: 'near', rearmPct: rearmDistance(2, 3, 0.4) },
    },
    {
      name: 'broke resistance: broken, re-arming',
      steps: [withLevel(98), at(101)],
      want: { side: 'support', phase: 'broken', rearmPct: 3, inBand: true },
    },
    {
      name: 'armed and far: no re-arm distance',
      steps: [withLevel(110), at(108)],
      want: { side: 'support', phase: 'far', rearmPct: undefined, inBand: false },
    },
    {
      name: 'inside the band by the level machine (percent of the level), not of the price',
      // 102.02 is 2.02% from 100 (outside a 2% band) though 100 is only 1.98% below 102.02.
      steps: [withLevel(110), at(102.02)],
      want: { phase: 'far', inBand: false, awayPct: 2.02 },
    },
    {
      name: 'a weak level is tracked but not strong',
      steps: [withLevel(110, weak(100)), at(101)],
      want: { strong: false, strength: 18, phase: 'near' },
    },
    {
      name: 'a profile the engine does not run yet: no phase',
      steps: [withLevel(110), at(101.5)],
      explainWith: { ...OPTS, proximityPcts: [3] },
      want: { phase: undefined, rearmPct: undefined, inBand: true },
    },
  ])('$name', ({ steps, opts, explainWith, want }) => {
    const state = stateOf(steps, opts ?? OPTS);
    const x = explainToken(state, explainWith ?? opts ?? OPTS);
    const [l] = x.levels;
    expect(l).toBeDefined();
    const got = {
      side: l?.side,
      phase: l?.phase?.p,
      rearmPct: l?.rearmPct,
      inBand: l?.inBand,
      strong: l?.strong,
      strength: l?.strength === undefined ? undefined : Math.round(l.strength),
      awayPct: l === undefined ? undefined : Math.round(l.awayPct * 100) / 100,
    };
    expect(got).toMatchObject(want);
  });

  it('nearest first, with the signed distance /levels shows; none without a price', () => {
    const state = stateOf([withLevel(105, [...strong(100), ...strong(120), ...strong(107)])]);
    const x = explainToken(state, OPTS);
    expect(x.levels.map((l) => [Math.round(l.level), l.side])).toEqual([
      [107, 'resistance'],
      [100, 'support'],
      [120, 'resistance'],
    ]);
    expect(x.levels[1]?.distancePct).toBeCloseTo(((100 - 105) / 105) * 100, 6);
    expect(x.profile).toMatchObject({ pct: 2, touchPct: 0.25, breakoutPct: 0.5, rearmPct: 3 });
    expect(x.minStrength).toBe(50);
    const { price: _p, ...noPrice } = state;
    expect(explainToken(noPrice, OPTS).levels).toEqual([]);
  });
});

describe('explainToken: thresholds with their hysteresis (table)', () => {
  const sharpe = (v: number): Step => ({ quant: { metrics: { SHARPE: v } } });
  it.each([
    {
      name: 'below the threshold, default band ±0.1',
      steps: [sharpe(0.95)],
      opts: OPTS,
      want: { metric: 'SHARPE', threshold: 1, value: 0.95, side: 'below', up: 1.1, down: 0.9 },
    },
    {
      name: "the engine's hysteresis option",
      steps: [sharpe(0.5), sharpe(1.3)],
      opts: { ...OPTS, hysteresis: 0.25 },
      want: { side: 'above', value: 1.3, up: 1.25, down: 0.75, hysteresis: 0.25 },
    },
    {
      name: 'a threshold not tracked yet: the value, no side',
      steps: [sharpe(0.95)],
      opts: OPTS,
      explainWith: { ...OPTS, sharpeThresholds: [1.5] },
      want: { threshold: 1.5, value: 0.95, side: undefined },
    },
    {
      name: 'no value yet',
      steps: [at(100)],
      opts: OPTS,
      want: { value: undefined, side: undefined },
    },
  ])('$name', ({ steps, opts, explainWith, want }) => {
    const x = explainToken(stateOf(steps, opts), explainWith ?? opts);
    const [t] = x.thresholds;
    if (!t) throw new Error('no threshold explained');
    const { metric, threshold, value, up, down, hysteresis } = t;
    expect({ metric, threshold, value, up, down, hysteresis, side: t.side?.side }).toMatchObject(want);
    expect(up).toBeCloseTo(threshold + hysteresis, 9);
    expect(down).toBeCloseTo(threshold - hysteresis, 9);
  });

  it('watched metrics: SHARPE always, and every metric the engine holds a side for', () => {
    expect(watchedMetrics(undefined)).toEqual(['SHARPE']);
    const opts = { ...OPTS, metricThresholds: [{ metric: 'MAX_DRAWDOWN', thresholds: [-20] }] };
    const state = stateOf([{ quant: { metrics: { SHARPE: 1.2, MAX_DRAWDOWN: -10 } } }], opts);
    expect(watchedMetrics(state)).toEqual(['SHARPE', 'MAX_DRAWDOWN']);
    expect(explainToken(state, { proximityPcts: [2], sharpeThresholds: [1] }).metrics).toEqual([
      'SHARPE',
      'MAX_DRAWDOWN',
    ]);
  });
});
