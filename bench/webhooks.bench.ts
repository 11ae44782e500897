/**
 * Webhook delivery benchmark (issue 21): 1,000 webhooks (one per destination) receive one alert each
 * from a delivering process (bench/webhooks-child.ts: the SQLite outbox and the real webhook sender) into
 * a local receiver in this process that verifies every signature with the standardwebhooks reference
 * verifier.
 *
 * 1. Throughput: all delivered and verified, deliveries/s from the first to the last request the receiver
 *    saw, against a baseline in the same run: one signed request after the other (one await each).
 * 2. kill -9 mid-delivery: the delivering process is killed after a third of the requests arrived; a new
 *    one plans the same alerts again (a re-detected tick) and drains. Nothing may be lost, no delivery
 *    confirmed before the kill may be sent again, and only requests in flight at the kill (at most the
 *    webhook concurrency, 16) may repeat: receivers dedupe those on `webhook-id`.
 * 1b. The same throughput on the BullMQ outbox (REDIS_URL, default 127.0.0.1:6379; BENCH_SKIP_REDIS=1 skips it).
 * Run: `npm run bench -- webhooks` (about 30 s).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { WEBHOOK_CONCURRENCY } from '#src/delivery/outbox/options.js';
import { webhookHttp } from '#src/delivery/webhooks/http.js';
import { newWebhookSecret, signAndPost } from '#src/delivery/webhooks/post.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test/fakes/webhook-receiver.js';
import { createVerdicts } from './verdict.js';
import type { WebhookChildConfig } from './webhooks-child.js';

const N = Number(process.env.BENCH_WEBHOOKS ?? 1000);
const root = join(import.meta.dirname, '..');
const v = createVerdicts('webhooks');

/** A fresh store with N webhooks (one per destination), their secrets registered on the receiver. */
async function setup(rx: WebhookReceiver, dir: string, tag: string) {
  const storeFile = join(dir, `${tag}-store.db`);
  const store = openSqliteStore({ file: storeFile });
  for (let i = 0; i < N; i++) {
    const secret = newWebhookSecret();
    const path = `/${tag}/${i}`;
    rx.secret(path, secret);
    const r = await store.webhooks.add(
      {
        destination: { platform: 'telegram', kind: 'dm', id: String(10_000 + i) },
        url: `${rx.url}${path}`,
        secret,
        createdAt: Date.now(),
      },
      3,
    );
    if (!r.ok) throw new Error('webhook not added');
  }
  await store.close();
  return { storeFile, outboxFile: join(dir, `${tag}-outbox.db`) };
}

