import {
  type Client,
  type Guild,
  type GuildMember,
  type GuildTextBasedChannel,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import type { Destination } from '../../domain/types.js';
import type { Translate } from '../../i18n/catalog.js';
import { POSTABLE_CHANNEL_TYPES } from './slash.js';

/** What the bot needs in a channel to post alerts: see it, write, and embed. */
export const ALERT_CHANNEL_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;

/** Catalog ids of Discord's own permission names (its settings show them in the member's language). */
const PERMISSION_NAMES: ReadonlyArray<readonly [bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'discord-perm-view-channel'],
  [PermissionFlagsBits.SendMessages, 'discord-perm-send-messages'],
  [PermissionFlagsBits.EmbedLinks, 'discord-perm-embed-links'],
];

export type Resolved = { ok: true; destination: Destination } | { ok: false; reason: string };

/** The bot as a member of the guild: cached (gateway), else over REST (HTTP interactions: no gateway). */
async function botMember(guild: Guild, botUserId?: string): Promise<GuildMember | undefined> {
  try {
    // `members.me` reads client.user, which a client that never logged in does not have.
    if (guild.client.user && guild.members.me) return guild.members.me;
    const id = guild.client.user?.id ?? botUserId;
    return id ? await guild.members.fetch(id) : undefined;
  } catch {
    return undefined;
  }
}

const isPostable = (type: number) => (POSTABLE_CHANNEL_TYPES as readonly number[]).includes(type);

/**
 * `/channel subscribe ... channel:#x`: only a text or announcement channel of the SAME guild where the
 * bot can view, send and embed. Anything else gets a plain-text reason in `t`'s language (no ids echoed
 * from elsewhere).
 */
export async function resolveGuildChannel(
  client: Client,
  guildId: string,
  channelId: string,
  t: Translate,
  /** The bot's user id when the client never logged in (HTTP interactions). */
  botUserId?: string,
): Promise<Resolved> {
  if (!/^\d{1,25}$/.test(channelId)) return { ok: false, reason: t('discord-channel-invalid') };
  // Without a gateway session nothing is cached: the guild (with its roles) comes over REST.
  const guild =
    client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => undefined));
  if (!guild) return { ok: false, reason: t('discord-not-in-server') };
  let channel = guild.channels.cache.get(channelId);
  if (!channel) {
    const fetched = await client.channels.fetch(channelId).catch(() => null);
    if (fetched && !fetched.isDMBased() && fetched.guildId !== guildId) {
      return { ok: false, reason: t('discord-channel-other-server') };
    }
    if (!fetched || fetched.isDMBased()) return { ok: false, reason: t('discord-channel-not-found') };
    channel = fetched;
  }
  if (channel.guildId !== guildId) return { ok: false, reason: t('discord-channel-other-server') };
  if (!isPostable(channel.type)) return { ok: false, reason: t('discord-channel-not-postable') };
  const me = await botMember(guild, botUserId);
  const perms = me ? channel.permissionsFor(me) : null;
  const missing = PERMISSION_NAMES.filter(([bit]) => !perms?.has(bit)).map(([, id]) => t(id));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: t('discord-channel-missing-permissions', { permissions: missing.join(', ') }),
    };
  }
  return {
    ok: true,
    destination: { platform: 'discord', kind: 'channel', id: channel.id, parentId: guildId },
  };
}

/**
 * Where to tell a guild's moderators that a channel stopped: the system channel if the bot can post
 * there, else the first (by position) text channel where it can. Never the channel that failed.
 */
export async function pickNoticeChannel(
  guild: Guild,
  exclude: string,
  botUserId?: string,
): Promise<GuildTextBasedChannel | undefined> {
  const me = await botMember(guild, botUserId);
  if (!me) return undefined;
  const need = new PermissionsBitField([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]);
  const canPost = (c: GuildTextBasedChannel) =>
    c.id !== exclude && isPostable(c.type) && (c.permissionsFor(me)?.has(need) ?? false);
  const system = guild.systemChannel;
  if (system && canPost(system)) return system;
  const candidates = [...guild.channels.cache.values()]
    .filter((c): c is GuildTextBasedChannel => c.isTextBased() && !c.isThread() && !c.isVoiceBased())
    .filter(canPost)
    .sort((a, b) => ('position' in a && 'position' in b ? a.position - b.position : 0));
  return candidates[0];
}

export type RoleCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * `/channel subscribe ... ping:@role`: the role must be of this guild (never @everyone), and the bot must
 * be able to ping it in the channel: the role is mentionable, or the bot has Mention @everyone, @here and
 * All Roles there. Otherwise the moderator is told what to change (at subscribe time, not at alert time).
 */
export async function checkPingRole(
  client: Client,
  guildId: string,
  roleId: string,
  channelId: string,
  t: Translate,
  botUserId?: string,
): Promise<RoleCheck> {
  // HTTP interactions run without a gateway session, so nothing is cached: the guild comes over REST.
  const guild =
    client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => undefined));
  if (!guild) return { ok: false, reason: t('discord-not-in-server') };
  if (roleId === guildId) return { ok: false, reason: t('discord-role-everyone') };
  const role = guild.roles.cache.get(roleId) ?? (await guild.roles.fetch(roleId).catch(() => null));
  if (!role) return { ok: false, reason: t('discord-role-not-here') };
  if (role.mentionable) return { ok: true, name: role.name };
  const me = await botMember(guild, botUserId);
  const channel = guild.channels.cache.get(channelId);
  const perms = me ? (channel ? channel.permissionsFor(me) : me.permissions) : null;
  if (perms?.has(PermissionFlagsBits.MentionEveryone)) return { ok: true, name: role.name };
  return { ok: false, reason: t('discord-role-not-mentionable', { role: `@${role.name}` }) };
}
