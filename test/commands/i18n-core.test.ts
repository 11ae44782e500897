import { beforeEach, describe, expect, it } from 'vitest';
import { handleAction } from '#commands/actions.js';
import { helpText } from '#commands/index.js';
import type { CommandDeps, Place } from '#commands/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import { renderReply as discordReply } from '#src/platforms/discord/render.js';
import { renderReply } from '#src/platforms/telegram/render.js';
import { parentScope } from '#src/store/index.js';
import { type CommandStore, call, makeCtx, makeDeps, memoryCommandStore, say } from './fakes.js';

const text = (r: { lines: readonly string[] }) => r.lines.join('\n');

/**
 * Issue 22, core commands: replies come out in the caller's language (their setting, else their
 * client's), a group's own setting decides what everyone in it reads, `/settings language` answers in
 * the language just chosen, and bad values change nothing.
 */
const LANGS: ReadonlyArray<readonly [Locale, RegExp]> = [
  ['es', /Te suscribiste a SOL \(Solana\)/],
  ['pt-BR', /Você se inscreveu em SOL \(Solana\)/],
  ['ru', /Вы подписаны на SOL \(Solana\)/],
];
const GROUP: Place = { kind: 'group', parentId: '-100', chatId: '-100' };
const CHANNEL: Place = { kind: 'channel', parentId: 'g1', channelId: 'c1' };

/** A caller whose client speaks `clientLocale` (the runner resolves the reply's language itself). */
const client = (clientLocale: string, o: Parameters<typeof makeCtx>[0] = {}) =>
  makeCtx({ ...o, clientLocale, locale: (clientLocale === 'en' ? 'en' : clientLocale) as Locale });

describe('core command texts in every language', () => {
  let store: CommandStore;
  let deps: CommandDeps;
  beforeEach(() => {
    store = memoryCommandStore();
    deps = makeDeps(store);
  });

  it.each(LANGS)(
    'GIVEN a %s client THEN /subscribe, /help, errors and /settings are in it',
    async (lang, done) => {
      const ctx = client(lang);
      const t = translatorFor(lang);
      expect(text(await say(ctx, deps, '/subscribe SOL'))).toMatch(done);
      const help = await say(ctx, deps, '/help');
      expect(help.title).toBe(t('help-title'));
      expect(help.lines[0]).toBe(t('help-intro'));
      expect(text(await say(ctx, deps, '/subscribe NOPE'))).toBe(t('token-unknown', { symbol: 'NOPE' }));
      // A parse error and a runner check, each with the translated usage prefix.
      const missing = text(await say(ctx, deps, '/subscribe'));
      expect(missing).toContain(t('run-missing', { name: 'symbol' }));
      expect(missing).toContain(
        t('usage-line', { usage: '/subscribe SOL [signal,hourly,levels,risk,grade|all]' }),
      );
      const shown = await say(ctx, deps, '/settings');
      expect(shown.title).toBe(t('settings-title', { who: 'you' }));
      expect(shown.lines).toContain(`language: auto (${t('settings-source-default')})`);
      const bad = text(await say(ctx, deps, '/settings proximity 99'));
      expect(bad).toContain(t('parse-between', { min: '0.1', max: '20' }));
      // The texts checked above are real translations, not the English fallback.
      for (const id of ['help-title', 'help-intro', 'token-unknown', 'run-missing', 'usage-line']) {
        expect(t(id, { symbol: 'X', name: 'x', usage: 'u' })).not.toBe(
          translatorFor('en')(id, { symbol: 'X', name: 'x', usage: 'u' }),
        );
      }
    },
  );

  it('GIVEN an English client THEN the replies are the English source, unchanged', async () => {
    const ctx = client('en');
    expect(text(await say(ctx, deps, '/subscribe SOL'))).toBe(
      'Subscribed you to SOL (Solana): signal, levels, risk, grade.',
    );
    expect(text(await say(ctx, deps, '/subscribe'))).toBe(
      'Missing symbol. Usage: /subscribe SOL [signal,hourly,levels,risk,grade|all]',
    );
    expect((await say(ctx, deps, '/help')).title).toBe('tokenwatch help');
    expect(text(await say(ctx, deps, '/unsubscribe ETH'))).toBe('You are not subscribed to ETH.');
  });

  it.each(LANGS)('GIVEN %s THEN button replies and the rate limit notice are translated', async (lang) => {
    const t = translatorFor(lang);
    const ctx = client(lang);
    await say(ctx, deps, '/subscribe SOL');
    const r = await handleAction('unsub:3988', ctx, deps);
    expect(r.lines).toEqual([
      t('action-unsubscribed', { symbol: 'SOL' }),
      t('action-undo', { symbol: 'SOL' }),
    ]);
    expect(text(await handleAction('mute:0:1d', ctx, deps))).toBe(t('action-invalid'));
    const limited = makeDeps(store, {
      limiter: { hit: async () => ({ count: 11, windowEnd: ctx.now + 30_000 }) },
    });
    const over = await say(ctx, limited, '/help');
    expect(over.lines[1]).toBe(t('limit-try-again', { wait: t('limit-seconds', { count: 30 }) }));
  });

  it.each(['es', 'pt-BR', 'ru'] as const)(
    'GIVEN /help in %s THEN descriptions and key hints are localized',
    (lang) => {
      const t = translatorFor(lang);
      const lines = helpText(t, 'telegram', true);
      expect(lines).toContain(t('help-group-admin'));
      expect(lines.at(-1)).toBe(t('help-details'));
    },
  );
});

