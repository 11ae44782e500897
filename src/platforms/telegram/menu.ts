import type { LanguageCode } from 'grammy/types';
import { commandDescription } from '#commands/meta-text.js';
import type { Command } from '#commands/types.js';
import type { Translate, Translators } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';

/**
 * The command menus published with setMyCommands. Telegram shows the most specific scope that
 * applies: private chats → `all_private_chats`; group admins → `all_chat_administrators`; everyone
 * else in groups → `default`. The menu is a convenience only: every command re-checks access.
 *
 * Languages (issue 22): each scope gets one menu without `language_code` (English, for every client
 * language without its own menu) and one per shipped language, its descriptions from the catalog
 * (`cmd-<name>`, commands/meta-text.ts). Command names stay English: Telegram allows only `[a-z0-9_]`
 * and users type them.
 */
export interface BotCommandEntry {
  readonly command: string;
  readonly description: string;
}

export type MenuScope = 'default' | 'all_private_chats' | 'all_chat_administrators';

export interface Menu {
  readonly scope: MenuScope;
  /** setMyCommands `language_code`; absent: the default (English) menu. */
  readonly languageCode?: LanguageCode;
  readonly commands: readonly BotCommandEntry[];
}

/**
 * Telegram's `language_code` for each shipped language but English. setMyCommands takes a two-letter
 * ISO 639-1 code only, so pt-BR is published as `pt`: every Portuguese client (pt-br and pt-pt alike)
 * gets the Brazilian Portuguese menu, as replies do (src/i18n/locales.ts maps pt and pt-PT to pt-BR).
 */
export const TELEGRAM_LANGUAGE_CODES: Readonly<Record<Exclude<Locale, 'en'>, LanguageCode>> = {
  es: 'es',
  'pt-BR': 'pt',
  ru: 'ru',
};

/** Commands a group member may use without changing anything (the `default` scope menu). */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'help',
  'levels',
  'signal',
  'subscriptions',
  'watchlist',
]);
/** Meaningful only in a private chat (deep links land there). */
const PRIVATE_ONLY: ReadonlySet<string> = new Set(['start']);

const NAME_RE = /^[a-z0-9_]{1,32}$/;

/**
 * A command as Telegram accepts it, or undefined (bad name); descriptions (in `t`'s language, else the
 * spec's English) are fitted to 3..256 chars.
 */
export function toBotCommand(
  cmd: Pick<Command, 'name' | 'description'>,
  t?: Translate,
): BotCommandEntry | undefined {
  if (!NAME_RE.test(cmd.name)) return undefined;
  const text = t ? commandDescription(t, [cmd.name], cmd) : cmd.description;
  let description = text.trim().replace(/\s+/g, ' ');
  if (description.length < 3) description = `/${cmd.name}`.padEnd(3, '.');
  if (description.length > 256) description = `${description.slice(0, 255)}…`;
  return { command: cmd.name, description };
}

export function onTelegram(cmd: Command): boolean {
  return !cmd.platforms || cmd.platforms.includes('telegram');
}

/** The three scopes' menus in one language (`t` undefined: the spec's English). */
function scopeMenus(all: readonly Command[], t?: Translate, languageCode?: LanguageCode): Menu[] {
  const entries = (pick: (c: Command) => boolean) =>
    all.filter(pick).flatMap((c) => {
      const e = toBotCommand(c, t);
      return e ? [e] : [];
    });
  const lang = languageCode === undefined ? {} : { languageCode };
  return [
    { scope: 'all_private_chats', ...lang, commands: entries((c) => c.access === 'everyone') },
    { scope: 'all_chat_administrators', ...lang, commands: entries((c) => !PRIVATE_ONLY.has(c.name)) },
    { scope: 'default', ...lang, commands: entries((c) => READ_ONLY_COMMANDS.has(c.name)) },
  ];
}

/**
 * The menus from the command registry: the three scopes without a language (English) first, then the
 * three again for each language of `tr` under its TELEGRAM_LANGUAGE_CODES code.
 */
export function buildMenus(registry: readonly Command[], tr: Translators = {}): Menu[] {
  const all = registry.filter(onTelegram);
  const menus = scopeMenus(all);
  for (const [locale, code] of Object.entries(TELEGRAM_LANGUAGE_CODES)) {
    const t = tr[locale as Locale];
    if (t) menus.push(...scopeMenus(all, t, code));
  }
  return menus;
}
