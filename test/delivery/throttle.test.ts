import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { createHttpSender } from '../fakes/delivery-http-sender.js';
import { startLimitPlatformProcess } from '../fakes/limit-platform-process.js';
import { deleteKeys, dest, message, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';

// Telegram's limits scaled ×5 in time: 1 msg per 200 ms per chat, 10 msg per 3 s per group (Telegram: 20/min),
// 30 per 100 ms overall.
const FAKE = {
  perChat: [{ max: 1, windowMs: 200 }],
  perGroup: [{ max: 10, windowMs: 3000 }],
  global: { max: 30, windowMs: 100 },
};
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await deleteKeys(SYSTEM_REDIS, p);
});

describe.each(['sqlite', 'redis'] as const)('per-chat throttle (%s)', (kind) => {
  it('200 messages to 10 Telegram chats (5 private, 5 groups): zero 429s, each delivered once', async () => {
    const fake = await startLimitPlatformProcess({ flavour: 'telegram', latencyMs: 5, ...FAKE });
    const sender = createHttpSender('telegram', 'telegram', fake.url);
    const prefix = randomPrefix('throttle');
    prefixes.push(prefix);
    const outbox = createOutbox({
      kind,
      file: `${tempDir('throttle')}/outbox.db`,
      redisUrl: SYSTEM_REDIS,
      prefix,
      senders: new Map([['telegram', sender]]),
      store: recordingStore(),
      concurrency: 8,
      limits: { telegram: { max: 5, durationMs: 20 } },
      // 100 ms over the fake's pacing (200 ms per chat, 300 ms on average per group). The fake runs in
      // its own process and times arrivals there: on a loaded 2-core machine two sends can reach it tens
      // of ms closer together than they left, which a 20 ms margin let through as a 429. Still a throttle
      // test: without per-chat pacing the 20 rounds go out in a burst and the fake answers 429.
      chatIntervalMs: { dm: 300, group: 400 },
    });
    const chats = [
      ...Array.from({ length: 5 }, (_, i) => dest('telegram', 'dm', String(500 + i))),
      ...Array.from({ length: 5 }, (_, i) => dest('telegram', 'group', String(-600 - i))),
    ];
    const msgs: OutboundMessage[] = [];
    for (let round = 0; round < 20; round++)
      for (const c of chats) msgs.push(message(`thr-${kind}-${c.id}-${round}`, c));
    try {
      await outbox.start();
      const t0 = Date.now();
      await outbox.enqueue(msgs);
      await outbox.drain(40_000);
      const took = Date.now() - t0;
      expect(await fake.counts()).toMatchObject({ tooMany: 0, tooManyGlobal: 0, tooManyChat: 0 });
      const posts = await fake.posts();
      expect(posts).toHaveLength(200);
      expect(new Set(posts.map((p) => p.text)).size).toBe(200);
      // Pacing, not luck: 20 messages into one group cannot go faster than 19 gaps of 400 ms.
      expect(took).toBeGreaterThanOrEqual(19 * 400);
      // Paced per chat, not one message at a time: 200 messages in sequence would take 200 × 300 ms.
      expect(took).toBeLessThan(20 * 400 + 12_000);
    } finally {
      await outbox.close();
      await sender.close();
      await fake.close();
    }
  });
});
