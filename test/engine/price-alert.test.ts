import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriceAlert, PriceRule } from '#src/domain/price-alerts.js';
import { PriceAlertIndex, type PriceUpdate } from '#src/engine/price-index.js';
import { cooledDown, ruleHit } from '#src/engine/rules/price-alert.js';

const HOUR = 3_600_000;
let seq = 0;
function alert(rule: PriceRule, over: Partial<PriceAlert> = {}): PriceAlert {
  return {
    id: `a${seq++}`,
    destination: { platform: 'telegram', kind: 'dm', id: '1' },
    tokenId: 1,
    symbol: 'SOL',
    rule,
    repeat: 'once',
    createdAt: 0,
    ...over,
  };
}

describe('price alert rules', () => {
  const cases: Array<
    [string, PriceRule, number | undefined, number, number | undefined, number | undefined]
  > = [
    ['above: crosses up', { kind: 'above', price: 210 }, 205, 211, undefined, 0],
    ['above: lands exactly on the target', { kind: 'above', price: 210 }, 209.99, 210, undefined, 0],
    ['above: already above, stays above', { kind: 'above', price: 210 }, 211, 215, undefined, undefined],
    ['above: falls through it', { kind: 'above', price: 210 }, 215, 205, undefined, undefined],
    [
      'above: first sight is no crossing',
      { kind: 'above', price: 210 },
      undefined,
      215,
      undefined,
      undefined,
    ],
    ['below: crosses down', { kind: 'below', price: 180 }, 185, 179, undefined, 0],
    ['below: rises through it', { kind: 'below', price: 180 }, 175, 185, undefined, undefined],
    [
      'below: leaving the target up is no crossing',
      { kind: 'below', price: 180 },
      180,
      181,
      undefined,
      undefined,
    ],
    ['move: +6% within the window', { kind: 'move', pct: 5, windowMs: HOUR }, 100, 106, 100, 6],
    ['move: -5% counts too (either direction)', { kind: 'move', pct: 5, windowMs: HOUR }, 100, 95, 100, -5],
    ['move: 4.9% is not enough', { kind: 'move', pct: 5, windowMs: HOUR }, 100, 104.9, 100, undefined],
    [
      'move: no price that long ago',
      { kind: 'move', pct: 5, windowMs: HOUR },
      100,
      200,
      undefined,
      undefined,
    ],
  ];
  it.each(cases)('%s', (_name, rule, prev, now, then, want) => {
    const got = ruleHit(rule, prev, now, then);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 9);
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
  priceAgo: () => undefined,
  cooldownMs: () => HOUR,
  ...over,
});

describe('price alert index', () => {
  it('finds above, below and move hits of the token only', () => {
    const up = alert({ kind: 'above', price: 210 });
    const down = alert({ kind: 'below', price: 180 });
    const move = alert({ kind: 'move', pct: 5, windowMs: HOUR });
    const other = alert({ kind: 'above', price: 1 }, { tokenId: 2 });
    const idx = new PriceAlertIndex([up, down, move, other]);
    expect(idx.evaluate(update(205, 211)).map((h) => h.alert.id)).toEqual([up.id]);
    expect(idx.evaluate(update(211, 179)).map((h) => h.alert.id)).toEqual([down.id]);
    const hits = idx.evaluate(update(190, 190, { priceAgo: (w) => (w === HOUR ? 200 : undefined) }));
    expect(hits).toEqual([{ alert: move, price: 190, priceBefore: 200, changePct: -5 }]);
    expect(idx.evaluate(update(190, 195))).toEqual([]);
    expect(idx.evaluate(update(undefined, 500))).toEqual([]);
  });

  it('every-alerts wait out their cooldown; once-alerts fire whenever they cross', () => {
    const every = alert({ kind: 'above', price: 10 }, { repeat: 'every', lastFiredAt: 10 * HOUR - 60_000 });
    const once = alert({ kind: 'above', price: 10 });
    const idx = new PriceAlertIndex([every, once]);
    expect(idx.evaluate(update(9, 11)).map((h) => h.alert.id)).toEqual([once.id]);
    expect(
      idx
        .evaluate(update(9, 11, { at: 11 * HOUR }))
        .map((h) => h.alert.id)
        .sort(),
    ).toEqual([every.id, once.id].sort());
    expect(
      idx.evaluate(update(9, 11, { at: 11 * HOUR, cooldownMs: () => 2 * HOUR })).map((h) => h.alert.id),
    ).toEqual([once.id]);
  });

  it('agrees with checking every alert, along any price path (property)', () => {
    const price = fc.integer({ min: 1, max: 40 }).map((n) => n * 5);
    const ruleArb = fc.oneof(
      price.map((p): PriceRule => ({ kind: 'above', price: p })),
      price.map((p): PriceRule => ({ kind: 'below', price: p })),
      fc
        .record({ pct: fc.integer({ min: 1, max: 50 }), w: fc.constantFrom(HOUR, 4 * HOUR) })
        .map(({ pct, w }): PriceRule => ({ kind: 'move', pct, windowMs: w })),
    );
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 30 }),
        fc.array(price, { minLength: 2, maxLength: 25 }),
        (rules, path) => {
          const alerts = rules.map((r) => alert(r));
          const idx = new PriceAlertIndex(alerts);
          for (let i = 1; i < path.length; i++) {
            const prev = path[i - 1] as number;
            const now = path[i] as number;
            const ago = (w: number) => path[Math.max(0, i - w / HOUR)];
            const got = idx
              .evaluate(update(prev, now, { priceAgo: ago }))
              .map((h) => h.alert.id)
              .sort();
            const want = alerts
              .filter((a) => {
                const then = a.rule.kind === 'move' ? ago(a.rule.windowMs) : undefined;
                return ruleHit(a.rule, prev, now, then) !== undefined;
              })
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
