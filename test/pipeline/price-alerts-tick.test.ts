import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { DataKind } from '#src/domain/market.js';
import type { PriceAlertSpec } from '#src/domain/price-alerts.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { Destination, PriceAlertEvent } from '#src/domain/types.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { ANCHOR, at, makeApp, subscribe, TOK } from '../app/helpers.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-pa-tick-'));
let admin: Redis;
const prefixes: string[] = [];
beforeAll(() => {
  admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  for (const p of prefixes) await deleteRedisPrefix(admin, p);
  admin.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** A store that can be opened again on the same data (the restart tests). */
type Opener = () => Promise<Store>;
const STORES: ReadonlyArray<readonly [string, () => Opener]> = [
  [
    'sqlite',
    () => {
      const file = join(dir, `${randomBytes(4).toString('hex')}.db`);
      return async () => openSqliteStore({ file });
    },
  ],
  [
    'redis',
    () => {
      const keyPrefix = `tw-test-pa-${randomBytes(4).toString('hex')}:`;
      prefixes.push(keyPrefix);
      return () => openRedisStore({ url: TEST_REDIS_URL, keyPrefix });
    },
  ],
];

const price = (symbol: string, step: number) => {
  const t = DEFAULT_SCENARIO.tokens.find((x) => x.symbol === symbol);
  const p = t?.price[step];
  if (p === undefined) throw new Error(`no ${symbol} price at ${step}`);
  return p;
};
const me: Destination = { platform: 'console', kind: 'dm', id: 'me' };
const friend: Destination = { platform: 'console', kind: 'dm', id: 'friend' };
const club: Destination = { platform: 'console', kind: 'group', id: 'club', parentId: 'club' };

function spec(destination: Destination, over: Partial<PriceAlertSpec>): PriceAlertSpec {
  return {
    destination,
    tokenId: TOK.SOL.id,
    symbol: 'SOL',
    condition: conditionOf([{ kind: 'above', price: 210 }]),
    repeat: 'once',
    createdAt: ANCHOR - 1000,
    ...over,
  };
}

const priceEvents = (sent: readonly OutboundMessage[], d?: Destination) =>
  sent
    .filter((m) => !d || m.destination.id === d.id)
    .flatMap((m) => m.events.filter((e): e is PriceAlertEvent => e.kind === 'price_alert'));

/** First step where the price moved by ≥ pct from the step before (steps are one hour apart). */
function firstMove(symbol: string, pct: number): number {
  for (let s = 1; s < 30; s++) {
    const a = price(symbol, s - 1);
    if ((Math.abs(price(symbol, s) - a) / a) * 100 >= pct) return s;
  }
  throw new Error('no such move');
}

describe.each(STORES)('price alerts in the tick (%s)', (_name, newOpener) => {
  it('above, below and move fire once each, only to their own destination; alert-only tokens poll price alone', async () => {
    const store = await newOpener()();
    // The group follows SOL: it gets SOL's market alerts but never someone's SOL price alert.
    await subscribe(store, club, TOK.SOL, ['levels']);
    await store.priceAlerts.add(spec(me, {}), 20);
    await store.priceAlerts.add(
      spec(me, {
        tokenId: TOK.DOGE.id,
        symbol: 'DOGE',
        condition: conditionOf([{ kind: 'below', price: 0.49 }]),
      }),
      20,
    );
    await store.priceAlerts.add(
      spec(friend, {
        tokenId: TOK.ETH.id,
        symbol: 'ETH',
        condition: conditionOf([{ kind: 'move', pct: 1, windowMs: 3_600_000 }]),
      }),
      20,
    );
    const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
    const asked = new Map<number, Set<DataKind>>();
    const market = {
      ...replay,
      fetch(req: Parameters<typeof replay.fetch>[0]) {
        for (const id of req.tokenIds)
          for (const k of req.kinds) asked.set(id, (asked.get(id) ?? new Set()).add(k));
        return replay.fetch(req);
      },
    };
    const t = await makeApp(store, { market, now: () => at(replay.step) });
    await t.app.start();
    try {
      const first = await t.step(0);
      expect(first.watched).toBe(3); // SOL (subscribed), DOGE and ETH (alerts only)
      for (let s = 1; s <= 22; s++) {
        replay.setStep(s);
        await t.app.tick(at(s));
      }
      await t.app.outbox.drain(10_000);
      const sent = t.console.sent;
      expect(priceEvents(sent, club)).toEqual([]);
      const mine = priceEvents(sent, me);
      expect(mine.map((e) => [e.symbol, e.condition?.parts[0]?.kind, e.price])).toEqual([
        ['SOL', 'above', 214],
        ['DOGE', 'below', 0.49],
      ]);
      // Step 11 has no SOL price (bad data in the scenario): step 12 crosses from step 10's 208.
      expect(mine[0]?.at).toBe(at(12));
      expect(price('DOGE', 19)).toBeGreaterThan(0.49);
      expect(mine[1]?.at).toBe(at(20));
      const moved = priceEvents(sent, friend);
      const step = firstMove('ETH', 1);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ price: price('ETH', step), priceBefore: price('ETH', step - 1) });
      expect(moved[0]?.at).toBe(at(step));
      expect(await store.priceAlerts.list(me)).toEqual([]);
      expect(await store.priceAlerts.list(friend)).toEqual([]);
      // Tokens without subscribers (DOGE: a below alert, ETH: a move alert) cost their price only.
      expect([...(asked.get(TOK.DOGE.id) ?? [])]).toEqual(['price']);
      expect([...(asked.get(TOK.ETH.id) ?? [])]).toEqual(['price']);
      expect(asked.get(TOK.SOL.id)?.has('levels')).toBe(true);
    } finally {
      await t.app.stop();
      await store.close();
    }
  });

  it('an every-alert fires on each crossing, at most once per its destination cooldown', async () => {
    const store = await newOpener()();
    // SOL crosses 220.5 upward at steps 17 and 19 (two hours apart).
    expect([price('SOL', 16), price('SOL', 17), price('SOL', 18), price('SOL', 19)]).toEqual([
      220, 221, 220, 222,
    ]);
    const rule = { kind: 'above', price: 220.5 } as const;
    await store.priceAlerts.add(spec(me, { condition: conditionOf([rule]), repeat: 'every' }), 20);
    await store.priceAlerts.add(spec(friend, { condition: conditionOf([rule]), repeat: 'every' }), 20);
    await store.settings.update('console:dm:friend', { cooldownSec: 3 * 3600 });
    const t = await makeApp(store);
    await t.app.start();
    try {
      for (let s = 14; s <= 24; s++) await t.step(s);
      await t.app.outbox.drain(10_000);
      const mine = priceEvents(t.console.sent, me);
      expect(mine.map((e) => e.at)).toEqual([at(17), at(19)]);
      expect(new Set(mine.map((e) => e.id)).size).toBe(2);
      expect(priceEvents(t.console.sent, friend).map((e) => e.at)).toEqual([at(17)]);
      expect(await store.priceAlerts.list(me)).toHaveLength(1); // every: kept
    } finally {
      await t.app.stop();
      await store.close();
    }
  });

  it('a failed enqueue loses nothing, a failed claim sends nothing twice, a restart never fires it again', async () => {
    const open = newOpener();
    let store = await open();
    await store.priceAlerts.add(spec(me, {}), 20);
    let t = await makeApp(store);
    await t.app.start();
    for (let s = 8; s <= 11; s++) await t.step(s); // step 11 has no SOL price: 12 crosses 210
    // The crossing tick cannot enqueue: nothing is claimed, and the next try sends it.
    const enqueue = t.app.outbox.enqueue.bind(t.app.outbox);
    let failEnqueue = true;
    t.app.outbox.enqueue = async (m) => {
      if (failEnqueue) throw new Error('outbox down');
      return enqueue(m);
    };
    // Each try is a new tick slot (a minute later) on the same market data.
    const retry = (k: number) => t.app.tick(at(12) + k * 60_000);
    expect((await t.step(12)).outcome).toBe('failed');
    expect(await store.priceAlerts.list(me)).toHaveLength(1);
    failEnqueue = false;
    // Now the claim fails after the enqueue: the tick fails before its snapshot, the retry dedups.
    const fired = store.priceAlerts.fired.bind(store.priceAlerts);
    let failClaim = true;
    store.priceAlerts.fired = async (ids, when) => {
      if (failClaim) throw new Error('store hiccup');
      return fired(ids, when);
    };
    expect((await retry(1)).outcome).toBe('failed');
    failClaim = false;
    expect((await retry(2)).outcome).toBe('ran');
    expect(await store.priceAlerts.list(me)).toEqual([]);
    await t.app.outbox.drain(10_000);
    expect(priceEvents(t.console.sent, me)).toHaveLength(1);
    await t.app.stop();
    await store.close();
    // A new process on the same data, even repeating the crossing, sends nothing more.
    store = await open();
    t = await makeApp(store);
    await t.app.start();
    try {
      await t.step(10);
      await t.step(12);
      await t.app.outbox.drain(10_000);
      expect(priceEvents(t.console.sent)).toEqual([]);
    } finally {
      await t.app.stop();
      await store.close();
    }
  });

  it('quiet hours hold a fired alert (already claimed) and deliver it when they end', async () => {
    const store = await newOpener()();
    await store.priceAlerts.add(spec(me, {}), 20);
    // Step 12 (the crossing) is 20:00 UTC; quiet 19:00-22:00 releases at step 14.
    await store.settings.update('console:dm:me', { quietHours: { start: '19:00', end: '22:00', tz: 'UTC' } });
    const t = await makeApp(store);
    await t.app.start();
    try {
      for (let s = 9; s <= 11; s++) await t.step(s);
      const crossing = await t.step(12);
      expect(crossing.suppressed).toEqual({ quiet_hours: 1 });
      expect(crossing.messages).toBe(0);
      expect(await store.priceAlerts.list(me)).toEqual([]);
      expect((await t.step(13)).messages).toBe(0);
      expect((await t.step(14)).messages).toBe(1);
      await t.app.outbox.drain(10_000);
      expect(t.console.sent).toHaveLength(1);
      expect(t.console.sent[0]?.origin).toBe('held');
      expect(priceEvents(t.console.sent).map((e) => e.price)).toEqual([214]);
    } finally {
      await t.app.stop();
      await store.close();
    }
  });
});
