import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnRedis, startOwnRedis } from '../delivery/helpers.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Child, startChild } from '../support/child.js';
import { freePort } from '../support/net.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * Two replicas as `npm start` runs them (`src/main.ts` child processes) on one Redis, Telegram on
 * without a webhook, against our Bot API fake (which answers a getUpdates that a newer one overtook with
 * 409, as Telegram does). Exactly one replica polls (the `telegram-poll` lease); every update is
 * handled once; killing the polling replica moves polling to the other within 30 s, and the updates sent
 * meanwhile are handled once, none lost.
 */
const TM_KEY = 'tm-replicas-telegram-key-0123456789';
const POLLING = 'telegram poll lease taken: polling';

let redis: OwnRedis;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
const dirs: string[] = [];
const bots: Child[] = [];

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) {
      const logs = bots.map((b, i) => `--- replica ${i}\n${b.output().slice(-4000)}`).join('\n');
      throw new Error(`timed out waiting for ${what}\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startReplica(closed: number): Promise<Child> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-replicas-tg-'));
  dirs.push(dataDir);
  const child = startChild(
    'src/main.ts',
    {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TM_API_KEY: TM_KEY,
      TM_API_BASE_URL: tm.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      ...Object.fromEntries(
        ['BINANCE', 'COINBASE', 'OKX', 'KRAKEN'].flatMap((x) => [
          [`${x}_WS_URL`, `ws://127.0.0.1:${closed}`],
          [`${x}_REST_URL`, `http://127.0.0.1:${closed}`],
        ]),
      ),
    },
    { group: true },
  );
  bots.push(child);
  await child.waitFor('tokenwatch started', 90_000);
  return child;
}

/** Replies the bot sent into `chat`. */
const replies = (chat: number) => tg.sent(chat).length;

beforeAll(async () => {
  redis = await startOwnRedis();
  // Long polls held up to 5 s, like Telegram's (which holds them `timeout` seconds).
  tg = await startTelegramFake({ maxPollMs: 5000 });
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  const closed = await freePort();
  await Promise.all([startReplica(closed), startReplica(closed)]);
}, 180_000);

afterAll(async () => {
  const codes = await Promise.all(bots.map((b) => b.stop()));
  await tg?.close();
  await tm?.close();
  await redis?.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  // The replica killed on purpose ends by signal (null); the other stops cleanly.
  expect(codes.filter((c) => c === 0).length, bots.map((b) => b.output().slice(-2000)).join('\n')).toBe(1);
}, 60_000);

describe('two replicas on one Redis with Telegram long polling', () => {
  it('one replica polls; each update is handled once; the poll moves within 30 s of its holder dying', async () => {
    await until(() => bots.some((b) => b.output().includes(POLLING)), 40_000, 'a poll-lease holder');
    const holderIndex = bots.findIndex((b) => b.output().includes(POLLING));
    const holder = bots[holderIndex] as Child;
    const other = bots[1 - holderIndex] as Child;
    expect(other.output()).not.toContain(POLLING);

    // 12 users send a command each: every one answered, once.
    const first = Array.from({ length: 12 }, (_, i) => 710_000 + i);
    for (const user of first) tg.pushUpdate(commandUpdate('/help', user));
    await until(() => first.every((u) => replies(u) >= 1), 30_000, 'every /help answered');

    // Kill the holder mid-stream: no clean stop, no lease release.
    const killedAt = Date.now();
    await holder.crash();
    const second = Array.from({ length: 12 }, (_, i) => 720_000 + i);
    for (const user of second) tg.pushUpdate(commandUpdate('/help', user));

    await until(() => other.output().includes(POLLING), 30_000, 'the other replica taking the poll lease');
    const tookOverMs = Date.now() - killedAt;
    expect(tookOverMs).toBeLessThanOrEqual(30_000);
    await until(() => second.every((u) => replies(u) >= 1), 30_000, 'the updates sent meanwhile answered');

    // Give any duplicate time to show up, then count: exactly one reply per update, nothing lost.
    const more = Array.from({ length: 4 }, (_, i) => 730_000 + i);
    for (const user of more) tg.pushUpdate(commandUpdate('/help', user));
    await until(() => more.every((u) => replies(u) >= 1), 30_000, 'a last round answered');
    await new Promise((r) => setTimeout(r, 2000));
    for (const u of [...first, ...second, ...more]) expect(replies(u), `replies to user ${u}`).toBe(1);
    // The surviving replica never met a second poller.
    expect(other.output()).not.toContain('409 Conflict');
  }, 240_000);
});
