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
import type { CommandSpec, OptionSpec } from '#commands/types.js';

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
 */

/** Channel kinds the bot can post alerts to. */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** `ManageChannels` as the decimal string Discord wants for default_member_permissions. */
export const MODERATOR_DEFAULT_PERMISSIONS = PermissionFlagsBits.ManageChannels.toString();

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const nameOf = (s: string) => s.toLowerCase().slice(0, 32);

export function isDiscordCommand(spec: CommandSpec): boolean {
  return spec.platforms === undefined || spec.platforms.includes('discord');
}

export function toSlashOption(opt: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: nameOf(opt.name),
    description: cut(opt.description, 100),
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
      const choices = opt.choices?.slice(0, 25).map((c) => ({ name: cut(c.name, 100), value: c.value }));
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

function toOptions(options: readonly OptionSpec[]): APIApplicationCommandBasicOption[] {
  const required = options.filter((o) => o.required === true);
  const optional = options.filter((o) => o.required !== true);
  return [...required, ...optional].slice(0, 25).map(toSlashOption);
}

function toSubcommand(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: nameOf(spec.name),
    description: cut(spec.description, 100),
    options: toOptions(spec.options),
  };
}

export function toSlashCommand(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const moderator =
    spec.access === 'moderator' || (spec.subcommands ?? []).some((s) => s.access === 'moderator');
  const subs = (spec.subcommands ?? []).filter(isDiscordCommand);
  return {
    type: ApplicationCommandType.ChatInput,
    name: nameOf(spec.name),
    description: cut(spec.description, 100),
    options: subs.length > 0 ? subs.map(toSubcommand) : toOptions(spec.options),
    default_member_permissions: moderator ? MODERATOR_DEFAULT_PERMISSIONS : null,
    contexts: moderator
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** The full bulk-overwrite body for `PUT applications/:id/commands`. */
export function toSlashCommands(
  specs: readonly CommandSpec[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.filter(isDiscordCommand).map(toSlashCommand);
}
