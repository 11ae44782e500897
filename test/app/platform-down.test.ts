import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { createLogger } from '#src/obs/logger.js';
import { tempDir, waitFor } from '../delivery/helpers.js';
import { startTwin, type TwinWorld } from '../discord/twin-setup.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { testConfig } from './helpers.js';

/**
 * A platform down at start: the Bot API fake answers getMe with 502, 502, 500, then normally. The app
 * logs each failure, retries with backoff, shows the reason in /readyz, and starts polling as soon as
 * getMe answers. Before this, start() waited inside grammY's retries with no log line.
 */

let app: App | undefined;
let fake: TelegramFake | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const dest = new PassThrough();
  dest.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  return { lines, logger: createLogger({ level: 'info', destination: dest }) };
}

describe('Telegram down at start', () => {
  it('logs each getMe failure, retries with backoff, says why in /readyz, then serves', async () => {
    fake = await startTelegramFake({ token: '5550002:platform-down-token' });
    fake.failNext('getMe', { error_code: 502, description: 'Bad Gateway' }, 2);
    fake.failNext('getMe', { error_code: 500, description: 'Internal Server Error' }, 1, 0);
    const { lines, logger } = captureLogs();
    const config = testConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATA_DIR: tempDir('tg-down'),
    });
    app = await createApp(
      { ...config, outboxKind: 'memory', httpPort: 0, schedule: false },
      { market: createReplaySource(DEFAULT_SCENARIO), logger },
    );
    const starting = app.start();
    await waitFor(() => app?.readiness.reasons().telegram !== undefined, 5000, 'a telegram reason');
    const res = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { reasons: Record<string, string> };
    expect(body.reasons.telegram).toMatch(/Bad Gateway|Internal Server Error/);
    expect(JSON.stringify(body)).not.toContain(fake.token);

    await starting;
    const retries = lines.filter((l) => l.msg === 'telegram not available at start; retrying');
    expect(retries.map((l) => l.attempt)).toEqual([1, 2, 3]);
    // Backoff: each pause twice the one before.
    expect(retries.map((l) => l.retryInMs)).toEqual([500, 1000, 2000]);
    expect(fake.callsOf('getMe')).toHaveLength(4);
    expect(lines.some((l) => l.msg === 'telegram bot ready')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(fake.token);
    await waitFor(() => (fake?.callsOf('getUpdates').length ?? 0) > 0, 5000, 'polling');
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
    expect(ready.status).toBe(200);
  }, 30_000);
});

describe('Discord down at start', () => {
  let world: TwinWorld | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await world?.close();
  });

  it('a gateway lookup answering 502 is logged and retried until login succeeds', async () => {
    world = await startTwin();
    // discord.js retries a 5xx itself 3 times: 4 failures make its whole login attempt fail once.
    for (let i = 0; i < 4; i++) {
      world.recorder.failNext('GET', /^\/gateway\/bot$/, 502, { message: 'Bad Gateway', code: 0 });
    }
    const { lines, logger } = captureLogs();
    const config = testConfig({
      DISCORD_TOKEN: world.discord.botToken,
      DISCORD_APPLICATION_ID: world.discord.botUserId,
      DISCORD_API_BASE: world.recorder.apiBase,
      DATA_DIR: tempDir('dc-down'),
    });
    app = await createApp(
      { ...config, outboxKind: 'memory', httpPort: 0, schedule: false },
      { market: createReplaySource(DEFAULT_SCENARIO), logger },
    );
    await app.start();
    const retries = lines.filter((l) => l.msg === 'discord not available at start; retrying');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(String(retries[0]?.reason)).toMatch(/discord login failed/);
    expect(JSON.stringify(lines)).not.toContain(world.discord.botToken);
    expect(lines.some((l) => l.msg === 'discord ready')).toBe(true);
    expect(app.readiness.reasons()).toEqual({});
  }, 60_000);
});
