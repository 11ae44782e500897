import type { Translate } from '#src/i18n/catalog.js';
import type { CommandSpec, OptionSpec } from './types.js';

/**
 * Localized command metadata (issue 22), one id scheme for /help, the Telegram menus and Discord's
 * localizations. The English source is the spec in code (`description`, `name`); `locales/en/menus.ftl`
 * is generated from it (`npm run i18n:menus`), the other languages translate that file.
 * Ids: `cmd-<command>[-<sub>]` (description), `cmdname-<command>[-<sub>]` (Discord name),
 * `opt-<command>[-<sub>]-<option>` / `optname-…` (option), `choice-<command>[-<sub>]-<option>-<value>`.
 * Names use `_` where the spec does; Fluent ids allow it.
 */
export type CommandPath = readonly string[];

const idOf = (prefix: string, parts: readonly string[]) => `${prefix}-${parts.join('-')}`.toLowerCase();

export const metaIds = {
  command: (path: CommandPath) => idOf('cmd', path),
  commandName: (path: CommandPath) => idOf('cmdname', path),
  option: (path: CommandPath, opt: string) => idOf('opt', [...path, opt]),
  optionName: (path: CommandPath, opt: string) => idOf('optname', [...path, opt]),
  choice: (path: CommandPath, opt: string, value: string) =>
    idOf('choice', [...path, opt, value.replace(/[^A-Za-z0-9_-]/g, '_')]),
};

/** A command's description in the translator's language; the spec's English when the catalog has none. */
export function commandDescription(t: Translate, path: CommandPath, spec: Pick<CommandSpec, 'description'>) {
  return t(metaIds.command(path)) || spec.description;
}

/** An option's description in the translator's language; the spec's English when the catalog has none. */
export function optionDescription(
  t: Translate,
  path: CommandPath,
  opt: Pick<OptionSpec, 'name' | 'description'>,
) {
  return t(metaIds.option(path, opt.name)) || opt.description;
}
