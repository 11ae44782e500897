import {
  AttachmentBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  type PermissionsBitField,
} from 'discord.js';
import { findCommand, handleAction, runCommand } from '#commands/index.js';
import type { Args, ArgValue, Command, CommandContext, CommandDeps, Place, Reply } from '#commands/types.js';
import type { Logger } from '../../obs/logger.js';
import { resolveGuildChannel } from './channels.js';
import { renderReply } from './render.js';

/**
 * Interaction handling: slash commands, symbol autocomplete and alert buttons. Every interaction is
 * acknowledged first (deferReply, ephemeral) and answered with editReply, so slow store or directory
 * calls never miss Discord's 3-second deadline. Nothing here throws into the client.
 */
export interface InteractionDeps {
  readonly commands: CommandDeps;
  readonly logger: Logger;
  /** Epoch ms. */
  readonly now: () => number;
  /** Autocomplete must answer within 3 s; the directory gets this long (ms). Default 2000. */
  readonly autocompleteDeadlineMs?: number;
}

/** Moderator = Manage Channels or Manage Server (Administrator implies both). Re-checked server-side. */
export function isModeratorPerms(perms: Readonly<PermissionsBitField> | null | undefined): boolean {
  return perms?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]) ?? false;
}

const REFUSED: Reply = {
  kind: 'error',
  title: 'Moderators only',
  lines: ['You need the Manage Channels or Manage Server permission for this.'],
  ephemeral: true,
};

export function contextOf(
  i: ChatInputCommandInteraction | ButtonInteraction,
  client: Client,
  now: number,
): CommandContext {
  const guildId = i.guildId;
  const channelId = i.channelId;
  if (i.inGuild() && guildId && channelId) {
    const place: Place = { kind: 'channel', parentId: guildId, channelId };
    return {
      platform: 'discord',
      userId: i.user.id,
      place,
      now,
      isModerator: async () => isModeratorPerms(i.memberPermissions),
      resolveChannel: (id: string) => resolveGuildChannel(client, guildId, id),
    };
  }
  return {
    platform: 'discord',
    userId: i.user.id,
    place: { kind: 'dm' },
    now,
    isModerator: async () => false,
  };
}

/** Reads the command's declared options from the interaction (channel options → the channel id). */
export function readArgs(cmd: Command, i: ChatInputCommandInteraction): Args {
  const args: Record<string, ArgValue> = {};
  for (const opt of cmd.options) {
    const o = i.options.get(opt.name.toLowerCase());
    if (o?.value !== undefined && o.value !== null) args[opt.name] = o.value;
  }
  return args;
}

function needsModerator(name: string, cmd: Command): boolean {
  return cmd.access === 'moderator' || findCommand(name)?.access === 'moderator';
}

async function answer(i: ChatInputCommandInteraction | ButtonInteraction, reply: Reply): Promise<void> {
  const r = renderReply(reply);
  // /chart: the PNG goes along as an attachment, which Discord shows under the text.
  const files = reply.image
    ? [
        new AttachmentBuilder(Buffer.from(reply.image.png), {
          name: reply.image.filename,
          description: reply.image.alt.slice(0, 1000),
        }),
      ]
    : [];
  // /export: the CSV goes along as an attachment of the reply.
  if (reply.document) {
    files.push(new AttachmentBuilder(Buffer.from(reply.document.bytes), { name: reply.document.filename }));
  }
  await i.editReply({
    content: r.content,
    components: r.components,
    allowedMentions: r.allowedMentions,
    ...(r.embeds ? { embeds: r.embeds } : {}),
    ...(files.length > 0 ? { files } : {}),
  });
}

async function onCommand(i: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  // Acknowledge first: store and directory calls may be slow.
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const sub = i.options.getSubcommand(false) ?? undefined;
  const cmd = findCommand(i.commandName, sub);
  if (!cmd) {
    await answer(i, { kind: 'error', lines: ['Unknown command. Try /help.'] });
    return;
  }
  const ctx = contextOf(i, i.client, deps.now());
  // The client's menu is not a permission check: admins can widen who sees /channel, and a forged
  // interaction can carry anything. Re-check here before the command touches the store.
  if (needsModerator(i.commandName, cmd) && !(await ctx.isModerator())) {
    await answer(i, REFUSED);
    return;
  }
  const args = readArgs(cmd, i);
  // `/channel subscribe` without a channel means this channel: check the bot can post here too (the
  // commands layer only asks the platform about *other* channels).
  if (
    i.commandName === 'channel' &&
    sub === 'subscribe' &&
    args.channel === undefined &&
    ctx.resolveChannel
  ) {
    const here = ctx.place.kind === 'channel' ? await ctx.resolveChannel(ctx.place.channelId) : undefined;
    if (here && !here.ok) {
      await answer(i, { kind: 'error', title: 'Not this channel', lines: [here.reason], ephemeral: true });
      return;
    }
  }
  await answer(i, await runCommand(cmd, ctx, args, deps.commands));
}

async function onButton(i: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const ctx = contextOf(i, i.client, deps.now());
  // Buttons on a channel message act on the channel's subscription: moderators only.
  if (ctx.place.kind !== 'dm' && !(await ctx.isModerator())) {
    await answer(i, REFUSED);
    return;
  }
  await answer(i, await handleAction(i.customId, ctx, deps.commands));
}

function withDeadline<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function onAutocomplete(i: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const sub = i.options.getSubcommand(false) ?? undefined;
  const spec = findCommand(i.commandName, sub)?.options.find((o) => o.name.toLowerCase() === focused.name);
  if (spec?.autocomplete !== 'symbol') {
    await i.respond([]);
    return;
  }
  const prefix = String(focused.value).trim().replace(/^\$/, '').slice(0, 15);
  const found = await withDeadline(
    deps.commands.directory.search(prefix, 25).catch(() => []),
    deps.autocompleteDeadlineMs ?? 2_000,
    [],
  );
  const seen = new Set<string>();
  const choices: Array<{ name: string; value: string }> = [];
  for (const t of found) {
    const value = t.symbol.slice(0, 100);
    if (seen.has(value)) continue;
    seen.add(value);
    // Choice names are shown as plain text (no markdown), so no escaping is needed.
    choices.push({ name: `${t.symbol} · ${t.name}`.slice(0, 100), value });
    if (choices.length === 25) break;
  }
  await i.respond(choices);
}

/** The `interactionCreate` listener. Catches everything: a failing handler must never crash the bot. */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (i.isChatInputCommand()) await onCommand(i, deps);
    else if (i.isAutocomplete()) await onAutocomplete(i, deps);
    else if (i.isButton()) await onButton(i, deps);
  } catch (err) {
    deps.logger.error(
      { err: err instanceof Error ? err.message : String(err), type: i.type },
      'discord interaction failed',
    );
    if (!i.isRepliable()) return;
    const r = renderReply({ kind: 'error', lines: ['Something went wrong. Please try again in a minute.'] });
    try {
      if (i.deferred || i.replied) {
        await i.editReply({ content: r.content, components: [], allowedMentions: r.allowedMentions });
      } else {
        await i.reply({
          content: r.content,
          flags: MessageFlags.Ephemeral,
          allowedMentions: r.allowedMentions,
        });
      }
    } catch {
      // The interaction token may have expired; nothing left to tell the user.
    }
  }
}
