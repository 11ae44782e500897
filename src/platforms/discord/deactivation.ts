import type { Guild, GuildBasedChannel } from 'discord.js';
import { type Destination, destinationKey } from '../../domain/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';
import { type Locale, SOURCE_LOCALE, supportedLocale } from '../../i18n/locales.js';
import type { Logger } from '../../obs/logger.js';
import type { DeactivationReason } from '../../store/ports.js';
import { pickNoticeChannel } from './channels.js';
import { esc, NO_MENTIONS } from './render.js';
import type { DiscordSender } from './sender.js';

/** Catalog ids of the reasons moderators are told about. */
const WHY: Readonly<Partial<Record<DeactivationReason, string>>> = {
  missing_permissions: 'discord-deactivated-permissions',
  not_found: 'discord-deactivated-not-found',
};

/**
 * The notice in `t`'s language: the catalog sentence is escaped as plain text, then the channel mention
 * and the command (markup the code builds) take the places of their placeholders.
 */
export function deactivationNotice(t: Translate, why: string, channelLabel: string): string {
  const markup: Record<string, string> = { channel: channelLabel, command: '`/channel subscribe`' };
  const marker = (k: string) => `\uE000${k}\uE000`;
  const text = esc(t('discord-deactivated', { channel: marker('channel'), command: marker('command'), why }));
  return text.replace(/\uE000(\w+)\uE000/g, (_m, k: string) => markup[k] ?? '');
}

export interface DeactivationDeps {
  readonly logger: Logger;
  /** Epoch ms. */
  readonly now: () => number;
  readonly sender: Pick<DiscordSender, 'post'>;
  /** The bot's user id (= application id): its member in the guild, for permission checks. */
  readonly botUserId: string;
  /** The guild of a channel destination (shard cache, else REST); undefined when the bot cannot see it. */
  readonly guildOf: (dest: Destination) => Promise<Guild | undefined>;
}

/**
 * Tells a guild's moderators, once a day at most per channel and reason, that a channel stopped getting
 * alerts and why (in the system channel or the first one the bot can write to). Never throws.
 */
export function deactivationReporter(d: DeactivationDeps) {
  // channel+reason → epoch ms of the last report: one notice a day at most, even if a channel is
  // re-subscribed and fails again.
  const reported = new Map<string, number>();
  return async (dest: Destination, reason: string, language?: Locale): Promise<void> => {
    try {
      if (dest.platform !== 'discord' || dest.kind !== 'channel') {
        // DMs (50007): the member is told the next time they use a command (commands layer).
        d.logger.info({ kind: dest.kind, reason }, 'discord destination deactivated');
        return;
      }
      const why = WHY[reason as DeactivationReason];
      const key = `${destinationKey(dest)}:${reason}`;
      const last = reported.get(key);
      if (!why || (last !== undefined && d.now() - last < 86_400_000)) return;
      const guild = await d.guildOf(dest);
      if (!guild) {
        d.logger.warn({ channel: dest.id, reason }, 'discord: no guild to report a deactivated channel to');
        return;
      }
      const target = await pickNoticeChannel(guild, dest.id, d.botUserId);
      if (!target) {
        d.logger.warn({ guild: guild.id, reason }, 'discord: no channel where moderators can be told');
        return;
      }
      const known: GuildBasedChannel | undefined = guild.channels.cache.get(dest.id);
      const label = known ? `<#${dest.id}> (#${esc(known.name, 100)})` : `<#${dest.id}>`;
      // The channel's language (its settings, else the server default's), else the server's
      // guild_locale: the notice is for the moderators who set it up, in a shared channel.
      const t = translatorFor(language ?? supportedLocale(guild.preferredLocale) ?? SOURCE_LOCALE);
      const content = deactivationNotice(t, t(why), label);
      reported.set(key, d.now());
      await d.sender.post(
        target.id,
        [{ content, allowed_mentions: NO_MENTIONS }],
        `deactivated:${key}:${last ?? 0}`,
      );
      d.logger.info(
        { guild: guild.id, channel: dest.id, reason, noticeIn: target.id },
        'discord: moderators told',
      );
    } catch (err) {
      d.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'discord: deactivation report failed',
      );
    }
  };
}
