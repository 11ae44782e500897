import type { APIApplicationCommandOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '#commands/index.js';
import { metaIds } from '#commands/meta-text.js';
import { otherLanguages, translatorFor } from '#src/i18n/catalog.js';
import { DISCORD_LOCALES, toSlashCommands } from '#src/platforms/discord/slash.js';
import { checkCommandBody } from './command-schema.js';

const body = toSlashCommands(commands, otherLanguages());
const CODES = ['es-ES', 'es-419', 'pt-BR', 'ru'];

/** Every command, subcommand and option of the body, with its path. */
function* nodes(): Generator<
  [string, { name_localizations?: unknown; description_localizations?: unknown }]
> {
  for (const c of body) {
    yield [`/${c.name}`, c];
    const walk = function* (
      opts: readonly APIApplicationCommandOption[] | undefined,
      at: string,
    ): Generator<[string, APIApplicationCommandOption]> {
      for (const o of opts ?? []) {
        yield [`${at} ${o.name}`, o];
        if ('options' in o) yield* walk(o.options as APIApplicationCommandOption[], `${at} ${o.name}`);
      }
    };
    yield* walk(c.options, `/${c.name}`);
  }
}

describe('deploy-commands body with localizations (Discord OpenAPI shapes and limits)', () => {
  it('validates: names per Discord rule and unique among siblings in every locale, 32/100 limits', () => {
    expect(checkCommandBody(JSON.parse(JSON.stringify(body)))).toEqual([]);
  });

  it('every command, subcommand and option carries es-ES, es-419, pt-BR and ru names and descriptions', () => {
    let count = 0;
    for (const [at, n] of nodes()) {
      expect(Object.keys(n.name_localizations ?? {}).sort(), at).toEqual([...CODES].sort());
      expect(Object.keys(n.description_localizations ?? {}).sort(), at).toEqual([...CODES].sort());
      count++;
    }
    expect(count).toBeGreaterThan(50);
  });

  it('both Spanish locales get the es catalog; the texts are the translations, not English', () => {
    const subscribe = body.find((c) => c.name === 'subscribe');
    expect(subscribe?.name_localizations).toEqual({
      'es-ES': 'suscribir',
      'es-419': 'suscribir',
      'pt-BR': 'assinar',
      ru: 'подписаться',
    });
    expect(subscribe?.description_localizations?.ru).toBe(
      translatorFor('ru')(metaIds.command(['subscribe'])),
    );
    expect(subscribe?.description_localizations?.['pt-BR']).not.toBe(subscribe?.description);
    expect(DISCORD_LOCALES.es).toEqual(['es-ES', 'es-419']);
  });

  it('choices carry name_localizations; their values stay the English keywords', () => {
    const stats = body.find((c) => c.name === 'stats');
    const window = stats?.options?.find((o) => o.name === 'window');
    const choices = window && 'choices' in window ? (window.choices ?? []) : [];
    expect(choices.map((c) => c.value)).toEqual(['7d', '30d', '90d']);
    expect(choices[0]?.name_localizations).toEqual({
      'es-ES': '7 días',
      'es-419': '7 días',
      'pt-BR': '7 dias',
      ru: '7 дней',
    });
  });

  it('a translation that breaks the rules is fitted or left out, never sent as is', () => {
    const bad = toSlashCommands(
      [{ name: 'levels', description: 'Levels', options: [], access: 'everyone', usage: '/levels' }],
      {
        es: (id) => (id.startsWith('cmdname-') ? 'Two Words' : 'x'.repeat(300)),
        ru: (id) => (id.startsWith('cmdname-') ? 'УРОВНИ' : 'ok'),
      },
    );
    expect(checkCommandBody(JSON.parse(JSON.stringify(bad)))).toEqual([]);
    expect(bad[0]?.name_localizations).toEqual({ ru: 'уровни' });
    expect(bad[0]?.description_localizations?.['es-ES']).toHaveLength(100);
  });

  it('the schema check catches what Discord refuses', () => {
    const broken = [
      { name: 'a', description: 'd', name_localizations: { es: 'x', ru: 'Две слова' }, options: [] },
      { name: 'b', description: 'd', name_localizations: { ru: 'x' }, options: [] },
    ];
    expect(checkCommandBody(broken)).toEqual([
      '/a.name_localizations.es: not a Discord locale',
      '/a.name_localizations.ru: "Две слова" breaks Discord\'s name rule',
    ]);
    expect(checkCommandBody([broken[1], { ...broken[1], name: 'c' }])).toEqual([
      'commands: ru name "x" twice (b, c)',
    ]);
  });
});
