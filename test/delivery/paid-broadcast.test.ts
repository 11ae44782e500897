import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, PaidLane } from '#src/delivery/index.js';
import type { Outbox } from '#src/delivery/ports.js';
import { createLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import type { Store } from '#src/store/ports.js';
import { openRedisStore } from '#src/store/redis/index.js';
import { utcDay } from '#src/store/replica-ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { createHttpSender, type HttpSender } from '../fakes/delivery-http-sender.js';
import { type LimitPlatform, startLimitPlatform } from '../fakes/limit-platform.js';
import { deleteKeys, fanOut, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';

/**
 * Telegram paid broadcasts through the outbox, on both backends, at a scaled-down rate: the free rate is
 * 6.7 msg/s (Telegram: 25 of 30), the paid ceiling 200 msg/s (Telegram: 1,000). The fake enforces both windows
 * and keeps a Stars balance.
 */
// 13.3/s in fixed windows: any sliding second meets at most 4 windows, 16 sends, under the fake's 20.
const FREE = { max: 4, durationMs: 300 };

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const dest = new PassThrough();
  dest.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  return { lines, logger: createLogger({ level: 'info', destination: dest }) };
}

describe.each(['sqlite', 'redis'] as const)('paid broadcasts (%s)', (kind) => {
  let fake: LimitPlatform | undefined;
  let sender: HttpSender | undefined;
  let outbox: Outbox | undefined;
  let store: Store | undefined;
  const prefix = randomPrefix(`paid-${kind}`);
  let n = 0;

  beforeAll(() => undefined);
  afterEach(async () => {
    await outbox?.close();
    await sender?.close();
    await fake?.close();
    await store?.close();
    outbox = undefined;
  });
  afterAll(async () => {
    if (kind === 'redis') await deleteKeys(SYSTEM_REDIS, prefix);
  });

  async function world(o: { stars: number; starsPerDay: number; afterMs?: number }) {
    n++;
    fake = await startLimitPlatform({
      flavour: 'telegram',
      latencyMs: 2,
      global: { max: 20, windowMs: 1000 },
      paid: { window: { max: 200, windowMs: 1000 }, stars: o.stars },
    });
    sender = createHttpSender('telegram', 'telegram', fake.url);
    store =
      kind === 'redis'
        ? await openRedisStore({ url: SYSTEM_REDIS, keyPrefix: `${prefix}-store-${n}:` })
        : openSqliteStore({ file: ':memory:' });
    const { lines, logger } = captureLogs();
    const metrics = createMetrics();
    const lane =
      o.starsPerDay > 0
        ? new PaidLane({
            platform: 'telegram',
            starsPerDay: o.starsPerDay,
            afterMs: o.afterMs ?? 1000,
            maxPerSecond: 200,
            concurrency: 16,
            budgets: store.dailyBudgets,
            logger,
            metrics,
          })
        : undefined;
    outbox = createOutbox({
      kind,
      file: `${tempDir('paid')}/outbox.db`,
      redisUrl: SYSTEM_REDIS,
      prefix: `${prefix}-${n}`,
      senders: new Map([['telegram', sender]]),
      store: recordingStore(),
      logger,
      limits: { telegram: FREE },
      chatIntervalMs: { dm: 50, group: 50, channel: 50 },
      ...(lane ? { paid: lane } : {}),
    });
    return { fake, lane, lines, metrics, outbox, store };
  }

  const spentStars = async (s: Store) =>
    (await s.dailyBudgets.get(utcDay(Date.now()), 'telegram-paid-tenths')) / 10;

  it('a long backlog goes out paid beyond the free rate, up to the daily budget and never beyond', async () => {
    const w = await world({ stars: 1000, starsPerDay: 12 }); // 120 paid messages
    await w.outbox.enqueue(fanOut(`paid-${kind}`, 250, 'telegram', 'dm', 10_000));
    await w.outbox.start();
    await w.outbox.drain(120_000);
    const texts = w.fake.postsByText();
    expect(texts.size).toBe(250);
    expect([...texts.values()].every((c) => c === 1)).toBe(true);
    expect(w.fake.counts.tooMany).toBe(0);
    const paid = w.fake.posts.filter((p) => p.paid).length;
    expect(paid).toBe(120);
    expect(await spentStars(w.store)).toBe(12);
    // The free rate kept going beside the paid sends.
    expect(w.fake.posts.length - paid).toBe(130);
    expect(w.lines.some((l) => String(l.msg).includes('budget spent for today'))).toBe(true);
    const gauge = (await w.metrics.paidStars.get()).values[0]?.value;
    expect(gauge).toBe(12);
  }, 150_000);

  it('off by default, and not used while the backlog clears within TELEGRAM_PAID_BROADCAST_AFTER', async () => {
    const off = await world({ stars: 1000, starsPerDay: 0 });
    await off.outbox.enqueue(fanOut(`off-${kind}`, 40, 'telegram', 'dm', 20_000));
    await off.outbox.start();
    await off.outbox.drain(60_000);
    expect(off.fake.posts.filter((p) => p.paid)).toHaveLength(0);
    await outbox?.close();
    await sender?.close();
    await fake?.close();
    await store?.close();

    // 30 messages at about 13/s: 2-3 s of backlog, under a 10 s threshold.
    const small = await world({ stars: 1000, starsPerDay: 100, afterMs: 10_000 });
    await small.outbox.enqueue(fanOut(`small-${kind}`, 30, 'telegram', 'dm', 30_000));
    await small.outbox.start();
    await small.outbox.drain(60_000);
    expect(small.fake.postsByText().size).toBe(30);
    expect(small.fake.posts.filter((p) => p.paid)).toHaveLength(0);
    expect(await spentStars(small.store)).toBe(0);
  }, 150_000);

  it('a refusal for lack of Stars switches paid sending off for the day and tells the operator once', async () => {
    const w = await world({ stars: 4, starsPerDay: 100 }); // the balance pays for 40 messages
    await w.outbox.enqueue(fanOut(`broke-${kind}`, 200, 'telegram', 'dm', 40_000));
    await w.outbox.start();
    await w.outbox.drain(120_000);
    const texts = w.fake.postsByText();
    expect(texts.size).toBe(200);
    expect([...texts.values()].every((c) => c === 1)).toBe(true);
    expect(w.fake.posts.filter((p) => p.paid)).toHaveLength(40);
    expect(w.fake.counts.paidRefused).toBeGreaterThanOrEqual(1);
    // Refused sends cost nothing: the count matches what went out paid.
    expect(await spentStars(w.store)).toBe(4);
    const told = w.lines.filter((l) => String(l.msg).includes('not enough Stars'));
    expect(told).toHaveLength(1);
    expect(told[0]?.level).toBe(50);
  }, 150_000);
});
