/**
 * Telegram fan-out benchmark (issue 19): one breakout to 10,000 DMs and 100 groups through a fake that
 * enforces Telegram's limits (global, 1 msg/s per chat, 20 msg/min per group) with 50 ms latency, in its
 * own process. Messages are queued in the worst order (all DMs first). Run: `npm run bench -- telegram-fanout`.
 *
 * 1. Free rate, both outboxes: every group message delivered within the first 10 s (the most readers
 *    first, src/delivery/outbox/order.ts); all delivered in ≤ 1.1 × (10,100 / budget) s; zero 429s. At
 *    Telegram's real 25/s budget one run takes ~7 minutes, so rates are scaled ×10 (BENCH_SCALE; fake
 *    300/s, budget 250/s). The baseline in the same run: queue order would put the last group after
 *    every DM, at 10,100 / (measured rate) s.
 * 2. Paid broadcasts on with enough Stars, real rates (free 25/s of 30, paid ceiling 1,000/s): sustained
 *    msg/s ≥ 0.9 × 1,000, Stars spent ≤ budget (and = paid sends / 10), zero 429s.
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379) for the BullMQ rows and the Redis store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createOutbox, PaidLane } from '#src/delivery/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { AlertEvent, Destination } from '#src/domain/types.js';
import { openRedisStore } from '#src/store/redis/index.js';
import { utcDay } from '#src/store/replica-ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { createHttpSender } from '../test/fakes/delivery-http-sender.js';
import { startLimitPlatformProcess } from '../test/fakes/limit-platform-process.js';
import { createVerdicts } from './verdict.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const DMS = Number(process.env.BENCH_DMS ?? 10_000);
const GROUPS = 100;
const TOTAL = DMS + GROUPS;
const LATENCY = 50;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const v = createVerdicts('telegram-fanout');
/** TELEGRAM_PAID_BROADCAST_AFTER of the paid rows: pay while the backlog is over 1 s at the free rate. */
const PAID_AFTER_MS = 1000;
type Row = Record<string, string | number>;

const breakout: AlertEvent = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  id: 'bench-breakout',
  kind: 'level_breakout',
  level: 200,
  side: 'resistance',
  direction: 'up',
  price: 201,
  distancePct: 0.5,
  strength: 80,
  proximityPct: 2,
  at: Date.now(),
  priority: 90,
} as AlertEvent;

function fanOut(tag: string): OutboundMessage[] {
  const to = (d: Destination, i: number): OutboundMessage => ({
    id: `${tag}-${d.kind}-${i}`,
    destination: d,
    events: [breakout],
    createdAt: Date.now(),
    origin: 'tick',
  });
  const dms = Array.from({ length: DMS }, (_, i) =>
    to({ platform: 'telegram', kind: 'dm', id: String(100_000 + i) }, i),
  );
  const groups = Array.from({ length: GROUPS }, (_, i) => {
    const id = String(-1_000_000 - i);
    return to({ platform: 'telegram', kind: 'group', id, parentId: id }, i);
  });
  return [...dms, ...groups]; // the worst queue order: every DM before the groups
}

async function openStore(kind: 'sqlite' | 'redis', prefix: string) {
  return kind === 'redis'
    ? await openRedisStore({ url: REDIS_URL, keyPrefix: `${prefix}-store:` })
    : openSqliteStore({ file: ':memory:' });
}

