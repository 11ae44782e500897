import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import { createHttpSender } from '../fakes/delivery-http-sender.js';
import { startLimitPlatform } from '../fakes/limit-platform.js';
import { fanOut, type OwnRedis, recordingStore, sleep, startOwnRedis, waitFor } from './helpers.js';

// Our own redis-server (random port, AOF fsync always); the system Redis on 6379 is never touched.
let redis: OwnRedis;
beforeAll(async () => {
  redis = await startOwnRedis();
});
afterAll(async () => {
  await redis.kill();
});

describe('Redis restarted mid-run (BullMQ backend)', () => {
  it('delivers every message exactly once on the Discord-like fake and recovers without help', async () => {
    const N = 600;
    const dc = await startLimitPlatform({ flavour: 'discord', latencyMs: 10 });
    const sender = createHttpSender('discord', 'discord', dc.url);
    const outbox = createOutbox({
      kind: 'redis',
      redisUrl: redis.url,
      prefix: 'restart',
      senders: new Map([['discord', sender]]),
      store: recordingStore(),
      concurrency: 8,
      limits: { discord: { max: 20, durationMs: 100 } },
      lockDurationMs: 2000,
      stalledIntervalMs: 500,
      backoffMs: 100,
      attempts: 20,
    });
    const msgs = fanOut('rr', N, 'discord', 'channel');
    try {
      await outbox.enqueue(msgs);
      await outbox.start();
      await waitFor(() => dc.posts.length >= 150, 30_000, 'first sends');
      await redis.kill(); // SIGKILL: no shutdown save; the AOF (fsync always) is all that survives
      const atKill = dc.posts.length;
      await sleep(1500);
      expect(dc.posts.length - atKill).toBeLessThanOrEqual(8); // only sends already in flight finished
      await redis.start(); // same port and dir: replays the AOF
      await waitFor(
        () => new Set(dc.posts.map((p) => p.text)).size === N,
        60_000,
        'all messages after restart',
      );
      await outbox.drain(30_000);
      const stats = await outbox.stats();
      expect(stats).toMatchObject({ completed: N, dead: 0 });
      const byText = dc.postsByText();
      for (const m of msgs) expect.soft(byText.get(m.id)).toBe(1);
      expect(atKill).toBeLessThan(N);
    } finally {
      await outbox.close();
      await sender.close();
      await dc.close();
    }
  }, 120_000);
});
