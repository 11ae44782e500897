import { describe, expect, it } from 'vitest';
import type { Store } from '#src/store/ports.js';
import { utcDay } from '#src/store/replica-ports.js';

async function cost(trips: { n: number }, run: () => Promise<unknown>): Promise<number> {
  const before = trips.n;
  await run();
  return trips.n - before;
}

/** Poll offsets and daily budgets (issue 19), for both adapters. */
export function replicaTests(ctx: { store: Store }, trips: { n: number }): void {
  describe('poll offsets', () => {
    it('starts unset, moves only from where it stands, one round trip per call', async () => {
      const o = ctx.store.pollOffsets;
      expect(await o.get('telegram')).toBeUndefined();
      // Unset stands at 0.
      expect(await o.advance('telegram', 5, 6)).toBe(false);
      expect(await cost(trips, () => o.advance('telegram', 0, 1001))).toBe(1);
      expect(await o.get('telegram')).toBe(1001);
      // A second poller that saw the same start loses the race.
      expect(await o.advance('telegram', 0, 1001)).toBe(false);
      expect(await o.advance('telegram', 1001, 1004)).toBe(true);
      // Never backwards, never sideways.
      expect(await o.advance('telegram', 1004, 1004)).toBe(false);
      expect(await o.advance('telegram', 1004, 1000)).toBe(false);
      expect(await cost(trips, () => o.get('telegram'))).toBe(1);
      expect(await o.get('telegram')).toBe(1004);
      expect(await o.get('other')).toBeUndefined();
    });

    it('lets exactly one of many concurrent callers move one step', async () => {
      const o = ctx.store.pollOffsets;
      const wins = await Promise.all(Array.from({ length: 20 }, () => o.advance('race', 0, 7)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await o.get('race')).toBe(7);
    });
  });

  describe('daily budgets', () => {
    const day = utcDay(Date.UTC(2026, 11, 6, 23, 59));
    it('takes up to the cap and never beyond, one round trip per call', async () => {
      const b = ctx.store.dailyBudgets;
      expect(day).toBe('2026-12-06');
      expect(await b.get(day, 'stars')).toBe(0);
      expect(await cost(trips, () => b.take(day, 'stars', 4, 10))).toBe(1);
      expect(await b.take(day, 'stars', 6, 10)).toEqual({ granted: true, total: 10 });
      expect(await b.take(day, 'stars', 1, 10)).toEqual({ granted: false, total: 10 });
      expect(await cost(trips, () => b.get(day, 'stars'))).toBe(1);
      expect(await b.get(day, 'stars')).toBe(10);
      // Another key and another day count apart.
      expect(await b.get(day, 'other')).toBe(0);
      expect(await b.get('2026-12-07', 'stars')).toBe(0);
      expect((await b.take('2026-12-07', 'stars', 3, 10)).total).toBe(3);
    });

    it('gives back what was not spent, never below zero', async () => {
      const b = ctx.store.dailyBudgets;
      await b.take(day, 'gb', 5, 100);
      await b.giveBack(day, 'gb', 2);
      expect(await b.get(day, 'gb')).toBe(3);
      await b.giveBack(day, 'gb', 10);
      expect(await b.get(day, 'gb')).toBe(0);
      await b.giveBack(day, 'never', 1);
      expect(await b.get(day, 'never')).toBe(0);
    });

    it('concurrent takes never exceed the cap together', async () => {
      const b = ctx.store.dailyBudgets;
      const res = await Promise.all(Array.from({ length: 50 }, () => b.take(day, 'race', 1, 17)));
      expect(res.filter((r) => r.granted)).toHaveLength(17);
      expect(await b.get(day, 'race')).toBe(17);
    });
  });
}