async function run(kind: 'sqlite' | 'redis', paid: boolean): Promise<Row> {
  const scale = paid ? 1 : SCALE;
  const fake = await startLimitPlatformProcess({
    flavour: 'telegram',
    latencyMs: LATENCY,
    global: { max: 30 * scale, windowMs: 1000 },
    perChat: [{ max: 1, windowMs: 1000 }],
    perGroup: [{ max: 20, windowMs: 60_000 }],
    ...(paid ? { paid: { window: { max: 1000, windowMs: 1000 }, stars: 100_000 } } : {}),
  });
  const sender = createHttpSender('telegram', 'telegram', fake.url, 256);
  const prefix = `twbench-fan-${randomBytes(4).toString('hex')}`;
  const store = await openStore(kind, prefix);
  const budgetStars = 2000;
  const lane = paid
    ? new PaidLane({
        platform: 'telegram',
        starsPerDay: budgetStars,
        afterMs: PAID_AFTER_MS,
        budgets: store.dailyBudgets,
      })
    : undefined;
  const free = { max: 5 * scale, durationMs: 200 }; // the Telegram sender's 25/s, scaled
  const budget = (free.max * 1000) / free.durationMs;
  const outbox = createOutbox({
    kind,
    file: join(mkdtempSync(join(tmpdir(), 'twbench-fan-')), 'outbox.db'),
    redisUrl: REDIS_URL,
    prefix,
    senders: new Map([['telegram', sender]]),
    store: { subscriptions: { rekey: async () => {} }, destinations: { deactivate: async () => {} } },
    concurrency: 48,
    limits: { telegram: free },
    ...(lane ? { paid: lane } : {}),
  });
  try {
    await outbox.enqueue(fanOut(`${kind}-${paid ? 'paid' : 'free'}`));
    const t0 = Date.now();
    await outbox.start();
    while (sender.sent.ok < TOTAL) {
      await new Promise((r) => setTimeout(r, 100));
      if (Date.now() - t0 > 900_000)
        throw new Error(`bench did not finish: ${JSON.stringify(await outbox.stats())}`);
    }
    const ms = Date.now() - t0;
    const counts = await fake.counts();
    const posts = await fake.posts();
    const groupTimes = posts.filter((p) => p.chat.startsWith('-')).map((p) => p.at);
    const lastGroupS = (Math.max(...groupTimes) - t0) / 1000;
    const perSec = (TOTAL * 1000) / ms;
    const row: Row = {
      backend: kind,
      mode: paid ? 'paid on' : `free ×${scale}`,
      messages: TOTAL,
      'budget msg/s': budget,
      seconds: +(ms / 1000).toFixed(1),
      'msg/s': +perSec.toFixed(1),
      '429 global/chat': `${counts.tooManyGlobal}/${counts.tooManyChat}`,
      '429s (=0)': v.cell(`${kind} ${paid ? 'paid' : 'free'} 429s`, counts.tooMany, { equals: 0 }),
      'duplicates (=0)': v.cell(`${kind} ${paid ? 'paid' : 'free'} duplicates`, counts.accepted - TOTAL, {
        equals: 0,
      }),
    };
    if (!paid) {
      const bound = (1.1 * TOTAL) / budget;
      row['last group s (≤10)'] = v.cell(`${kind} last group s`, lastGroupS, { atMost: 10 }, (x) =>
        x.toFixed(2),
      );
      row['queue-order last group s'] = +(TOTAL / perSec).toFixed(1);
      row['× sooner'] = +(TOTAL / perSec / lastGroupS).toFixed(0);
      row['all s (≤1.1×N/budget)'] = v.cell(
        `${kind} all delivered s`,
        ms / 1000,
        { atMost: +bound.toFixed(1) },
        (x) => x.toFixed(1),
      );
    } else {
      const spent = (await store.dailyBudgets.get(utcDay(Date.now()), 'telegram-paid-tenths')) / 10;
      // Sustained: from the first post to the last paid one (after it only the last second of backlog
      // is left, which goes at the free rate by design).
      const first = Math.min(...posts.map((p) => p.at));
      const lastPaid = Math.max(...posts.filter((p) => p.paid).map((p) => p.at));
      const inPhase = posts.filter((p) => p.at <= lastPaid).length;
      const sustained = (inPhase * 1000) / Math.max(1, lastPaid - first);
      row['paid-phase msg/s'] = +sustained.toFixed(0);
      row['÷ 1000/s (≥0.9)'] = v.cell(`${kind} paid ÷ 1000/s`, sustained / 1000, { atLeast: 0.9 }, (x) =>
        x.toFixed(3),
      );
      row['paid sends'] = counts.paidAccepted;
      row['Stars spent (≤budget)'] = v.cell(`${kind} stars spent`, spent, { atMost: budgetStars }, (x) =>
        x.toFixed(1),
      );
      row['Stars = paid/10'] = v.cell(
        `${kind} stars = paid/10`,
        Math.abs(spent - counts.paidAccepted / 10),
        {
          atMost: 0.05,
        },
        () => (spent === counts.paidAccepted / 10 ? 'yes' : 'no'),
      );
    }
    return row;
  } finally {
    await outbox.close();
    await sender.close();
    await fake.close();
    await store.close();
    if (kind === 'redis') {
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    }
  }
}

const started = Date.now();
const backends = process.env.BENCH_SKIP_REDIS ? (['sqlite'] as const) : (['sqlite', 'redis'] as const);
const free: Row[] = [];
const paid: Row[] = [];
// BENCH_MODES=free or paid runs one half (both by default).
const modes = process.env.BENCH_MODES ?? 'free,paid';
if (modes.includes('free')) for (const b of backends) free.push(await run(b, false));
if (modes.includes('paid')) for (const b of backends) paid.push(await run(b, true));
process.stdout.write(
  `\nTelegram fan-out of one breakout: ${DMS} DMs + ${GROUPS} groups, queued DMs first, ${LATENCY} ms latency\n` +
    `free rate scaled ×${SCALE} (fake ${30 * SCALE}/s, budget ${25 * SCALE}/s):\n`,
);
console.table(free);
process.stdout.write(
  'paid broadcasts on (free 25/s of 30, paid ceiling 1,000/s, 2,000 Stars/day, TELEGRAM_PAID_BROADCAST_AFTER=1s):\n',
);
console.table(paid);
process.stdout.write(
  `Total bench time ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores.\n`,
);
v.finish();
process.exit();
