/**
 * Delivery fan-out benchmark: one tick to 5,000 destinations on each platform, through fakes that enforce
 * Telegram's and Discord's global limits with 50 ms response latency (each fake in its own process).
 * Reports delivered msg/s ÷ allowed rate, 429s, and the speed-up over a sequential one-await-per-message
 * sender measured in the same run. Run: `npx tsx bench/delivery.bench.ts` (about 1.5 minutes).
 *
 * Scaling: at the real limits (30 and 50 msg/s) 5,000 Telegram messages take ~3 minutes, so limits are
 * scaled ×10 on both sides (fakes: 300/s and 500/s; our throttle: 250/s and 400/s). Set BENCH_SCALE=1 for
 * the real rates. Needs Redis at REDIS_URL (default redis://127.0.0.1:6379) for the BullMQ row.
 * Then the same runs with a CPU hog beside them (one spinning child process per core): still zero 429s
 * and ≥ 0.9 of budget (BENCH_SKIP_HOG=1 leaves these rows out).
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { Platform } from '#src/domain/types.js';
import { createHttpSender } from '../test/fakes/delivery-http-sender.js';
import { startLimitPlatformProcess } from '../test/fakes/limit-platform-process.js';
import { createVerdicts } from './verdict.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const N = Number(process.env.BENCH_N ?? 5000);
const LATENCY = 50;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Platform limits (msg/s) and our budget under them (the senders' declared limits), both scaled.
const PLATFORM = { telegram: 30 * SCALE, discord: 50 * SCALE };
const BUDGET = {
  telegram: { max: 5 * SCALE, durationMs: 200 }, // 25/s ×SCALE
  discord: { max: 10 * SCALE, durationMs: 250 }, // 40/s ×SCALE
};
const rate = (p: 'telegram' | 'discord') => (BUDGET[p].max * 1000) / BUDGET[p].durationMs;

function messages(tag: string, platform: Platform, n: number): OutboundMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${platform}-${i}`,
    destination: { platform, kind: platform === 'telegram' ? 'dm' : 'channel', id: String(100_000 + i) },
    events: [],
    createdAt: Date.now(),
    origin: 'tick',
  }));
}

async function startFakes() {
  const telegram = await startLimitPlatformProcess({
    flavour: 'telegram',
    latencyMs: LATENCY,
    global: { max: PLATFORM.telegram, windowMs: 1000 },
    perChat: [{ max: 1, windowMs: 1000 }],
  });
  const discord = await startLimitPlatformProcess({
    flavour: 'discord',
    latencyMs: LATENCY,
    global: { max: PLATFORM.discord, windowMs: 1000 },
  });
  return { telegram, discord };
}

type Row = Record<string, string | number>;
const v = createVerdicts('delivery');

/**
 * A CPU hog beside the bench: one child process per core, each spinning. The outbox and the fakes then
 * get only a share of the CPU, and an event-loop stall must still not turn into a 429.
 */
function startCpuHog(): () => void {
  const kids = cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return () => {
    for (const k of kids) k.kill('SIGKILL');
  };
}

