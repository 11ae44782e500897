import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { parseConfig, secretsOf } from '#src/config/index.js';
import type { Destination } from '#src/domain/types.js';
import { createLogger } from '#src/obs/logger.js';
import { type DiscordFake, startDiscordFake } from '../fakes/discord-fake.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { findLeak } from '../support/leak.js';
import { freePort } from '../support/net.js';
import { fakeDiscordToken, fakePassword, fakeTelegramToken, fakeTmKey } from '../support/secrets.js';

/**
 * Every outbound path fails with real-looking secrets configured, and the upstreams are hostile: their
 * error bodies echo the secret back raw, percent-encoded and base64-encoded (as a misbehaving proxy
 * would). No log line, dead-letter record, metric or message the bot sent may contain any secret in any
 * form (test/support/leak.ts lists the forms, independently of the scrubber).
 */
const SECRETS = {
  TM_API_KEY: fakeTmKey(),
  TELEGRAM_BOT_TOKEN: fakeTelegramToken(),
  DISCORD_TOKEN: fakeDiscordToken(),
  REDIS_PASSWORD: fakePassword(),
};
const echo = (s: string) =>
  `echo ${s} / ${encodeURIComponent(s)} / ${encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())} / ${Buffer.from(s).toString('base64')}`;

let redis: ChildProcess;
let redisPort: number;
let tm: FakeTokenMetrics;
let tg: TelegramFake;
let dc: DiscordFake;
let app: App;
let dataDir: string;
const logLines: string[] = [];
const keyPrefix = `twtest-leak-${process.pid}:`;

async function startRedisWithPassword(): Promise<void> {
  redisPort = await freePort();
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--requirepass',
      SECRETS.REDIS_PASSWORD,
    ],
    { stdio: 'ignore' },
  );
  const probe = new Redis({
    port: redisPort,
    host: '127.0.0.1',
    password: SECRETS.REDIS_PASSWORD,
    lazyConnect: true,
    retryStrategy: () => 50,
  });
  probe.on('error', () => undefined);
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      if (probe.status !== 'ready') await probe.connect();
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      if (Date.now() > until) throw new Error('redis-server with --requirepass did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
}

