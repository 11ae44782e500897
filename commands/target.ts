import { generalOf, isTopic, topicDestination } from '#src/domain/topics.js';
import { type Destination, destinationKey } from '#src/domain/types.js';
import { parentScope } from '#src/store/ports.js';
import { errorReply, infoReply } from './replies.js';
import type { CommandContext, OptionSpec, Reply } from './types.js';

/**
 * Who a command acts on. One place decides it so every command follows the same rules:
 * - member commands act on the caller's own DM destination (in a DM, or in a Discord channel);
 * - in a Telegram group, an admin's member command acts on the group; a non-admin gets a deep link
 *   (`/subscribe`) or a clear refusal (everything else);
 * - `/channel ...` acts on a Discord channel of the current guild, moderators only.
 * Moderator status is asked of the platform on every call (server-side), never taken from the client.
 */

/** One settings layer; `scope` is a SettingsStore scope. */
export interface SettingsLayer {
  readonly label: string;
  readonly scope: string;
}

export interface Target {
  readonly destination: Destination;
  /** How replies name it: `you`, `this group`, `this channel`. */
  readonly label: string;
  /** Settings layers, lowest priority first (defaults come before all of them); changes go to the last. */
  readonly layers: readonly SettingsLayer[];
}

export type TargetResult =
  | { readonly ok: true; readonly target: Target }
  | { readonly ok: false; readonly reply: Reply };

/** What the member command wants to do; decides the refusal a non-admin in a group gets. */
export type MemberIntent = 'subscribe' | 'unsubscribe' | 'list' | 'settings' | 'alerts';

/** The caller's private destination on this platform (Telegram: private chat id = user id). */
export function dmDestination(ctx: Pick<CommandContext, 'platform' | 'userId'>): Destination {
  return { platform: ctx.platform, kind: 'dm', id: ctx.userId };
}

/** Settings layers of a destination: server/group default → channel/group (→ forum topic), or just the DM. */
export function layersFor(d: Destination): SettingsLayer[] {
  const own = {
    label: d.kind === 'dm' ? 'yours' : d.kind === 'group' ? 'this group' : 'this channel',
    scope: destinationKey(d),
  };
  if (d.kind === 'dm' || d.parentId === undefined) return [own];
  const parentLabel = d.kind === 'group' ? 'group default' : 'server default';
  const parent = { label: parentLabel, scope: parentScope(d.platform, d.parentId) };
  // A forum topic inherits its group's settings: the group's own layer sits under the topic's.
  if (isTopic(d))
    return [
      parent,
      { ...own, scope: destinationKey(generalOf(d)) },
      { label: 'this topic', scope: own.scope },
    ];
  return [parent, own];
}

function targetOf(destination: Destination): Target {
  const label =
    destination.kind === 'dm'
      ? 'you'
      : isTopic(destination)
        ? 'this topic'
        : destination.kind === 'group'
          ? 'this group'
          : 'this channel';
  return { destination, label, layers: layersFor(destination) };
}

/**
 * Target of a member command (`/subscribe`, `/unsubscribe`, `/subscriptions`, `/settings`, `/mute`,
 * `/quiet`). `symbol` (already validated) goes into the deep link a non-admin gets for `/subscribe`.
 */
export async function resolveMemberTarget(
  ctx: CommandContext,
  intent: MemberIntent,
  symbol?: string,
): Promise<TargetResult> {
  const place = ctx.place;
  if (place.kind !== 'group') return { ok: true, target: targetOf(dmDestination(ctx)) };
  if (await ctx.isModerator()) {
    // Inside a forum topic the topic is the destination (Telegram; General has no thread id).
    const group: Destination =
      place.threadId !== undefined && ctx.platform === 'telegram'
        ? topicDestination(place.chatId, place.threadId)
        : { platform: ctx.platform, kind: 'group', id: place.chatId, parentId: place.chatId };
    return { ok: true, target: targetOf(group) };
  }
  if (intent === 'subscribe' && symbol !== undefined) {
    const reply: Reply = {
      ...infoReply([
        `Only group admins can add alerts to this group.`,
        `To get ${symbol} alerts yourself, subscribe in a private chat with me: tap the button below.`,
      ]),
      deepLinkPayload: `sub_${symbol}`,
    };
    return { ok: false, reply };
  }
  const what =
    intent === 'settings'
      ? "this group's alert settings"
      : intent === 'alerts'
        ? "this group's price alerts"
        : "this group's subscriptions";
  return {
    ok: false,
    reply: errorReply(
      `Only group admins can change ${what}.`,
      'To manage your own alerts, send me this command in a private chat.',
    ),
  };
}

/** The `channel` option of every `/channel ...` command: a channel id, default the one asked in. */
export const CHANNEL_OPTION: OptionSpec = {
  name: 'channel',
  description: 'Channel (default: this one)',
  type: 'channel',
  maxLength: 32,
};

/** The platforms that have `/channel ...` commands. */
export const CHANNEL_PLATFORMS = ['discord', 'console'] as const;

/**
 * Target of a `/channel ...` subcommand: requires a guild channel and a moderator (checked here, on
 * every call). `channelId` (the `[channel]` option) must resolve through the platform to a channel of
 * the same guild; default is the current channel.
 */
export async function resolveChannelTarget(ctx: CommandContext, channelId?: string): Promise<TargetResult> {
  const place = ctx.place;
  if (place.kind !== 'channel') {
    return { ok: false, reply: errorReply('/channel commands work in a server channel only.') };
  }
  if (!(await ctx.isModerator())) {
    return {
      ok: false,
      reply: errorReply('Only moderators (Manage Channels or Manage Server) can configure channel alerts.'),
    };
  }
  if (channelId === undefined || channelId === '' || channelId === place.channelId) {
    return {
      ok: true,
      target: targetOf({
        platform: ctx.platform,
        kind: 'channel',
        id: place.channelId,
        parentId: place.parentId,
      }),
    };
  }
  if (!ctx.resolveChannel) return { ok: false, reply: errorReply("I can't check other channels here.") };
  const resolved = await ctx.resolveChannel(channelId);
  if (!resolved.ok) {
    return { ok: false, reply: errorReply(`I can't use that channel: ${resolved.reason.slice(0, 160)}`) };
  }
  const d = resolved.destination;
  // Defence in depth: whatever the platform resolved must be a channel of this very guild.
  if (d.kind !== 'channel' || d.platform !== ctx.platform || d.parentId !== place.parentId) {
    return { ok: false, reply: errorReply('That channel is not in this server.') };
  }
  return { ok: true, target: targetOf(d) };
}

/**
 * The one entry point: `channel` for `/channel ...` subcommands (with the optional `[channel]`
 * option), a MemberIntent for member commands (with the validated symbol for the deep link).
 */
export function resolveTarget(
  ctx: CommandContext,
  intent: MemberIntent | 'channel',
  opts: { readonly symbol?: string; readonly channelId?: string } = {},
): Promise<TargetResult> {
  return intent === 'channel'
    ? resolveChannelTarget(ctx, opts.channelId)
    : resolveMemberTarget(ctx, intent, opts.symbol);
}