describe('/settings language', () => {
  let store: CommandStore;
  let deps: CommandDeps;
  beforeEach(() => {
    store = memoryCommandStore();
    deps = makeDeps(store);
  });

  it('GIVEN a Spanish client WHEN /settings language en THEN the confirmation and later replies are English', async () => {
    const ctx = client('es');
    expect((await say(ctx, deps, '/subscriptions')).lines[0]).toBe('Todavía no tienes suscripciones.');
    const r = await say(ctx, deps, '/settings language en');
    expect(r.lines).toEqual(['Saved for you.', 'language: en (yours)']);
    expect((await say(ctx, deps, '/subscriptions')).lines[0]).toBe('No subscriptions for you yet.');
    // `auto` goes back to the client's language, and says so in it.
    const auto = await say(ctx, deps, '/settings language auto');
    expect(auto.lines).toEqual(['Guardado para ti.', 'language: auto (predeterminado)']);
  });

  it.each([
    ['es', 'Guardado para ti.'],
    ['pt-BR', 'Salvo para você.'],
    ['ru', 'Сохранено для вас.'],
  ] as const)(
    'GIVEN an English client WHEN /settings language %s THEN the reply is in it',
    async (lang, saved) => {
      const r = await say(client('en'), deps, `/settings language ${lang}`);
      expect(r.lines[0]).toBe(saved);
      expect((await store.settings.get('telegram:dm:42'))?.language).toBe(lang);
    },
  );

  it('GIVEN a Spanish user WHEN /settings reset language THEN the reply follows the language it leads to', async () => {
    const ctx = client('en');
    await say(ctx, deps, '/settings language ru');
    const r = await say(ctx, deps, '/settings reset language');
    expect(r.lines).toEqual(['Reset language for you.', 'language: auto (default)']);
  });

  it.each([
    ['en', 'xx'],
    ['es', 'klingon'],
    ['pt-BR', 'pt-PT'],
    ['ru', '<b>ru</b>'],
  ] as const)(
    'GIVEN a %s client WHEN /settings language %s THEN refused, in that language, and nothing changes',
    async (lang, value) => {
      await store.settings.update('telegram:dm:42', { proximityPct: 2 });
      const before = await store.settings.get('telegram:dm:42');
      const t = translatorFor(lang);
      const r = await say(client(lang), deps, `/settings language ${value}`);
      expect(r.kind).toBe('error');
      expect(r.lines[0]).toContain(t('settings-hint-language', { languages: 'en|es|pt-BR|ru' }));
      expect(r.lines.join('\n')).not.toContain('<');
      expect(await store.settings.get('telegram:dm:42')).toEqual(before);
    },
  );

  it('GIVEN a Russian group admin WHEN /settings language ru in the group THEN the group reads Russian, DMs stay English', async () => {
    const admin = client('en', { place: GROUP, moderator: true });
    const r = await say(admin, deps, '/settings language ru');
    expect(r.lines).toEqual(['Сохранено для этой группы.', 'language: ru (эта группа)']);
    expect((await store.settings.get('telegram:group:-100'))?.language).toBe('ru');
    // Anyone in the group, whatever their client, now gets Russian replies there.
    const member = client('es', { place: GROUP, userId: '7' });
    expect(text(await say(member, deps, '/subscriptions'))).toBe(
      [translatorFor('ru')('target-admins-subscriptions'), translatorFor('ru')('target-use-private')].join(
        '\n',
      ),
    );
    // The admin's own DM is unaffected.
    expect((await say(client('en'), deps, '/subscriptions')).lines[0]).toBe('No subscriptions for you yet.');
    // /settings in the group lists language with its source.
    const shown = await say(admin, deps, '/settings');
    expect(shown.lines).toContain('language: ru (эта группа)');
  });

  it('GIVEN a Discord moderator WHEN /channel settings language ru THEN the channel is Russian and the reply stays theirs', async () => {
    const mod = client('en', { platform: 'discord', place: CHANNEL, moderator: true });
    const r = await call(mod, deps, 'channel', { key: 'language', value: 'ru' }, 'settings');
    expect(r.lines).toEqual(['Saved for this channel.', 'language: ru (this channel)']);
    expect((await store.settings.get('discord:channel:c1'))?.language).toBe('ru');
    const server = await call(
      mod,
      deps,
      'channel',
      { key: 'language', value: 'es', scope: 'server' },
      'settings',
    );
    expect(server.lines[0]).toBe('Saved for this server (default for its channels).');
    expect((await store.settings.get(parentScope('discord', 'g1')))?.language).toBe('es');
    const bad = await call(mod, deps, 'channel', { key: 'language', value: 'fr' }, 'settings');
    expect(bad.kind).toBe('error');
    expect((await store.settings.get('discord:channel:c1'))?.language).toBe('ru');
    const shown = await call(mod, deps, 'channel', {}, 'settings');
    expect(shown.lines).toContain('language: ru (this channel)');
  });
});

