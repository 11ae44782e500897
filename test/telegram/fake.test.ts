import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OutboundMessage, SendError } from '#src/delivery/ports.js';
import type { AlertEvent } from '#src/domain/types.js';
import { createTelegramPlatform, type TelegramPlatform } from '#src/platforms/telegram/index.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { commandUpdate, platformDeps } from './helpers.js';

/** Real grammY HTTP against our Bot API fake: menus, admin checks, the sender's error mapping, webhooks. */
let fake: TelegramFake;
let store: Store;
let tg: TelegramPlatform | undefined;

beforeAll(async () => {
  fake = await startTelegramFake({ maxPollMs: 100 });
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
  await store?.close();
});

async function waitFor<T>(fn: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function polling(): TelegramPlatform {
  store = openSqliteStore({ file: ':memory:' });
  tg = createTelegramPlatform({ token: fake.token, apiRoot: fake.apiRoot }, platformDeps(store));
  return tg;
}

const GROUP = { id: -1005550001, type: 'supergroup' as const };
const groupDest = {
  platform: 'telegram' as const,
  kind: 'group' as const,
  id: String(GROUP.id),
  parentId: String(GROUP.id),
};

describe('long polling against the fake', () => {
  it('publishes the command menus per scope', async () => {
    await polling().start();
    const names = (scope: string) => (fake.commands(scope) ?? []).map((c) => c.command);
    expect(names('all_private_chats')).toEqual(
      expect.arrayContaining(['start', 'help', 'subscribe', 'unsubscribe', 'mute', 'quiet']),
    );
    expect(names('all_chat_administrators')).toEqual(
      expect.arrayContaining(['subscribe', 'settings', 'mute', 'quiet']),
    );
    expect(names('all_chat_administrators')).not.toContain('start');
    expect(names('default').sort()).toEqual(['help', 'levels', 'signal', 'subscriptions', 'watchlist']);
    for (const scope of ['default', 'all_private_chats', 'all_chat_administrators']) {
      for (const c of fake.commands(scope) ?? []) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThanOrEqual(3);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    // One menu per scope per shipped language (pt-BR as `pt`), valid for the fake's Bot API checks.
    for (const [code, subscribe] of [
      ['es', 'Recibe alertas de un token'],
      ['pt', 'Receba alertas de um token'],
      ['ru', 'Получать оповещения по токену'],
    ] as const) {
      for (const scope of ['default', 'all_private_chats', 'all_chat_administrators']) {
        expect(
          (fake.commands(scope, code) ?? []).map((c) => c.command),
          `${scope}/${code}`,
        ).toEqual(names(scope));
      }
      const sub = fake.commands('all_private_chats', code)?.find((c) => c.command === 'subscribe');
      expect(sub?.description).toBe(subscribe);
    }
    const calls = fake.callsOf('setMyCommands');
    expect(calls).toHaveLength(12);
    expect(new Set(calls.map((c) => c.payload.language_code))).toEqual(
      new Set([undefined, 'es', 'pt', 'ru']),
    );
    // The channel command is Discord's: never on the Telegram menu.
    expect(names('all_chat_administrators')).not.toContain('channel');
    const withAllowed = await waitFor(() =>
      fake.callsOf('getUpdates').find((c) => c.payload.allowed_updates !== undefined),
    );
    expect(withAllowed.payload.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
  });

  it.each([
    [{ language_code: 'pt-BR' }, 'invalid language code'],
    [{ commands: [{ command: 'Bad-Name', description: 'x' }] }, 'BOT_COMMAND_INVALID'],
    [{ commands: [{ command: 'ok', description: 'd'.repeat(257) }] }, 'BOT_COMMAND_DESCRIPTION_INVALID'],
  ])('the fake refuses a setMyCommands outside the Bot API rules: %j', async (fields, error) => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/setMyCommands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ commands: [{ command: 'ok', description: 'fine' }], ...fields }),
    });
    expect(((await res.json()) as { description?: string }).description).toContain(error);
  });

  it('non-admin /subscribe SOL in a group: deep link reply, nothing stored', async () => {
    await polling().start();
    fake.pushUpdate(commandUpdate('/subscribe SOL', 701, GROUP));
    const reply = await waitFor(() => fake.sent(GROUP.id)[0]);
    expect(reply.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '💬 Continue in a private chat', url: `https://t.me/${fake.botUsername}?start=sub_SOL` }],
      ],
    });
    expect(await store.subscriptions.list(groupDest)).toEqual([]);
    expect(fake.callsOf('getChatMember').at(-1)?.payload).toMatchObject({ chat_id: GROUP.id, user_id: 701 });
  });

  it('admin /subscribe SOL in a group subscribes the group', async () => {
    await polling().start();
    fake.setMember(GROUP.id, 702, 'administrator');
    const before = fake.sent(GROUP.id).length;
    fake.pushUpdate(commandUpdate(`/subscribe@${fake.botUsername} SOL levels`, 702, GROUP));
    await waitFor(() => fake.sent(GROUP.id).length > before);
    const subs = await store.subscriptions.list(groupDest);
    expect(subs.map((s) => [s.symbol, s.types])).toEqual([['SOL', ['levels']]]);
  });
});

