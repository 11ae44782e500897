import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationKey } from '#src/domain/types.js';
import { createTelegramPlatform, type TelegramPlatform } from '#src/platforms/telegram/index.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { captureLogger } from '../market/helpers.js';
import {
  BOT_INFO,
  type Captured,
  callbackUpdate,
  captureApi,
  commandUpdate,
  myChatMemberUpdate,
  platformDeps,
  sentTexts,
} from './helpers.js';

/** The whole receiving side through grammY's handleUpdate: no network, API calls captured. */
const ALICE = 111;
const BOB = 222;
const GROUP = { id: -1001234567890, type: 'supergroup' as const };
const GROUP_DEST = {
  platform: 'telegram' as const,
  kind: 'group' as const,
  id: String(GROUP.id),
  parentId: String(GROUP.id),
};
const aliceDm = { platform: 'telegram' as const, kind: 'dm' as const, id: String(ALICE) };

let store: Store;
let tg: TelegramPlatform;
let calls: Captured[];

beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
  tg = createTelegramPlatform({ token: '1:unit', apiRoot: 'http://127.0.0.1:9' }, platformDeps(store), {
    botInfo: BOT_INFO,
  });
  const cap = captureApi(new Set([`${GROUP.id}:${ALICE}`]));
  calls = cap.calls;
  tg.bot.api.config.use(cap.transformer);
});
afterEach(async () => {
  await store.close();
});

const send = (u: unknown) => tg.bot.handleUpdate(u as Parameters<TelegramPlatform['bot']['handleUpdate']>[0]);

describe('commands in a private chat', () => {
  it('/subscribe SOL subscribes the DM and replies in HTML', async () => {
    await send(commandUpdate('/subscribe SOL', ALICE));
    const subs = await store.subscriptions.list(aliceDm);
    expect(subs.map((s) => s.symbol)).toEqual(['SOL']);
    const reply = calls.find((c) => c.method === 'sendMessage');
    expect(reply?.payload).toMatchObject({ chat_id: ALICE, parse_mode: 'HTML' });
    expect(String(reply?.payload.text)).toContain('Subscribed you to SOL');
    // Private chat: no admin lookup needed.
    expect(calls.some((c) => c.method === 'getChatMember')).toBe(false);
  });

  it('/start sub_SOL (deep link) subscribes the DM', async () => {
    await send(commandUpdate('/start sub_SOL', ALICE));
    expect((await store.subscriptions.list(aliceDm)).map((s) => s.symbol)).toEqual(['SOL']);
  });

  it('unknown commands get a pointer to /help', async () => {
    await send(commandUpdate('/frobnicate', ALICE));
    expect(sentTexts(calls, ALICE)[0]).toContain('/help');
  });
});

describe('commands in a group', () => {
  it('admin /subscribe@bot SOL subscribes the group (getChatMember checked)', async () => {
    await send(commandUpdate(`/subscribe@${BOT_INFO.username} SOL`, ALICE, GROUP));
    expect((await store.subscriptions.list(GROUP_DEST)).map((s) => s.symbol)).toEqual(['SOL']);
    expect(calls.find((c) => c.method === 'getChatMember')?.payload).toMatchObject({
      chat_id: GROUP.id,
      user_id: ALICE,
    });
    // Replies in a group quote the command.
    const reply = calls.find((c) => c.method === 'sendMessage');
    expect(reply?.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
  });

  it('non-admin /subscribe SOL gets a deep link, nothing stored', async () => {
    await send(commandUpdate('/subscribe SOL', BOB, GROUP));
    expect(await store.subscriptions.list(GROUP_DEST)).toEqual([]);
    expect(await store.subscriptions.list({ platform: 'telegram', kind: 'dm', id: String(BOB) })).toEqual([]);
    const reply = calls.find((c) => c.method === 'sendMessage');
    expect(reply?.payload.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '💬 Continue in a private chat', url: `https://t.me/${BOT_INFO.username}?start=sub_SOL` }],
      ],
    });
  });

  it('admin status is asked on every command (a demoted admin loses rights at once)', async () => {
    await send(commandUpdate('/subscribe SOL', ALICE, GROUP));
    await send(commandUpdate('/unsubscribe SOL', ALICE, GROUP));
    expect(calls.filter((c) => c.method === 'getChatMember')).toHaveLength(2);
  });

  it('unknown commands: silent in a group unless addressed to us', async () => {
    await send(commandUpdate('/weather', BOB, GROUP));
    expect(calls).toEqual([]);
    await send(commandUpdate(`/weather@${BOT_INFO.username}`, BOB, GROUP));
    expect(sentTexts(calls, GROUP.id)[0]).toContain('/help');
  });

  it('commands addressed to another bot are ignored', async () => {
    await send(commandUpdate('/subscribe@OtherBot SOL', ALICE, GROUP));
    expect(calls).toEqual([]);
  });
});

