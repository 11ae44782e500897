import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { startTwin } from '../discord/twin-setup.js';
import { type GatewayFake, startGatewayFake } from '../fakes/discord-gateway.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { deployToTwin } from '../support/bot-env.js';
import { type Child, startChild } from '../support/child.js';
import { replicaEnv } from '../support/discord-replicas.js';
import { freePort } from '../support/net.js';

/**
 * Issue 22 through the assembled bot: `tsx src/main.ts` in a child process (as `npm start`), default
 * settings, embedded SQLite, against our Bot API fake (each update carrying the sender's
 * `language_code`), the Discord gateway fake (interactions carrying `locale` and `guild_locale`) and the
 * Token Metrics fake (the replay scenario). `npm run deploy-commands` runs against discord-digital-twin.
 *
 * A Spanish Telegram user gets /help, /subscribe and a level alert in Spanish, then `/settings language
 * en` switches them to English. An English admin sets a group to Russian: its replies and alerts are
 * Russian while an English member's DM alerts stay English. A Discord user with locale pt-BR gets
 * Portuguese replies; a channel of a server whose guild_locale is ru gets its alerts in Russian while
 * the moderator who set it up (en-US) reads English replies.
 */
const TM_KEY = 'tm-languages-e2e-key-0123456789';
const ES = 6101;
const EN = 6102;
const ADMIN = 6103;
const GROUP = -1006000000001;

let fake: GatewayFake;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let dataDir: string;
let bot: Child;
let nextUpdate = 1;

const tr = (locale: Locale) => translatorFor(locale);
/** A catalog message's text before its first placeholder: how an alert headline starts in `locale`. */
const opening = (locale: Locale, id: string, args: Record<string, string>) =>
  tr(locale)(id, { ...args, level: '\u0000' }).split('\u0000')[0] ?? '';
const approach = (locale: Locale) => opening(locale, 'event-level-approach', { side: 'resistance' });
const breakout = (locale: Locale) =>
  opening(locale, 'event-level-breakout', { side: 'resistance', direction: 'up' });
const CYRILLIC = /[А-Яа-яЁё]{4,}/;

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the bot's log:\n${bot.output().slice(-6000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Telegram command as a client with `lang` sends it, in a DM (default) or in the group. */
function update(text: string, userId: number, lang: string, inGroup = false) {
  const n = nextUpdate++;
  return {
    update_id: 70_000 + n,
    message: {
      message_id: 7000 + n,
      date: Math.floor(Date.now() / 1000),
      from: { id: userId, is_bot: false, first_name: 'U', language_code: lang },
      chat: inGroup
        ? { id: GROUP, type: 'supergroup', title: 'Криптоклуб <b>' }
        : { id: userId, type: 'private', first_name: 'U' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.search(/\s|$/) }],
    },
  };
}

/** Texts and photo captions the bot sent to `chat`, tags stripped, in order. */
function texts(chat: number): string[] {
  return tg.calls
    .filter(
      (c) =>
        (c.method === 'sendMessage' || c.method === 'sendPhoto') &&
        String(c.payload.chat_id) === String(chat),
    )
    .filter((c) => tg.sent(chat).includes(c.payload) || tg.photos(chat).includes(c.payload))
    .map((c) => stripTags(String(c.payload.text ?? c.payload.caption ?? '')));
}

async function say(text: string, userId: number, lang: string, inGroup = false): Promise<string> {
  const chat = inGroup ? GROUP : userId;
  const before = texts(chat).length;
  tg.pushUpdate(update(text, userId, lang, inGroup));
  await until(() => texts(chat).length > before, 30_000, `a reply to ${text}`);
  return texts(chat).slice(before).join('\n');
}

/** A slash command through the gateway; resolves to the text of the (edited) ephemeral reply. */
async function slash(o: {
  name: string;
  options?: unknown[];
  userId: string;
  locale: string;
  guildLocale?: string;
  dm?: boolean;
}): Promise<string> {
  const guildId = fake.guildsOf(0)[0] ?? '';
  const it = fake.interact({
    name: o.name,
    options: o.options ?? [],
    userId: o.userId,
    locale: o.locale,
    ...(o.dm ? {} : { guildId, guildLocale: o.guildLocale ?? 'en-US' }),
  });
  await until(() => it.edits.length > 0, 30_000, `the reply to /${o.name}`);
  return it.edits.map((e) => e.content).join('\n');
}

/** The bot's messages in the server's channel: every string of their bodies (content, embeds). */
function channelPosts(): string[] {
  const channelId = String(BigInt(fake.guildsOf(0)[0] ?? '0') + 1n);
  return fake.posts.filter((p) => p.channelId === channelId).map((p) => JSON.stringify(p.body));
}

beforeAll(async () => {
  fake = await startGatewayFake({ shards: 1 });
  tg = await startTelegramFake({ token: '5550040:languages-e2e-token' });
  tg.setMember(GROUP, ADMIN, 'administrator');
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'tw-languages-'));
  const { REDIS_URL: _sqlite, ...env } = replicaEnv(fake, {
    tmUrl: tm.url,
    tmKey: TM_KEY,
    redisUrl: '',
    dataDir,
    closedPort: await freePort(),
  });
  bot = startChild('src/main.ts', {
    ...env,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TICK_CRON: '* * * * * *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
  });
  await bot.waitFor('tokenwatch started', 60_000);
}, 120_000);

afterAll(async () => {
  const code = await bot?.stop();
  await fake?.close();
  await tg?.close();
  await tm?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code, bot?.output().slice(-4000)).toBe(0);
}, 60_000);

