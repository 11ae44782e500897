import { PassThrough } from 'node:stream';
import { Bot } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '#src/obs/logger.js';
import { createPoller, POLL_OFFSET_NAME, type Poller } from '#src/platforms/telegram/poller.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { BOT_INFO, commandUpdate } from './helpers.js';

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const dest = new PassThrough();
  dest.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  return { lines, logger: createLogger({ level: 'info', destination: dest }) };
}

/** A command update without its own id: the fake numbers it (pushUpdate returns the id). */
function cmd(user: number) {
  const { update_id: _, ...rest } = commandUpdate('/help', user);
  return rest;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A bot that records which update ids its handler saw (and through which poller). */
function recordingBot(fake: TelegramFake, tag: string, seen: Array<[string, number]>): Bot {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: BOT_INFO });
  bot.on('message', (ctx) => {
    seen.push([tag, ctx.update.update_id]);
  });
  return bot;
}

describe('Telegram poller with the offset in the store', () => {
  let fake: TelegramFake | undefined;
  const pollers: Poller[] = [];
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
    await fake?.close();
  });

  it('keeps the offset in the store: a second poller continues where the first stopped, nothing twice or skipped', async () => {
    fake = await startTelegramFake({ maxPollMs: 300 });
    const store = openSqliteStore({ file: ':memory:' });
    const seen: Array<[string, number]> = [];
    const { logger } = captureLogs();
    const a = createPoller({
      bot: recordingBot(fake, 'a', seen),
      offsets: store.pollOffsets,
      logger,
      timeoutSeconds: 1,
    });
    pollers.push(a);
    a.start();
    const ids = [1, 2, 3].map((i) => fake?.pushUpdate(cmd(800 + i)) as number);
    await until(() => seen.length === 3, 10_000, 'three updates');
    await a.stop();
    expect(await store.pollOffsets.get(POLL_OFFSET_NAME)).toBe((ids.at(-1) as number) + 1);

    // While nobody polls, more arrive; the next poller (another process in production) takes them all.
    const later = [4, 5].map((i) => fake?.pushUpdate(cmd(800 + i)) as number);
    const b = createPoller({
      bot: recordingBot(fake, 'b', seen),
      offsets: store.pollOffsets,
      logger,
      timeoutSeconds: 1,
    });
    pollers.push(b);
    b.start();
    await until(() => seen.length === 5, 10_000, 'five updates');
    await sleep(500);
    expect(seen.map(([, id]) => id)).toEqual([...ids, ...later]);
    expect(seen.slice(3).every(([tag]) => tag === 'b')).toBe(true);
    await store.close();
  });

  it('two pollers at once (a hand-over overlap): each update handled once; the 409 is logged once with its meaning', async () => {
    fake = await startTelegramFake({ maxPollMs: 300 });
    const store = openSqliteStore({ file: ':memory:' });
    const seen: Array<[string, number]> = [];
    const { lines, logger } = captureLogs();
    for (const tag of ['a', 'b']) {
      const p = createPoller({
        bot: recordingBot(fake, tag, seen),
        offsets: store.pollOffsets,
        logger,
        timeoutSeconds: 1,
        retryMs: 50,
      });
      pollers.push(p);
      p.start();
    }
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(fake.pushUpdate(cmd(900 + i)));
      await sleep(30);
    }
    await until(() => seen.length >= 30, 20_000, 'thirty updates');
    await until(() => (fake?.conflicts() ?? 0) >= 3, 20_000, 'several 409s');
    await sleep(500);
    expect(seen.map(([, id]) => id).sort((x, y) => x - y)).toEqual(ids);
    const conflictLines = lines.filter((l) => String(l.msg).includes('409 Conflict'));
    // Once per poller run, not once per 409.
    expect(conflictLines.length).toBeGreaterThanOrEqual(1);
    expect(conflictLines.length).toBeLessThanOrEqual(2);
    expect(String(conflictLines[0]?.msg)).toContain('another process polls with this bot token');
    expect(JSON.stringify(lines)).not.toContain(fake.token);
    await store.close();
  });
});
