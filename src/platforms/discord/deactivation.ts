import type { Guild, GuildBasedChannel } from 'discord.js';
import { type Destination, destinationKey } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';
import type { DeactivationReason } from '../../store/ports.js';
import { pickNoticeChannel } from './channels.js';
import { esc, NO_MENTIONS } from './render.js';
import type { DiscordSender } from './sender.js';

const WHY: Readonly<Partial<Record<DeactivationReason, string>>> = {
  missing_permissions:
    'I lack permission to post there. Give me View Channel, Send Messages and Embed Links in that channel',
  not_found: 'the channel no longer exists (or I can no longer see it)',
};

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
  return async (dest: Destination, reason: string): Promise<void> => {
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
      const content =
        `⚠️ tokenwatch stopped posting alerts to ${label}: ${why}. ` +
        'A moderator can fix that and run `/channel subscribe` there again.';
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