function child(cfg: WebhookChildConfig) {
  // node --import tsx (not the tsx binary, which runs the script in a grandchild a kill would miss).
  const p = spawn(process.execPath, ['--import', 'tsx', 'bench/webhooks-child.ts'], {
    cwd: root,
    env: { ...process.env, TW_WH_CHILD: JSON.stringify(cfg) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  p.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((r) => p.on('close', (code) => r(code)));
  return { p, exited, output: () => out };
}

/** Deletes the bench's BullMQ keys. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

const of = (rx: WebhookReceiver, tag: string) => rx.received.filter((r) => r.path.startsWith(`/${tag}/`));
const ids = (got: ReturnType<typeof of>) => got.map((r) => String(r.headers['webhook-id']));

async function waitUntil(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One signed request after the other, to `count` of the webhooks: the baseline rate. */
async function sequentialRate(rx: WebhookReceiver, count: number): Promise<number> {
  const secret = newWebhookSecret();
  rx.secret('/seq', secret);
  // Kept-alive connections as the outbox's sender has them: the ratio measures the concurrency alone.
  const http = webhookHttp();
  const deps = { allowHosts: [`127.0.0.1:${rx.port}`], now: Date.now, post: http.post };
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    const r = await signAndPost({ url: `${rx.url}/seq`, secret }, `seq${i}`, '{"i":1}', deps);
    if (r.kind !== 'answered' || r.status !== 200) throw new Error('baseline request failed');
  }
  const rate = (count * 1000) / (Date.now() - t0);
  await http.close();
  return rate;
}

const rx = await startWebhookReceiver();
const dir = mkdtempSync(join(tmpdir(), 'tw-bench-webhooks-'));
const rows: Array<Record<string, string | number>> = [];
try {
  // 1. Throughput.
  const a = await setup(rx, dir, 'run');
  const c1 = child({ ...a, receiverPort: rx.port, n: N });
  if ((await c1.exited) !== 0) throw new Error(`delivering process failed:\n${c1.output()}`);
  process.stdout.write(`delivering process: ${c1.output().replace(/\n/g, ' ')}\n`);
  const got = of(rx, 'run');
  const span = Math.max(1, (got.at(-1)?.at ?? 0) - (got[0]?.at ?? 0));
  const rate = (got.length * 1000) / span;
  const seq = await sequentialRate(rx, 200);
  rows.push({
    run: `${N} webhooks × 1 alert`,
    'delivered (= N)': v.cell('delivered', new Set(ids(got)).size, { equals: N }),
    'verified (= requests)': v.cell('verified', got.filter((r) => r.verified).length, { equals: got.length }),
    'duplicates (= 0)': v.cell('duplicates', got.length - new Set(ids(got)).size, { equals: 0 }),
    'deliveries/s (≥ 200)': v.cell('deliveries/s', rate, { atLeast: 200 }, (x) => x.toFixed(0)),
    'sequential/s': seq.toFixed(0),
    '× sequential': (rate / seq).toFixed(1),
  });

  // 1b. The same on the BullMQ outbox (REDIS_URL, default 127.0.0.1:6379; BENCH_SKIP_REDIS=1 skips it).
  if (!process.env.BENCH_SKIP_REDIS) {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `tw-bench-webhooks-${process.pid}`;
    const r = await setup(rx, dir, 'bull');
    const c = child({ ...r, receiverPort: rx.port, n: N, redisUrl, prefix });
    const code = await c.exited;
    await deleteKeys(redisUrl, prefix);
    if (code !== 0) throw new Error(`delivering process (redis) failed:\n${c.output()}`);
    const bull = of(rx, 'bull');
    const bullSpan = Math.max(1, (bull.at(-1)?.at ?? 0) - (bull[0]?.at ?? 0));
    const bullRate = (bull.length * 1000) / bullSpan;
    rows.push({
      run: `${N} webhooks × 1 alert, BullMQ outbox (Redis)`,
      'delivered (= N)': v.cell('redis delivered', new Set(ids(bull)).size, { equals: N }),
      'verified (= requests)': v.cell('redis verified', bull.filter((x) => x.verified).length, {
        equals: bull.length,
      }),
      'duplicates (= 0)': v.cell('redis duplicates', bull.length - new Set(ids(bull)).size, { equals: 0 }),
      'deliveries/s (≥ 200)': v.cell('redis deliveries/s', bullRate, { atLeast: 200 }, (x) => x.toFixed(0)),
      'sequential/s': seq.toFixed(0),
      '× sequential': (bullRate / seq).toFixed(1),
    });
  }

  // 2. kill -9 mid-delivery, then a new process re-plans and drains.
  const b = await setup(rx, dir, 'crash');
  const c2 = child({ ...b, receiverPort: rx.port, n: N });
  await waitUntil(() => of(rx, 'crash').length >= N / 3, 60_000, 'a third of the requests');
  c2.p.kill('SIGKILL');
  await c2.exited;
  const atKill = of(rx, 'crash').length;
  // What the dead process had confirmed (its outbox rows marked done): none of these may be sent again.
  const db = new Database(b.outboxFile, { readonly: true });
  const confirmed = new Set(
    (db.prepare(`SELECT payload FROM outbox WHERE state = 'done'`).all() as { payload: string }[]).map((r) =>
      String((JSON.parse(r.payload) as { webhook: { eventId: string } }).webhook.eventId),
    ),
  );
  db.close();
  const firstRun = new Set(ids(of(rx, 'crash')));
  const c3 = child({ ...b, receiverPort: rx.port, n: N });
  if ((await c3.exited) !== 0) throw new Error(`restarted process failed:\n${c3.output()}`);
  const all = of(rx, 'crash');
  const after = ids(all.slice(atKill));
  const distinct = new Set(ids(all));
  const repeated = after.filter((id) => firstRun.has(id));
  v.check('killed mid-delivery (requests at the kill < N)', atKill, { atMost: N - 1 });
  rows.push({
    run: `kill -9 after ${atKill} requests, restart (duplicates: confirmed ones sent again)`,
    'delivered (= N)': v.cell('crash delivered', distinct.size, { equals: N }),
    'verified (= requests)': v.cell('crash verified', all.filter((r) => r.verified).length, {
      equals: all.length,
    }),
    'duplicates (= 0)': v.cell(
      'confirmed before the kill, sent again',
      repeated.filter((id) => confirmed.has(id)).length,
      { equals: 0 },
    ),
    'deliveries/s (≥ 200)': '',
    'sequential/s': '',
    '× sequential': '',
  });
  rows.push({
    run: '  in flight at the kill, repeated',
    'delivered (= N)': '',
    'verified (= requests)': '',
    'duplicates (= 0)': v.cell('in-flight repeats', repeated.length, { atMost: WEBHOOK_CONCURRENCY }),
    'deliveries/s (≥ 200)': '',
    'sequential/s': '',
    '× sequential': '',
  });
} finally {
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `\nWebhooks: ${N} webhooks on one local receiver (standardwebhooks verifier), SQLite outbox (and BullMQ), ` +
    `${WEBHOOK_CONCURRENCY} requests at a time, 5/s per webhook. Load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.\n`,
);
console.table(rows);
process.stdout.write(
  `"in flight at the kill, repeated": requests the receiver got whose 2xx the killed process never recorded; ` +
    `at most the concurrency (≤ ${WEBHOOK_CONCURRENCY}), same webhook-id, so receivers drop them.\n`,
);
v.finish();
