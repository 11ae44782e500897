import { describe, expect, it } from 'vitest';
import type { LivePriceSet } from '#src/store/live-ports.js';
import type { Store } from '#src/store/ports.js';
import { PAST_TTL_MS, SHORT_TTL_MS } from './fixtures.js';

async function cost(trips: { n: number }, run: () => Promise<unknown>): Promise<number> {
  const before = trips.n;
  await run();
  return trips.n - before;
}

const T0 = 1_767_225_600_000; // 2026-01-01
const setOf = (holder: string, publishedAt: number, n = 2): LivePriceSet => ({
  holder,
  publishedAt,
  live: Array.from({ length: n }, (_, i) => ({
    tokenId: 3988 + i,
    price: 180.25 + i,
    label: i === 0 ? 'Binance SOL/USDT' : 'Coinbase "X" / USD',
    at: publishedAt - 400,
    receivedAt: publishedAt - 300,
  })),
  notes: [
    {
      tokenId: 1,
      note: {
        kind: 'unavailable',
        disagree: [
          {
            pair: 'Coinbase SOL/USD',
            price: 158.3,
            at: publishedAt - 900,
            reference: { price: 180, at: publishedAt - 4_900, source: 'Binance SOL/USDT' },
            pct: 12.06,
            tolerancePct: 3,
          },
        ],
        refused: [{ exchange: 'Binance', status: 451, until: publishedAt + 3_600_000 }],
      },
    },
    { tokenId: 2, note: { kind: 'pending', pair: 'Kraken XYZ/USD' } },
    { tokenId: 3, note: { kind: 'none', symbol: 'ABC', exchanges: ['Binance'] } },
    { tokenId: 4, note: { kind: 'forbidden' } },
  ],
});

/** LivePriceStore behaviour, run by runStoreConformance against every adapter. */
export function liveTests(ctx: { store: Store }, trips: { n: number }): void {
  describe('live prices', () => {
    it('is absent until published, then round-trips the whole set; a new set replaces it', async () => {
      const l = ctx.store.livePrices;
      expect(await l.read(T0)).toBeUndefined();
      await l.publish(setOf('a', T0), 30_000);
      expect(await l.read(T0 + 1)).toEqual(setOf('a', T0));
      await l.publish(setOf('b', T0 + 1000, 1), 30_000);
      expect(await l.read(T0 + 1001)).toEqual(setOf('b', T0 + 1000, 1));
    });

    it('reads a bare note kind from an older replica, and leaves out a note it cannot read', async () => {
      const l = ctx.store.livePrices;
      const written = {
        ...setOf('old', T0, 1),
        notes: [
          { tokenId: 1, note: 'ambiguous' },
          { tokenId: 2, note: { kind: 'from-the-future' } },
          { tokenId: 3, note: 'forbidden' },
        ],
      } as unknown as LivePriceSet;
      await l.publish(written, 30_000);
      const read = await l.read(T0 + 1);
      expect(read?.live).toHaveLength(1);
      expect(read?.notes).toEqual([
        { tokenId: 1, note: { kind: 'ambiguous', disagree: [], refused: [] } },
        { tokenId: 3, note: { kind: 'forbidden' } },
      ]);
    });

    it('expires ttl after publishedAt (caller clock; Redis also drops the key: redis.test.ts)', async () => {
      const l = ctx.store.livePrices;
      await l.publish(setOf('a', T0), 30_000);
      expect(await l.read(T0 + 29_999)).toBeDefined();
      expect(await l.read(T0 + 30_000)).toBeUndefined();
      await l.publish(setOf('a', T0 + 60_000), 30_000); // the holder renews: counts again
      expect((await l.read(T0 + 60_001))?.publishedAt).toBe(T0 + 60_000);
    });

    it('is released by its holder only', async () => {
      const l = ctx.store.livePrices;
      await l.publish(setOf('holder-b', T0), 30_000);
      await l.release('holder'); // a prefix of the holder's id is not the holder
      await l.release('holder-a');
      expect((await l.read(T0))?.holder).toBe('holder-b');
      await l.release('holder-b');
      expect(await l.read(T0)).toBeUndefined();
      await l.release('holder-b'); // nothing left: no error
    });

    it('costs one round trip per call, whatever the size of the set', async () => {
      const l = ctx.store.livePrices;
      expect(await cost(trips, () => l.publish(setOf('a', T0, 1000), 30_000))).toBe(1);
      expect(await cost(trips, () => l.read(T0))).toBe(1);
      expect((await l.read(T0))?.live).toHaveLength(1000);
      expect(await cost(trips, () => l.release('a'))).toBe(1);
    });
  });

  describe('tick lock owner', () => {
    it('names the owner of a claimed slot until its claim expires', async () => {
      const t = ctx.store.ticks;
      const t0 = Date.now();
      expect(await t.ownerOf('price-lease:1', t0)).toBeUndefined();
      expect(await t.claimSlot('price-lease:1', 'replica-a', SHORT_TTL_MS, t0)).toBe(true);
      expect(await t.claimSlot('price-lease:1', 'replica-b', SHORT_TTL_MS, t0)).toBe(false);
      expect(await t.ownerOf('price-lease:1', t0)).toBe('replica-a');
      await new Promise((r) => setTimeout(r, PAST_TTL_MS));
      expect(await t.ownerOf('price-lease:1', t0 + PAST_TTL_MS)).toBeUndefined();
    });

    it('releases a slot for its owner only, so the next claim wins before the ttl ends', async () => {
      const t = ctx.store.ticks;
      const t0 = Date.now();
      expect(await t.claimSlot('discord-shard:3:7', 'replica-a', 60_000, t0)).toBe(true);
      // Someone else's release leaves the claim alone.
      expect(await t.releaseSlot('discord-shard:3:7', 'replica-b')).toBe(false);
      expect(await t.ownerOf('discord-shard:3:7', t0)).toBe('replica-a');
      expect(await t.claimSlot('discord-shard:3:7', 'replica-b', 60_000, t0)).toBe(false);
      // The owner's release frees it at once: the successor's claim wins long before the minute is up.
      expect(await t.releaseSlot('discord-shard:3:7', 'replica-a')).toBe(true);
      expect(await t.ownerOf('discord-shard:3:7', t0)).toBeUndefined();
      expect(await t.claimSlot('discord-shard:3:7', 'replica-b', 60_000, t0 + 1)).toBe(true);
      expect(await t.ownerOf('discord-shard:3:7', t0 + 1)).toBe('replica-b');
      // Released twice, or never claimed: nothing to release.
      expect(await t.releaseSlot('discord-shard:3:7', 'replica-a')).toBe(false);
      expect(await t.releaseSlot('never-claimed', 'replica-a')).toBe(false);
      expect(await cost(trips, () => t.releaseSlot('discord-shard:3:7', 'replica-b'))).toBeLessThanOrEqual(1);
    });
  });
}
