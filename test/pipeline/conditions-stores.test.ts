import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConditionPart, conditionOf, type PriceAlertRepeat } from '#src/domain/price-alerts.js';
import type { MarketFacts } from '#src/engine/rules/conditions.js';
import { type CooldownLookup, type PriceChange, PriceWatch } from '#src/pipeline/price-watch.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * Every part of a combined condition, through the real PriceWatch on both stores: the condition is
 * stored and read back, fires on its edge only, re-arms after it was false, `once` is removed after one
 * firing and `every` fires again on the next edge past the destination's cooldown.
 */

const prefix = `twtest:cond:${randomBytes(6).toString('hex')}:`;
const client = new Redis(TEST_REDIS_URL);
let n = 0;
afterAll(async () => {
  await deleteRedisPrefix(client, prefix);
  await client.quit();
});

const STORES: ReadonlyArray<readonly [string, () => Promise<Store>]> = [
  ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
  ['redis', () => openRedisStore({ client, keyPrefix: `${prefix}${n++}:` })],
];

const T = Date.UTC(2026, 11, 6, 12, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const me = { platform: 'discord', kind: 'channel', id: '555', parentId: '1' } as const;
const BASE: MarketFacts = {
  daily: -1,
  hourly: -1,
  grade: 60,
  sharpe: 0.5,
  levels: [{ level: 100, strength: 80 }],
};

/** One update: price before → now, facts before → now. */
type Step = readonly [number, number, MarketFacts, MarketFacts];
const p = (prev: number, now: number): Step => [prev, now, BASE, BASE];
const f = (price: number, before: Partial<MarketFacts>, after: Partial<MarketFacts>): Step => [
  price,
  price,
  { ...BASE, ...before },
  { ...BASE, ...after },
];

// Each part with: a step that makes it true (fires), one that keeps it true (silent), one that makes it
// false (re-arms, silent), and the first again (fires for `every`).
type Row = readonly [string, ConditionPart, Step, Step, Step, Step];
const row = (name: string, part: ConditionPart, on: Step, stay: Step, off: Step, again: Step = on): Row => [
  name,
  part,
  on,
  stay,
  off,
  again,
];
const PARTS: readonly Row[] = [
  ['above', { kind: 'above', price: 110 }, p(105, 111), p(111, 112), p(112, 109)],
  ['below', { kind: 'below', price: 90 }, p(95, 89), p(89, 88), p(88, 91)],
  // A move stays true while the low is in the window: off is a price back within 5% of both ends.
  [
    'move',
    { kind: 'move', pct: 5, windowMs: HOUR },
    p(101, 106.5),
    p(106.5, 107),
    p(107, 104),
    p(104, 106.5),
  ],
  ['near support', { kind: 'near', side: 'support', pct: 2 }, p(104, 101), p(101, 101.5), p(101.5, 104)],
  [
    'signal bullish',
    { kind: 'signal', timeframe: 'daily', value: 'bullish' },
    f(101, {}, { daily: 1 }),
    f(101, { daily: 1 }, { daily: 1, grade: 61 }),
    f(101, { daily: 1 }, {}),
  ],
  [
    'hourly bullish',
    { kind: 'signal', timeframe: 'hourly', value: 'bullish' },
    f(101, {}, { hourly: 1 }),
    f(101, { hourly: 1 }, { hourly: 1, grade: 61 }),
    f(101, { hourly: 1 }, {}),
  ],
  [
    'grade >= 70',
    { kind: 'grade', op: '>=', value: 70 },
    f(101, {}, { grade: 72 }),
    f(101, { grade: 72 }, { grade: 75 }),
    f(101, { grade: 75 }, {}),
  ],
  [
    'sharpe <= 0',
    { kind: 'sharpe', op: '<=', value: 0 },
    f(101, {}, { sharpe: -0.2 }),
    f(101, { sharpe: -0.2 }, { sharpe: -0.4 }),
    f(101, { sharpe: -0.4 }, {}),
  ],
].map((r) => row(...(r as unknown as Parameters<typeof row>)));

const cooldown: CooldownLookup = async () => () => 5 * MIN;

async function setup(make: () => Promise<Store>, part: ConditionPart, repeat: PriceAlertRepeat) {
  const store = await make();
  const added = await store.priceAlerts.add(
    { destination: me, tokenId: 7, symbol: 'SOL', condition: conditionOf([part]), repeat, createdAt: T },
    20,
  );
  if (!added.ok) throw new Error('not added');
  // Move windows start from the recorded history: 101 ten minutes ago.
  await store.priceHistory.record([{ tokenId: 7, t: T - 10 * MIN, price: 101 }]);
  const watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
  let at = T;
  /** Evaluates one step, commits it like the delivery does and claims what fired. */
  const step = async ([prev, now, factsBefore, facts]: Step) => {
    at += 10 * MIN;
    await watch.refresh();
    const change: PriceChange = {
      tokenId: 7,
      symbol: 'SOL',
      name: 'Solana',
      prev,
      now,
      at,
      source: 'poll',
      factsBefore,
      facts,
    };
    const events = await watch.evaluate([change], cooldown);
    watch.commit();
    await watch.claim(events, at);
    return events;
  };
  return { store, step, id: added.alert.id };
}

describe.each(STORES)('combined-condition parts on %s', (_name, make) => {
  it.each(PARTS)(
    '%s: stored as written, fires on its edge once; once-alerts are removed',
    async (_n, part, on, stay, off) => {
      const { store, step, id } = await setup(make, part, 'once');
      const [listed] = await store.priceAlerts.list(me);
      expect(listed?.condition.parts).toEqual([part]);
      const fired = await step(on);
      expect(fired.map((e) => e.alertId)).toEqual([id]);
      expect(fired[0]?.parts).toHaveLength(1);
      expect(await step(stay)).toEqual([]);
      expect(await store.priceAlerts.list(me)).toEqual([]);
      expect(await step(off)).toEqual([]);
      expect(await step(on)).toEqual([]);
      await store.close();
    },
  );

  it.each(PARTS)(
    '%s with every: silent while it holds, re-arms after it was false, fires again',
    async (_n, part, on, stay, off, again) => {
      const { store, step, id } = await setup(make, part, 'every');
      expect((await step(on)).map((e) => e.alertId)).toEqual([id]);
      expect(await step(stay)).toEqual([]);
      expect(await step(off)).toEqual([]);
      expect((await step(again)).map((e) => e.alertId)).toEqual([id]);
      expect((await store.priceAlerts.list(me))[0]?.lastFiredAt).toBeGreaterThan(T);
      await store.close();
    },
  );

  it('three parts fire only when all hold together, and the message parts say each value', async () => {
    const parts: ConditionPart[] = [
      { kind: 'above', price: 110 },
      { kind: 'signal', timeframe: 'daily', value: 'bullish' },
      { kind: 'grade', op: '>=', value: 70 },
    ];
    const store = await make();
    await store.priceAlerts.add(
      {
        destination: me,
        tokenId: 7,
        symbol: 'SOL',
        condition: conditionOf(parts),
        repeat: 'once',
        createdAt: T,
      },
      20,
    );
    const w = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    let at = T;
    const step3 = async ([prev, now, factsBefore, facts]: Step) => {
      at += MIN;
      await w.refresh();
      const change: PriceChange = {
        tokenId: 7,
        symbol: 'SOL',
        name: 'Solana',
        prev,
        now,
        at,
        source: 'poll',
        factsBefore,
        facts,
      };
      const ev = await w.evaluate([change], cooldown);
      w.commit();
      return ev;
    };
    expect(await step3(p(105, 111))).toEqual([]); // price only
    expect(await step3([111, 111, BASE, { ...BASE, daily: 1 }])).toEqual([]); // + signal, grade 60
    const [hit] = await step3([111, 112, { ...BASE, daily: 1 }, { ...BASE, daily: 1, grade: 71 }]);
    expect(hit?.parts).toEqual([
      { part: 'above $110.00', reading: { kind: 'price', price: 112 } },
      { part: 'signal bullish', reading: { kind: 'signal', value: 1 } },
      { part: 'grade >= 70', reading: { kind: 'number', value: 71, digits: 1 } },
    ]);
    expect(hit?.condition?.text).toBe('above $110.00 and signal bullish and grade >= 70');
    await store.close();
  });
});
