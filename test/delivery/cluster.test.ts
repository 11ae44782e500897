import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage, Outbox, PlatformSender } from '#src/delivery/ports.js';
import { openRedisStore, redisClientOf } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { type OwnCluster, startOwnCluster } from '../support/cluster.js';
import { fanOut, waitFor } from './helpers.js';

/**
 * The BullMQ outbox on a three-master Redis Cluster (REDIS_CLUSTER_NODES mode), as two replicas: each has
 * its own cluster store and shares that client with its outbox, as createApp wires it. The queue prefix
 * is a hash tag, so BullMQ's multi-key scripts run; every message is delivered exactly once.
 */
let cluster: OwnCluster;
beforeAll(async () => {
  cluster = await startOwnCluster();
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
});

function recordingSender(log: Map<string, string[]>, replica: string): PlatformSender {
  return {
    platform: 'discord',
    limits: { concurrency: 4 },
    async send(m: OutboundMessage) {
      log.set(m.id, [...(log.get(m.id) ?? []), replica]);
      return { messageIds: [m.id] };
    },
    async sendNotice(n) {
      return { messageIds: [n.id] };
    },
  };
}

describe('outbox on Redis Cluster, two replicas', () => {
  it('delivers every message once, deduplicates re-enqueues, and lists dead letters', async () => {
    const log = new Map<string, string[]>();
    const stores: Store[] = [];
    const outboxes: Outbox[] = [];
    try {
      for (const replica of ['a', 'b']) {
        const store = await openRedisStore({ clusterNodes: cluster.nodes, keyPrefix: 'twtest-cl:' });
        stores.push(store);
        outboxes.push(
          createOutbox({
            kind: 'redis',
            redisConnection: redisClientOf(store),
            prefix: '{twtest-cl-outbox}',
            senders: new Map([['discord', recordingSender(log, replica)]]),
            store,
            backoffMs: 50,
            lockDurationMs: 2000,
            stalledIntervalMs: 1000,
          }),
        );
      }
      const [a, b] = outboxes as [Outbox, Outbox];
      const msgs = fanOut('cl', 200, 'discord', 'channel');
      // Both replicas produce the same messages (same tick, deterministic ids): one delivery each.
      await Promise.all([a.enqueue(msgs), b.enqueue(msgs)]);
      await Promise.all([a.start(), b.start()]);
      await waitFor(() => log.size === msgs.length, 30_000, 'every message delivered');
      await a.drain(10_000);
      expect([...log.values()].every((sends) => sends.length === 1)).toBe(true);
      expect(await a.deadLetters()).toEqual([]);
      expect((await b.stats()).completed).toBe(msgs.length);
    } finally {
      for (const o of outboxes) await o.close();
      for (const s of stores) await s.close();
    }
  }, 90_000);
});