describe('alert buttons', () => {
  it('unsub in a DM removes the token and answers the callback', async () => {
    await store.subscriptions.subscribe(aliceDm, 11111, 'SOL', ['levels'], 0);
    await send(callbackUpdate('unsub:11111', ALICE, { id: ALICE, type: 'private' }));
    expect(await store.subscriptions.list(aliceDm)).toEqual([]);
    const answer = calls.find((c) => c.method === 'answerCallbackQuery');
    expect(answer?.payload).toMatchObject({
      text: expect.stringContaining('Unsubscribed from SOL'),
      show_alert: false,
    });
  });

  it('mute in a group by a non-admin is refused, still answered', async () => {
    await store.subscriptions.subscribe(GROUP_DEST, 11111, 'SOL', ['levels'], 0);
    await send(callbackUpdate('mute:11111:1d', BOB, GROUP));
    expect(await store.settings.get(destinationKey(GROUP_DEST))).toBeUndefined();
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload).toMatchObject({
      show_alert: true,
    });
  });

  it('a forged callback payload is answered with an error and changes nothing', async () => {
    await store.subscriptions.subscribe(aliceDm, 11111, 'SOL', ['levels'], 0);
    await send(callbackUpdate('unsub:11111;DROP TABLE', ALICE, { id: ALICE, type: 'private' }));
    expect(await store.subscriptions.list(aliceDm)).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
  });
});

describe('membership changes', () => {
  it('bot removed from a group deactivates it; re-added reactivates', async () => {
    await store.subscriptions.subscribe(GROUP_DEST, 11111, 'SOL', ['levels'], 0);
    await send(myChatMemberUpdate(GROUP, 'member', 'kicked'));
    let status = (await store.destinations.status([GROUP_DEST])).get(destinationKey(GROUP_DEST));
    expect(status).toMatchObject({ active: false, reason: 'kicked' });
    await send(myChatMemberUpdate(GROUP, 'kicked', 'member'));
    status = (await store.destinations.status([GROUP_DEST])).get(destinationKey(GROUP_DEST));
    expect(status?.active ?? true).toBe(true);
  });

  it('user blocking the bot deactivates the DM as blocked', async () => {
    await store.subscriptions.subscribe(aliceDm, 11111, 'SOL', ['levels'], 0);
    await send(myChatMemberUpdate({ id: ALICE, type: 'private' }, 'member', 'kicked'));
    expect((await store.destinations.status([aliceDm])).get(destinationKey(aliceDm))).toMatchObject({
      active: false,
      reason: 'blocked',
    });
  });
});

describe('robustness', () => {
  it('a throwing store does not stop the bot: the handler error is logged, the next update is handled', async () => {
    const { logger, lines } = captureLogger();
    let failures = 1;
    const flaky: Store = {
      ...store,
      destinations: {
        ...store.destinations,
        deactivate: async (...args) => {
          if (failures-- > 0) throw new Error('SQLITE_IOERR: disk I/O error');
          return store.destinations.deactivate(...args);
        },
      },
    };
    const p = createTelegramPlatform(
      { token: '1:unit', apiRoot: 'http://127.0.0.1:9' },
      { ...platformDeps(flaky), logger },
      { botInfo: BOT_INFO },
    );
    p.bot.api.config.use(captureApi().transformer);
    const handle = (u: unknown) =>
      p.bot.handleUpdate(u as Parameters<TelegramPlatform['bot']['handleUpdate']>[0]);
    const first = myChatMemberUpdate(GROUP, 'member', 'left');
    await expect(handle(first)).resolves.toBeUndefined();
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'telegram handler error');
    expect(errors).toEqual([
      expect.objectContaining({
        level: 50,
        update: first.update_id,
        err: 'Error: SQLITE_IOERR: disk I/O error',
      }),
    ]);
    // The bot keeps going: the same change again now deactivates the group.
    await handle(myChatMemberUpdate(GROUP, 'member', 'left'));
    expect((await store.destinations.status([GROUP_DEST])).get(destinationKey(GROUP_DEST))).toMatchObject({
      active: false,
    });
    expect(lines.map((l) => JSON.parse(l).msg).filter((m) => m === 'telegram handler error')).toHaveLength(1);
  });
});

describe('/chart on Telegram', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const chartPlatform = (failPhoto: boolean) => {
    const deps = platformDeps(store);
    const p = createTelegramPlatform(
      { token: '1:unit', apiRoot: 'http://127.0.0.1:9' },
      {
        ...deps,
        commands: {
          ...deps.commands,
          charts: { tokenChart: async () => ({ png, filename: 'sol-7d.png', alt: 'SOL · 7d' }) },
        },
      },
      { botInfo: BOT_INFO },
    );
    const cap = captureApi();
    p.bot.api.config.use(async (prev, method, payload, signal) =>
      failPhoto && method === 'sendPhoto'
        ? ({ ok: false, error_code: 400, description: 'Bad Request: IMAGE_PROCESS_FAILED' } as never)
        : cap.transformer(prev, method, payload, signal),
    );
    return { p, calls: cap.calls };
  };
  const run = (p: TelegramPlatform, text: string) =>
    p.bot.handleUpdate(commandUpdate(text, ALICE) as Parameters<TelegramPlatform['bot']['handleUpdate']>[0]);

  it('sends the chart as a photo with the reply as its caption', async () => {
    const { p, calls: c } = chartPlatform(false);
    await run(p, '/chart SOL');
    const photo = c.find((x) => x.method === 'sendPhoto');
    expect(String(photo?.payload.caption)).toContain('SOL · 7d');
    expect(sentTexts(c, ALICE)).toHaveLength(0);
  });

  it('a refused photo still answers, in words, and says the picture is missing', async () => {
    const { p, calls: c } = chartPlatform(true);
    await run(p, '/chart SOL');
    const [text] = sentTexts(c, ALICE);
    expect(text).toContain('SOL · 7d');
    expect(text).toContain('The picture could not be sent just now.');
  });
});
