import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { PlatformSender } from '#src/delivery/ports.js';
import { deleteKeys, dest, message, randomPrefix, recordingStore, SYSTEM_REDIS } from './helpers.js';

describe('redis outbox on a shared ioredis client', () => {
  const prefix = randomPrefix('shared');
  // Like the store's client: maxRetriesPerRequest is not null, which BullMQ workers would reject.
  const client = new Redis(SYSTEM_REDIS, { maxRetriesPerRequest: 2 });
  afterAll(async () => {
    await deleteKeys(SYSTEM_REDIS, prefix);
    await client.quit();
  });

  it('delivers through it, needs no URL, and leaves the client open on close', async () => {
    const sent: string[] = [];
    const sender: PlatformSender = {
      platform: 'discord',
      limits: { concurrency: 4 },
      send: async (m) => {
        sent.push(m.id);
        return { messageIds: [m.id] };
      },
      sendNotice: async (n) => ({ messageIds: [n.id] }),
    };
    const outbox = createOutbox({
      kind: 'redis',
      redisConnection: client,
      prefix,
      senders: new Map([['discord', sender]]),
      store: recordingStore(),
    });
    const msgs = Array.from({ length: 5 }, (_, i) =>
      message(`shared-${i}`, dest('discord', 'channel', `c${i}`)),
    );
    try {
      await outbox.enqueue(msgs);
      await outbox.start();
      await outbox.drain(10_000);
      expect(sent.sort()).toEqual(msgs.map((m) => m.id).sort());
    } finally {
      await outbox.close();
    }
    expect(client.status).toBe('ready');
    expect(await client.ping()).toBe('PONG');
  });
});