beforeAll(async () => {
  await startRedisWithPassword();
  tm = await startFakeTokenMetrics({ apiKey: SECRETS.TM_API_KEY });
  tg = await startTelegramFake({ token: SECRETS.TELEGRAM_BOT_TOKEN });
  dc = await startDiscordFake();
  dataDir = mkdtempSync(join(tmpdir(), 'tw-leak-'));
  const parsed = parseConfig({
    TM_API_KEY: SECRETS.TM_API_KEY,
    TM_API_BASE_URL: tm.url,
    TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_API_BASE: dc.apiBase,
    REDIS_URL: `redis://:${encodeURIComponent(SECRETS.REDIS_PASSWORD)}@127.0.0.1:${redisPort}`,
    DATA_DIR: dataDir,
    TICK_CRON: '0 0 1 1 *',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  app = await createApp(
    { ...parsed.config, httpPort: false, schedule: false, keyPrefix, outboxTuning: { backoffMs: 10 } },
    { logger: createLogger({ level: 'debug', secrets: secretsOf(parsed.config), destination }) },
  );
  await app.outbox.start();
}, 30_000);

afterAll(async () => {
  // Redis is gone by now: don't wait for the clients' reconnect loops.
  const soon = (p: Promise<unknown> | undefined) =>
    Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
  await soon(app?.outbox.close());
  await soon(app?.stop());
  await tm?.close();
  await tg?.close();
  await dc?.close();
  redis?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls `cond` until it holds; fails with `what` after `ms` (room for a loaded machine). */
async function waitUntil(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tgDm: Destination = { platform: 'telegram', kind: 'dm', id: '7001' };
const dcChannel: Destination = { platform: 'discord', kind: 'channel', id: '9001', parentId: 'guild1' };

/**
 * The app's own Redis error paths, with the password in REDIS_URL: the server refusing it (WRONGPASS
 * from the real redis-server started above) and nothing listening on the port (ECONNREFUSED). Start
 * waits for the store (its retries are logged and become the /readyz reason), the tick skips, a store
 * call rejects: none of what they log, report or throw may carry a password in any form.
 */
describe('no secret leaks from the Redis error paths', () => {
  const cases = [
    { name: 'the server refuses the password', port: () => Promise.resolve(redisPort), expect: /WRONGPASS/ },
    { name: 'nothing listens on the port', port: () => freePort(), expect: /ECONNREFUSED/ },
  ];
  it.each(cases)(
    'GIVEN REDIS_URL with a password WHEN $name THEN logs, readiness, tick and errors hold no secret',
    async (c) => {
      const wrong = fakePassword();
      const lines: string[] = [];
      const parsed = parseConfig({
        REDIS_URL: `redis://:${encodeURIComponent(wrong)}@127.0.0.1:${await c.port()}`,
        DATA_DIR: dataDir,
        TICK_CRON: '0 0 1 1 *',
      });
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      const destination = new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      });
      const broken = await createApp(
        { ...parsed.config, httpPort: false, schedule: false, keyPrefix },
        { logger: createLogger({ level: 'debug', secrets: secretsOf(parsed.config), destination }) },
      );
      const started = broken.start().catch((err: unknown) => err);
      try {
        const until = Date.now() + 15_000;
        while (broken.readiness.reasons().store === undefined && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50));
        const reasons = JSON.stringify(broken.readiness.reasons());
        const report = await broken.tick(Date.now());
        const thrown = await broken.store.subscriptions.watchedTokens().then(
          () => undefined,
          (err: unknown) => err,
        );
        const errorText = JSON.stringify(thrown, Object.getOwnPropertyNames(thrown ?? {}));
        const causes: string[] = [];
        for (let e: unknown = thrown; e instanceof Error; e = e.cause)
          causes.push(`${e.message}\n${e.stack ?? ''}`);
        // The paths ran: the store's real failure is what start reports, the tick skipped, the call threw.
        expect(reasons).toMatch(c.expect);
        expect(report.outcome).toBe('skipped_store');
        expect(thrown).toBeInstanceOf(Error);
        expect(lines.join('')).toMatch(c.expect);
        const all = { ...SECRETS, WRONG_PASSWORD: wrong, REDIS_URL: parsed.config.redisUrl ?? '' };
        expect(findLeak(lines.join(''), all)).toBeUndefined();
        expect(findLeak(reasons, all)).toBeUndefined();
        expect(findLeak(JSON.stringify(report), all)).toBeUndefined();
        expect(findLeak(`${errorText}\n${causes.join('\n')}`, all)).toBeUndefined();
      } finally {
        await broken.stop();
        await started;
      }
    },
    30_000,
  );
});

describe('no secret leaks when every outbound path fails', () => {
  it('GIVEN failing Token Metrics, Telegram, Discord and Redis THEN logs, dead letters, metrics and sent messages hold no secret in any form', async () => {
    const all = { ...SECRETS, REDIS_URL: app.config.redisUrl ?? '' };

    // Token Metrics: 401s with the key echoed back, on a tick that has a token to fetch.
    await app.store.subscriptions.subscribe(tgDm, 3375, 'BTC', ['signal'], Date.now());
    tm.failNext(401, { body: JSON.stringify({ message: echo(SECRETS.TM_API_KEY) }), times: 200 });
    await app.tick(Date.now()).catch((err: unknown) => app.logger.error({ err }, 'tick failed (test)'));
    expect(tm.calls.length).toBeGreaterThan(0);
    expect(tm.calls.every((c) => c.status === 401)).toBe(true);

    // Telegram and Discord: permanent errors whose descriptions echo the token (dead-lettered at once).
    dc.addChannel(dcChannel.id);
    tg.failNext(
      'sendMessage',
      { error_code: 400, description: `Bad Request: ${echo(SECRETS.TELEGRAM_BOT_TOKEN)}` },
      5,
    );
    dc.failNext('POST', /messages/, 400, {
      code: 50035,
      message: `Invalid Form Body ${echo(SECRETS.DISCORD_TOKEN)}`,
    });
    const now = Date.now();
    await app.outbox.enqueueNotices([
      { id: 'leak-tg', destination: tgDm, text: 'hello', createdAt: now },
      { id: 'leak-dc', destination: dcChannel, text: 'hello', createdAt: now },
    ]);
    await app.outbox.drain(15_000);
    const dead = await app.outbox.deadLetters(10);
    expect(dead.map((d) => d.id).sort()).toEqual(['leak-dc', 'leak-tg']);
    // The raw errors did carry the secrets: the scrubbed record says so.
    expect(dead.map((d) => d.error).join('\n')).toContain('[REDACTED]');

    // Redis: the server goes away while the app runs (the refused-password and closed-port paths are
    // the tests above). The app's own reaction is logged: the tick skips, the outbox queues complain.
    const beforeKill = logLines.length;
    redis.kill('SIGKILL');
    await Promise.race([
      app.tick(Date.now() + 60_000).catch(() => undefined),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
    await waitUntil(
      () =>
        logLines.slice(beforeKill).some((l) => /ECONNREFUSED|Connection is closed|store unavailable/.test(l)),
      'the app logging the lost Redis',
    );

    const metrics = await app.metrics.registry.metrics();
    const outbound = [
      ...tg.calls.map((c) => JSON.stringify(c)),
      ...dc.requests.map((r) => JSON.stringify(r.body ?? '')),
    ].join('\n');
    const logs = logLines.join('');
    expect(logs).toContain('[REDACTED]'); // the failures were logged, scrubbed
    expect(findLeak(logs, all)).toBeUndefined();
    expect(findLeak(JSON.stringify(dead), all)).toBeUndefined();
    expect(findLeak(metrics, all)).toBeUndefined();
    expect(findLeak(outbound, all)).toBeUndefined();
  }, 40_000);
});