describe('markup in placeholders stays escaped in every language', () => {
  it.each(['en', 'es', 'pt-BR', 'ru'] as const)(
    '%s: a refusal reason with markup is rendered as text',
    async (lang) => {
      const deps = makeDeps(memoryCommandStore());
      const mod = client(lang, {
        platform: 'discord',
        place: CHANNEL,
        moderator: true,
        resolveChannel: async () => ({ ok: false, reason: '<b>nope</b> & <a href="x">' }),
      });
      const r = await call(mod, deps, 'channel', { symbol: 'SOL', channel: '999' }, 'subscribe');
      expect(r.lines[0]).toBe(
        translatorFor(lang)('target-channel-refused', { reason: '<b>nope</b> & <a href="x">' }),
      );
      const html = renderReply(r, undefined).parts.join('');
      expect(html).toContain('&lt;b&gt;nope&lt;/b&gt; &amp; &lt;a href=');
      expect(html).not.toContain('<b>nope');
    },
  );
});

describe('platform length limits hold for the longer translations', () => {
  it.each(['en', 'es', 'pt-BR', 'ru'] as const)(
    '%s: /help and /help settings fit Telegram and Discord',
    async (lang) => {
      const deps = makeDeps(memoryCommandStore());
      for (const [platform, place] of [
        ['telegram', GROUP],
        ['discord', CHANNEL],
      ] as const) {
        const ctx = client(lang, { platform, place, moderator: true });
        for (const line of ['/help', '/help settings', '/help channel']) {
          const reply = await say(ctx, deps, line);
          for (const part of renderReply(reply, undefined).parts)
            expect(part.length).toBeLessThanOrEqual(4096);
          expect(discordReply(reply).content.length).toBeLessThanOrEqual(2000);
        }
      }
    },
  );
});