describe('languages end to end (npm start, local peers, default settings)', () => {
  it('deploy-commands sends name and description localizations for es, pt-BR and ru', async () => {
    const world = await startTwin();
    try {
      await deployToTwin(world);
      const put = world.recorder.calls.find((c) => c.method === 'PUT' && /\/commands$/.test(c.path));
      const body = put?.body as Array<Record<string, unknown>>;
      expect(body.length).toBeGreaterThan(10);
      for (const cmd of body) {
        for (const field of ['name_localizations', 'description_localizations']) {
          const loc = cmd[field] as Record<string, string>;
          for (const l of ['es-ES', 'es-419', 'pt-BR', 'ru'])
            expect(loc?.[l], `${cmd.name} ${field} ${l}`).toBeTruthy();
        }
      }
      expect(put?.rejected).toBeUndefined();
    } finally {
      await world.close();
    }
  }, 90_000);

  it('Telegram: a Spanish client gets /help and /subscribe in Spanish; a bad language is refused and changes nothing', async () => {
    const help = await say('/help', ES, 'es');
    expect(help).toContain(tr('es')('help-title'));
    expect(help).toContain(tr('es')('help-intro'));
    expect(help).not.toContain(tr('en')('help-intro'));
    const sub = await say('/subscribe SOL', ES, 'es');
    expect(sub).toContain('Te suscribiste a SOL');
    const bad = await say('/settings language klingon', ES, 'es');
    expect(bad).toContain('"klingon"');
    expect(bad).not.toContain(tr('en')('settings-saved', { who: 'you' }));
    // Still Spanish: nothing was changed.
    expect(await say('/subscriptions', ES, 'es')).toMatch(/SOL/);
    expect(await say('/help', ES, 'es')).toContain(tr('es')('help-intro'));
  }, 90_000);

  it('Telegram: an admin sets the group to Russian; replies there are Russian, an English member stays English', async () => {
    const set = await say('/settings language ru', ADMIN, 'en', true);
    expect(set).toContain(tr('ru')('settings-saved', { who: 'group' }));
    expect(await say('/subscribe SOL', ADMIN, 'en', true)).toContain('Эта группа подписана на SOL');
    expect(await say('/subscribe SOL', EN, 'en')).toContain('Subscribed you to SOL');
  }, 90_000);

  it('Discord: a pt-BR user reads Portuguese; a ru server gets its channel alerts in Russian, its en-US moderator English', async () => {
    const help = await slash({ name: 'help', userId: '7101', locale: 'pt-BR' });
    expect(help).toContain(tr('pt-BR')('help-intro'));
    const subs = await slash({ name: 'subscriptions', userId: '7101', locale: 'pt-BR' });
    expect(subs).not.toMatch(/\byou\b|\bYou\b/);
    expect(subs).toContain(tr('pt-BR')('subscribe-start-with'));
    const ch = await slash({
      name: 'channel',
      userId: '7102',
      locale: 'en-US',
      guildLocale: 'ru',
      options: [{ name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] }],
    });
    expect(ch).toContain('Subscribed this channel to SOL');
  }, 90_000);

  it('a level alert: Spanish DM, Russian group, English DM, Russian Discord channel; then /settings language en switches the Spanish user', async () => {
    const polls = () => tm.calls.filter((c) => c.endpoint === '/price' && c.status === 200).length;
    const from = polls();
    await until(() => polls() >= from + 2, 30_000, 'two price polls at the baseline');
    const es0 = texts(ES).length;
    const group0 = texts(GROUP).length;
    const en0 = texts(EN).length;
    const posts0 = channelPosts().length;
    tm.setStep(SCENARIO_MARKS.solApproach);
    const arrived = (chat: number, n: number) =>
      texts(chat)
        .slice(n)
        .some((t) => /SOL/.test(t));
    await until(
      () => arrived(ES, es0) && arrived(GROUP, group0) && arrived(EN, en0),
      60_000,
      'the SOL alerts',
    );
    await until(() => channelPosts().length > posts0, 60_000, 'the SOL alert in the Discord channel');
    expect(texts(ES).slice(es0).join('\n')).toContain(`SOL ${approach('es')}`);
    const inGroup = texts(GROUP).slice(group0).join('\n');
    expect(inGroup).toContain(`SOL ${approach('ru')}`);
    expect(texts(EN).slice(en0).join('\n')).toContain(`SOL ${approach('en')}`);
    const posted = channelPosts().slice(posts0).join('\n');
    expect(posted).toContain(approach('ru').trim());
    expect(posted).toMatch(CYRILLIC);

    // Token Metrics' words too, once SOL's data is in: its grade signal "Buy" reads "Compra".
    expect(await say('/signal SOL', ES, 'es')).toMatch(/Calificación TM: Compra \(\d/);

    const switched = await say('/settings language en', ES, 'es');
    expect(switched).toContain(tr('en')('settings-saved', { who: 'you' }));
    const es1 = texts(ES).length;
    const group1 = texts(GROUP).length;
    tm.setStep(SCENARIO_MARKS.solBreakout);
    await until(() => arrived(ES, es1) && arrived(GROUP, group1), 60_000, 'the SOL breakout alerts');
    const esNow = texts(ES).slice(es1).join('\n');
    expect(esNow).toContain(`SOL ${breakout('en')}`);
    expect(esNow).not.toContain(breakout('es'));
    expect(texts(GROUP).slice(group1).join('\n')).toContain(`SOL ${breakout('ru')}`);
    // Language is no part of an event: no log line of a failed or repeated send.
    expect(bot.output()).not.toMatch(/"level":(50|60)/);
  }, 240_000);
});
