import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisPrefix, openRedisStore } from '#src/store/index.js';
import { countStoreCalls } from '#src/store/instrumented.js';
import type { Store } from '#src/store/ports.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { ANCHOR, channel, dm, makeApp, subscribe, TOK, testConfig } from './helpers.js';
import type { ReplicaConfig } from './replica-child.js';

const REDIS_URL = TEST_REDIS_URL;
const root = join(import.meta.dirname, '..', '..');
const MIN = 60_000;
/** Ticks one minute apart; each tick shows the next replay step (all cadences 1m, so all data is due). */
const tickAt = (step: number) => ANCHOR + step * MIN;
const fastConfig = () =>
  testConfig({ REDIS_URL, REFRESH_PRICE: '1m', REFRESH_HOURLY: '1m', REFRESH_DAILY: '1m' });

let admin: Redis;
const prefixes: string[] = [];
const newPrefix = () => {
  const p = `tw-test-app-${randomBytes(4).toString('hex')}:`;
  prefixes.push(p);
  return p;
};

beforeAll(() => {
  admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  for (const p of prefixes) {
    await deleteRedisPrefix(admin, p);
    await deleteRedisPrefix(admin, `${p.replace(/:+$/, '')}-outbox`);
  }
  admin.disconnect();
});

async function seed(store: Store) {
  await subscribe(store, dm, TOK.SOL);
  await subscribe(store, dm, TOK.BTC);
  await subscribe(store, dm, TOK.ETH, ['signal', 'hourly', 'levels', 'risk', 'grade']);
  await subscribe(store, channel, TOK.SOL, ['levels']);
  await subscribe(store, channel, TOK.ETH, ['levels']);
  await store.settings.update('console:channel:alerts', { proximityPct: 3 });
}

describe('tick on Redis', () => {
  it('stays within 17 store round trips per tick (10 in sequence)', async () => {
    const prefix = newPrefix();
    const store = countStoreCalls(await openRedisStore({ url: REDIS_URL, keyPrefix: prefix }));
    await seed(store);
    const t = await makeApp(store, { config: fastConfig(), keyPrefix: prefix, outboxKind: 'memory' });
    try {
      let events = 0;
      for (let s = 0; s < 20; s++) {
        t.replay.setStep(s);
        const from = store.calls();
        const r = await t.app.tick(tickAt(s));
        const calls = store.calls() - from;
        expect(r.outcome).toBe('ran');
        events += Object.values(r.events).reduce((a, b) => a + b, 0);
        // 10 in sequence plus the tick-meta read beside the snapshot read; the first tick also runs the
        // profile scan (two more batched reads) and writes the tick meta. Up to three trust calls run
        // beside others (open outcomes of moved tokens, outcomes.save, suppressions.record), a process's
        // first tick prunes old outcomes beside the snapshot write, and the price history takes 2. The
        // price-alert revision is read beside the watched tokens (the first tick also lists the alerts).
        expect(calls, `step ${s}`).toBeLessThanOrEqual(s === 0 ? 22 : 17);
      }
      expect(events).toBeGreaterThan(5);
    } finally {
      await t.app.stop();
      await store.close();
    }
  });
});

interface Child {
  readonly proc: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
  send(line: string): void;
}

function startChild(cfg: ReplicaConfig): Promise<Child> {
  const proc = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'test/app/replica-child.ts')], {
    cwd: root,
    env: { ...process.env, TW_REPLICA: JSON.stringify(cfg) },
  });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const lines: string[] = [];
  const waiters: Array<(l: string) => void> = [];
  createInterface({ input: proc.stdout }).on('line', (l) => {
    const w = waiters.shift();
    if (w) w(l);
    else lines.push(l);
  });
  const child: Child = {
    proc,
    next: () =>
      new Promise((resolve, reject) => {
        const l = lines.shift();
        if (l !== undefined) return resolve(l);
        const timer = setTimeout(() => reject(new Error(`${cfg.name} silent; stderr: ${stderr}`)), 30_000);
        waiters.push((line) => {
          clearTimeout(timer);
          resolve(line);
        });
      }),
    send: (line) => proc.stdin.write(`${line}\n`),
  };
  return child.next().then((l) => {
    if (l !== 'ready') throw new Error(`${cfg.name}: ${l} ${stderr}`);
    return child;
  });
}

describe('three replicas on one Redis', () => {
  it('run each slot once and deliver each event once per destination', async () => {
    const prefix = newPrefix();
    const dir = mkdtempSync(join(tmpdir(), 'tw-replicas-'));
    const file = join(dir, 'sent.jsonl');
    const store = await openRedisStore({ url: REDIS_URL, keyPrefix: prefix });
    await seed(store);
    await store.close();
    const children = await Promise.all(
      ['r1', 'r2', 'r3'].map((name) =>
        startChild({ redisUrl: REDIS_URL, prefix, file, anchor: ANCHOR, name }),
      ),
    );
    try {
      const steps = 18;
      for (let s = 0; s < steps; s++) {
        for (const c of children) c.send(`tick ${s} ${tickAt(s)}`);
        const replies = await Promise.all(children.map((c) => c.next()));
        const outcomes = replies.map(
          (l) => (JSON.parse(l.replace(/^done /, '')) as { outcome: string }).outcome,
        );
        expect(
          outcomes.filter((o) => o === 'ran'),
          `step ${s}: ${replies.join(' | ')}`,
        ).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'skipped_claimed')).toHaveLength(2);
      }
      for (const c of children) c.send('drain');
      await Promise.all(children.map((c) => c.next()));
      const sent = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { id: string; destination: string; events: Array<{ id: string; kind: string }> },
        );
      const ids = sent.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      const pairs = sent.flatMap((m) => m.events.map((e) => `${m.destination}|${e.id}`));
      expect(new Set(pairs).size).toBe(pairs.length);
      const kinds = new Set(sent.flatMap((m) => m.events.map((e) => e.kind)));
      for (const k of ['level_approach', 'level_touch', 'level_breakout', 'signal_flip', 'grade_change']) {
        expect(kinds).toContain(k);
      }
    } finally {
      for (const c of children) c.send('stop');
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) =>
              c.proc.exitCode !== null ? resolve() : c.proc.on('exit', () => resolve()),
            ),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
