import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import type { OutboundMessage, PlatformSender } from '#src/delivery/ports.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { createLogger } from '#src/obs/logger.js';
import { type ConsolePlatform, createConsolePlatform } from '#src/platforms/console/index.js';
import type { PlatformAdapter } from '#src/platforms/types.js';
import { fanOut, type OwnRedis, randomPrefix, startOwnRedis, tempDir, waitFor } from '../delivery/helpers.js';
import { linkOf } from '../support/platform.js';
import { testConfig } from './helpers.js';

/**
 * Redis lost and found, through the whole app on a redis-server of our own (AOF, fsync always) that the
 * test kills with SIGKILL and restarts on the same port. The system Redis is never touched.
 */

let redis: OwnRedis;
let redisUp = true;
const killRedis = async () => {
  redisUp = false;
  await redis.kill();
};
const startRedis = async () => {
  await redis.start();
  redisUp = true;
};
beforeAll(async () => {
  redis = await startOwnRedis();
});
afterAll(async () => {
  await redis.kill();
});

/** Log lines as parsed JSON (pino), to count what was logged. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const dest = new PassThrough();
  dest.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  return { lines, logger: createLogger({ level: 'debug', destination: dest }) };
}

/** A console sender that holds every send until `open()`: messages stay in the outbox meanwhile. */
function gatedPlatform(): PlatformAdapter & { delivered: Set<string>; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const delivered = new Set<string>();
  const sender: PlatformSender = {
    platform: 'console',
    limits: { concurrency: 4 },
    async send(m: OutboundMessage) {
      await gate;
      delivered.add(m.id);
      return { messageIds: [m.id] };
    },
    async sendNotice(n) {
      return { messageIds: [n.id] };
    },
  };
  return { platform: 'console', sender, delivered, open, start: async () => {}, stop: async () => {} };
}

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (!redisUp) await startRedis(); // a failed test must not leave the next one without Redis
});

async function readyz(port: number): Promise<{ status: number; body: { reasons: Record<string, string> } }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as { reasons: Record<string, string> } };
}

function build(logger: ReturnType<typeof captureLogs>['logger'], platforms: PlatformAdapter[]) {
  const config = testConfig({ REDIS_URL: redis.url, DATA_DIR: tempDir('outage') });
  const prefix = `${randomPrefix('outage')}:`;
  return createApp(
    { ...config, keyPrefix: prefix, outboxKind: 'redis', httpPort: 0, schedule: false },
    {
      market: createReplaySource(DEFAULT_SCENARIO),
      logger,
      // The gated platforms last: their sender is the one the outbox uses for 'console'.
      platforms: [createConsolePlatform({ out: new PassThrough().resume() }), ...platforms.map(linkOf)],
    },
  );
}

describe('Redis lost and found', () => {
  it('down at start: start() waits with backoff, /readyz says why, and the app starts once Redis is back', async () => {
    await killRedis();
    const { lines, logger } = captureLogs();
    app = await build(logger, []); // returns at once: the store connects in the background
    const starting = app.start();
    await waitFor(() => app?.httpPort !== undefined, 5000, 'http server');
    const port = app.httpPort as number;
    // The first probe may beat the first connection error ("no connection yet"); then it says why.
    await waitFor(
      async () => /ECONNREFUSED/.test((await readyz(port)).body.reasons.store ?? ''),
      5000,
      'reason',
    );
    const down = await readyz(port);
    expect(down.status).toBe(503);
    expect(down.body.reasons.store).toMatch(
      /^redis unreachable \(\w+\): connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    await waitFor(
      () => lines.filter((l) => l.msg === 'store not available at start; retrying').length >= 2,
      10_000,
      'two logged retries',
    );
    await startRedis();
    await starting;
    expect(lines.some((l) => l.msg === 'tokenwatch started')).toBe(true);
    const up = await readyz(port);
    expect(up.status).toBe(200);
    expect(up.body.reasons).toEqual({});
    expect((await app.tick(Date.now())).outcome).not.toMatch(/skipped_store|failed/);
  }, 30_000);

  it('lost mid-run: ticks skip (logged once), commands say "temporarily unavailable", the outbox loses nothing, all resumes', async () => {
    const { lines, logger } = captureLogs();
    const gated = gatedPlatform();
    app = await build(logger, [gated]);
    await app.start();
    const consoleP = app.platforms.find((p) => p.platform === 'console' && 'runLine' in p) as ConsolePlatform;
    const msgs = fanOut('outage', 20, 'console');
    await app.outbox.enqueue(msgs);

    await killRedis(); // SIGKILL: only the AOF survives
    const skipped = [await app.tick(Date.now()), await app.tick(Date.now() + 60_000)];
    expect(skipped.map((r) => r.outcome)).toEqual(['skipped_store', 'skipped_store']);
    expect(lines.filter((l) => l.msg === 'tick skipped: store unavailable (logged once)')).toHaveLength(1);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toMatch(/tokenwatch_ticks_total\{outcome="skipped_store"\} 2/);

    const reply = await consoleP.runLine?.('/subscriptions');
    expect(reply?.kind).toBe('error');
    expect(reply?.lines.join(' ')).toMatch(/temporarily unavailable/);
    expect((await readyz(app.httpPort as number)).status).toBe(503);

    await startRedis();
    const back = Date.now();
    await waitFor(
      async () => (await app?.tick(Date.now()))?.outcome !== 'skipped_store',
      10_000,
      'a tick that reaches the store within 10 s of Redis returning',
    );
    expect(Date.now() - back).toBeLessThan(10_000);
    expect(lines.some((l) => l.msg === 'store is back; ticks resume')).toBe(true);
    expect((await consoleP.runLine?.('/subscriptions'))?.lines.join(' ')).not.toMatch(
      /temporarily unavailable/,
    );

    gated.open();
    await waitFor(
      () => gated.delivered.size === msgs.length,
      20_000,
      'every message enqueued before the kill',
    );
    expect([...gated.delivered].sort()).toEqual(msgs.map((m) => m.id).sort());
  }, 60_000);
});
