import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partValueWords } from '#src/delivery/describe-price.js';
import { type ConditionPart, conditionOf, type PriceAlert } from '#src/domain/price-alerts.js';
import type { PartValue } from '#src/domain/types.js';
import { PriceAlertIndex, type PriceUpdate } from '#src/engine/price-index.js';
import {
  conditionHolds,
  factsEqual,
  type MarketFacts,
  nearLevel,
  type PartContext,
  partHolds,
} from '#src/engine/rules/conditions.js';
import { type MoveReading, MoveWindow, peekReading } from '#src/engine/rules/move-window.js';
import { cooledDown } from '#src/engine/rules/price-alert.js';
import { translatorFor } from '#src/i18n/catalog.js';

const MIN = 60_000;
const HOUR = 3_600_000;
let seq = 0;
function alert(parts: ConditionPart[], over: Partial<PriceAlert> = {}): PriceAlert {
  return {
    id: `a${seq++}`,
    destination: { platform: 'telegram', kind: 'dm', id: '1' },
    tokenId: 1,
    symbol: 'SOL',
    condition: conditionOf(parts),
    repeat: 'once',
    createdAt: 0,
    ...over,
  };
}

/** Levels of strength 80 (strong for every default). */
const lv = (...levels: number[]) => levels.map((level) => ({ level, strength: 80 }));
const FACTS: MarketFacts = { daily: 1, hourly: -1, grade: 74, sharpe: 1.2, levels: lv(100, 150) };
const ctx = (price: number | undefined, over: Partial<PartContext> = {}): PartContext => ({
  price,
  move: () => undefined,
  facts: FACTS,
  ...over,
});

/** A part's value as an English alert words it. */
const words = (r: PartValue | undefined) => (r ? partValueWords(r, translatorFor('en')) : '');

