import { describe, expect, it } from 'vitest';
import type { LevelEvent } from '#src/domain/types.js';
import { PRIORITY } from '#src/engine/index.js';
import { kinds, OPTS, prices, run, type Step, strong, weak } from './helpers.js';

/** Baseline with a strong level at 100 and the price at `p0`, then the given prices. */
function walk(p0: number, ...ps: number[]): Step[] {
  return [{ price: { price: p0 }, levels: { levels: strong(100) } }, ...prices(...ps)];
}

describe('level state machine through detect (strong level at 100, profile 2%)', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: string[] }> = [
    { name: 'baseline is silent even right at the level', steps: walk(100.1), expected: [] },
    { name: 'far → approach', steps: walk(90, 95, 98.5), expected: ['level_approach'] },
    {
      name: 'approach → touch → breakout',
      steps: walk(90, 98.5, 99.9, 100.7),
      expected: ['level_approach', 'level_touch', 'level_breakout'],
    },
    {
      name: 'jump from far straight through: only the breakout',
      steps: walk(90, 105),
      expected: ['level_breakout'],
    },
    {
      name: 'jump from far to just past (confirmed): only the breakout',
      steps: walk(90, 100.6),
      expected: ['level_breakout'],
    },
    { name: 'far → touch skips the approach', steps: walk(90, 99.9), expected: ['level_touch'] },
    {
      name: 'wobbling around the approach boundary for 20 ticks: one approach',
      steps: walk(90, ...Array.from({ length: 20 }, (_, i) => (i % 2 ? 98.1 : 97.9))),
      expected: ['level_approach'],
    },
    {
      name: 'wobbling around the touch boundary: one touch',
      steps: walk(90, 98.5, ...Array.from({ length: 10 }, (_, i) => (i % 2 ? 99.8 : 99.7))),
      expected: ['level_approach', 'level_touch'],
    },
    {
      name: 'oscillating around the level after a breakout: no repeat',
      steps: walk(90, 101, 99.4, 100.6, 99.3, 100.8, 99.5, 101.5, 98.5, 102),
      expected: ['level_breakout'],
    },
    {
      name: 'after a breakout, moving beyond the band re-arms; coming back approaches the level as support',
      steps: walk(90, 101, 103.5, 101.5, 100.1, 99.4),
      expected: ['level_breakout', 'level_approach', 'level_touch', 'level_breakout'],
    },
    {
      name: 'moving away without crossing re-arms: a second approach alerts',
      steps: walk(90, 98.5, 96.5, 98.5, 96.9, 98.5),
      expected: ['level_approach', 'level_approach', 'level_approach'],
    },
    {
      name: 'retreat that stays inside the re-arm distance does not re-alert',
      steps: walk(90, 98.5, 97.1, 98.5, 97.2, 98.5),
      expected: ['level_approach'],
    },
    {
      name: 'price missing: no events, the machine waits',
      steps: [...walk(90), {}, { daily: { signal: 0, trend: 1, date: '2025-08-30' } }, ...prices(98.5)],
      expected: ['level_approach'],
    },
  ];
  it.each(cases)('$name', ({ steps, expected }) => {
    expect(kinds(run(steps).all)).toEqual(expected);
  });

  it('fills the event fields', () => {
    const { all } = run(walk(90, 98.5, 100.7));
    const [approach, breakout] = all as LevelEvent[];
    expect(approach).toMatchObject({
      kind: 'level_approach',
      side: 'resistance',
      direction: 'up',
      price: 98.5,
      proximityPct: 2,
      strength: 83,
      priority: PRIORITY.level_approach,
    });
    expect(approach?.level).toBeCloseTo(100, 6);
    expect(approach?.distancePct).toBeCloseTo(1.5, 3);
    expect(breakout).toMatchObject({
      kind: 'level_breakout',
      side: 'resistance',
      direction: 'up',
      priority: PRIORITY.level_breakout,
    });
    expect(breakout?.distancePct).toBeCloseTo(0.7, 3);
  });

  it('support from above: approach down, breakout down', () => {
    const { all } = run(walk(110, 101.5, 99.3));
    expect((all as LevelEvent[]).map((e) => `${e.kind}:${e.side}:${e.direction}`)).toEqual([
      'level_approach:support:down',
      'level_breakout:support:down',
    ]);
  });

  it('weak levels are tracked but silent; minStrength lowers the bar', () => {
    const steps: Step[] = [{ price: { price: 90 }, levels: { levels: weak(100) } }, ...prices(98.5, 101)];
    const quiet = run(steps);
    expect(quiet.all).toEqual([]);
    expect(quiet.state?.levels?.items[0]?.phases['2']?.p).toBe('broken');
    expect(quiet.state?.levels?.items[0]?.strength).toBeLessThan(50);
    expect(kinds(run(steps, { ...OPTS, minStrength: 10 }).all)).toEqual(['level_approach', 'level_breakout']);
  });

  it('each proximity profile has its own machine', () => {
    const { events } = run(walk(90, 96, 98.5, 99.5, 100.8), { ...OPTS, proximityPcts: [1, 2, 5] });
    const tags = events.map((es) => (es as LevelEvent[]).map((e) => `${e.kind}@${e.proximityPct}`).sort());
    expect(tags).toEqual([
      [],
      ['level_approach@5'],
      ['level_approach@2'],
      ['level_approach@1'],
      ['level_breakout@1', 'level_breakout@2', 'level_breakout@5'],
    ]);
    // Same transition, different profiles: different ids.
    expect(new Set(events[4]?.map((e) => e.id)).size).toBe(3);
  });

  it('a profile that appears later is silent for its first observation', () => {
    const a = run(walk(90, 98.5));
    expect(kinds(a.all)).toEqual(['level_approach']);
    const b = run(prices(97.5, 98.5), { ...OPTS, proximityPcts: [2, 3] }, a.state);
    expect(b.all).toEqual([]);
    expect(b.state?.levels?.items[0]?.phases['3']?.p).toBe('near');
    const c = run(prices(101), { ...OPTS, proximityPcts: [2, 3] }, b.state);
    expect((c.all as LevelEvent[]).map((e) => e.proximityPct).sort()).toEqual([2, 3]);
  });

  it('a slightly moved cluster keeps its key and phase', () => {
    const a = run(walk(90, 98.5));
    const key = a.state?.levels?.items[0]?.key;
    const b = run([{ levels: { levels: strong(100.4) } }, ...prices(98.6)], OPTS, a.state);
    expect(b.all).toEqual([]);
    expect(b.state?.levels?.items[0]?.key).toBe(key);
    expect(b.state?.levels?.items[0]?.level).toBeCloseTo(100.4, 6);
    expect(b.state?.levels?.items[0]?.phases['2']?.p).toBe('near');
  });

  it('a new level next to the price is baselined silently; a vanished level is dropped', () => {
    const a = run(walk(90, 91));
    const b = run([{ price: { price: 91 }, levels: { levels: strong(92) } }, ...prices(91.5)], OPTS, a.state);
    expect(b.all).toEqual([]);
    expect(b.state?.levels?.items.map((l) => Math.round(l.level))).toEqual([92]);
  });

  it('an empty or stale level list keeps the stored levels', () => {
    const a = run([{ price: { price: 90 }, levels: { levels: strong(100), date: '2025-09-01' } }]);
    const b = run(
      [{ levels: { levels: [] } }, { levels: { levels: strong(120), date: '2025-08-01' } }, ...prices(98.5)],
      OPTS,
      a.state,
    );
    expect(b.state?.levels?.items.map((l) => Math.round(l.level))).toEqual([100]);
    expect(kinds(b.all)).toEqual(['level_approach']);
  });

  it('levels before any price: tracked without phases, baselined when a price arrives', () => {
    const { state, all } = run([{ levels: { levels: strong(100) } }, {}, ...prices(99), ...prices(101)]);
    expect(kinds(all)).toEqual(['level_breakout']);
    expect(state?.levels?.items[0]?.phases['2']?.p).toBe('broken');
  });

  it('two levels, one tick: each gets its own event', () => {
    const levels = [...strong(100), ...strong(104)];
    const { all } = run([{ price: { price: 90 }, levels: { levels } }, ...prices(102)], {
      ...OPTS,
      proximityPcts: [2.5],
    });
    expect((all as LevelEvent[]).map((e) => `${e.kind}:${Math.round(e.level)}`).sort()).toEqual([
      'level_approach:104',
      'level_breakout:100',
    ]);
  });

  it('a dropped profile leaves the state, and coming back later is silent', () => {
    const a = run(walk(90, 98.5), { ...OPTS, proximityPcts: [2, 3] });
    expect(Object.keys(a.state?.levels?.items[0]?.phases ?? {}).sort()).toEqual(['2', '3']);
    const b = run(prices(98.6), OPTS, a.state);
    expect(Object.keys(b.state?.levels?.items[0]?.phases ?? {})).toEqual(['2']);
    expect(b.state?.levels?.profiles).toBe('2');
    const c = run(prices(98.7, 101), { ...OPTS, proximityPcts: [2, 3] }, b.state);
    expect(c.events[0]).toEqual([]);
    expect((c.events[1] as LevelEvent[]).map((e) => e.proximityPct).sort()).toEqual([2, 3]);
  });

  it('alternating option sets give each its own answer (the options memo never leaks)', () => {
    const base = run(walk(90), { ...OPTS, proximityPcts: [1, 5] }).state;
    const a = () => ({ ...OPTS, proximityPcts: [1, 5] });
    const b = () => ({ ...OPTS, proximityPcts: [1, 5], minStrength: 90 });
    const tags = (o: typeof OPTS) =>
      (run(prices(96), o, base).all as LevelEvent[]).map((e) => e.proximityPct);
    expect(tags(a())).toEqual([5]);
    expect(tags(b())).toEqual([]);
    expect(tags(a())).toEqual([5]);
    const shared = a();
    expect(tags({ ...shared, minStrength: 90 })).toEqual([]);
    expect(tags(shared)).toEqual([5]);
  });

  it.each<[string, Partial<typeof OPTS>, number[], string[]]>([
    ['a wider touch band', { touchPct: 1 }, [90, 99.2], ['level_touch']],
    [
      'a stricter breakout',
      { breakoutPct: 2 },
      [90, 101, 101.9, 102.1],
      ['level_approach', 'level_breakout'],
    ],
    [
      'a larger re-arm factor',
      { rearmFactor: 3 },
      [90, 98.5, 96, 98.5, 93.9, 98.5],
      ['level_approach', 'level_approach'],
    ],
    ['a tighter cluster band splits the cluster', { clusterPct: 0.05 }, [90, 98.5], []],
  ])('option: %s', (_name, extra, ps, expected) => {
    const [p0 = 0, ...rest] = ps;
    expect(kinds(run(walk(p0, ...rest), { ...OPTS, ...extra }).all)).toEqual(expected);
  });
});
