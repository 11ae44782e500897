import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import { formatPct } from '#src/domain/format.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { openSqliteStore } from '#src/store/index.js';
import { freePort } from '../support/net.js';

/**
 * The whole app against telegram-test-api (a real HTTP Bot API peer): a user subscribes in a private
 * chat, the replay moves SOL to its strong resistance cluster, exactly one approach alert arrives with
 * the right numbers, and after /unsubscribe nothing more does.
 */
const TOKEN = '5550001:e2e-telegram-token';
const CHAT = 424242;

let server: TelegramServer;
let app: App;
let dataDir: string;
const stepMs = DEFAULT_SCENARIO.stepMs;
const base = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: base });

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  dataDir = mkdtempSync(join(tmpdir(), 'tw-tg-e2e-'));
  const parsed = parseConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.config.apiURL,
    DATA_DIR: dataDir,
    // The test drives ticks itself: a cron that never fires during the run.
    TICK_CRON: '0 0 1 1 *',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const store = openSqliteStore({ file: ':memory:' });
  // telegram-test-api has no sendPhoto: this user reads text alerts; charts on Telegram are tested
  // against our own Bot API fake (test/telegram/charts-e2e.test.ts).
  await store.settings.update(`telegram:dm:${CHAT}`, { charts: false });
  app = await createApp(
    { ...parsed.config, outboxKind: 'memory', httpPort: false },
    { market: replay, logger: silentLogger(), store },
  );
  await app.start();
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the bot sent to our chat, as plain text, in order. */
const botTexts = () =>
  server.storage.botMessages
    .filter((m) => m.botToken === TOKEN && String(m.message.chat_id) === String(CHAT))
    .map((m) => stripTags(String(m.message.text)));

async function waitForCount(n: number, ms = 5000): Promise<string[]> {
  const until = Date.now() + ms;
  while (botTexts().length < n) {
    if (Date.now() > until)
      throw new Error(`expected ${n} bot messages, have ${botTexts().length}: ${botTexts().join(' | ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return botTexts();
}

async function tickTo(step: number): Promise<void> {
  replay.setStep(step);
  await app.tick(base + step * stepMs);
  await app.outbox.drain(10_000);
}

describe('Telegram end to end (telegram-test-api + the whole app)', () => {
  const client = () =>
    server.getClient(TOKEN, { chatId: CHAT, userId: CHAT, type: 'private', firstName: 'Ada', timeout: 5000 });

  it('subscribe → exactly one approach alert with the right numbers → unsubscribe → silence', async () => {
    const c = client();
    await c.sendCommand(c.makeCommand('/subscribe SOL'));
    const [confirm] = await waitForCount(1);
    expect(confirm).toContain('Subscribed you to SOL');

    // Baseline, then the hours before SOL reaches the cluster: no alerts.
    for (let s = SCENARIO_MARKS.baseline; s < SCENARIO_MARKS.solApproach; s++) await tickTo(s);
    expect(botTexts()).toHaveLength(1);

    await tickTo(SCENARIO_MARKS.solApproach);
    const texts = await waitForCount(2);
    const alerts = texts.slice(1);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0] ?? '';
    expect(alert).toMatch(/SOL approaching resistance \$\d+\.\d\d/);
    // The numbers: price 197 (scenario step 5), level from the 199.6/200/200.4 cluster, distance = |p-l|/l.
    expect(alert).toContain('Price $197.00');
    const level = Number(/approaching resistance \$([\d.]+)/.exec(alert)?.[1]);
    expect(level).toBeGreaterThanOrEqual(199.6);
    expect(level).toBeLessThanOrEqual(200.4);
    expect(alert).toContain(`Level $${level.toFixed(2)} (resistance)`);
    expect(alert).toContain(`Distance ${formatPct((Math.abs(197 - level) / level) * 100)}`);
    expect(alert).toMatch(/Strength \d+\/100/);

    // The alert carries the buttons; the raw message was HTML with previews off.
    const raw = server.storage.botMessages
      .filter((m) => String(m.message.chat_id) === String(CHAT))
      .at(-1)?.message;
    expect(raw?.parse_mode).toBe('HTML');
    expect(JSON.stringify(raw?.reply_markup)).toContain('unsub:3988');

    // The same step again (a repeated tick) must not alert twice.
    await tickTo(SCENARIO_MARKS.solApproach);
    expect(botTexts()).toHaveLength(2);

    await c.sendCommand(c.makeCommand('/unsubscribe SOL'));
    const after = await waitForCount(3);
    expect(after[2]).toMatch(/Unsubscribed|no longer|Removed/i);

    // Touch and breakout would alert a subscriber; we are not one any more.
    for (let s = SCENARIO_MARKS.solApproach + 1; s <= SCENARIO_MARKS.solBreakout; s++) await tickTo(s);
    await new Promise((r) => setTimeout(r, 200));
    expect(botTexts()).toHaveLength(3);
  }, 60_000);
});
