import { describe, expect, it } from 'vitest';
import { commands } from '#commands/index.js';
import { otherLanguages } from '#src/i18n/catalog.js';
import { buildMenus, TELEGRAM_LANGUAGE_CODES, toBotCommand } from '#src/platforms/telegram/menu.js';

describe('toBotCommand (Telegram limits: name 1-32 [a-z0-9_], description 3-256)', () => {
  it.each([
    {
      name: 'subscribe',
      description: 'Get alerts',
      out: { command: 'subscribe', description: 'Get alerts' },
    },
    { name: 'x', description: 'a', out: { command: 'x', description: '/x.' } },
    { name: 'Bad-Name', description: 'whatever', out: undefined },
    { name: 'a'.repeat(33), description: 'too long a name', out: undefined },
  ])('$name', ({ name, description, out }) => {
    expect(toBotCommand({ name, description })).toEqual(out);
  });

  it('cuts long descriptions to 256', () => {
    expect(toBotCommand({ name: 'x', description: 'd'.repeat(400) })?.description).toHaveLength(256);
  });
});

describe('buildMenus from the real registry', () => {
  const menus = new Map(buildMenus(commands).map((m) => [m.scope, m.commands.map((c) => c.command)]));
  it('private chats get the member commands, never Discord-only ones', () => {
    expect(menus.get('all_private_chats')).toEqual(
      expect.arrayContaining(['start', 'subscribe', 'settings', 'quiet']),
    );
    expect(menus.get('all_private_chats')).not.toContain('channel');
  });
  it('groups (default scope) get only read-only commands', () => {
    expect(menus.get('default')?.sort()).toEqual(['help', 'levels', 'signal', 'subscriptions', 'watchlist']);
  });
});

describe('menus per language (setMyCommands language_code)', () => {
  const menus = buildMenus(commands, otherLanguages());
  const of = (scope: string, code?: string) =>
    menus.find((m) => m.scope === scope && m.languageCode === code)?.commands ?? [];

  it('one menu per scope without a language (English) and one per scope per shipped language', () => {
    expect(menus.map((m) => `${m.scope}/${m.languageCode ?? ''}`).sort()).toEqual(
      ['default', 'all_private_chats', 'all_chat_administrators']
        .flatMap((s) => ['', 'es', 'pt', 'ru'].map((c) => `${s}/${c}`))
        .sort(),
    );
    expect(TELEGRAM_LANGUAGE_CODES['pt-BR']).toBe('pt');
  });

  it('the English menus are the ones built without translators, the spec descriptions', () => {
    expect(menus.filter((m) => m.languageCode === undefined)).toEqual(buildMenus(commands));
    expect(of('default').find((c) => c.command === 'levels')?.description).toBe(
      'Strong support and resistance levels of a token',
    );
  });

  it.each([
    ['es', 'Niveles fuertes de soporte y resistencia de un token'],
    ['pt', 'Níveis fortes de suporte e resistência de um token'],
    ['ru', 'Сильные уровни поддержки и сопротивления токена'],
  ])('%s: same commands as English, descriptions from the catalog', (code, levels) => {
    for (const scope of ['default', 'all_private_chats', 'all_chat_administrators']) {
      expect(of(scope, code).map((c) => c.command)).toEqual(of(scope).map((c) => c.command));
    }
    expect(of('default', code).find((c) => c.command === 'levels')?.description).toBe(levels);
  });

  it('every menu in every language holds the Bot API limits', () => {
    for (const m of menus) {
      expect(m.languageCode ?? 'en').toMatch(/^[a-z]{2}$/);
      expect(m.commands.length).toBeLessThanOrEqual(100);
      for (const c of m.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThanOrEqual(3);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it('a long translation is cut to 256; a missing one falls back to the spec English', () => {
    const long = buildMenus(commands, { ru: () => 'д'.repeat(400), es: () => '' });
    const ru = long.find((m) => m.languageCode === 'ru' && m.scope === 'default')?.commands ?? [];
    expect(ru.every((c) => c.description.length === 256)).toBe(true);
    const es = long.find((m) => m.languageCode === 'es' && m.scope === 'default')?.commands ?? [];
    expect(es).toEqual(of('default'));
  });
});
