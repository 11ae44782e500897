import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_BAND, inBand, levelBand, unchangedRange } from '#src/engine/band.js';
import { detect } from '#src/engine/detect.js';
import type { LevelPhase, PhaseState, TokenState } from '#src/engine/index.js';
import { type PhaseConfig, rearmDistance, stepPhase, transitionOf } from '#src/engine/rules/level-phase.js';
import { OPTS, obs, strong, T0 } from './helpers.js';

const CFG: PhaseConfig = { pct: 2, touchPct: 0.25, breakoutPct: 0.5, rearmPct: rearmDistance(2, 1.5, 0.5) };
const HOLD: PhaseConfig = { ...CFG, holdMs: 30_000 };
const ph = (p: LevelPhase, ref: 'above' | 'below', x?: number): PhaseState =>
  x === undefined ? { p, ref, since: 1 } : { p, ref, since: 1, x };

describe('stepPhase with a breakout hold', () => {
  const cases: Array<{
    name: string;
    from: PhaseState;
    d: number;
    now: number;
    want: PhaseState;
    event?: string;
  }> = [
    {
      name: 'first frame past the buffer only marks it',
      from: ph('near', 'below'),
      d: 0.7,
      now: 100,
      want: ph('near', 'below', 100),
    },
    {
      name: 'still past before the hold: unchanged',
      from: ph('near', 'below', 100),
      d: 0.9,
      now: 30_099,
      want: ph('near', 'below', 100),
    },
    {
      name: 'still past after the hold: breakout',
      from: ph('near', 'below', 100),
      d: 0.9,
      now: 30_100,
      want: { p: 'broken', ref: 'below', since: 30_100 },
      event: 'breakout',
    },
    {
      name: 'back inside the buffer clears it (a wick)',
      from: ph('near', 'below', 100),
      d: -1,
      now: 5_000,
      want: ph('near', 'below'),
    },
    {
      name: 'wick back into the touch band: touch, pending cleared',
      from: ph('near', 'below', 100),
      d: 0.1,
      now: 5_000,
      want: { p: 'touch', ref: 'below', since: 5_000 },
      event: 'touch',
    },
    {
      name: 'support side mirrors it',
      from: ph('touch', 'above'),
      d: -0.6,
      now: 7,
      want: ph('touch', 'above', 7),
    },
    {
      name: 'far straight past: pending, no approach yet',
      from: ph('far', 'below'),
      d: 3,
      now: 7,
      want: ph('far', 'below', 7),
    },
  ];
  it.each(cases)('$name', ({ from, d, now, want, event }) => {
    const next = stepPhase(from, d, HOLD, now);
    expect(next).toEqual(want);
    expect(transitionOf(from, next)).toBe(event);
  });

  it('without a hold a crossing breaks at once (polled prices)', () => {
    expect(stepPhase(ph('near', 'below'), 0.7, CFG, 5)).toEqual({ p: 'broken', ref: 'below', since: 5 });
  });

  it('a breakout held through detect keeps the id it would have had without the hold', () => {
    const base = detect(
      undefined,
      obs({ price: { price: 97 }, levels: { levels: strong(100) } }),
      OPTS,
    ).state;
    const instant = detect(base, obs({ price: { price: 101 } }), { ...OPTS, now: T0 + 60_000 });
    const held = { ...OPTS, breakoutHoldMs: 30_000 };
    const a = detect(base, obs({ price: { price: 101 } }), { ...held, now: T0 + 60_000 });
    expect(a.events).toEqual([]);
    const b = detect(a.state, obs({ price: { price: 101.2 } }), { ...held, now: T0 + 90_000 });
    expect(b.events.map((e) => e.kind)).toEqual(['level_breakout']);
    expect(b.events[0]?.id).toBe(instant.events[0]?.id);
  });
});