async function runOutbox(kind: 'sqlite' | 'redis', hog = false): Promise<Row[]> {
  const stopHog = hog ? startCpuHog() : () => undefined;
  const tag = hog ? `${kind} +hog` : kind;
  // With the hog the issue asks ≥ 0.9 of budget (a busy CPU may slow us, never make us over-send).
  const share = hog ? 0.9 : 0.95;
  const fakes = await startFakes();
  const senders = {
    telegram: createHttpSender('telegram', 'telegram', fakes.telegram.url, 128),
    discord: createHttpSender('discord', 'discord', fakes.discord.url, 128),
  };
  const prefix = `twbench-${randomBytes(4).toString('hex')}`;
  const outbox = createOutbox({
    kind,
    file: join(mkdtempSync(join(tmpdir(), 'twbench-')), 'outbox.db'),
    redisUrl: REDIS_URL,
    prefix,
    senders: new Map<Platform, (typeof senders)['telegram']>([
      ['telegram', senders.telegram],
      ['discord', senders.discord],
    ]),
    store: { subscriptions: { rekey: async () => {} }, destinations: { deactivate: async () => {} } },
    concurrency: 48,
    limits: BUDGET,
  });
  const rows: Row[] = [];
  try {
    // The tick enqueues everything first (timed separately); the rate counts from when workers start.
    const e0 = Date.now();
    await outbox.enqueue([...messages(kind, 'telegram', N), ...messages(kind, 'discord', N)]);
    const enqueueMs = Date.now() - e0;
    const t0 = Date.now();
    await outbox.start();
    const done: Partial<Record<'telegram' | 'discord', number>> = {};
    while (done.telegram === undefined || done.discord === undefined) {
      await new Promise((r) => setTimeout(r, 100));
      if (done.telegram === undefined && senders.telegram.sent.ok >= N) done.telegram = Date.now() - t0;
      if (done.discord === undefined && senders.discord.sent.ok >= N) done.discord = Date.now() - t0;
      if (Date.now() - t0 > 180_000)
        throw new Error(`bench did not finish: ${JSON.stringify(await outbox.stats())}`);
    }
    stopHog();
    for (const p of ['telegram', 'discord'] as const) {
      const counts = await fakes[p].counts();
      const ms = done[p] ?? 1;
      const perSec = (N * 1000) / ms;
      rows.push({
        backend: kind,
        'cpu hog': hog ? `${cpus().length} procs` : 'none',
        platform: p,
        messages: N,
        'enqueue ms': enqueueMs,
        seconds: +(ms / 1000).toFixed(1),
        'msg/s': +perSec.toFixed(1),
        'budget msg/s': rate(p),
        '÷ budget (≥0.95; hog ≥0.9)': v.cell(
          `${tag} ${p} ÷ budget`,
          perSec / rate(p),
          { atLeast: share },
          (x) => x.toFixed(3),
        ),
        'platform limit': PLATFORM[p],
        '÷ limit': +(perSec / PLATFORM[p]).toFixed(3),
        '429s (=0)': v.cell(`${tag} ${p} 429s`, counts.tooMany, { equals: 0 }),
        'duplicates (=0)': v.cell(`${tag} ${p} duplicates`, counts.accepted - N, { equals: 0 }),
      });
    }
  } finally {
    stopHog();
    await outbox.close();
    await Promise.all([
      senders.telegram.close(),
      senders.discord.close(),
      fakes.telegram.close(),
      fakes.discord.close(),
    ]);
    if (kind === 'redis') {
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    }
  }
  return rows;
}

/** The naive baseline: for each message, await the send, then the next. Measured for `seconds`. */
async function runSequential(seconds: number): Promise<Record<'telegram' | 'discord', number>> {
  const fakes = await startFakes();
  const out = { telegram: 0, discord: 0 };
  try {
    for (const p of ['telegram', 'discord'] as const) {
      const sender = createHttpSender(p, p, fakes[p].url, 1);
      const t0 = Date.now();
      let n = 0;
      for (const m of messages('seq', p, N)) {
        await sender.send(m, m.id);
        n++;
        if (Date.now() - t0 > seconds * 1000) break;
      }
      out[p] = (n * 1000) / (Date.now() - t0);
      await sender.close();
    }
  } finally {
    await Promise.all([fakes.telegram.close(), fakes.discord.close()]);
  }
  return out;
}

const started = Date.now();
const sequential = await runSequential(5);
const backends = process.env.BENCH_SKIP_REDIS ? (['sqlite'] as const) : (['sqlite', 'redis'] as const);
const rows: Row[] = [];
for (const b of backends) rows.push(...(await runOutbox(b)));
// The same again with every core busy (BENCH_SKIP_HOG=1 leaves it out).
if (!process.env.BENCH_SKIP_HOG) for (const b of backends) rows.push(...(await runOutbox(b, true)));
for (const r of rows) {
  const seq = sequential[r.platform as 'telegram' | 'discord'];
  r['sequential msg/s'] = +seq.toFixed(1);
  r['× sequential'] = +(Number(r['msg/s']) / seq).toFixed(1);
}
process.stdout.write(
  `\nDelivery fan-out: ${N} destinations per platform, ${LATENCY} ms latency, limits scaled ×${SCALE} ` +
    `(fakes enforce ${PLATFORM.telegram}/s and ${PLATFORM.discord}/s; our budget ${rate('telegram')}/s and ${rate('discord')}/s)\n`,
);
console.table(rows);
process.stdout.write(
  `goal: ÷ budget ≥ 0.95 (≥ 0.9 with the CPU hog) with zero 429s. Total bench time ${(
    (Date.now() - started) / 1000
  ).toFixed(0)} s; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores.\n`,
);
v.finish();
// Exit explicitly (open handles of the fakes' clients must not keep the bench alive), with finish's code.
process.exit();
