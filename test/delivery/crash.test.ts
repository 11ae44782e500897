import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { Outbox } from '#src/delivery/ports.js';
import { type LimitPlatform, startLimitPlatform } from '../fakes/limit-platform.js';
import {
  deleteKeys,
  fanOut,
  randomPrefix,
  recordingStore,
  SYSTEM_REDIS,
  sleep,
  spawnWorker,
  tempDir,
  waitFor,
} from './helpers.js';

const N = 1000;
const CONCURRENCY = 8;
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await deleteKeys(SYSTEM_REDIS, p);
});

/** Messages posted more than once, in total (0 = no duplicates). */
function duplicates(fake: LimitPlatform): number {
  let d = 0;
  for (const n of fake.postsByText().values()) d += n - 1;
  return d;
}

describe.each(['redis', 'sqlite'] as const)('kill -9 mid fan-out (%s)', (kind) => {
  it(`${N} Discord + ${N} Telegram messages: nothing lost, no Discord duplicate, Telegram duplicates ≤ in-flight`, async () => {
    const tg = await startLimitPlatform({ flavour: 'telegram', latencyMs: 10 });
    const dc = await startLimitPlatform({ flavour: 'discord', latencyMs: 10 });
    const prefix = randomPrefix(`crash-${kind}`);
    prefixes.push(prefix);
    const file = `${tempDir('crash')}/outbox.db`;
    const where = { kind, file, redisUrl: SYSTEM_REDIS, prefix } as const;
    // The tick's side: enqueue durably, no workers in this process.
    const producer: Outbox = createOutbox({ ...where, senders: new Map(), store: recordingStore() });
    const msgs = [
      ...fanOut(`dc-${kind}`, N, 'discord', 'channel'),
      ...fanOut(`tg-${kind}`, N, 'telegram', 'dm'),
    ];
    await producer.enqueue(msgs);
    if (kind === 'sqlite') await producer.close(); // one process at a time on the embedded file
    const cfg = {
      kind,
      file,
      redisUrl: SYSTEM_REDIS,
      prefix,
      telegramUrl: tg.url,
      discordUrl: dc.url,
      concurrency: CONCURRENCY,
    };
    const first = spawnWorker(cfg);
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      await first.ready;
      // Killed while sends are in flight at the platforms (posted, not yet answered), in the same turn
      // of the event loop as the check: the fakes run here, so none of them can answer in between.
      await waitFor(
        () => {
          const due = dc.posts.length >= 250 && tg.posts.length >= 250 && dc.inFlight() + tg.inFlight() > 0;
          if (due) first.child.kill('SIGKILL');
          return due;
        },
        60_000,
        'first sends, some in flight',
      );
      await first.exited;
      const atKill = { dc: dc.posts.length, tg: tg.posts.length };
      expect(atKill.dc + atKill.tg).toBeLessThan(2 * N); // killed mid-run, not after
      await sleep(200);
      second = spawnWorker(cfg);
      await second.ready;
      await waitFor(
        () =>
          new Set(dc.posts.map((p) => p.text)).size === N && new Set(tg.posts.map((p) => p.text)).size === N,
        90_000,
        'all messages',
      );
      const checker =
        kind === 'sqlite'
          ? createOutbox({ ...where, senders: new Map(), store: recordingStore() })
          : producer;
      await checker.drain(30_000);
      const stats = await checker.stats();
      if (kind === 'sqlite') await checker.close();
      expect(stats).toMatchObject({ completed: 2 * N, dead: 0, waiting: 0, active: 0 });
      // Nothing lost.
      for (const m of msgs)
        expect.soft((m.destination.platform === 'discord' ? dc : tg).postsByText().has(m.id)).toBe(true);
      // Discord: the nonce turned every resend of an in-flight message into a no-op.
      expect(duplicates(dc)).toBe(0);
      // Telegram has no idempotency key: at most the sends in flight at the kill are repeated.
      expect(duplicates(tg)).toBeLessThanOrEqual(CONCURRENCY);
      // The kill did hit sends in flight (otherwise this test would prove nothing): they were resent.
      expect(dc.counts.nonceReplays + duplicates(tg)).toBeGreaterThan(0);
      console.info(
        `${kind}: at kill ${JSON.stringify(atKill)}, discord nonce replays ${dc.counts.nonceReplays}, telegram duplicates ${duplicates(tg)}`,
      );
    } finally {
      if (second) {
        second.child.kill('SIGTERM');
        await second.exited;
      }
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      if (kind === 'redis') await producer.close();
      await Promise.all([tg.close(), dc.close()]);
    }
  }, 150_000);
});
