import { generalOf, isTopic, topicDestination } from '#src/domain/topics.js';
import { type Destination, destinationKey } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
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

/** Which layer a setting comes from, for `/settings` (`proximity: 1.5% (this group)`). */
export type LayerSource = 'yours' | 'group' | 'topic' | 'channel' | 'group-default' | 'server-default';

/** One settings layer; `scope` is a SettingsStore scope. */
export interface SettingsLayer {
  /** English name of the layer (kept for callers not yet localized; replies use `source`). */
  readonly label: string;
  readonly source: LayerSource;
  readonly scope: string;
}

/**
 * Who a target is, for replies: messages select their grammar on it (`{ $who -> [you] … }`), since
 * Spanish, Portuguese and Russian inflect "you" / "this group" differently per sentence.
 */
export type TargetWho = 'you' | 'group' | 'topic' | 'channel';

export interface Target {
  readonly destination: Destination;
  /**
   * English name: `you`, `this group`, `this topic`, `this channel`. Stable (other code compares it);
   * localized replies select on `targetWho(destination)` in the message, or use `targetName`.
   */
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
  const own: SettingsLayer =
    d.kind === 'dm'
      ? { label: 'yours', source: 'yours', scope: destinationKey(d) }
      : d.kind === 'group'
        ? { label: 'this group', source: 'group', scope: destinationKey(d) }
        : { label: 'this channel', source: 'channel', scope: destinationKey(d) };
  if (d.kind === 'dm' || d.parentId === undefined) return [own];
  const parent: SettingsLayer =
    d.kind === 'group'
      ? { label: 'group default', source: 'group-default', scope: parentScope(d.platform, d.parentId) }
      : { label: 'server default', source: 'server-default', scope: parentScope(d.platform, d.parentId) };
  // A forum topic inherits its group's settings: the group's own layer sits under the topic's.
  if (isTopic(d))
    return [
      parent,
      { ...own, scope: destinationKey(generalOf(d)) },
      { label: 'this topic', source: 'topic', scope: own.scope },
    ];
  return [parent, own];
}

const LABELS: Readonly<Record<TargetWho, string>> = {
  you: 'you',
  group: 'this group',
  topic: 'this topic',
  channel: 'this channel',
};

/** Who a destination is, for replies' grammar. */
export function targetWho(destination: Destination): TargetWho {
  return destination.kind === 'dm'
    ? 'you'
    : isTopic(destination)
      ? 'topic'
      : destination.kind === 'group'
        ? 'group'
        : 'channel';
}

function targetOf(destination: Destination): Target {
  return { destination, label: LABELS[targetWho(destination)], layers: layersFor(destination) };
}

/** A target's name on its own (`you`, `this group`), in the translator's language. */
export function targetName(t: Translate, who: TargetWho): string {
  return t(`target-${who}`);
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
      ...infoReply([ctx.t('target-admins-add'), ctx.t('target-subscribe-privately', { symbol })]),
      deepLinkPayload: `sub_${symbol}`,
    };
    return { ok: false, reply };
  }
  const refusal =
    intent === 'settings'
      ? ctx.t('target-admins-settings')
      : intent === 'alerts'
        ? ctx.t('target-admins-alerts')
        : ctx.t('target-admins-subscriptions');
  return { ok: false, reply: errorReply(refusal, ctx.t('target-use-private')) };
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
    return { ok: false, reply: errorReply(ctx.t('target-channel-only')) };
  }
  if (!(await ctx.isModerator())) {
    return {
      ok: false,
      reply: errorReply(ctx.t('target-moderators-only')),
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
  if (!ctx.resolveChannel) return { ok: false, reply: errorReply(ctx.t('target-no-other-channels')) };
  const resolved = await ctx.resolveChannel(channelId, ctx.t);
  if (!resolved.ok) {
    return {
      ok: false,
      reply: errorReply(ctx.t('target-channel-refused', { reason: resolved.reason.slice(0, 160) })),
    };
  }
  const d = resolved.destination;
  // Defence in depth: whatever the platform resolved must be a channel of this very guild.
  if (d.kind !== 'channel' || d.platform !== ctx.platform || d.parentId !== place.parentId) {
    return { ok: false, reply: errorReply(ctx.t('target-other-server')) };
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
