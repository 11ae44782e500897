import { describe, expect, it } from 'vitest';
import type { TokenObservation } from '#src/domain/market.js';
import type { AlertEvent } from '#src/domain/types.js';
import {
  createDetector,
  detect,
  PRIORITY,
  parseState,
  priorityOf,
  STATE_VERSION,
  type TokenState,
  viewOf,
} from '#src/engine/index.js';
import { MIN, OPTS, obs, run, type Step, strong, T0 } from './helpers.js';

/** Everything observed at once, then everything changing at once. */
const FULL_0: Step = {
  url: 'https://app.tokenmetrics.com/en/solana',
  price: { price: 90 },
  daily: { signal: 0, trend: -1, date: '2025-08-30' },
  hourly: { signal: 0, position: -1, timestamp: '2025-08-31T22:00:00Z' },
  levels: { levels: [...strong(100), ...strong(80)], date: '2025-08-31' },
  quant: { metrics: { SHARPE: 0.4, VOLATILITY: 0.6 }, date: '2025-08-31' },
  grade: { signal: 'Neutral', grade: 50 },
};
const FULL_1: Step = {
  price: { price: 101 },
  daily: { signal: 1, trend: 1, date: '2025-08-31' },
  hourly: { signal: 1, position: 1, timestamp: '2025-08-31T23:00:00Z' },
  quant: { metrics: { SHARPE: 1.3 }, date: '2025-09-01' },
  grade: { signal: 'Buy', grade: 66 },
};

describe('detect: baseline, missing data, ordering', () => {
  it('first sight of a token is a silent baseline with every part stored', () => {
    const r = detect(undefined, obs(FULL_0), { ...OPTS, now: T0 });
    expect(r.events).toEqual([]);
    expect(r.state).toMatchObject({ v: STATE_VERSION, tokenId: 3988, updatedAt: T0, price: { value: 90 } });
    expect(r.state.levels?.items).toHaveLength(2);
    expect(r.state.sides?.['SHARPE@1']?.side).toBe('below');
  });

  it('every rule fires at once, highest priority first', () => {
    const { events } = run([FULL_0, FULL_1]);
    const got = events[1]?.map((e) => (e.kind === 'signal_flip' ? `${e.kind}:${e.timeframe}` : e.kind));
    expect(got).toEqual([
      'level_breakout',
      'signal_flip:daily',
      'signal_flip:hourly',
      'metric_cross',
      'grade_change',
    ]);
    expect(events[1]?.map((e) => e.priority)).toEqual([90, 80, 70, 50, 40]);
    expect(events[1]?.every((e) => e.url === 'https://app.tokenmetrics.com/en/solana')).toBe(true);
  });

  it.each<[string, Step]>([
    ['an empty observation', {}],
    ['an invalid price', { price: { price: Number.NaN } }],
    ['a zero price', { price: { price: 0 } }],
    ['an empty level list', { levels: { levels: [] } }],
    ['a quant row without the metric', { quant: { metrics: { SORTINO: 2 } } }],
    ['an empty grade', { grade: { signal: ' ' } }],
  ])('%s is never a change', (_name, step) => {
    const base = run([FULL_0]).state;
    const r = run([step, step], OPTS, base);
    expect(r.all).toEqual([]);
    expect(r.state?.price?.value).toBe(90);
    expect(r.state?.levels?.items).toHaveLength(2);
    expect(r.state?.daily?.trend).toBe(-1);
    expect(r.state?.grade?.signal).toBe('Neutral');
  });

  it('keeps unchanged parts by reference (allocation-light)', () => {
    const base = run([FULL_0]).state;
    const r = detect(base, obs({ price: { price: 91 } }), { ...OPTS, now: T0 + MIN });
    expect(r.state.levels).toBe(base?.levels);
    expect(r.state.sides).toBe(base?.sides);
    expect(r.state.daily).toBe(base?.daily);
    expect(r.state.metrics).toBe(base?.metrics);
  });

  it('priorityOf matches PRIORITY', () => {
    expect(priorityOf({ kind: 'signal_flip', timeframe: 'hourly' })).toBe(PRIORITY.hourly_flip);
    expect(priorityOf({ kind: 'signal_flip', timeframe: 'daily' })).toBe(80);
    expect(priorityOf({ kind: 'level_approach' })).toBe(30);
  });
});

describe('createDetector', () => {
  it('gives what detect gives, for each options object it was made with', () => {
    const base = detect(undefined, obs(FULL_0), { ...OPTS, now: T0 }).state;
    const wide = { proximityPcts: [2, 3], sharpeThresholds: [1, 1.2] };
    for (const opts of [OPTS, wide]) {
      const d = createDetector(opts);
      const a = d.detect(base, obs(FULL_1), T0 + MIN);
      expect(a).toEqual(detect(base, obs(FULL_1), { ...opts, now: T0 + MIN }));
      expect(a.events.length).toBeGreaterThan(0);
    }
    // Two detectors with different options do not share a cache: each keeps its own thresholds.
    const one = createDetector(OPTS).detect(base, obs(FULL_1), T0 + MIN);
    const two = createDetector(wide).detect(base, obs(FULL_1), T0 + MIN);
    expect(Object.keys(one.state.sides ?? {})).toEqual(['SHARPE@1']);
    expect(Object.keys(two.state.sides ?? {}).sort()).toEqual(['SHARPE@1', 'SHARPE@1.2']);
  });
});

