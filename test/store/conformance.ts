/**
 * One behaviour suite for every Store adapter. Each test gets a fresh, empty store from `open`.
 * Adapter files pass `corrupt` so the suite can plant unreadable values the way a bad write would.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationKey, type Settings } from '#src/domain/types.js';
import { parentScope, type Store } from '#src/store/ports.js';
import { communityTests } from './conformance-community.js';
import { liveTests } from './conformance-live.js';
import { type PriceHooks, priceTests } from './conformance-price.js';
import { replicaTests } from './conformance-replica.js';
import { subscriptionTests } from './conformance-subscriptions.js';
import { tickMetaTests } from './conformance-tick-meta.js';
import { trustTests } from './conformance-trust.js';
import { webhookTests } from './conformance-webhooks.js';
import { chan, dm, gradeEvent, guild, PAST_TTL_MS, SHORT_TTL_MS } from './fixtures.js';

export interface ConformanceHooks extends PriceHooks {
  /** Writes `raw` (not valid JSON) where the store keeps the settings of `id` / the snapshot of token `id`. */
  corrupt(store: Store, what: 'settings' | 'snapshot', id: string, raw: string): Promise<void>;
}

/** Round trips the adapter reported (through its `onRoundTrip` option) while `run` ran. */
async function cost(trips: { n: number }, run: () => Promise<unknown>): Promise<number> {
  const before = trips.n;
  await run();
  return trips.n - before;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function runStoreConformance(
  name: string,
  /** A fresh store that calls `onRoundTrip` once per round trip (the adapters' instrumentation option). */
  open: (onRoundTrip: () => void) => Promise<Store>,
  cleanup: () => Promise<void>,
  hooks: ConformanceHooks,
): void {
  describe(`${name} store conformance`, () => {
    const ctx = {} as { store: Store };
    const trips = { n: 0 };
    beforeEach(async () => {
      trips.n = 0;
      ctx.store = await open(() => {
        trips.n++;
      });
    });
    afterEach(async () => {
      await ctx.store.close();
    });
    afterAll(cleanup);

    subscriptionTests(ctx);
    priceTests(ctx, hooks);
    tickMetaTests(ctx, trips);
    trustTests(ctx, trips);
    liveTests(ctx, trips);
    communityTests(ctx);
    webhookTests(ctx);
    replicaTests(ctx, trips);

    describe('settings', () => {
      it('merges patches field by field and clears fields set to null', async () => {
        const s = ctx.store.settings;
        expect(await s.get('discord:channel:1')).toBeUndefined();
        const first = await s.update('discord:channel:1', {
          proximityPct: 1.5,
          quietHours: { start: '22:00', end: '07:00', tz: 'Europe/Paris' },
          tokenMutes: { '3375': 1_800_000_000_000 },
        });
        expect(first.proximityPct).toBe(1.5);
        const second = await s.update('discord:channel:1', { cooldownSec: 60, quietHours: null });
        const want: Settings = {
          proximityPct: 1.5,
          cooldownSec: 60,
          tokenMutes: { '3375': 1_800_000_000_000 },
        };
        expect(second).toEqual(want);
        expect(await s.get('discord:channel:1')).toEqual(want);
        expect(
          await s.update('discord:channel:1', { mutedUntil: 1_800_000_000_001, tokenMutes: null }),
        ).toEqual({
          proximityPct: 1.5,
          cooldownSec: 60,
          mutedUntil: 1_800_000_000_001,
        });
      });

      it('getMany returns only the scopes that exist', async () => {
        const s = ctx.store.settings;
        await s.update(parentScope('discord', guild), { sharpeThreshold: 2 });
        await s.update('telegram:dm:5', { muteMode: 'drop', mutedUntil: 1_800_000_000_123 });
        const got = await s.getMany([parentScope('discord', guild), 'telegram:dm:5', 'telegram:dm:6']);
        expect([...got.keys()].sort()).toEqual([parentScope('discord', guild), 'telegram:dm:5'].sort());
        expect(got.get('telegram:dm:5')).toEqual({ muteMode: 'drop', mutedUntil: 1_800_000_000_123 });
        expect((await s.getMany([])).size).toBe(0);
      });

      it('skips a corrupt value instead of failing getMany', async () => {
        const s = ctx.store.settings;
        await s.update('a', { maxPerHour: 5 });
        await s.update('b', { maxPerHour: 6 });
        await hooks.corrupt(ctx.store, 'settings', 'b', '{"maxPerHour":');
        const got = await s.getMany(['a', 'b']);
        expect(got.get('a')).toEqual({ maxPerHour: 5 });
        expect(got.has('b')).toBe(false);
        expect(await s.get('b')).toBeUndefined();
        // An update over a corrupt value starts from the patch rather than failing forever.
        expect(await s.update('b', { maxPerHour: 7 })).toEqual({ maxPerHour: 7 });
      });
    });

    describe('snapshots', () => {
      it('round-trips nested JSON and overwrites', async () => {
        const state = {
          v: 2,
          price: { last: 101.25, at: 1_700_000_000_000 },
          levels: [{ p: 99.5, s: 'support' }],
        };
        await ctx.store.snapshots.putMany(
          new Map<number, unknown>([
            [1, state],
            [2, { v: 1 }],
          ]),
        );
        await ctx.store.snapshots.putMany(new Map<number, unknown>([[2, { v: 3, list: [1, [2, null]] }]]));
        const got = await ctx.store.snapshots.getMany([1, 2, 3]);
        expect(got.get(1)).toEqual(state);
        expect(got.get(2)).toEqual({ v: 3, list: [1, [2, null]] });
        expect(got.has(3)).toBe(false);
      });

      it('skips a corrupt snapshot and returns the rest', async () => {
        await ctx.store.snapshots.putMany(
          new Map<number, unknown>([
            [7, { ok: true }],
            [8, { ok: true }],
          ]),
        );
        await hooks.corrupt(ctx.store, 'snapshot', '8', 'not json');
        const got = await ctx.store.snapshots.getMany([7, 8]);
        expect(got.get(7)).toEqual({ ok: true });
        expect(got.has(8)).toBe(false);
      });
    });

    describe('marks', () => {
      it('set/has honour each key’s ttl', async () => {
        const m = ctx.store.marks;
        const t0 = Date.now();
        await m.set(
          [
            { key: 'short', ttlMs: SHORT_TTL_MS },
            { key: 'long', ttlMs: 60_000 },
          ],
          t0,
        );
        expect(await m.has(['short', 'long', 'never'], t0)).toEqual(new Set(['short', 'long']));
        await sleep(PAST_TTL_MS);
        expect(await m.has(['short', 'long', 'never'], t0 + PAST_TTL_MS)).toEqual(new Set(['long']));
      });

      it('set overwrites an existing mark, shortening its expiry too', async () => {
        const m = ctx.store.marks;
        const t0 = Date.now();
        await m.set([{ key: 'a', ttlMs: 60_000 }], t0);
        await m.set([{ key: 'a', ttlMs: SHORT_TTL_MS }], t0);
        expect(await m.has(['a'], t0)).toEqual(new Set(['a']));
        await sleep(PAST_TTL_MS);
        expect(await m.has(['a'], t0 + PAST_TTL_MS)).toEqual(new Set());
      });
    });

    describe('tick lock', () => {
      it('first claimer wins until the claim expires', async () => {
        const t = ctx.store.ticks;
        const t0 = Date.now();
        expect(await t.claimSlot('2026-01-01T00:00', 'A', SHORT_TTL_MS, t0)).toBe(true);
        expect(await t.claimSlot('2026-01-01T00:00', 'B', SHORT_TTL_MS, t0)).toBe(false);
        expect(await t.claimSlot('2026-01-01T00:01', 'B', SHORT_TTL_MS, t0)).toBe(true);
        await sleep(PAST_TTL_MS);
        expect(await t.claimSlot('2026-01-01T00:00', 'B', 60_000, t0 + PAST_TTL_MS)).toBe(true);
        expect(await t.claimSlot('2026-01-01T00:00', 'A', 60_000, t0 + PAST_TTL_MS)).toBe(false);
      });
    });

    describe('holds', () => {
      it('appends events in order, releases when due, and removes on release', async () => {
        const h = ctx.store.holds;
        const a = chan('10');
        const b = dm('20');
        await h.hold([{ destination: a, events: [gradeEvent('e1'), gradeEvent('e2')], releaseAt: 1000 }]);
        await h.hold([
          { destination: a, events: [gradeEvent('e3')], releaseAt: 2000 },
          { destination: b, events: [gradeEvent('f1')], releaseAt: 1500 },
          { destination: dm('30'), events: [], releaseAt: 0 },
        ]);
        expect(await h.due(1200, 10)).toEqual([]);
        const at1500 = await h.due(1500, 10);
        expect(at1500).toEqual([{ destination: b, events: [gradeEvent('f1')] }]);
        const all = await h.due(5000, 10);
        expect(all.map((d) => destinationKey(d.destination))).toEqual([destinationKey(b), destinationKey(a)]);
        expect(all[1]?.destination).toEqual(a);
        expect(all[1]?.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
        expect(await h.due(5000, 1)).toHaveLength(1);
        await h.release([b]);
        const left = await h.due(5000, 10);
        expect(left.map((d) => destinationKey(d.destination))).toEqual([destinationKey(a)]);
        await h.release([a]);
        expect(await h.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
        await h.hold([{ destination: a, events: [gradeEvent('g1')], releaseAt: 10 }]);
        expect((await h.due(10, 10))[0]?.events.map((e) => e.id)).toEqual(['g1']);
      });
    });

    describe('rate counters', () => {
      it('increments per key and window and returns totals', async () => {
        const c = ctx.store.counters;
        const w1 = 1_700_000_000_000;
        const w2 = w1 + 3_600_000;
        expect(await c.increment(['x', 'y'], w1, 3_600_000)).toEqual(
          new Map([
            ['x', 1],
            ['y', 1],
          ]),
        );
        expect(await c.increment(['x'], w1, 3_600_000, 3)).toEqual(new Map([['x', 4]]));
        expect(await c.increment(['x'], w2, 3_600_000)).toEqual(new Map([['x', 1]]));
        expect(await c.get(['x', 'y', 'z'], w1)).toEqual(
          new Map([
            ['x', 4],
            ['y', 1],
            ['z', 0],
          ]),
        );
        expect(await c.get(['x'], w2)).toEqual(new Map([['x', 1]]));
      });
    });

    describe('credit ledger', () => {
      it('adds per month and endpoint, returns the month total, keeps months apart', async () => {
        const l = ctx.store.credits;
        expect(await l.get('2026-12')).toEqual(new Map());
        expect(await l.add('2026-12', '/price', 1)).toBe(1);
        expect(await l.add('2026-12', '/price', 2)).toBe(3);
        expect(await l.add('2026-12', '/tokens', 5)).toBe(8);
        expect(await l.add('2027-01', '/price', 1)).toBe(1);
        expect(await l.get('2026-12')).toEqual(
          new Map([
            ['/price', 3],
            ['/tokens', 5],
          ]),
        );
        expect(await l.get('2027-01')).toEqual(new Map([['/price', 1]]));
      });

      it('counts concurrent adds exactly (replicas share the ledger)', async () => {
        const l = ctx.store.credits;
        const totals = await Promise.all(Array.from({ length: 40 }, () => l.add('2026-11', '/x', 1)));
        expect(Math.max(...totals)).toBe(40);
        expect(new Set(totals).size).toBe(40);
        expect((await l.get('2026-11')).get('/x')).toBe(40);
      });
    });

    describe('market state', () => {
      it('stores JSON documents by key, last write wins', async () => {
        const m = ctx.store.marketState;
        expect(await m.get('tm')).toBeUndefined();
        await m.put('tm', { until: { '/price': 123 }, modes: ['a'] });
        await m.put('other', 1);
        expect(await m.get('tm')).toEqual({ until: { '/price': 123 }, modes: ['a'] });
        await m.put('tm', { until: {} });
        expect(await m.get('tm')).toEqual({ until: {} });
        expect(await m.get('other')).toBe(1);
      });
    });

    describe('round trips', () => {
      it('list methods over 1,000 keys cost at most 2 round trips each', async () => {
        const s = ctx.store;
        const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
        const keys = ids.map((i) => `k${i}`);
        await Promise.all(
          ids.slice(0, 50).map((id) => s.subscriptions.subscribe(chan('1'), id, `T${id}`, ['signal'], 1)),
        );
        const marks = keys.map((key) => ({ key, ttlMs: 60_000 }));
        const now = Date.now();
        expect(await cost(trips, () => s.subscriptions.subscribersOf(ids))).toBeLessThanOrEqual(2);
        const places = ids.map((i) => chan(String(i)));
        expect(await cost(trips, () => s.subscriptions.listMany(places))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.priceHistory.rangeMany(ids, 0, now))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.settings.getMany(keys))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.snapshots.getMany(ids))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.marks.set(marks, now))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.marks.has(keys, now))).toBeLessThanOrEqual(2);
        expect(await cost(trips, () => s.counters.increment(keys, 0, 60_000))).toBeLessThanOrEqual(2);
        expect(
          await cost(trips, () => s.destinations.status(ids.map((i) => dm(String(i))))),
        ).toBeLessThanOrEqual(2);
        // And the work was real: every key is now marked, 50 tokens have a subscriber.
        expect((await s.marks.has(keys, now)).size).toBe(1000);
        expect((await s.subscriptions.subscribersOf(ids)).size).toBe(50);
      });

      it('stays at one round trip past internal chunk sizes (4,500 keys)', async () => {
        const s = ctx.store;
        const now = Date.now();
        const keys = Array.from({ length: 4500 }, (_, i) => `big${i}`);
        const half = keys.slice(0, 2250).map((key) => ({ key, ttlMs: 60_000 }));
        expect(await cost(trips, () => s.marks.set(half, now))).toBe(1);
        const all = keys.map((key) => ({ key, ttlMs: 120_000 }));
        expect(await cost(trips, () => s.marks.set(all, now))).toBe(1);
        let has = new Set<string>();
        expect(
          await cost(trips, async () => {
            has = await s.marks.has(keys, now);
          }),
        ).toBe(1);
        expect(has.size).toBe(4500);
        let totals = new Map<string, number>();
        expect(
          await cost(trips, async () => {
            totals = await s.counters.increment(keys, 0, 60_000, 2);
          }),
        ).toBe(1);
        expect(totals.get('big4499')).toBe(2);
        expect((await s.counters.get(keys, 0)).get('big2000')).toBe(2);
      });
    });
  });
}
