import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, type AppMarket, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import type { FetchRequest } from '#src/domain/market.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { binanceFormat } from '../fakes/exchange-binance.js';
import { FakeExchange, until } from '../fakes/exchange-server.js';
import { freePort } from '../support/net.js';

/**
 * Users' own price alerts end to end: telegram-test-api + the whole app + a local Binance that streams
 * SOL only. `/alert SOL above 190` fires from a streamed frame within seconds; `/alert ETH below 3235`
 * fires on the tick that polls the crossing price (ETH has no stream here). Nobody subscribes to
 * either token: the alerts alone make them watched. Each fires exactly once, with its numbers.
 */
const TOKEN = '5550003:e2e-price-alerts-token';
const CHAT = 565656;
const SOL = 3988;
const ETH = 3306;

let server: TelegramServer;
let binance: FakeExchange;
let app: App;
let dataDir: string;
const base = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: base });
const calls: FetchRequest[] = [];
const market: AppMarket = {
  fetch: (req, signal) => {
    calls.push(req);
    return replay.fetch(req, signal);
  },
  resolve: (s) => replay.resolve(s),
  search: (p, n) => replay.search(p, n),
  byId: (id) => replay.byId(id),
  exchangesOf: (id) => replay.exchangesOf?.(id),
};
const ethPrice = (step: number) => DEFAULT_SCENARIO.tokens.find((t) => t.symbol === 'ETH')?.price[step];

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  binance = await new FakeExchange(binanceFormat, [{ base: 'SOL', quote: 'USDT' }]).start();
  dataDir = mkdtempSync(join(tmpdir(), 'tw-price-alerts-e2e-'));
  const parsed = parseConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.config.apiURL,
    DATA_DIR: dataDir,
    TICK_CRON: '0 0 0 1 1 *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
    PRICE_EXCHANGES: 'binance',
    BINANCE_WS_URL: binance.wsUrl,
    BINANCE_REST_URL: binance.httpUrl,
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  app = await createApp(
    { ...parsed.config, outboxKind: 'memory', httpPort: false, priceStreams: true, priceLiveMaxAgeMs: 2_000 },
    { market, logger: silentLogger() },
  );
  await app.start();
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await binance?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const botTexts = () =>
  server.storage.botMessages
    .filter((m) => m.botToken === TOKEN && String(m.message.chat_id) === String(CHAT))
    .map((m) => stripTags(String(m.message.text)));

async function waitForCount(n: number, ms = 8000): Promise<string[]> {
  await until(() => botTexts().length >= n, ms, `${n} bot messages (have: ${botTexts().join(' | ')})`);
  return botTexts();
}

/** One tick in its own one-second slot. */
async function tick(): Promise<FetchRequest[]> {
  await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1000)));
  const from = calls.length;
  await app.tick();
  await app.outbox.drain(10_000);
  return calls.slice(from);
}

/** Sends a SOLUSDT price until the app has received it. */
async function push(price: number): Promise<void> {
  await until(
    () => {
      if (app.prices?.service.path.last(SOL)?.price === price) return true;
      binance.price('SOLUSDT', price);
      return false;
    },
    5_000,
    `price ${price} received`,
  );
  await app.outbox.drain(10_000);
}

describe('price alerts end to end (telegram-test-api + a local Binance)', () => {
  it('a streamed frame and a polled price each fire their alert once, with the right numbers', async () => {
    const c = server.getClient(TOKEN, {
      chatId: CHAT,
      userId: CHAT,
      type: 'private',
      firstName: 'Ada',
      timeout: 5000,
    });
    await c.sendCommand(c.makeCommand('/alert SOL above 190'));
    expect((await waitForCount(1))[0]).toMatch(/Alert [a-z0-9]{6} set for you: SOL above \$190\.00/);
    await c.sendCommand(c.makeCommand('/alert ETH below 3235'));
    expect((await waitForCount(2))[1]).toMatch(/Alert [a-z0-9]{6} set for you: ETH below \$3,235\.00/);
    expect(botTexts().join('\n')).not.toMatch(/do not send messages yet/);

    replay.setStep(0); // SOL 180, ETH 3300
    const first = await tick();
    // Watched only for the alerts: their price, nothing else.
    expect(first.flatMap((r) => r.kinds)).toEqual(['price']);
    expect([...(first[0]?.tokenIds ?? [])].sort()).toEqual([ETH, SOL].sort());
    await until(() => binance.clients.some((x) => x.pairs.has('SOLUSDT')), 10_000, 'SOLUSDT subscribed');
    await push(180.4);
    await until(() => app.prices?.service.isLive(SOL) === true, 5_000, 'SOL live');

    // Below the target: nothing, and frames inside the band are not evaluated.
    const before = app.prices?.service.path.evaluations ?? 0;
    await push(185);
    await push(189.9);
    expect(app.prices?.service.path.evaluations).toBe(before);
    expect(botTexts()).toHaveLength(2);

    // The frame that crosses fires within seconds, from the stream.
    await push(190.5);
    const sol = (await waitForCount(3, 5_000))[2] ?? '';
    expect(sol).toContain('SOL above $190.00 (your alert)');
    expect(sol).toContain('Price now $190.50 (live exchange price)');
    expect(sol).toContain('Target above $190.00');
    expect(sol).toMatch(/Alert [a-z0-9]{6} · once: removed/);
    // Once: back under and over again sends nothing more.
    await push(188);
    await push(191);
    await new Promise((r) => setTimeout(r, 500));
    expect(botTexts()).toHaveLength(3);

    // ETH (no stream) crosses on a polled price: 3240 at step 5, 3225 at step 6.
    expect([ethPrice(5), ethPrice(6)]).toEqual([3240, 3225]);
    replay.setStep(5);
    await tick();
    expect(botTexts()).toHaveLength(3);
    replay.setStep(6);
    await tick();
    const eth = (await waitForCount(4))[3] ?? '';
    expect(eth).toContain('ETH below $3,235.00 (your alert)');
    expect(eth).toContain('Price now $3,225.00 (Token Metrics)');
    replay.setStep(7);
    await tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(botTexts()).toHaveLength(4);
    expect(await app.store.priceAlerts.list({ platform: 'telegram', kind: 'dm', id: String(CHAT) })).toEqual(
      [],
    );
  }, 60_000);
});
