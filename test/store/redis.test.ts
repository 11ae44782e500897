import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Outcome } from '#src/domain/outcome.js';
import { destinationKey } from '#src/domain/types.js';
import { deleteRedisPrefix, openRedisStore, openStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { redisKeys } from '#src/store/redis/keys.js';
import { outcomeArb, windowArb } from '../support/outcomes.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { runStoreConformance } from './conformance.js';
import { bothWays } from './conformance-trust.js';
import { gradeEvent, PAST_TTL_MS, SHORT_TTL_MS } from './fixtures.js';

const REDIS_URL = TEST_REDIS_URL;
const prefix = `twtest:${randomBytes(6).toString('hex')}:`;
const client = new Redis(REDIS_URL);
const prefixes = new WeakMap<Store, string>();
let n = 0;

runStoreConformance(
  'redis',
  async (onRoundTrip) => {
    // Each test gets its own sub-prefix so tests never see each other's keys.
    const keyPrefix = `${prefix}${n++}:`;
    const store = await openRedisStore({ client, keyPrefix, onRoundTrip });
    prefixes.set(store, keyPrefix);
    return store;
  },
  async () => {
    await deleteRedisPrefix(client, prefix);
  },
  {
    async corrupt(store, what, id, raw) {
      const p = prefixes.get(store);
      if (p === undefined) throw new Error('unknown store');
      const k = redisKeys(p);
      await client.set(what === 'settings' ? k.settings(id) : k.snapshot(Number(id)), raw);
    },
    async plantAlert(store, alert, json) {
      const p = prefixes.get(store);
      if (p === undefined) throw new Error('unknown store');
      // The adapter keeps each alert's JSON in its token's and its destination's hash (price.ts).
      const base = redisKeys(p).base;
      await client.hset(`${base}pa:t:${alert.tokenId}`, alert.id, json);
      await client.hset(`${base}pa:d:${destinationKey(alert.destination)}`, alert.id, json);
    },
  },
);

// Runs after every describe of this file: nothing of the prefix is left behind.
afterAll(async () => {
  await deleteRedisPrefix(client, prefix);
  await client.quit();
});

describe('redis store specifics', () => {
  const own = `${prefix}own:`;

  it('openStore picks Redis from a URL and close() quits only a client it created', async () => {
    const store = await openStore({ redisUrl: REDIS_URL, dataDir: '/nonexistent', keyPrefix: own });
    expect(store.kind).toBe('redis');
    await store.marks.set([{ key: 'm', ttlMs: 60_000 }], 0);
    expect(await client.pttl(`${own}v1:mark:m`)).toBeGreaterThan(50_000);
    await store.close();
    const injected = await openRedisStore({ client, keyPrefix: own });
    await injected.close();
    expect(await client.ping()).toBe('PONG');
  });

  it('a live set leaves no key once its ttl has passed on the server clock', async () => {
    const p = `${own}live:`;
    const store = await openRedisStore({ client, keyPrefix: p });
    const now = Date.now();
    await store.livePrices.publish({ holder: 'a', publishedAt: now, live: [], notes: [] }, SHORT_TTL_MS);
    expect(await client.pttl(`${p}v1:live`)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, PAST_TTL_MS));
    expect(await client.exists(`${p}v1:live`)).toBe(0);
    // The same read clock that saw it live before: only the server's expiry can have removed it.
    expect(await store.livePrices.read(now)).toBeUndefined();
  });

  it('summarises outcomes written without tallies: an upgrade, then a replica of the older version', async () => {
    const p = `${own}legacy:`;
    const base = redisKeys(p).base;
    /** What the version before issue 18 wrote (and pruned): records and indexes, no tallies. */
    const oldWrite = (list: readonly Outcome[]) =>
      client
        .pipeline(
          list.flatMap((o) => [
            ['hset', `${base}out`, o.id, JSON.stringify(o)],
            ['zadd', `${base}outat`, o.at, o.id],
            ['zadd', `${base}outtok:${o.tokenId}`, o.at, o.id],
            o.status === 'open'
              ? ['sadd', `${base}outopen:${o.tokenId}`, o.id]
              : ['srem', `${base}outopen:${o.tokenId}`, o.id],
          ]),
        )
        .exec();
    // One record per event id, as ever (an id never changes token).
    const unique = (tag: string, list: Outcome[]) => list.map((o, i) => ({ ...o, id: `${tag}${i}` }));
    await oldWrite(unique('old', fc.sample(outcomeArb(), { numRuns: 2500, seed: 7 })));
    let trips = 0;
    const store = await openRedisStore({ client, keyPrefix: p, onRoundTrip: () => trips++ });
    const windows = fc.sample(windowArb(), { numRuns: 20, seed: 8 });
    const check = async () => {
      for (const w of windows) {
        const both = await bothWays(store, w);
        expect(both.summaries).toEqual(both.records);
      }
    };
    const before = trips;
    await store.outcomes.window(0);
    // The first call summarised the old records, 2,000 a step (two round trips each).
    expect(trips - before).toBeGreaterThanOrEqual(4);
    await check();
    // A replica still on the older version adds records and prunes one behind the summaries' back.
    const gone = (await store.outcomes.since(0))[0];
    await oldWrite(unique('late', fc.sample(outcomeArb(), { numRuns: 30, seed: 9 })));
    if (gone)
      await client
        .pipeline([
          ['hdel', `${base}out`, gone.id],
          ['zrem', `${base}outat`, gone.id],
        ])
        .exec();
    await check();
    const settled = trips;
    await store.outcomes.window(0);
    expect(trips - settled).toBe(1);
    await store.close();
  });

  it('writes only versioned keys under its prefix', async () => {
    const p = `${own}layout:`;
    const store = await openRedisStore({ client, keyPrefix: p });
    const d = { platform: 'discord', kind: 'channel', id: '1', parentId: '2' } as const;
    await store.subscriptions.subscribe(d, 1, 'BTC', ['signal'], 0);
    await store.destinations.deactivate(d, 'not_found', 0);
    await store.settings.update('s', { cooldownSec: 1 });
    await store.snapshots.putMany(new Map([[1, { a: 1 }]]));
    await store.marks.set([{ key: 'm', ttlMs: 60_000 }], 0);
    await store.ticks.claimSlot('t', 'o', 60_000, 0);
    await store.holds.hold([{ destination: d, events: [gradeEvent('e')], releaseAt: 0 }]);
    await store.counters.increment(['c'], 0, 60_000);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${p}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThanOrEqual(10);
    expect(keys.every((key) => key.startsWith(`${p}v1:`))).toBe(true);
    expect(await client.pttl(`${p}v1:tick:t`)).toBeGreaterThan(50_000);
    expect(await client.pttl(`${p}v1:cnt:0:c`)).toBeGreaterThan(60_000);
  });

  it('skips a corrupt subscription record instead of failing the batch', async () => {
    const p = `${own}corrupt:`;
    const store = await openRedisStore({ client, keyPrefix: p });
    const d = { platform: 'telegram', kind: 'dm', id: '1' } as const;
    await store.subscriptions.subscribe(d, 1, 'BTC', ['signal'], 0);
    await store.subscriptions.subscribe(d, 2, 'ETH', ['signal'], 0);
    await client.hset(`${p}v1:tsub:1`, 'telegram:dm:2', '{"tokenId":1,');
    await client.hset(`${p}v1:dsub:telegram:dm:1`, '2', 'garbage');
    const subs = await store.subscriptions.subscribersOf([1, 2]);
    expect(subs.get(1)?.map((x) => x.destination.id)).toEqual(['1']);
    expect(subs.get(2)).toHaveLength(1);
    expect((await store.subscriptions.list(d)).map((x) => x.symbol)).toEqual(['BTC']);
    // Re-subscribing over the corrupt record repairs it.
    await store.subscriptions.subscribe(d, 2, 'ETH', ['levels'], 5);
    expect((await store.subscriptions.list(d)).map((x) => [x.symbol, x.types])).toEqual([
      ['BTC', ['signal']],
      ['ETH', ['levels']],
    ]);
  });

  it('refuses an injected client that has its own keyPrefix', async () => {
    const prefixed = new Redis(REDIS_URL, { keyPrefix: 'x:', lazyConnect: true });
    await expect(openRedisStore({ client: prefixed, keyPrefix: own })).rejects.toMatchObject({
      retryable: false,
    });
    prefixed.disconnect();
  });

  it('fails fast with a retryable error when Redis is unreachable', async () => {
    await expect(openRedisStore({ url: 'redis://127.0.0.1:1', keyPrefix: own })).rejects.toMatchObject({
      name: 'StoreError',
      retryable: true,
    });
  });

  it('deleteRedisPrefix removes only keys under the prefix and refuses an empty one', async () => {
    await client.set(`${own}a`, '1');
    await client.set(`${own}b*`, '1');
    await client.set(`${prefix}keep`, '1');
    expect(await deleteRedisPrefix(client, own)).toBeGreaterThanOrEqual(2);
    expect(await client.exists(`${own}a`, `${own}b*`)).toBe(0);
    expect(await client.exists(`${prefix}keep`)).toBe(1);
    await expect(deleteRedisPrefix(client, '')).rejects.toThrow(/empty/);
  });
});
