import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { type CommandPath, metaIds } from '#commands/meta-text.js';
import type { CommandSpec, OptionSpec } from '#commands/types.js';
import type { Translators } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';

/**
 * CommandSpec (platform-neutral, commands/) → Discord slash command JSON. Pure: no client, no I/O, so
 * the deploy script and the tests share it.
 *
 * Rules applied:
 * - Only specs whose `platforms` include 'discord' (or have none).
 * - Moderator commands (`access: 'moderator'`): `default_member_permissions` = Manage Channels and
 *   guild-only (`contexts: [Guild]`). Discord hides them from members by default, but server admins can
 *   widen that per command, so the handler re-checks (see interactions.ts).
 * - Member commands: usable in guilds and in the bot's DMs (`contexts: [Guild, BotDM]`).
 * - Guild install only (`integration_types: [GuildInstall]`).
 * - Required options first (Discord rejects a required option after an optional one).
 * - Names lower-cased and cut to 32, descriptions cut to 100 (Discord's limits).
 * - Localizations (issue 22): given translators, every command, subcommand and option carries
 *   `name_localizations` and `description_localizations`, and every choice `name_localizations`, from
 *   the catalog's `cmd-`/`cmdname-`/`opt-`/`optname-`/`choice-` ids (commands/meta-text.ts), under
 *   Discord's locale codes (DISCORD_LOCALES). A translated name that breaks Discord's name rule is
 *   left out (Discord would refuse the whole bulk overwrite); the English name then shows.
 */

/** Channel kinds the bot can post alerts to. */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** `ManageChannels` as the decimal string Discord wants for default_member_permissions. */
export const MODERATOR_DEFAULT_PERMISSIONS = PermissionFlagsBits.ManageChannels.toString();

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const nameOf = (s: string) => s.toLowerCase().slice(0, 32);

/**
 * Discord's locale codes for each shipped language but English (the default, sent as `name` and
 * `description`). Discord has two Spanish locales, Spain and Latin America: both get our `es`.
 */
export const DISCORD_LOCALES: Readonly<Record<Exclude<Locale, 'en'>, readonly string[]>> = {
  es: ['es-ES', 'es-419'],
  'pt-BR': ['pt-BR'],
  ru: ['ru'],
};

/** Discord's rule for command, subcommand and option names (CHAT_INPUT), lowercase where a script has case. */
const DISCORD_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Localizations = Record<string, string>;

/** `id` in every language of `tr`, fitted by `fitTo` (undefined: left out), keyed by Discord locale. */
function localized(
  tr: Translators,
  id: string,
  fitTo: (text: string) => string | undefined,
): Localizations | undefined {
  const out: Localizations = {};
  for (const [locale, codes] of Object.entries(DISCORD_LOCALES)) {
    const text = tr[locale as Locale]?.(id);
    const fitted = text ? fitTo(text) : undefined;
    if (fitted) for (const code of codes) out[code] = fitted;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const fitName = (text: string) => {
  const name = text.trim().toLowerCase();
  return DISCORD_NAME.test(name) ? name : undefined;
};
const fitText = (max: number) => (text: string) => (text.trim() ? cut(text.trim(), max) : undefined);

/** `{ name_localizations, description_localizations }` of one command, subcommand or option. */
function localizationsOf(tr: Translators, nameId: string, descriptionId: string) {
  const names = localized(tr, nameId, fitName);
  const descriptions = localized(tr, descriptionId, fitText(100));
  return {
    ...(names ? { name_localizations: names } : {}),
    ...(descriptions ? { description_localizations: descriptions } : {}),
  };
}

export function isDiscordCommand(spec: CommandSpec): boolean {
  return spec.platforms === undefined || spec.platforms.includes('discord');
}

export function toSlashOption(
  opt: OptionSpec,
  path: CommandPath = [],
  tr: Translators = {},
): APIApplicationCommandBasicOption {
  const base = {
    name: nameOf(opt.name),
    description: cut(opt.description, 100),
    ...localizationsOf(tr, metaIds.optionName(path, opt.name), metaIds.option(path, opt.name)),
    required: opt.required === true,
  };
  switch (opt.type) {
    case 'channel':
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [...POSTABLE_CHANNEL_TYPES],
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'role':
      return { ...base, type: ApplicationCommandOptionType.Role };
    case 'string': {
      const choices = opt.choices?.slice(0, 25).map((c) => {
        const names = localized(tr, metaIds.choice(path, opt.name, c.value), fitText(100));
        return { name: cut(c.name, 100), ...(names ? { name_localizations: names } : {}), value: c.value };
      });
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(opt.maxLength !== undefined ? { max_length: Math.min(6000, opt.maxLength) } : {}),
        // Discord forbids choices together with autocomplete.
        ...(opt.autocomplete
          ? { autocomplete: true as const }
          : choices && choices.length > 0
            ? { choices }
            : {}),
      };
    }
    case 'number':
    case 'integer': {
      const type =
        opt.type === 'number' ? ApplicationCommandOptionType.Number : ApplicationCommandOptionType.Integer;
      return {
        ...base,
        type,
        ...(opt.min !== undefined ? { min_value: opt.min } : {}),
        ...(opt.max !== undefined ? { max_value: opt.max } : {}),
      } as APIApplicationCommandBasicOption;
    }
  }
}

function toOptions(
  options: readonly OptionSpec[],
  path: CommandPath,
  tr: Translators,
): APIApplicationCommandBasicOption[] {
  const required = options.filter((o) => o.required === true);
  const optional = options.filter((o) => o.required !== true);
  return [...required, ...optional].slice(0, 25).map((o) => toSlashOption(o, path, tr));
}

function toSubcommand(
  spec: CommandSpec,
  parent: CommandPath,
  tr: Translators,
): APIApplicationCommandSubcommandOption {
  const path = [...parent, spec.name];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: nameOf(spec.name),
    description: cut(spec.description, 100),
    ...localizationsOf(tr, metaIds.commandName(path), metaIds.command(path)),
    options: toOptions(spec.options, path, tr),
  };
}

/** One command's JSON; with `tr`, localized in those languages (see DISCORD_LOCALES). */
export function toSlashCommand(
  spec: CommandSpec,
  tr: Translators = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const path = [spec.name];
  const moderator =
    spec.access === 'moderator' || (spec.subcommands ?? []).some((s) => s.access === 'moderator');
  const subs = (spec.subcommands ?? []).filter(isDiscordCommand);
  return {
    type: ApplicationCommandType.ChatInput,
    name: nameOf(spec.name),
    description: cut(spec.description, 100),
    ...localizationsOf(tr, metaIds.commandName(path), metaIds.command(path)),
    options: subs.length > 0 ? subs.map((s) => toSubcommand(s, path, tr)) : toOptions(spec.options, path, tr),
    default_member_permissions: moderator ? MODERATOR_DEFAULT_PERMISSIONS : null,
    contexts: moderator
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** The full bulk-overwrite body for `PUT applications/:id/commands`, localized in the languages of `tr`. */
export function toSlashCommands(
  specs: readonly CommandSpec[],
  tr: Translators = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.filter(isDiscordCommand).map((s) => toSlashCommand(s, tr));
}