describe('move window: running low and high', () => {
  it('the issue case: a 5% alert on 1h fires two minutes in, on 211 → 222.5, from the low and when', () => {
    const w = new MoveWindow(HOUR);
    const t0 = Date.UTC(2026, 11, 6, 12, 0);
    w.push(t0, 211);
    const r = peekReading(w, t0 + 2 * MIN, 222.5);
    expect(r?.pct).toBeCloseTo(5.45, 2);
    expect(r?.from).toEqual({ t: t0, price: 211 });
    expect(w.reading(211)?.pct).toBe(0); // peeking changed nothing
  });

  const cases: Array<[string, Array<[number, number]>, number, number, number, number]> = [
    // name, samples [minute, price], now minute, now price, want pct, want from price
    [
      'rise from the low, not from the oldest',
      [
        [0, 100],
        [10, 95],
        [20, 98],
      ],
      30,
      100,
      5.263,
      95,
    ],
    [
      'fall from the high',
      [
        [0, 100],
        [10, 110],
        [20, 104],
      ],
      30,
      99,
      -10,
      110,
    ],
    [
      'the low leaves the window',
      [
        [0, 90],
        [30, 100],
        [50, 101],
      ],
      70,
      103,
      3,
      100,
    ],
    ['history shorter than the window counts', [[55, 200]], 59, 190, -5, 200],
    ['a new low is measured from the high', [[0, 100]], 1, 96, -4, 100],
    [
      'the bigger of rise and fall wins',
      [
        [0, 100],
        [1, 90],
      ],
      2,
      96,
      6.667,
      90,
    ],
  ];
  it.each(cases)('%s', (_name, samples, nowMin, now, pct, from) => {
    const w = new MoveWindow(HOUR);
    for (const [m, p] of samples) w.push(m * MIN, p);
    const r = peekReading(w, nowMin * MIN, now);
    expect(r?.pct).toBeCloseTo(pct, 2);
    expect(r?.from.price).toBe(from);
  });

  it('agrees with a scan of the window along any path (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 500 })), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.constantFrom(5 * MIN, 30 * MIN, HOUR),
        (steps, windowMs) => {
          const w = new MoveWindow(windowMs);
          const seen: Array<{ t: number; price: number }> = [];
          let t = 0;
          for (const [dt, price] of steps) {
            t += dt * MIN;
            w.push(t, price);
            seen.push({ t, price });
            const inWin = seen.filter((s) => s.t >= t - windowMs).map((s) => s.price);
            expect(w.low()?.price).toBe(Math.min(...inWin));
            expect(w.high()?.price).toBe(Math.max(...inWin));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('condition parts', () => {
  const move =
    (pct: number): PartContext['move'] =>
    () => ({ pct, from: { t: 0, price: 100 } });
  const cases: Array<[string, ConditionPart, PartContext, boolean | undefined]> = [
    ['above: at the target holds', { kind: 'above', price: 210 }, ctx(210), true],
    ['above: under it does not', { kind: 'above', price: 210 }, ctx(209.99), false],
    ['above: no price yet is unknown', { kind: 'above', price: 210 }, ctx(undefined), undefined],
    ['below: at the target holds', { kind: 'below', price: 180 }, ctx(180), true],
    ['below: over it does not', { kind: 'below', price: 180 }, ctx(181), false],
    ['move: +5% meets 5%', { kind: 'move', pct: 5, windowMs: HOUR }, ctx(105, { move: move(5) }), true],
    [
      'move: -6% meets 5% (either way)',
      { kind: 'move', pct: 5, windowMs: HOUR },
      ctx(94, { move: move(-6) }),
      true,
    ],
    ['move: 4.9% does not', { kind: 'move', pct: 5, windowMs: HOUR }, ctx(104.9, { move: move(4.9) }), false],
    ['move: no history is unknown', { kind: 'move', pct: 5, windowMs: HOUR }, ctx(100), undefined],
    ['near support: 1% above a strong level', { kind: 'near', side: 'support', pct: 2 }, ctx(101), true],
    ['near support: 3% above is too far', { kind: 'near', side: 'support', pct: 2 }, ctx(103), false],
    [
      'near support: under the level is not support',
      { kind: 'near', side: 'support', pct: 2 },
      ctx(99),
      false,
    ],
    ['near resistance: 1% under', { kind: 'near', side: 'resistance', pct: 2 }, ctx(148.5), true],
    ['near resistance 5%: 4% under', { kind: 'near', side: 'resistance', pct: 5 }, ctx(144), true],
    [
      'near: no levels known is unknown',
      { kind: 'near', side: 'support', pct: 2 },
      ctx(101, { facts: undefined }),
      undefined,
    ],
    [
      'signal bullish: daily is bullish',
      { kind: 'signal', timeframe: 'daily', value: 'bullish' },
      ctx(1),
      true,
    ],
    [
      'signal bearish: daily is bullish',
      { kind: 'signal', timeframe: 'daily', value: 'bearish' },
      ctx(1),
      false,
    ],
    [
      'hourly bearish: position short',
      { kind: 'signal', timeframe: 'hourly', value: 'bearish' },
      ctx(1),
      true,
    ],
    [
      'hourly: not fetched is unknown',
      { kind: 'signal', timeframe: 'hourly', value: 'bullish' },
      ctx(1, { facts: { levels: [] } }),
      undefined,
    ],
    ['grade >= 70: 74', { kind: 'grade', op: '>=', value: 70 }, ctx(1), true],
    ['grade >= 75: 74', { kind: 'grade', op: '>=', value: 75 }, ctx(1), false],
    ['grade <= 74: 74', { kind: 'grade', op: '<=', value: 74 }, ctx(1), true],
    ['sharpe >= 1: 1.2', { kind: 'sharpe', op: '>=', value: 1 }, ctx(1), true],
    ['sharpe <= 1: 1.2', { kind: 'sharpe', op: '<=', value: 1 }, ctx(1), false],
  ];
  it.each(cases)('%s', (_name, part, c, want) => {
    expect(partHolds(part, c)).toBe(want);
  });

  it('a condition: false beats unknown, unknown beats true', () => {
    const c = conditionOf([
      { kind: 'above', price: 100 },
      { kind: 'signal', timeframe: 'hourly', value: 'bullish' },
    ]);
    expect(conditionHolds(c, ctx(101, { facts: { levels: [], hourly: 1 } }))).toBe(true);
    expect(conditionHolds(c, ctx(101, { facts: { levels: [] } }))).toBeUndefined();
    expect(conditionHolds(c, ctx(99, { facts: { levels: [] } }))).toBe(false);
  });

  it('near counts only levels of at least its minStrength (default 50)', () => {
    const levels = [
      { level: 100, strength: 45 },
      { level: 140, strength: 80 },
    ];
    expect(nearLevel('support', 50, 149, levels)).toBe(140);
    expect(nearLevel('support', 50, 101, levels)).toBeUndefined(); // 100 is too weak by default
    expect(nearLevel('support', 50, 101, levels, 40)).toBe(100);
    expect(nearLevel('support', 50, 149, levels, 85)).toBeUndefined();
    const strict: ConditionPart = { kind: 'near', side: 'support', pct: 5, minStrength: 85 };
    const loose: ConditionPart = { kind: 'near', side: 'support', pct: 5 };
    const facts: MarketFacts = { levels };
    expect(partHolds(strict, ctx(142, { facts }))).toBe(false);
    expect(partHolds(loose, ctx(142, { facts }))).toBe(true);
    // The index groups nears by their strength too: the price entering the band fires the loose one only.
    const idx = new PriceAlertIndex([alert([strict]), alert([loose])]);
    const hits = idx.evaluate(update(150, 142, { factsBefore: facts, facts }));
    expect(hits.map((h) => h.alert.condition.parts[0])).toEqual([loose]);
  });

  it('near picks the nearest strong level; facts compare by value', () => {
    expect(nearLevel('support', 50, 149, lv(100, 140))).toBe(140);
    expect(factsEqual(FACTS, { ...FACTS, levels: lv(100, 150) })).toBe(true);
    expect(
      factsEqual(FACTS, {
        ...FACTS,
        levels: [
          { level: 100, strength: 80 },
          { level: 150, strength: 60 },
        ],
      }),
    ).toBe(false);
    expect(factsEqual(FACTS, { ...FACTS, grade: 75 })).toBe(false);
    expect(factsEqual(FACTS, undefined)).toBe(false);
  });

  it('cooldown: first firing always, then only after the cooldown', () => {
    expect(cooledDown(undefined, HOUR, 0)).toBe(true);
    expect(cooledDown(0, HOUR, HOUR - 1)).toBe(false);
    expect(cooledDown(0, HOUR, HOUR)).toBe(true);
  });
});

const update = (prev: number | undefined, now: number, over: Partial<PriceUpdate> = {}): PriceUpdate => ({
  tokenId: 1,
  prev,
  now,
  at: 10 * HOUR,
  factsBefore: FACTS,
  facts: FACTS,
  cooldownMs: () => HOUR,
  ...over,
});
const reading = (pct: number): MoveReading => ({ pct, from: { t: 0, price: 100 } });

describe('price alert index: edge-triggered combined conditions', () => {
  it('fires when all parts become true together, says each part and its value', () => {
    const a = alert([
      { kind: 'above', price: 210 },
      { kind: 'signal', timeframe: 'daily', value: 'bullish' },
    ]);
    const idx = new PriceAlertIndex([a]);
    const hits = idx.evaluate(update(205, 211));
    expect(hits).toEqual([
      {
        alert: a,
        price: 211,
        parts: [
          { part: 'above $210.00', reading: { kind: 'price', price: 211 } },
          { part: 'signal bullish', reading: { kind: 'signal', value: 1 } },
        ],
      },
    ]);
  });

  it('a price crossing while a TM part is false does not fire; the TM part turning later does', () => {
    const a = alert([
      { kind: 'above', price: 210 },
      { kind: 'grade', op: '>=', value: 80 },
    ]);
    const idx = new PriceAlertIndex([a]);
    expect(idx.evaluate(update(205, 211))).toEqual([]);
    // Price-only update in the band: nothing to look at.
    expect(idx.evaluate(update(211, 212))).toEqual([]);
    const turned = idx.evaluate(update(212, 212, { facts: { ...FACTS, grade: 81 } }));
    expect(turned.map((h) => h.parts)).toEqual([
      [
        { part: 'above $210.00', reading: { kind: 'price', price: 212 } },
        { part: 'grade >= 80', reading: { kind: 'number', value: 81, digits: 1 } },
      ],
    ]);
    // Still true on the next TM change: no new edge.
    expect(
      idx.evaluate(
        update(212, 212, { factsBefore: { ...FACTS, grade: 81 }, facts: { ...FACTS, grade: 85 } }),
      ),
    ).toEqual([]);
  });

  it('re-arms only after the whole condition was false (every, cooldown applied)', () => {
    const a = alert(
      [
        { kind: 'below', price: 180 },
        { kind: 'signal', timeframe: 'hourly', value: 'bearish' },
      ],
      {
        repeat: 'every',
      },
    );
    const idx = new PriceAlertIndex([a]);
    expect(idx.evaluate(update(185, 179))).toHaveLength(1);
    expect(idx.evaluate(update(179, 178))).toEqual([]); // still true: no edge
    expect(idx.evaluate(update(178, 181))).toEqual([]); // false: re-armed
    expect(idx.evaluate(update(181, 179))).toHaveLength(1);
    const fired = { ...a, lastFiredAt: 10 * HOUR - 60_000 };
    expect(new PriceAlertIndex([fired]).evaluate(update(181, 179))).toEqual([]); // in its cooldown
  });

  it('move: fires when the move reaches the percent (from below), not while it stays beyond', () => {
    const a = alert([{ kind: 'move', pct: 5, windowMs: HOUR }]);
    const idx = new PriceAlertIndex([a]);
    const moves = (b: number, n: number) => () => ({ before: reading(b), now: reading(n) });
    expect(idx.evaluate(update(100, 104, { moves: moves(1, 4) }))).toEqual([]);
    const hit = idx.evaluate(update(104, 105.5, { moves: moves(4, 5.5) }));
    expect(hit.map((h) => [h.alert.id, h.move?.pct])).toEqual([[a.id, 5.5]]);
    expect(idx.evaluate(update(105.5, 107, { moves: moves(5.5, 7) }))).toEqual([]);
    expect(idx.evaluate(update(100, 94, { moves: moves(-1, -6) }))).toHaveLength(1);
  });

  it('near: the price entering the zone, or a new strong level appearing under it', () => {
    const a = alert([{ kind: 'near', side: 'support', pct: 2 }]);
    const idx = new PriceAlertIndex([a]);
    expect(idx.evaluate(update(104, 101.5))).toHaveLength(1);
    expect(idx.evaluate(update(101.5, 101))).toEqual([]);
    const appeared = idx.evaluate(
      update(121, 121, { factsBefore: FACTS, facts: { ...FACTS, levels: lv(120) } }),
    );
    expect(appeared.map((h) => words(h.parts[0]?.reading))).toEqual(['support $120.00, +0.83% away']);
  });

  it('first sight, other tokens and unknown data never fire', () => {
    const a = alert([{ kind: 'above', price: 1 }], { tokenId: 2 });
    const b = alert([{ kind: 'signal', timeframe: 'daily', value: 'bullish' }]);
    const idx = new PriceAlertIndex([a, b]);
    expect(idx.evaluate(update(undefined, 500))).toEqual([]);
    expect(idx.evaluate(update(1, 2, { factsBefore: { levels: [] } }))).toEqual([]); // daily unknown before
    expect(
      idx.evaluate(update(1, 2, { factsBefore: { ...FACTS, daily: -1 } })).map((h) => h.alert.id),
    ).toEqual([b.id]);
    expect(idx.kinds(1)).toEqual(new Set(['daily']));
    expect(idx.kinds(3)).toBeUndefined();
  });

  it('agrees with judging every alert before and after, along any path (property)', () => {
    const price = fc.integer({ min: 1, max: 40 }).map((n) => n * 5);
    const partArb: fc.Arbitrary<ConditionPart> = fc.oneof(
      price.map((p): ConditionPart => ({ kind: 'above', price: p })),
      price.map((p): ConditionPart => ({ kind: 'below', price: p })),
      fc.integer({ min: 1, max: 50 }).map((pct): ConditionPart => ({ kind: 'move', pct, windowMs: HOUR })),
      fc.constantFrom<ConditionPart>(
        { kind: 'near', side: 'support', pct: 2 },
        { kind: 'near', side: 'support', pct: 2, minStrength: 70 },
        { kind: 'near', side: 'resistance', pct: 5 },
        { kind: 'near', side: 'resistance', pct: 5, minStrength: 30 },
        { kind: 'signal', timeframe: 'daily', value: 'bullish' },
        { kind: 'grade', op: '>=', value: 50 },
      ),
    );
    const factsArb = fc.record({
      daily: fc.constantFrom<1 | -1>(1, -1),
      grade: fc.integer({ min: 0, max: 100 }),
      levels: fc.constantFrom(
        [
          { level: 50, strength: 40 },
          { level: 100, strength: 80 },
        ],
        [
          { level: 100, strength: 60 },
          { level: 150, strength: 90 },
        ],
        [{ level: 75, strength: 35 }],
      ),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(partArb, { minLength: 1, maxLength: 3 }), { maxLength: 30 }),
        fc.array(fc.tuple(price, factsArb), { minLength: 2, maxLength: 25 }),
        (conds, path) => {
          const alerts = conds.map((parts) => alert(parts));
          const idx = new PriceAlertIndex(alerts);
          const win = new MoveWindow(HOUR);
          for (let i = 1; i < path.length; i++) {
            const [prev, factsBefore] = path[i - 1] as [number, MarketFacts];
            const [now, facts] = path[i] as [number, MarketFacts];
            win.push((i - 1) * MIN, prev);
            const before = win.reading(prev);
            const after = peekReading(win, i * MIN, now);
            const moves = () => ({ ...(before ? { before } : {}), ...(after ? { now: after } : {}) });
            const got = idx
              .evaluate(update(prev, now, { factsBefore, facts, moves }))
              .map((h) => h.alert.id)
              .sort();
            const b: PartContext = { price: prev, move: () => before, facts: factsBefore };
            const n: PartContext = { price: now, move: () => after, facts };
            const want = alerts
              .filter(
                (a) => conditionHolds(a.condition, b) === false && conditionHolds(a.condition, n) === true,
              )
              .map((a) => a.id)
              .sort();
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
