import { describe, expect, it } from 'vitest';
import { parseLanguageSetting, supportedLocale } from '#src/i18n/locales.js';
import { destinationLocale, platformLocale, replyLocale } from '#src/i18n/resolve.js';

describe('supportedLocale', () => {
  it.each([
    ['es', 'es'],
    ['es-419', 'es'],
    ['es-ES', 'es'],
    ['ES', 'es'],
    ['pt-br', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['ru', 'ru'],
    ['ru-RU', 'ru'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['de', undefined],
    ['tr', undefined],
    ['zh-TW', undefined],
    ['uk', undefined],
    ['', undefined],
    ['<b>', undefined],
    ['es_419', 'es'],
    [undefined, undefined],
  ])('%s → %s', (tag, want) => {
    expect(supportedLocale(tag)).toBe(want);
  });
});

describe('parseLanguageSetting', () => {
  it.each([
    ['es', 'es'],
    ['pt-br', 'pt-BR'],
    ['RU', 'ru'],
    ['auto', 'auto'],
    ['Auto', 'auto'],
    ['pt', undefined],
    ['de', undefined],
    ['', undefined],
  ])('%s → %s', (raw, want) => {
    expect(parseLanguageSetting(raw)).toBe(want);
  });
});

describe('destinationLocale', () => {
  it.each([
    [{ language: null, platformLocale: null }, 'en'],
    [{ language: 'ru', platformLocale: 'es' }, 'ru'],
    [{ language: null, platformLocale: 'es-419' }, 'es'],
    [{ language: null, platformLocale: 'de' }, 'en'],
    [{ language: 'en', platformLocale: 'pt-BR' }, 'en'],
  ] as const)('%o → %s', (eff, want) => {
    expect(destinationLocale(eff)).toBe(want);
  });
});

describe('replyLocale', () => {
  it.each([
    [
      'DM: own setting wins over the client',
      { audience: 'caller', caller: { language: 'en' }, clientLocale: 'es' },
      'en',
    ],
    ['DM: client language', { audience: 'caller', caller: undefined, clientLocale: 'es' }, 'es'],
    ['DM: unsupported client → English', { audience: 'caller', caller: undefined, clientLocale: 'de' }, 'en'],
    [
      'Discord channel: the user, not the server',
      { audience: 'caller', caller: undefined, clientLocale: 'pt-BR', guildLocale: 'ru' },
      'pt-BR',
    ],
    [
      'Discord channel: unsupported user → server',
      { audience: 'caller', caller: undefined, clientLocale: 'de', guildLocale: 'ru' },
      'ru',
    ],
    [
      'group: the group setting wins',
      { audience: 'group', caller: { language: 'en' }, group: 'ru', clientLocale: 'es' },
      'ru',
    ],
    [
      'group without a setting: the caller',
      { audience: 'group', caller: undefined, group: null, clientLocale: 'es' },
      'es',
    ],
    ['group, nothing known', { audience: 'group', caller: undefined, group: null }, 'en'],
  ] as const)('%s', (_name, input, want) => {
    expect(replyLocale(input)).toBe(want);
  });
});

describe('platformLocale (no setting read: client, else server, else English)', () => {
  it.each([
    ['es-419', 'ru', 'es'],
    [undefined, 'ru', 'ru'],
    ['de', 'pt-BR', 'pt-BR'],
    ['de', 'fr', 'en'],
    [undefined, undefined, 'en'],
  ] as const)('client %s, server %s → %s', (client, guild, want) => {
    expect(platformLocale(client, guild)).toBe(want);
  });
});
