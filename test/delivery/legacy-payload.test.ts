/**
 * Jobs queued by an older version (payload `{ t: 'm', m }`, BullMQ bookkeeping `own` / `rl`) are still
 * delivered after an upgrade: readPayload maps the short names onto the current ones.
 */
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import { readPayload } from '#src/delivery/outbox/core.js';
import type { OutboundMessage, PlatformSender } from '#src/delivery/ports.js';
import { deleteKeys, dest, message, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';

function recordingSender() {
  const sent: string[] = [];
  const sender: PlatformSender = {
    platform: 'discord',
    limits: { concurrency: 2 },
    send: async (m: OutboundMessage) => {
      sent.push(m.id);
      return { messageIds: [m.id] };
    },
    sendNotice: async (n) => {
      sent.push(n.id);
      return { messageIds: [n.id] };
    },
  };
  return { sender, sent };
}

describe('readPayload', () => {
  const m = message('legacy-1', dest('discord', 'channel', '7'));
  const notice = { id: 'n1', destination: m.destination, kind: 'paused' } as never;

  it('reads the current shape and the old short one alike', () => {
    expect(readPayload({ kind: 'message', message: m })).toEqual({ kind: 'message', message: m });
    expect(readPayload({ t: 'm', m, own: true, rl: 2 })).toEqual({ kind: 'message', message: m });
    expect(readPayload({ t: 'n', n: notice })).toEqual({ kind: 'notice', notice });
  });

  it('throws on anything else', () => {
    expect(() => readPayload({ t: 'x' })).toThrow(/unreadable/);
    expect(() => readPayload(null)).toThrow(/unreadable/);
    expect(() => readPayload({ kind: 'message' })).toThrow(/unreadable/);
  });
});

describe('an old queued job is still delivered', () => {
  const prefix = randomPrefix('legacy');
  afterAll(async () => {
    await deleteKeys(SYSTEM_REDIS, prefix);
  });

  it('sqlite: a row written with the short payload names', async () => {
    const file = `${tempDir('legacy')}/outbox.db`;
    const rec = recordingSender();
    const senders = new Map([['discord' as const, rec.sender]]);
    // Creates the schema, then an old row goes in the way the previous version wrote it.
    await createOutbox({ kind: 'sqlite', file, senders, store: recordingStore() }).close();
    const old = message('legacy-sqlite', dest('discord', 'channel', '8'));
    const db = new Database(file);
    db.prepare(
      `INSERT INTO outbox (id, domain, payload, state, available_at) VALUES (?, 'discord', ?, 'waiting', ?)`,
    ).run(old.id, JSON.stringify({ t: 'm', m: old }), Date.now());
    db.close();
    const outbox = createOutbox({ kind: 'sqlite', file, senders, store: recordingStore() });
    try {
      await outbox.start();
      await outbox.drain(10_000);
      expect(rec.sent).toEqual([old.id]);
    } finally {
      await outbox.close();
    }
  });

  it('redis: a BullMQ job with the short payload and bookkeeping names', async () => {
    const rec = recordingSender();
    const old = message('legacy-redis', dest('discord', 'channel', '9'));
    const queue = new Queue('discord', { connection: { url: SYSTEM_REDIS }, prefix });
    await queue.add('m', { t: 'm', m: old, own: false, rl: 1 }, { jobId: old.id });
    await queue.close();
    const outbox = createOutbox({
      kind: 'redis',
      redisUrl: SYSTEM_REDIS,
      prefix,
      senders: new Map([['discord', rec.sender]]),
      store: recordingStore(),
    });
    try {
      await outbox.start();
      await outbox.drain(10_000);
      expect(rec.sent).toEqual([old.id]);
      expect(await outbox.stats()).toMatchObject({ completed: 1, dead: 0 });
    } finally {
      await outbox.close();
    }
  });
});