const event = (i: number, name = 'Solana'): AlertEvent => ({
  id: `ev${i}`,
  kind: 'level_approach',
  tokenId: 11111,
  symbol: 'SOL',
  name,
  at: 0,
  priority: 1,
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  distancePct: 1.87,
  strength: 80,
  proximityPct: 2,
});
const message = (chatId: string, events: AlertEvent[] = [event(1)]): OutboundMessage => ({
  id: `m-${chatId}`,
  destination: { platform: 'telegram', kind: Number(chatId) < 0 ? 'group' : 'dm', id: chatId },
  events,
  createdAt: 0,
  origin: 'tick',
});

async function sendError(p: Promise<unknown>): Promise<SendError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

describe('sender error mapping (real HTTP)', () => {
  it('sends HTML with previews off and returns message ids', async () => {
    const { sender } = polling();
    const receipt = await sender.send(message('801'), 'k1');
    expect(receipt.messageIds).toHaveLength(1);
    const sent = fake.sent('801')[0];
    expect(sent).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(sent?.reply_markup).toBeDefined();
  });

  it.each([
    { rule: 'blocked' as const, kind: 'permanent', details: { reason: 'blocked', status: 403 } },
    { rule: 'kicked' as const, kind: 'permanent', details: { reason: 'kicked' } },
    { rule: 'not_found' as const, kind: 'permanent', details: { reason: 'not_found' } },
    { rule: { migrateTo: -1009990001 }, kind: 'migrated', details: { migrateTo: '-1009990001' } },
  ])('chat rule $rule → $kind', async ({ rule, kind, details }) => {
    const { sender } = polling();
    fake.setChatRule('802', rule);
    const e = await sendError(sender.send(message('802'), 'k2'));
    fake.setChatRule('802', undefined);
    expect(e.kind).toBe(kind);
    expect(e.details).toMatchObject(details);
    expect(e.message).not.toContain(fake.token);
  });

  it('429 → rate_limited with retry_after at once (no sleeping inside the sender); a second flooded chat → global', async () => {
    const { sender } = polling();
    const flood = {
      error_code: 429,
      description: 'Too Many Requests: retry after 5',
      parameters: { retry_after: 5 },
    };
    fake.failNext('sendMessage', flood, 2);
    const t0 = Date.now();
    const first = await sendError(sender.send(message('803'), 'k3'));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(first).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 5000, scope: 'chat' } });
    const second = await sendError(sender.send(message('804'), 'k4'));
    expect(second.details.scope).toBe('global');
  });

  it('5xx → retryable; invalid HTML would be invalid (our renderer never produces it)', async () => {
    const { sender } = polling();
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    expect((await sendError(sender.send(message('805'), 'k5'))).kind).toBe('retryable');
    fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities" });
    expect((await sendError(sender.send(message('805'), 'k6'))).kind).toBe('invalid');
  });

  it('a long digest is split; a retry after a failed part resumes without re-posting earlier parts', async () => {
    const { sender } = polling();
    const events = Array.from({ length: 60 }, (_, i) =>
      event(i, `Solana ${i} & <friends> ${'🚀'.repeat(40)}`),
    );
    const msg = message('806', events);
    // Part 1 goes through, part 2 hits a 5xx.
    let sentBefore = fake.sent('806').length;
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 1, 1);
    const err = await sendError(sender.send(msg, 'k7'));
    expect(err.kind).toBe('retryable');
    const partsSentFirstTry = fake.sent('806').length - sentBefore;
    expect(partsSentFirstTry).toBe(1);
    sentBefore = fake.sent('806').length;
    const receipt = await sender.send(msg, 'k7');
    const all = fake.sent('806');
    expect(receipt.messageIds.length).toBe(all.length);
    expect(receipt.messageIds.length).toBeGreaterThanOrEqual(3);
    // No part was posted twice, and only the last part carries the buttons.
    expect(new Set(all.map((s) => s.text)).size).toBe(all.length);
    expect(all.filter((s) => s.reply_markup !== undefined)).toHaveLength(1);
    expect(all.at(-1)?.reply_markup).toBeDefined();
  });

  it('notices are escaped plain text', async () => {
    const { sender } = polling();
    await sender.sendNotice(
      {
        id: 'n1',
        destination: { platform: 'telegram', kind: 'dm', id: '807' },
        text: 'a <b> & c',
        createdAt: 0,
      },
      'n1',
    );
    expect(fake.sent('807')[0]?.text).toBe('a &lt;b&gt; &amp; c');
  });
});

