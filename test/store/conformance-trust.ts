import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowStats } from '#commands/stats.js';
import type { Outcome } from '#src/domain/outcome.js';
import { outcomeStats, pickRequests } from '#src/engine/outcome-stats.js';
import type { PickRequest } from '#src/engine/outcome-tally.js';
import { type Store, type StoredSuppression, SUPPRESSIONS_KEPT } from '#src/store/ports.js';
import { DAY, outcomeArb, type WindowAsk, windowArb } from '../support/outcomes.js';
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

/** /stats both ways: from the summaries (what the command does) and from every record of the window (the definition). */
export async function bothWays(store: Store, w: WindowAsk) {
  const list = await store.outcomes.since(w.since, w.tokenId);
  const old = list.length === 0 ? undefined : outcomeStats(list, w.now);
  return { summaries: await windowStats(store.outcomes, w.since, w.now, w.tokenId), records: old };
}

/** Pick requests in a fixed order (by kind, then role), to compare two lists of them. */
function byRole(list: readonly PickRequest[]): PickRequest[] {
  const key = (r: PickRequest) => `${r.kind} ${r.role}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function decided(id: string, tokenId: number, at: number, move: number, hit: boolean): Outcome {
  return { ...outcome(id, tokenId, at, hit ? 'held' : 'broke'), kind: 'approach', move, hit };
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

  describe('outcome summaries (/stats)', () => {
    it('give the numbers the records give: counts, hits, open and lapsed, median, best, worst', async () => {
      const o = ctx.store.outcomes;
      const D = 24 * HOUR;
      await o.save(
        [
          decided('d1', 1, T0 - 2 * D, 3, true),
          decided('d2', 2, T0 - D, -1.5, false),
          decided('d3', 1, T0, 3, true), // ties d1: best is the earlier one
          decided('d4', 2, T0 + HOUR, 0.04, false),
          decided('d5', 3, T0 + 2 * HOUR, -7, false),
          outcome('t1', 1, T0 + 3 * HOUR), // an open touch: lapses to undecided after its day
          { ...outcome('s1', 2, T0), kind: 'sharpe', status: 'recorded' },
        ],
        [],
      );
      for (const w of [
        { since: 0, now: T0 + 4 * HOUR, tokenId: undefined },
        { since: 0, now: T0 + 2 * D, tokenId: undefined },
        { since: T0 - D - 1, now: T0 + 4 * HOUR, tokenId: undefined },
        { since: T0 + 30 * 60_000, now: T0 + 4 * HOUR, tokenId: 2 },
        { since: 0, now: T0, tokenId: 1 },
      ]) {
        const both = await bothWays(ctx.store, w);
        expect(both.summaries).toEqual(both.records);
      }
      const [approach] =
        (await bothWays(ctx.store, { since: 0, now: T0, tokenId: undefined })).summaries ?? [];
      expect(approach).toMatchObject({ kind: 'approach', count: 5, decided: 5, hits: 2, median: 0.04 });
      expect(approach?.best?.id).toBe('d1');
      expect(approach?.worst?.id).toBe('d5');
      expect(await windowStats(o, T0 + 5 * D, T0 + 6 * D)).toBeUndefined();
    });

    it('reads a window in one round trip, and replacing or pruning records keeps the sums exact', async () => {
      const o = ctx.store.outcomes;
      const D = 24 * HOUR;
      await o.save(
        Array.from({ length: 40 }, (_, i) =>
          decided(`p${i}`, 1 + (i % 3), T0 - 5 * D + i * 7 * HOUR, i - 20, i % 2 === 0),
        ),
        [],
      );
      expect(await cost(trips, () => o.window(T0 - 6 * D))).toBe(1);
      expect(await cost(trips, () => o.window(T0 - 6 * D, 2))).toBe(1);
      // A replaced record leaves its old tally; a pruned one takes its tally along.
      await o.save([], [{ ...decided('p3', 1, T0 - 5 * D + 21 * HOUR, 50, true), status: 'scored' }]);
      expect(await cost(trips, () => o.prune(T0 - 3 * D + 5 * HOUR))).toBe(1);
      for (const w of [
        { since: 0, now: T0, tokenId: undefined },
        { since: T0 - 3 * D, now: T0, tokenId: 1 },
        { since: T0 - 2 * D + 1, now: T0, tokenId: undefined },
      ]) {
        const both = await bothWays(ctx.store, w);
        expect(both.summaries).toEqual(both.records);
      }
      // Nothing of the pruned days is left in the sums.
      const { sums: all } = await o.window(0);
      const left = (await o.since(0)).length;
      expect([...all].filter(([f]) => f.endsWith('|n')).reduce((n, [, c]) => n + c, 0)).toBe(left);
      expect(await o.prune(T0 + 30 * D)).toBe(left);
      expect((await o.window(0)).sums).toEqual(new Map());
    });

    it('equal the records over random histories of adds, replacements and prunes', async () => {
      const op = fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({
            add: fc.array(outcomeArb(), { maxLength: 12 }),
            update: fc.array(outcomeArb(), { maxLength: 6 }),
          }),
        },
        { weight: 1, arbitrary: fc.record({ prune: fc.integer({ min: T0 - 4 * DAY, max: T0 + 2 * DAY }) }) },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(op, { minLength: 1, maxLength: 5 }),
          fc.array(windowArb(), { minLength: 3, maxLength: 3 }),
          async (ops, windows) => {
            for (const step of ops) {
              if ('prune' in step) await ctx.store.outcomes.prune(step.prune);
              else await ctx.store.outcomes.save(step.add, step.update);
            }
            for (const w of windows) {
              const both = await bothWays(ctx.store, w);
              expect(both.summaries).toEqual(both.records);
              // The store asked for just what pickRequests asks for (Redis works it out in Lua).
              const read = await ctx.store.outcomes.window(w.since, w.tokenId);
              expect(byRole(read.requests)).toEqual(byRole(pickRequests(read.sums)));
            }
          },
        ),
        { numRuns: 40 },
      );
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
