import { randomBytes } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.js';
import { destinationKey } from '#src/domain/types.js';
import { hashTagged, openRedisStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { redisKeys } from '#src/store/redis/keys.js';
import { type OwnCluster, startOwnCluster } from '../support/cluster.js';
import { runStoreConformance } from './conformance.js';

/**
 * The Redis store on a three-master Redis Cluster started by the test (REDIS_CLUSTER_NODES mode):
 * the whole conformance suite, so every Lua script and MULTI works with the hash-tagged layout.
 */
let cluster: OwnCluster;
let admin: Cluster;
const base = `twtest-cluster-${randomBytes(4).toString('hex')}`;
const prefixes = new WeakMap<Store, string>();
let n = 0;

beforeAll(async () => {
  cluster = await startOwnCluster();
  admin = cluster.client();
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
});

describe('hash tags', () => {
  it.each([
    ['tokenwatch:', '{tokenwatch}:'],
    ['twtest-a:b:', '{twtest-a:b}:'],
    ['{already}:x:', '{already}:x:'],
  ])('%s → %s', (input, out) => {
    expect(hashTagged(input)).toBe(out);
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('is a comma list of host:port; without REDIS_URL the first node stands in for it', () => {
    const r = parseConfig({ REDIS_CLUSTER_NODES: 'a:7000,b.example:7001' });
    expect(r.ok && r.config.redisClusterNodes).toEqual(['a:7000', 'b.example:7001']);
    expect(r.ok && r.config.redisUrl).toBe('redis://a:7000');
    const withUrl = parseConfig({ REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'rediss://:pw@a:7000' });
    expect(withUrl.ok && withUrl.config.redisUrl).toBe('rediss://:pw@a:7000');
  });

  it.each(['a', 'a:', 'a:7000;b:7001', 'a:7000, b:7001'])('refuses %j', (v) => {
    const r = parseConfig({ REDIS_CLUSTER_NODES: v });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.problems.join('\n')).toContain('REDIS_CLUSTER_NODES');
  });
});

runStoreConformance(
  'redis cluster',
  async (onRoundTrip) => {
    const keyPrefix = `${base}-${n++}:`;
    const store = await openRedisStore({ clusterNodes: cluster.nodes, keyPrefix, onRoundTrip });
    prefixes.set(store, hashTagged(keyPrefix));
    return store;
  },
  async () => {
    // The cluster is ours and thrown away after the file: nothing to clean key by key.
  },
  {
    async corrupt(store, what, id, raw) {
      const p = prefixes.get(store);
      if (p === undefined) throw new Error('unknown store');
      const k = redisKeys(p);
      await admin.set(what === 'settings' ? k.settings(id) : k.snapshot(Number(id)), raw);
    },
    async plantAlert(store, alert, json) {
      const p = prefixes.get(store);
      if (p === undefined) throw new Error('unknown store');
      const b = redisKeys(p).base;
      await admin.hset(`${b}pa:t:${alert.tokenId}`, alert.id, json);
      await admin.hset(`${b}pa:d:${destinationKey(alert.destination)}`, alert.id, json);
    },
  },
);
