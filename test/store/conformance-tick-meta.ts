import { describe, expect, it } from 'vitest';
import type { Store } from '#src/store/ports.js';

/** Round trips the adapter reported (its `onRoundTrip` option) while `run` ran. */
async function cost(trips: { n: number }, run: () => Promise<unknown>): Promise<number> {
  const before = trips.n;
  await run();
  return trips.n - before;
}

/** TickMetaStore behaviour, run by runStoreConformance against every adapter. */
export function tickMetaTests(ctx: { store: Store }, trips: { n: number }): void {
  describe('tick meta', () => {
    it('is absent until written, then round-trips nested JSON and overwrites', async () => {
      const m = ctx.store.tickMeta;
      expect(await m.get()).toBeUndefined();
      const first = { w: 1, profiles: { proximityPcts: [1.5, 2], minStrength: 40 }, scannedAt: 17 };
      await m.put(first);
      expect(await m.get()).toEqual(first);
      await m.put({ w: 1, scannedAt: 18 });
      expect(await m.get()).toEqual({ w: 1, scannedAt: 18 });
    });

    it('is independent of the snapshots, token 0 included', async () => {
      await ctx.store.tickMeta.put({ meta: true });
      expect(await ctx.store.snapshots.getMany([0])).toEqual(new Map());
      await ctx.store.snapshots.putMany(new Map([[0, { s: 1 }]]));
      expect(await ctx.store.tickMeta.get()).toEqual({ meta: true });
    });

    it('costs one round trip per call', async () => {
      expect(await cost(trips, () => ctx.store.tickMeta.put({ a: 1 }))).toBe(1);
      expect(await cost(trips, () => ctx.store.tickMeta.get())).toBe(1);
    });
  });
}
