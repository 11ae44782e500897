import { describe, expect, it } from 'vitest';
import type { Outcome } from '#src/domain/outcome.js';
import { type Store, type StoredSuppression, SUPPRESSIONS_KEPT } from '#src/store/ports.js';
import { chan, dm } from './fixtures.js';

async function cost(trips: { n: number }, run: () => Promise<unknown>): Promise<number> {
  const before = trips.n;
  await run();
  return trips.n - before;
}

const T0 = 1_800_000_000_000;
const HOUR = 3600_000;

function outcome(id: string, tokenId: number, at: number, status: Outcome['status'] = 'open'): Outcome {
  return {
    id,
    tokenId,
    symbol: `T${tokenId}`,
    kind: 'touch',
    at,
    entry: 10,
    dir: 1,
    until: at + 24 * HOUR,
    status,
  };
}

function sup(destination: StoredSuppression['destination'], i: number, tokenId = 7): StoredSuppression {
  return {
    destination,
    tokenId,
    symbol: 'SOL',
    kind: 'level_touch',
    eventId: `e${i}`,
    reason: i % 2 === 0 ? 'cooldown' : 'quiet_hours',
    ...(i % 2 === 1 ? { until: T0 + HOUR } : {}),
    at: T0 + i,
  };
}

/** OutcomeStore, SuppressionStore and MarkStore.expiries, run against every adapter. */
export function trustTests(ctx: { store: Store }, trips: { n: number }): void {
  describe('outcomes', () => {
    it('adds only absent ids, updates replace, and open ones are found by token', async () => {
      const o = ctx.store.outcomes;
      await o.save([outcome('a', 1, T0), outcome('b', 2, T0 + 1), outcome('c', 1, T0 + 2, 'recorded')], []);
      const heldA: Outcome = { ...outcome('a', 1, T0), status: 'held', hit: true, move: 3 };
      await o.save([], [heldA]);
      // A repeated tick re-adds 'a' as open: the scored record must stay.
      await o.save([outcome('a', 1, T0)], []);
      expect(await o.openOf([1])).toEqual([]);
      expect((await o.openOf([1, 2, 3])).map((x) => x.id)).toEqual(['b']);
      expect((await o.since(T0)).map((x) => x.id)).toEqual(['a', 'b', 'c']);
      expect((await o.since(T0 + 1)).map((x) => x.id)).toEqual(['b', 'c']);
      expect((await o.since(T0, 1)).map((x) => [x.id, x.status])).toEqual([
        ['a', 'held'],
        ['c', 'recorded'],
      ]);
    });

    it('prunes by time, open index included, and every call is one round trip', async () => {
      const o = ctx.store.outcomes;
      expect(await cost(trips, () => o.save([outcome('old', 5, T0), outcome('new', 5, T0 + HOUR)], []))).toBe(
        1,
      );
      expect(await cost(trips, () => o.openOf([5, 6]))).toBe(1);
      expect(await cost(trips, () => o.since(0))).toBe(1);
      expect(await cost(trips, () => o.prune(T0 + 1))).toBe(1);
      expect((await o.openOf([5])).map((x) => x.id)).toEqual(['new']);
      expect((await o.since(0)).map((x) => x.id)).toEqual(['new']);
    });

    it('saves a large batch (chunked by the adapter) in one round trip', async () => {
      const o = ctx.store.outcomes;
      const many = Array.from({ length: 1200 }, (_, i) => outcome(`m${i}`, 9, T0 + i));
      expect(await cost(trips, () => o.save(many, []))).toBe(1);
      expect(await o.openOf([9])).toHaveLength(1200);
      const closed = many.slice(0, 700).map((x) => ({ ...x, status: 'undecided' as const }));
      expect(await cost(trips, () => o.save([], closed))).toBe(1);
      expect(await o.openOf([9])).toHaveLength(500);
    });
  });

  describe('suppressions', () => {
    it('keeps the newest per destination and token, newest first, in one round trip each', async () => {
      const s = ctx.store.suppressions;
      const a = chan('1');
      const b = dm('2');
      const batch = [...Array.from({ length: SUPPRESSIONS_KEPT + 5 }, (_, i) => sup(a, i)), sup(b, 100)];
      expect(await cost(trips, () => s.record(batch))).toBe(1);
      const got = await s.recent(a, 7, 100, T0 + 1000);
      expect(got).toHaveLength(SUPPRESSIONS_KEPT);
      expect(got[0]).toEqual(sup(a, SUPPRESSIONS_KEPT + 4));
      expect(got.at(-1)?.eventId).toBe('e5');
      expect(await cost(trips, () => s.recent(a, 7, 3, T0))).toBe(1);
      expect((await s.recent(a, 7, 3, T0)).map((x) => x.eventId)).toEqual(['e24', 'e23', 'e22']);
      expect((await s.recent(b, 7, 5, T0)).map((x) => x.reason)).toEqual(['cooldown']);
      expect(await s.recent(b, 8, 5, T0)).toEqual([]);
      // Older than a week: forgotten.
      expect(await s.recent(b, 7, 5, T0 + 8 * 24 * HOUR)).toEqual([]);
    });

    it('one event held back for many destinations: each reads its own record, with its own destination', async () => {
      const s = ctx.store.suppressions;
      const dests = [chan('x1'), chan('x2'), dm('x3'), dm('x4')];
      const same = (d: StoredSuppression['destination']) => ({ ...sup(d, 0, 9), eventId: 'shared' });
      // Three alike, one with a later cooldown end; and a second event for one of them.
      const batch = [
        ...dests.slice(0, 3).map(same),
        { ...same(dests[3] ?? dm('x4')), until: T0 + 2 * HOUR },
        { ...sup(dests[0] ?? chan('x1'), 2, 9), eventId: 'other' },
      ];
      expect(await cost(trips, () => s.record(batch))).toBe(1);
      for (const [i, d] of dests.entries()) {
        const got = await s.recent(d, 9, 5, T0 + 1000);
        expect(got.map((x) => x.destination)).toEqual(got.map(() => d));
        expect(got.map((x) => x.eventId)).toEqual(i === 0 ? ['other', 'shared'] : ['shared']);
        expect(got.find((x) => x.eventId === 'shared')?.until).toBe(i === 3 ? T0 + 2 * HOUR : undefined);
      }
      expect(await s.recent(dm('nobody'), 9, 5, T0 + 1000)).toEqual([]);
    });
  });

  describe('mark expiries', () => {
    it('answers when live marks expire, in one round trip', async () => {
      const m = ctx.store.marks;
      await m.set([{ key: 'c:x', ttlMs: 60_000 }], T0);
      let got = new Map<string, number>();
      expect(
        await cost(trips, async () => {
          got = await m.expiries(['c:x', 'c:y'], T0);
        }),
      ).toBe(1);
      expect([...got.keys()]).toEqual(['c:x']);
      // Redis answers a remaining time from its own clock: allow for the test's own latency.
      expect(got.get('c:x')).toBeGreaterThan(T0 + 50_000);
      expect(got.get('c:x')).toBeLessThanOrEqual(T0 + 60_000);
    });
  });
}
