import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { Destination, DestinationKind, Platform } from '#src/domain/types.js';
import type { DeactivationReason } from '#src/store/ports.js';

export const SYSTEM_REDIS = TEST_REDIS_URL;

export const randomPrefix = (tag: string) => `twtest-${tag}-${randomBytes(4).toString('hex')}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Deletes every key under `prefix` (BullMQ queues, pacing and once-keys). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `tw-${tag}-`));
}

import { freePort } from '../support/net.js';
import { TEST_REDIS_URL } from '../support/redis.js';

export { freePort };

/** Our own redis-server (never the system one on 6379): AOF with fsync on every write. */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = tempDir('redis');
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(port, '127.0.0.1', {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
      lazyConnect: true,
    });
    probe.on('error', () => undefined); // refused until the server listens
    await waitFor(
      async () => {
        try {
          if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        }
      },
      10_000,
      'redis-server',
    );
    probe.disconnect();
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async kill() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
    },
  };
}

export function dest(platform: Platform, kind: DestinationKind, id: string): Destination {
  return kind === 'dm'
    ? { platform, kind, id }
    : { platform, kind, id, parentId: kind === 'group' ? id : 'guild1' };
}

export function message(id: string, destination: Destination): OutboundMessage {
  return { id, destination, events: [], createdAt: Date.now(), origin: 'tick' };
}

/** `n` messages to `n` distinct destinations (chat ids `${base + i}`). */
export function fanOut(
  tag: string,
  n: number,
  platform: Platform,
  kind: DestinationKind = 'dm',
  base = 1000,
): OutboundMessage[] {
  return Array.from({ length: n }, (_, i) => message(`${tag}-${i}`, dest(platform, kind, String(base + i))));
}

/** A store stand-in (subscriptions.rekey, destinations.deactivate) recording what delivery asked of it. */
export function recordingStore() {
  const deactivated: Array<{ destination: Destination; reason: DeactivationReason }> = [];
  const rekeyed: Array<{ from: Destination; to: Destination }> = [];
  return {
    deactivated,
    rekeyed,
    subscriptions: {
      async rekey(from: Destination, to: Destination) {
        rekeyed.push({ from, to });
      },
    },
    destinations: {
      async deactivate(destination: Destination, reason: DeactivationReason) {
        deactivated.push({ destination, reason });
      },
    },
  };
}

/** Config of test/delivery/child-worker.ts. */
export interface ChildConfig {
  readonly kind: 'sqlite' | 'redis';
  readonly redisUrl?: string;
  readonly file?: string;
  readonly prefix?: string;
  readonly telegramUrl: string;
  readonly discordUrl: string;
  readonly concurrency: number;
  /** Global limits; default 400/s (never binding). */
  readonly limits?: Partial<Record<'telegram' | 'discord', { max: number; durationMs: number }>>;
  /** Sent as x-worker so the fake can tell replicas apart. */
  readonly workerId?: string;
}

export function spawnWorker(cfg: ChildConfig): {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<unknown>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/delivery/child-worker.ts'], {
    env: { ...process.env, TW_CHILD: JSON.stringify(cfg) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise((r) => child.once('exit', r));
  return { child, ready, exited };
}
