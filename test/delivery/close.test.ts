import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { PlatformSender } from '#src/delivery/ports.js';
import { DISCORD_LIMITS } from '#src/platforms/discord/sender.js';
import {
  deleteKeys,
  dest,
  message,
  randomPrefix,
  recordingStore,
  SYSTEM_REDIS,
  tempDir,
  waitFor,
} from './helpers.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await deleteKeys(SYSTEM_REDIS, p);
});

/** A sender whose sends hang until the test lets them go (or forever). */
function hangingSender() {
  let started = 0;
  let sent = 0;
  const sender: PlatformSender = {
    platform: 'discord',
    limits: DISCORD_LIMITS,
    send: () => {
      started++;
      return new Promise(() => undefined);
    },
    sendNotice: async () => ({ messageIds: [] }),
  };
  const ok: PlatformSender = {
    platform: 'discord',
    limits: DISCORD_LIMITS,
    send: async (m) => {
      sent++;
      return { messageIds: [m.id] };
    },
    sendNotice: async () => ({ messageIds: [] }),
  };
  return { sender, ok, started: () => started, sent: () => sent };
}

describe.each(['sqlite', 'redis'] as const)('close() with a send that never returns (%s)', (kind) => {
  it('returns within its deadline; the unfinished message is sent again by the next outbox', async () => {
    const prefix = randomPrefix('close');
    prefixes.push(prefix);
    const where = { kind, file: `${tempDir('close')}/outbox.db`, redisUrl: SYSTEM_REDIS, prefix } as const;
    const s = hangingSender();
    const first = createOutbox({
      ...where,
      senders: new Map([['discord', s.sender]]),
      store: recordingStore(),
      closeTimeoutMs: 300,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    });
    await first.enqueue([message(`hang-${kind}`, dest('discord', 'channel', '77'))]);
    await first.start();
    await waitFor(() => s.started() === 1, 10_000, 'send started');
    const t0 = Date.now();
    await first.close();
    expect(Date.now() - t0).toBeLessThan(4000);

    const second = createOutbox({
      ...where,
      senders: new Map([['discord', s.ok]]),
      store: recordingStore(),
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    });
    try {
      await second.start();
      await waitFor(() => s.sent() === 1, 15_000, 'resend');
      await second.drain(10_000);
      expect(await second.stats()).toMatchObject({ completed: 1, dead: 0, active: 0 });
    } finally {
      await second.close();
    }
  });
});
