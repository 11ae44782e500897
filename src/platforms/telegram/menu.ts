import type { Command } from '#commands/types.js';

/**
 * The command menus published with setMyCommands. Telegram shows the most specific scope that
 * applies: private chats → `all_private_chats`; group admins → `all_chat_administrators`; everyone
 * else in groups → `default`. The menu is a convenience only: every command re-checks access.
 */
export interface BotCommandEntry {
  readonly command: string;
  readonly description: string;
}

export type MenuScope = 'default' | 'all_private_chats' | 'all_chat_administrators';

export interface Menu {
  readonly scope: MenuScope;
  readonly commands: readonly BotCommandEntry[];
}

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

/** A command as Telegram accepts it, or undefined (bad name); descriptions are fitted to 3..256 chars. */
export function toBotCommand(cmd: Pick<Command, 'name' | 'description'>): BotCommandEntry | undefined {
  if (!NAME_RE.test(cmd.name)) return undefined;
  let description = cmd.description.trim().replace(/\s+/g, ' ');
  if (description.length < 3) description = `/${cmd.name}`.padEnd(3, '.');
  if (description.length > 256) description = `${description.slice(0, 255)}…`;
  return { command: cmd.name, description };
}

export function onTelegram(cmd: Command): boolean {
  return !cmd.platforms || cmd.platforms.includes('telegram');
}

/** The three menus from the command registry. */
export function buildMenus(registry: readonly Command[]): Menu[] {
  const all = registry.filter(onTelegram);
  const entries = (pick: (c: Command) => boolean) =>
    all.filter(pick).flatMap((c) => {
      const e = toBotCommand(c);
      return e ? [e] : [];
    });
  return [
    { scope: 'all_private_chats', commands: entries((c) => c.access === 'everyone') },
    { scope: 'all_chat_administrators', commands: entries((c) => !PRIVATE_ONLY.has(c.name)) },
    { scope: 'default', commands: entries((c) => READ_ONLY_COMMANDS.has(c.name)) },
  ];
}