describe('event ids', () => {
  it('same prev + same obs with two different `now` → identical ids (crash before commit)', () => {
    const prev = run([FULL_0]).state;
    const o = obs(FULL_1);
    const a = detect(prev, o, { ...OPTS, now: T0 + 5 * MIN });
    const b = detect(prev, o, { ...OPTS, now: T0 + 6 * MIN + 17 });
    expect(a.events).toHaveLength(5);
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    // Only the tick time differs: `at`, and the time of the (fresh, polled) price the events carry.
    const timeless = (e: AlertEvent) => ({ ...e, at: 0, ...('priceAt' in e ? { priceAt: 0 } : {}) });
    expect(b.events.map(timeless)).toEqual(a.events.map(timeless));
    for (const e of a.events) expect(e.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ids differ between tokens, and between repeats of the same transition', () => {
    const prev = run([FULL_0]).state as TokenState;
    const other: TokenObservation = { ...obs(FULL_1), tokenId: 1 };
    const a = detect(prev, obs(FULL_1), { ...OPTS, now: T0 + MIN });
    const b = detect({ ...prev, tokenId: 1 }, other, { ...OPTS, now: T0 + MIN });
    const ids = new Set([...a.events, ...b.events].map((e) => e.id));
    expect(ids.size).toBe(10);
    const { all } = run([
      { price: { price: 90 }, levels: { levels: strong(100) } },
      ...[98.5, 96, 98.5].map((p) => ({ price: { price: p } })),
    ]);
    expect(all).toHaveLength(2);
    expect(all[0]?.id).not.toBe(all[1]?.id);
  });
});

describe('parseState', () => {
  const state = run([FULL_0, FULL_1]).state as TokenState;

  it('round-trips a state through JSON', () => {
    const json = JSON.stringify(state);
    expect(parseState(JSON.parse(json))).toEqual(state);
    expect(parseState(json)).toEqual(state);
  });

  it('accepts an in-memory copy with undefined optional fields (as JSON would drop them)', () => {
    const { url: _url, ...rest } = state;
    expect(parseState({ ...state, url: undefined })).toEqual(rest);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['bad JSON text', '{"v":1,'],
    ['an empty object', {}],
    ['an older version', { ...state, v: 0 }],
    ['a newer version', { ...state, v: 2 }],
    [
      'a bad phase',
      {
        ...state,
        levels: {
          at: 1,
          items: [
            {
              key: 'x',
              level: 1,
              count: 1,
              newest: '',
              strength: 50,
              phases: { 2: { p: 'weird', ref: 'above', since: 1 } },
            },
          ],
        },
      },
    ],
    [
      'a strength out of range',
      {
        ...state,
        levels: { at: 1, items: [{ key: 'x', level: 1, count: 1, newest: '', strength: 500, phases: {} }] },
      },
    ],
    ['a bad signal value', { ...state, daily: { signal: 2, trend: 1, date: 'x', at: 1 } }],
  ])('%s → undefined, and detect treats it as a silent baseline', (_name, raw) => {
    expect(parseState(raw)).toBeUndefined();
    const r = detect(parseState(raw), obs(FULL_1), { ...OPTS, now: T0 });
    expect(r.events).toEqual([]);
  });
});

describe('viewOf', () => {
  it('shows levels highest first with side and signed distance, and the last signals', () => {
    const state = run([FULL_0, { price: { price: 95 } }]).state as TokenState;
    const v = viewOf(state);
    expect(v).toMatchObject({
      tokenId: 3988,
      symbol: 'SOL',
      price: 95,
      url: 'https://app.tokenmetrics.com/en/solana',
      daily: { signal: 0, trend: -1, date: '2025-08-30' },
      hourly: { position: -1 },
      metrics: { SHARPE: 0.4, VOLATILITY: 0.6 },
      grade: { signal: 'Neutral', grade: 50 },
      updatedAt: T0 + MIN,
    });
    expect(v.levels.map((l) => [Math.round(l.level), l.side, l.distancePct, l.strength])).toEqual([
      [100, 'resistance', 5.26, 83],
      [80, 'support', -15.79, 83],
    ]);
  });

  it('without a price there are no classified levels', () => {
    const state = run([{ levels: { levels: strong(100) } }]).state as TokenState;
    expect(viewOf(state).levels).toEqual([]);
    expect(viewOf(state).price).toBeUndefined();
  });
});
