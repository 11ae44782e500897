import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import { startLimitPlatform } from '../fakes/limit-platform.js';
import {
  deleteKeys,
  fanOut,
  randomPrefix,
  recordingStore,
  SYSTEM_REDIS,
  spawnWorker,
  waitFor,
} from './helpers.js';

const prefix = randomPrefix('replicas');
afterAll(async () => {
  await deleteKeys(SYSTEM_REDIS, prefix);
});

describe('three worker processes on one Redis', () => {
  it('spread the sends, deliver each message once, and share one global limit (zero 429s)', async () => {
    const N = 240;
    // Fakes enforce 40/s (Telegram) and 60/s (Discord) overall; each replica is configured with the whole
    // budget (30/s and 50/s). Were the limiter per process, three replicas would send up to 3× that.
    const tg = await startLimitPlatform({
      flavour: 'telegram',
      latencyMs: 20,
      global: { max: 40, windowMs: 1000 },
    });
    const dc = await startLimitPlatform({
      flavour: 'discord',
      latencyMs: 20,
      global: { max: 60, windowMs: 1000 },
    });
    const producer = createOutbox({
      kind: 'redis',
      redisUrl: SYSTEM_REDIS,
      prefix,
      senders: new Map(),
      store: recordingStore(),
    });
    const workers = ['w1', 'w2', 'w3'].map((workerId) =>
      spawnWorker({
        kind: 'redis',
        redisUrl: SYSTEM_REDIS,
        prefix,
        telegramUrl: tg.url,
        discordUrl: dc.url,
        concurrency: 4,
        workerId,
        limits: { telegram: { max: 6, durationMs: 200 }, discord: { max: 10, durationMs: 200 } },
      }),
    );
    try {
      await Promise.all(workers.map((w) => w.ready));
      const t0 = Date.now();
      await producer.enqueue([
        ...fanOut('rep', N, 'telegram', 'dm'),
        ...fanOut('rep', N, 'discord', 'channel'),
      ]);
      await waitFor(() => tg.posts.length >= N && dc.posts.length >= N, 60_000, 'all sends');
      const seconds = (Date.now() - t0) / 1000;
      await producer.drain(10_000);
      expect(tg.counts.tooMany + dc.counts.tooMany).toBe(0);
      for (const fake of [tg, dc]) {
        expect(fake.posts).toHaveLength(N);
        expect(fake.postsByText().size).toBe(N);
        const byWorker = new Set(fake.posts.map((p) => p.worker));
        expect(byWorker).toEqual(new Set(['w1', 'w2', 'w3']));
      }
      // The shared limiter paced the fan-out: 240 Telegram messages at ≤ 30/s take ≥ 7 s.
      expect(seconds).toBeGreaterThan(6.5);
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      await producer.close();
      await Promise.all([tg.close(), dc.close()]);
    }
  }, 90_000);
});