describe('unchangedRange', () => {
  it.each<[string, PhaseState, number, [number, number] | undefined]>([
    ['far below a resistance: up to the approach line', ph('far', 'below'), -5, [-Infinity, -2]],
    ['near: between re-arm and touch', ph('near', 'below'), -1, [-3, -0.25]],
    ['touch: until re-arm or breakout', ph('touch', 'below'), -0.1, [-3, 0.5]],
    ['broken: inside the re-arm distance', ph('broken', 'below'), 1, [-3, 3]],
    ['far at a price that would approach: none', ph('far', 'below'), -1, undefined],
  ])('%s', (_n, phase, d0, want) => {
    const r = unchangedRange(phase, d0, CFG, 0);
    if (want === undefined) expect(r).toBeUndefined();
    else expect(r).toEqual(want);
  });
});

describe('levelBand', () => {
  const baseline = (price: number): TokenState =>
    detect(undefined, obs({ price: { price }, levels: { levels: strong(100) } }), OPTS).state;

  it('no levels: every price passes', () => {
    const b = levelBand(detect(undefined, obs({ price: { price: 5 } }), OPTS).state, 5, OPTS);
    expect(inBand(b, 1e9, T0)).toBe(true);
  });

  it('far below resistance 100 (profile 2%): band ends at the approach line 98', () => {
    const b = levelBand(baseline(90), 90, OPTS);
    expect(b.hi).toBeCloseTo(98, 6);
    expect(inBand(b, 97.9, T0)).toBe(true);
    expect(inBand(b, 98, T0)).toBe(false);
  });

  it('a pending hold makes the band expire when the hold ends', () => {
    const held = { ...OPTS, breakoutHoldMs: 30_000 };
    const s0 = baseline(99);
    const s1 = detect(s0, obs({ price: { price: 101 } }), { ...held, now: T0 + 1_000 }).state;
    const b = levelBand(s1, 101, { ...held, now: T0 + 1_000 });
    expect(b.until).toBe(T0 + 31_000);
    expect(inBand(b, 101.1, T0 + 30_999)).toBe(true);
    expect(inBand(b, 101.1, T0 + 31_000)).toBe(false);
  });

  it('a new profile not yet in the state: evaluate', () => {
    expect(levelBand(baseline(90), 90, { ...OPTS, proximityPcts: [2, 5] })).toEqual(EMPTY_BAND);
  });

  it('property: any price inside the band leaves state and events unchanged', () => {
    const phases: LevelPhase[] = ['far', 'near', 'touch', 'broken'];
    let inside = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 80, max: 120, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...phases),
        fc.constantFrom<'above' | 'below'>('above', 'below'),
        fc.constantFrom(0.1, 0.4, 2, 7),
        (start, f, p, ref, pct) => {
          const opts = { ...OPTS, proximityPcts: [pct, 2] };
          const s0 = detect(
            undefined,
            obs({ price: { price: start }, levels: { levels: strong(100) } }),
            opts,
          ).state;
          const items = (s0.levels?.items ?? []).map((it) => ({
            ...it,
            phases: Object.fromEntries(Object.keys(it.phases).map((k) => [k, { p, ref, since: 1 }])),
          }));
          const state = { ...s0, levels: { ...(s0.levels as NonNullable<TokenState['levels']>), items } };
          const b = levelBand(state, start, opts);
          // Probe inside the band when it is finite (else anywhere near): the interesting edges get hit.
          const probe =
            Number.isFinite(b.lo) && Number.isFinite(b.hi) ? b.lo + f * (b.hi - b.lo) : start * (0.5 + f);
          if (!inBand(b, probe, T0)) return;
          inside++;
          const r = detect(state, obs({ price: { price: probe } }), opts);
          expect(r.events).toEqual([]);
          expect(r.state.levels?.items).toEqual(state.levels.items);
        },
      ),
      { numRuns: 2000 },
    );
    expect(inside).toBeGreaterThan(50); // the property was exercised, not skipped
  });
});
