import { Client, Events, GatewayIntentBits, type Guild, type GuildBasedChannel } from 'discord.js';
import { type Destination, destinationKey } from '../../domain/types.js';
import type { DeactivationReason } from '../../store/ports.js';
import {
  type PlatformDeps,
  type PlatformLink,
  type PlatformReceiver,
  type SenderDeps,
  withReceiver,
} from '../types.js';
import { pickNoticeChannel } from './channels.js';
import { handleInteraction } from './interactions.js';
import { inviteUrl } from './invite.js';
import { esc, NO_MENTIONS } from './render.js';
import { createDiscordSender, createSenderRest, type DiscordSender } from './sender.js';

export { inviteUrl } from './invite.js';
export { createDiscordSender, createSenderRest, nonceFor } from './sender.js';
export { toSlashCommands } from './slash.js';

/** `Config['discord']` (src/config): what the Discord side needs. */
export interface DiscordPlatformConfig {
  /** Bot token (secret: never logged). */
  readonly token: string;
  readonly applicationId: string;
  /** REST root, default `https://discord.com/api`; the gateway URL is looked up through it. */
  readonly apiBase: string;
  /** Only used by the deploy script (guild-scoped commands). */
  readonly guildId?: string;
}

export interface DiscordPlatformOptions {
  /** Epoch ms clock for command contexts. Default Date.now. */
  readonly now?: () => number;
  /** How long start() waits for the gateway to be ready (ms). Default 30000. */
  readonly readyTimeoutMs?: number;
}

export interface DiscordLink extends PlatformLink {
  readonly platform: 'discord';
  readonly sender: DiscordSender;
  /** The discord.js client (tests, diagnostics). */
  readonly client: Client;
  readonly inviteUrl: string;
}

export type DiscordPlatform = DiscordLink & PlatformReceiver;

const WHY: Readonly<Partial<Record<DeactivationReason, string>>> = {
  missing_permissions:
    'I lack permission to post there. Give me View Channel, Send Messages and Embed Links in that channel',
  not_found: 'the channel no longer exists (or I can no longer see it)',
};

/**
 * The Discord platform: a discord.js client (Guilds intent only) that receives slash commands,
 * autocomplete and button clicks, plus a REST sender for alerts that leaves retries and 429 handling to
 * the delivery layer. Commands are NOT registered here (see deploy.ts, `npm run deploy-commands`).
 */
export function openDiscord(
  cfg: DiscordPlatformConfig,
  deps: SenderDeps,
  opts: DiscordPlatformOptions = {},
): DiscordLink {
  const logger = deps.logger.child({ platform: 'discord' });
  const now = opts.now ?? Date.now;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: cfg.apiBase, version: '10' },
    // Belt and braces: every send and reply also sets allowed_mentions explicitly.
    allowedMentions: NO_MENTIONS,
  });
  const sender = createDiscordSender({
    rest: createSenderRest(cfg),
    secrets: [cfg.token],
    logger,
    ...(deps.alertCharts ? { charts: deps.alertCharts } : {}),
  });
  const invite = inviteUrl(cfg.applicationId);
  // channel+reason → epoch ms of the last report: one notice a day at most, even if a channel is
  // re-subscribed and fails again.
  const reported = new Map<string, number>();
  client.on(Events.Error, (err) => logger.error({ err: err.message }, 'discord client error'));
  client.on(Events.Warn, (msg) => logger.warn({ msg }, 'discord client warning'));

  async function guildOf(dest: Destination): Promise<Guild | undefined> {
    if (dest.parentId) return client.guilds.cache.get(dest.parentId);
    const ch = client.channels.cache.get(dest.id);
    return ch && !ch.isDMBased() ? ch.guild : undefined;
  }

  return {
    platform: 'discord',
    sender,
    client,
    inviteUrl: invite,
    receiver(commands) {
      client.on(Events.InteractionCreate, (i) => {
        void handleInteraction(i, {
          commands,
          logger,
          now,
          onLost: (code) => deps.metrics.interactionsLost.inc({ code: String(code) }),
        });
      });
      return gatewayReceiver(cfg, client, logger, invite, opts.readyTimeoutMs);
    },
    async reportDeactivation(dest, reason) {
      try {
        if (dest.platform !== 'discord' || dest.kind !== 'channel') {
          // DMs (50007): the member is told the next time they use a command (commands layer).
          logger.info({ kind: dest.kind, reason }, 'discord destination deactivated');
          return;
        }
        const why = WHY[reason as DeactivationReason];
        const key = `${destinationKey(dest)}:${reason}`;
        const last = reported.get(key);
        if (!why || (last !== undefined && now() - last < 86_400_000)) return;
        const guild = await guildOf(dest);
        if (!guild) {
          logger.warn({ channel: dest.id, reason }, 'discord: no guild to report a deactivated channel to');
          return;
        }
        const target = await pickNoticeChannel(guild, dest.id);
        if (!target) {
          logger.warn({ guild: guild.id, reason }, 'discord: no channel where moderators can be told');
          return;
        }
        const known: GuildBasedChannel | undefined = guild.channels.cache.get(dest.id);
        const label = known ? `<#${dest.id}> (#${esc(known.name, 100)})` : `<#${dest.id}>`;
        const content =
          `⚠️ tokenwatch stopped posting alerts to ${label}: ${why}. ` +
          'A moderator can fix that and run `/channel subscribe` there again.';
        reported.set(key, now());
        await sender.post(
          target.id,
          [{ content, allowed_mentions: NO_MENTIONS }],
          `deactivated:${key}:${last ?? 0}`,
        );
        logger.info(
          { guild: guild.id, channel: dest.id, reason, noticeIn: target.id },
          'discord: moderators told',
        );
      } catch (err) {
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'discord: deactivation report failed',
        );
      }
    },
  };
}

/** The gateway session that receives interactions: login, wait for READY (bounded), destroy on stop. */
function gatewayReceiver(
  cfg: DiscordPlatformConfig,
  client: Client,
  logger: SenderDeps['logger'],
  invite: string,
  readyTimeoutMs: number | undefined,
): PlatformReceiver {
  let started = false;
  return {
    async start() {
      if (started) return;
      started = true;
      logger.info({ inviteUrl: invite }, 'discord: invite the bot with this URL (least privilege)');
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error('discord gateway not ready in time')),
          readyTimeoutMs ?? 30_000,
        );
        client.once(Events.ClientReady, (c) => {
          clearTimeout(timer);
          logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'discord ready');
          resolve();
        });
      });
      // If login fails first, the pending ready promise must not become an unhandled rejection.
      ready.catch(() => undefined);
      try {
        await client.login(cfg.token);
      } catch (err) {
        clearTimeout(timer);
        // start() may be called again (the app retries with backoff): a failed login leaves nothing behind.
        started = false;
        await client.destroy().catch(() => undefined);
        // discord.js messages never contain the token ("An invalid token was provided.").
        throw new Error(`discord login failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await ready;
      } catch (err) {
        started = false;
        await client.destroy().catch(() => undefined);
        throw err;
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await client.destroy();
    },
  };
}

/** Both halves at once (a Discord bot run on its own: tests, tools). */
export function createDiscordPlatform(
  cfg: DiscordPlatformConfig,
  deps: PlatformDeps,
  opts: DiscordPlatformOptions = {},
): DiscordPlatform {
  return withReceiver(openDiscord(cfg, deps, opts), deps.commands);
}
