import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Child, startChild } from '../support/child.js';
import { freePort } from '../support/net.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * Paid broadcasts in the assembled bot (`src/main.ts` in a child process, embedded SQLite): 60 users
 * subscribe to SOL; SOL nears its resistance and one alert fans out to all of them. With a budget of
 * 3 Stars (30 paid messages) and TELEGRAM_PAID_BROADCAST_AFTER=1s, the 60 alerts (2.4 s at the free
 * 25/s) go partly paid: every user gets the alert once, paid sends carry allow_paid_broadcast (the Bot API
 * fake checks the field against the spec and charges its Stars balance), at most 30 of them, and
 * /status.json and /metrics show the Stars spent.
 */
const TM_KEY = 'tm-paid-broadcast-key-0123456789';
const STATUS_TOKEN = 'status-token-paid-broadcast-0123';
const USERS = Array.from({ length: 60 }, (_, i) => 650_000 + i);

let tg: TelegramFake;
let tm: FakeTokenMetrics;
let dataDir: string;
let bot: Child;
let port: number;

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the bot's log:\n${bot.output().slice(-6000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tg = await startTelegramFake({ stars: 100, maxPollMs: 1000 });
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'tw-paid-broadcast-'));
  const closed = await freePort();
  port = await freePort();
  bot = startChild('src/main.ts', {
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: '3',
    TELEGRAM_PAID_BROADCAST_AFTER: '1s',
    TM_API_KEY: TM_KEY,
    TM_API_BASE_URL: tm.url,
    DATA_DIR: dataDir,
    HTTP_PORT: String(port),
    STATUS_TOKEN,
    TICK_CRON: '* * * * * *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
    ...Object.fromEntries(
      ['BINANCE', 'COINBASE', 'OKX', 'KRAKEN'].flatMap((x) => [
        [`${x}_WS_URL`, `ws://127.0.0.1:${closed}`],
        [`${x}_REST_URL`, `http://127.0.0.1:${closed}`],
      ]),
    ),
  });
  await bot.waitFor('tokenwatch started', 90_000);
}, 120_000);

afterAll(async () => {
  const code = await bot?.stop();
  await tg?.close();
  await tm?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code, bot?.output().slice(-3000)).toBe(0);
}, 60_000);

/** Alerts (photos with the chart, or texts) a user got after the /subscribe reply. */
const alertsOf = (user: number) => tg.photos(user).length + Math.max(0, tg.sent(user).length - 1);

describe('npm start with paid broadcasts on', () => {
  it('one alert to 60 subscribers: part of it paid, within the Stars budget, each delivered once; /status and /metrics show the spend', async () => {
    for (const u of USERS) tg.pushUpdate(commandUpdate('/subscribe SOL', u));
    await until(() => USERS.every((u) => tg.sent(u).length >= 1), 60_000, 'every /subscribe answered');
    const from = tm.calls.length;
    await until(
      () => tm.calls.slice(from).filter((c) => c.endpoint === '/price' && c.status === 200).length >= 2,
      30_000,
      'two price polls after subscribing',
    );
    tm.setStep(SCENARIO_MARKS.solApproach);
    await until(() => USERS.every((u) => alertsOf(u) >= 1), 90_000, 'the alert reaching every subscriber');
    await new Promise((r) => setTimeout(r, 1500));
    for (const u of USERS) expect(alertsOf(u), `alerts to ${u}`).toBe(1);

    const paid = tg.paid().sends;
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThanOrEqual(30);
    const paidCalls = [...tg.callsOf('sendPhoto'), ...tg.callsOf('sendMessage')].filter(
      (c) => c.payload.allow_paid_broadcast !== undefined,
    );
    // Multipart form fields arrive as text; the fake accepted them as the spec's Boolean.
    expect(paidCalls.length).toBeGreaterThanOrEqual(paid);

    const status = (await (
      await fetch(`http://127.0.0.1:${port}/status.json`, {
        headers: { authorization: `Bearer ${STATUS_TOKEN}` },
      })
    ).json()) as { paidBroadcast?: { stars: number; budget: number; refused: boolean } };
    expect(status.paidBroadcast).toMatchObject({ budget: 3, refused: false });
    expect(status.paidBroadcast?.stars).toBeCloseTo(paid / 10, 5);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('tokenwatch_telegram_paid_stars_today '));
    expect(Number(line?.split(' ')[1])).toBeCloseTo(paid / 10, 5);
  }, 240_000);
});
