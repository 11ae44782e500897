import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, slotMsOf } from '#src/app/create-app.js';
import { parseConfig, secretsOf } from '#src/config/index.js';
import { createLogger } from '#src/obs/logger.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import { startFakeTokenMetrics } from '../fakes/tm-server.js';
import { ANCHOR, dm, subscribe, TOK } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createApp', () => {
  it('wires the Token Metrics client, SQLite store and outbox from config; HTTP up; no secret in logs or metrics', async () => {
    const apiKey = 'tm-secret-key-0123456789';
    const tm = await startFakeTokenMetrics({ apiKey, anchorMs: ANCHOR });
    const dir = mkdtempSync(join(tmpdir(), 'tw-app-'));
    dirs.push(dir);
    const parsed = parseConfig({
      DATA_DIR: dir,
      TM_API_KEY: apiKey,
      TM_API_BASE_URL: tm.url,
      HTTP_PORT: '0',
      LOG_LEVEL: 'debug',
      REFRESH_DAILY: '1h',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    let logs = '';
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => {
      logs += c.toString();
    });
    const logger = createLogger({
      level: 'debug',
      secrets: secretsOf(parsed.config),
      destination: logStream,
    });
    const consoleP = createConsolePlatform({ out: new PassThrough().resume() });
    let now = ANCHOR;
    const app = await createApp(
      { ...parsed.config, schedule: false },
      { logger, platforms: [consoleP], now: () => now },
    );
    try {
      expect(app.store.kind).toBe('sqlite');
      await subscribe(app.store, dm, TOK.SOL);
      await app.start();
      const port = app.httpPort;
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      tm.setStep(0);
      const first = await app.tick(now);
      expect(first.outcome).toBe('ran');
      expect(tm.calls.length).toBeGreaterThan(0);
      expect(tm.calls.every((c) => c.authorized)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      for (let s = 1; s <= 7; s++) {
        now = ANCHOR + s * 3_600_000;
        tm.setStep(s);
        await app.tick(now);
      }
      await app.outbox.drain(10_000);
      expect(consoleP.sent.flatMap((m) => m.events.map((e) => e.kind))).toContain('level_approach');

      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('tokenwatch_ticks_total{outcome="ran"}');
      expect(metrics).not.toContain(apiKey);
      expect(logs).toContain('fetch plan');
      expect(logs).not.toContain(apiKey);
    } finally {
      await app.stop();
      await app.stop(); // idempotent
      await tm.close();
    }
  });

  it('the console platform reads commands from its input stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-app-'));
    dirs.push(dir);
    const parsed = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const input = new PassThrough();
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const app = await createApp(
      { ...parsed.config, httpPort: false, schedule: false },
      {
        platforms: [createConsolePlatform({ input, out, userId: 'bob' })],
      },
    );
    try {
      await app.start();
      input.write('/subscribe SOL\n/subscribe NOPE_NOT_A_TOKEN\n');
      await expect.poll(() => text, { timeout: 5000 }).toContain('not a token symbol');
      const subs = await app.store.subscriptions.list({ platform: 'console', kind: 'dm', id: 'bob' });
      expect(subs.map((s) => s.symbol)).toEqual(['SOL']);
      expect(text).toContain('Subscribed you to SOL');
    } finally {
      await app.stop();
    }
  });

  it('slot length follows the cron expression', () => {
    expect(slotMsOf('* * * * *')).toBe(60_000);
    expect(slotMsOf('*/10 * * * * *')).toBe(1000);
  });
});
