import { describe, expect, it } from 'vitest';
import type { LevelPhase, PhaseState } from '#src/engine/index.js';
import {
  initialPhase,
  type PhaseConfig,
  rearmDistance,
  stepPhase,
  transitionOf,
} from '#src/engine/rules/level-phase.js';

// Profile 2%, touch 0.25%, breakout 0.5%, re-arm 3%.
const CFG: PhaseConfig = { pct: 2, touchPct: 0.25, breakoutPct: 0.5, rearmPct: rearmDistance(2, 1.5, 0.5) };

describe('rearmDistance', () => {
  it.each([
    [2, 1.5, 0.5, 3],
    [0.2, 1.5, 0.5, 1],
    [5, 1.2, 0.5, 6],
  ])('pct %d × %d, breakout %d → %d', (pct, f, b, want) => {
    expect(rearmDistance(pct, f, b)).toBeCloseTo(want);
  });
});

describe('initialPhase', () => {
  it.each<[number, LevelPhase, 'above' | 'below']>([
    [-5, 'far', 'below'],
    [-1.5, 'near', 'below'],
    [0.1, 'touch', 'above'],
    [2, 'near', 'above'],
    [0, 'touch', 'above'],
  ])('d=%d → %s, ref %s', (d, p, ref) => {
    expect(initialPhase(d, CFG, 7)).toEqual({ p, ref, since: 7 });
  });
});

describe('stepPhase', () => {
  const ph = (p: LevelPhase, ref: 'above' | 'below'): PhaseState => ({ p, ref, since: 1 });
  const cases: Array<{
    from: PhaseState;
    d: number;
    to: LevelPhase;
    ref?: 'above' | 'below';
    event?: string;
  }> = [
    // resistance (price below the level)
    { from: ph('far', 'below'), d: -5, to: 'far' },
    { from: ph('far', 'below'), d: -2.5, to: 'far' },
    { from: ph('far', 'below'), d: -2, to: 'near', event: 'approach' },
    { from: ph('far', 'below'), d: -0.2, to: 'touch', event: 'touch' },
    { from: ph('far', 'below'), d: 0.4, to: 'near', event: 'approach' }, // past it, not yet confirmed
    { from: ph('far', 'below'), d: 5, to: 'broken', ref: 'below', event: 'breakout' },
    { from: ph('far', 'below'), d: 0.5, to: 'broken', event: 'breakout' },
    { from: ph('near', 'below'), d: -1, to: 'near' },
    { from: ph('near', 'below'), d: -2.9, to: 'near' },
    { from: ph('near', 'below'), d: -3.1, to: 'far', ref: 'below' },
    { from: ph('near', 'below'), d: 0.2, to: 'touch', event: 'touch' },
    { from: ph('near', 'below'), d: 0.7, to: 'broken', event: 'breakout' },
    { from: ph('touch', 'below'), d: -1, to: 'touch' },
    { from: ph('touch', 'below'), d: 0.1, to: 'touch' },
    { from: ph('touch', 'below'), d: -3.5, to: 'far' },
    { from: ph('touch', 'below'), d: 0.6, to: 'broken', event: 'breakout' },
    // support (price above the level)
    { from: ph('far', 'above'), d: 1.9, to: 'near', event: 'approach' },
    { from: ph('near', 'above'), d: -0.6, to: 'broken', ref: 'above', event: 'breakout' },
    { from: ph('far', 'above'), d: -0.2, to: 'touch', event: 'touch' },
    // broken: only moving beyond the re-arm distance changes anything
    { from: ph('broken', 'below'), d: 0.6, to: 'broken' },
    { from: ph('broken', 'below'), d: -0.6, to: 'broken' },
    { from: ph('broken', 'below'), d: 2.9, to: 'broken' },
    { from: ph('broken', 'below'), d: 3.1, to: 'far', ref: 'above' },
    { from: ph('broken', 'below'), d: -3.1, to: 'far', ref: 'below' },
  ];
  it.each(cases)('$from.p/$from.ref at d=$d → $to $event', ({ from, d, to, ref, event }) => {
    const next = stepPhase(from, d, CFG, 9);
    expect(next.p).toBe(to);
    expect(transitionOf(from, next)).toBe(event);
    if (ref) expect(next.ref).toBe(ref);
    if (to === from.p && ref === undefined) expect(next).toBe(from);
    if (to !== from.p) expect(next.since).toBe(9);
  });
});
