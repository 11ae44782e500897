import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { commands, genericErrorReply, matchTextCommand, parseTextArgs, runCommand } from '#commands/index.js';
import type { Args, Command, CommandContext, Reply } from '#commands/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { LOCALES, type Locale } from '#src/i18n/locales.js';
import { DISCORD_LIMITS, renderReply as discordReply } from '#src/platforms/discord/render.js';
import { MESSAGE_LIMIT } from '#src/platforms/telegram/html.js';
import { renderReply as telegramReply } from '#src/platforms/telegram/render.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { checkHtml } from '../fakes/telegram-fake.js';
import { makeCtx, makeDeps } from './fakes.js';

/**
 * Issue 22: every command in every shipped language, under random input, on the text and the structured
 * path. Nothing throws; the reply is never the generic error; no Fluent error marker (`{$name}`,
 * `{???}`) or bare message id reaches a user; every reply is valid Telegram HTML within 4,096 characters
 * per part and Discord content within 2,000, whatever the language's length.
 */
const RUNS = { numRuns: 40 };

/** Input without braces, so a `{$x}` in a reply can only come from a broken catalog entry. */
const UNITS = [...'<>&"\'*_~`|\\@#:/%-+.,; \n()[]=!?0123456789aAzZ', 'é', 'ñ', 'ж', '👍'];
const input = fc.oneof(
  fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 40 }),
  fc.constantFrom(
    'SOL',
    'all',
    'off',
    'es',
    'ru',
    'pt-BR',
    'auto',
    '1h',
    '22:00-07:00 Europe/Berlin',
    'above 210',
  ),
);

const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const deps = makeDeps(store);

function places(locale: Locale): CommandContext[] {
  return [
    makeCtx({ platform: 'telegram', userId: `dm-${locale}`, clientLocale: locale }),
    makeCtx({
      platform: 'telegram',
      userId: `admin-${locale}`,
      moderator: true,
      clientLocale: locale,
      place: { kind: 'group', parentId: `-7${locale.length}`, chatId: `-7${locale.length}` },
    }),
    makeCtx({
      platform: 'discord',
      userId: `mod-${locale}`,
      moderator: true,
      clientLocale: locale === 'es' ? 'es-419' : locale,
      place: { kind: 'channel', parentId: 'g1', channelId: `c-${locale}` },
    }),
  ];
}

const allCommands = commands.flatMap(
  (c): Array<[Command, string]> =>
    c.subcommands ? c.subcommands.map((s) => [s, `/${c.name} ${s.name}`]) : [[c, `/${c.name}`]],
);

const FLUENT_ERROR = /\{\$[A-Za-z_-]+\}|\{\?\?\?\}|\{[a-z][a-z0-9-]*\}/;
const BARE_ID = /^[a-z]+(-[a-z0-9]+)+$/;

function checkReply(reply: Reply, locale: Locale): void {
  expect(reply).not.toEqual(genericErrorReply(translatorFor(locale)));
  const texts = [
    reply.title ?? '',
    ...reply.lines,
    ...(reply.table ?? []),
    ...(reply.buttons ?? []).map((b) => b.label),
  ];
  for (const text of texts) {
    expect(text, JSON.stringify(reply)).not.toMatch(FLUENT_ERROR);
    expect(text.trim(), JSON.stringify(reply)).not.toMatch(BARE_ID);
  }
  const tg = telegramReply(reply, 'TokenWatchTestBot');
  for (const part of tg.parts) {
    expect(checkHtml(part), part).toBeUndefined();
    expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  }
  const dc = discordReply(reply);
  expect(dc.allowedMentions).toEqual({ parse: [] });
  expect(dc.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
}

describe.each(LOCALES)('every command in %s', (locale) => {
  it('text path: random arguments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...places(locale)),
        fc.constantFrom(...allCommands),
        input,
        async (ctx, [, prefix], rest) => {
          const m = matchTextCommand(`${prefix} ${rest}`);
          if (!m) return;
          const parsed = parseTextArgs(m.command, m.argsText);
          if (!parsed.ok) return;
          checkReply(await runCommand(m.command, ctx, parsed.args, deps), locale);
        },
      ),
      RUNS,
    );
  });

  it('structured path: every command, random options', async () => {
    const value = fc.oneof(input, fc.double(), fc.integer(), fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...places(locale)),
        fc.constantFrom(...allCommands),
        fc.array(value, { maxLength: 4 }),
        async (ctx, [cmd], values) => {
          const args: Record<string, Args[string]> = {};
          cmd.options.forEach((o, i) => {
            if (values[i] !== undefined) args[o.name] = values[i];
          });
          checkReply(await runCommand(cmd, ctx, args, deps), locale);
        },
      ),
      RUNS,
    );
  });

  it('each command with no arguments answers in the language, without an error marker', async () => {
    const english = places('en');
    const untranslated: string[] = [];
    for (const [i, ctx] of places(locale).entries()) {
      for (const [cmd, name] of allCommands) {
        const reply = await runCommand(cmd, ctx, {}, deps);
        checkReply(reply, locale);
        if (locale === 'en') continue;
        const en = english[i];
        if (!en) continue;
        const theirs = new Set(textsOf(await runCommand(cmd, en, {}, deps)));
        for (const line of textsOf(reply)) {
          if (theirs.has(line) && ENGLISH_WORDS.test(line)) untranslated.push(`${name}: ${line}`);
        }
      }
    }
    expect(untranslated).toEqual([]);
  });
});

/** Words that mark an English sentence (a line the same as English's with them was not translated). */
const ENGLISH_WORDS = /\b(the|your|you|is|not|this|to|of|and|with|only|no|can|please)\b/i;

const textsOf = (r: Reply) => [r.title ?? '', ...r.lines].filter((l) => l.trim() !== '');