describe('webhook mode', () => {
  let http: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
    http = undefined;
  });

  it('sets the webhook with a secret and accepts only requests that carry it', async () => {
    store = openSqliteStore({ file: ':memory:' });
    const secret = 'wh_secret_0123456789';
    tg = createTelegramPlatform(
      {
        token: fake.token,
        apiRoot: fake.apiRoot,
        webhookUrl: 'https://bot.example.com/telegram/hook',
        webhookSecret: secret,
      },
      platformDeps(store),
    );
    await tg.start();
    expect(fake.callsOf('setWebhook').at(-1)?.payload).toMatchObject({
      url: 'https://bot.example.com/telegram/hook',
      secret_token: secret,
    });
    const platform = tg;
    http = createServer((req, res) => {
      if (!platform.handleHttp?.(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => http?.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const post = (path: string, headers: Record<string, string>, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const update = commandUpdate('/subscribe SOL', 901);
    expect((await post('/telegram/hook', {}, update)).status).toBe(401);
    expect(
      (await post('/telegram/hook', { 'x-telegram-bot-api-secret-token': 'wrong' }, update)).status,
    ).toBe(401);
    expect(
      (await post('/telegram/hook', { 'x-telegram-bot-api-secret-token': `${secret}x` }, update)).status,
    ).toBe(401);
    expect(await store.subscriptions.list({ platform: 'telegram', kind: 'dm', id: '901' })).toEqual([]);
    expect((await fetch(`${base}/telegram/hook`)).status).toBe(405);
    expect((await post('/elsewhere', { 'x-telegram-bot-api-secret-token': secret }, update)).status).toBe(
      404,
    );

    const ok = await post('/telegram/hook', { 'x-telegram-bot-api-secret-token': secret }, update);
    expect(ok.status).toBe(200);
    expect(
      (await store.subscriptions.list({ platform: 'telegram', kind: 'dm', id: '901' })).map((s) => s.symbol),
    ).toEqual(['SOL']);
    expect(String(fake.sent('901')[0]?.text)).toContain('Subscribed you to SOL');
  });
});
