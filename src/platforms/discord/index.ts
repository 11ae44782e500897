import { Client, GatewayIntentBits, type Guild, type GuildBasedChannel, type Interaction } from 'discord.js';
import { type Destination, destinationKey } from '../../domain/types.js';
import { realTimers, type Timers } from '../../market/streams/timers.js';
import type { DeactivationReason } from '../../store/ports.js';
import {
  type PlatformDeps,
  type PlatformLink,
  type PlatformReceiver,
  type SenderDeps,
  withReceiver,
} from '../types.js';
import { pickNoticeChannel } from './channels.js';
import { type ShardGateway, shardGateway } from './gateway.js';
import { httpInteractions, INTERACTIONS_PATH } from './http-interactions.js';
import type { InteractionDeps } from './interaction-core.js';
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
  /** DISCORD_SHARDS: `auto` (default: Discord's recommendation) or a shard count. */
  readonly shards?: number | 'auto';
  /** DISCORD_INTERACTIONS: `gateway` (default) or `http` (POST /discord/interactions; no gateway session). */
  readonly interactions?: 'gateway' | 'http';
  /** DISCORD_PUBLIC_KEY (hex): verifies HTTP interactions. Required with `interactions: 'http'`. */
  readonly publicKey?: string;
}

export interface DiscordPlatformOptions {
  /** Epoch ms clock for command contexts. Default Date.now. */
  readonly now?: () => number;
  /** How long start() waits for a shard to be ready (ms). Default 30 s plus 5 s per identify round. */
  readonly readyTimeoutMs?: number;
  /** This process's id: shard leases and identify pacing are claimed under it. Default a fixed name. */
  readonly instanceId?: string;
  /**
   * Several replicas may share the store (Redis): shards are spread over them by lease. Default false:
   * this process runs every shard.
   */
  readonly shared?: boolean;
  readonly timers?: Timers;
}

export interface DiscordLink extends PlatformLink {
  readonly platform: 'discord';
  readonly sender: DiscordSender;
  /** The connected shards' discord.js clients (tests, diagnostics): empty before start. */
  clients(): Client[];
  /** Where every received interaction goes (each shard client's listener calls it). */
  readonly onInteraction: (i: Interaction) => Promise<void>;
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
  let commands: PlatformDeps['commands'] | undefined;
  const interactionDeps = (): InteractionDeps | undefined =>
    commands && {
      commands,
      logger,
      now,
      onLost: (code) => deps.metrics.interactionsLost.inc({ code: String(code) }),
    };
  const onInteraction = async (i: Interaction) => {
    const d = interactionDeps();
    if (d) await handleInteraction(i, d);
  };
  // HTTP interactions: no gateway session; guild and channel lookups go over REST with this client.
  let restClient: Client | undefined;
  const lookups = () => {
    if (!restClient) {
      restClient = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: cfg.apiBase, version: '10' },
      });
      restClient.rest.setToken(cfg.token);
    }
    return restClient;
  };
  const gateway: ShardGateway = shardGateway({
    cfg,
    logger,
    onInteraction: (i) => void onInteraction(i),
    lock: deps.store.ticks,
    owner: opts.instanceId ?? 'tokenwatch',
    now,
    timers: opts.timers ?? realTimers,
    shared: opts.shared ?? false,
    ...(opts.readyTimeoutMs !== undefined ? { readyTimeoutMs: opts.readyTimeoutMs } : {}),
  });

  async function guildOf(dest: Destination): Promise<Guild | undefined> {
    for (const client of gateway.clients()) {
      if (dest.parentId && client.guilds.cache.has(dest.parentId))
        return client.guilds.cache.get(dest.parentId);
      const ch = client.channels.cache.get(dest.id);
      if (ch && !ch.isDMBased()) return ch.guild;
    }
    return undefined;
  }

  return {
    platform: 'discord',
    sender,
    clients: () => gateway.clients(),
    onInteraction,
    inviteUrl: invite,
    receiver(c) {
      commands = c;
      if (cfg.interactions === 'http') return httpReceiver(cfg, lookups, interactionDeps, logger, invite);
      return gatewayReceiver(gateway, logger, invite, opts.shared ?? false);
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
        const target = await pickNoticeChannel(guild, dest.id, cfg.applicationId);
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

/** The gateway shards that receive interactions: started once, retried by the app after a failure. */
function gatewayReceiver(
  gateway: ShardGateway,
  logger: SenderDeps['logger'],
  invite: string,
  shared: boolean,
): PlatformReceiver {
  let started = false;
  return {
    async start() {
      if (started) return;
      logger.info({ inviteUrl: invite }, 'discord: invite the bot with this URL (least privilege)');
      try {
        await gateway.start();
      } catch (err) {
        // discord.js and REST messages never contain the token ("An invalid token was provided.").
        const why = err instanceof Error ? err.message : String(err);
        throw new Error(why.startsWith('discord login failed') ? why : `discord login failed: ${why}`);
      }
      started = true;
      const shards = gateway.shards();
      // Shared: shards connect as their leases are won (logged per shard); alone: all are ready now.
      if (!shared) logger.info({ shards: shards.length, guilds: guildCount(gateway) }, 'discord ready');
    },
    async stop() {
      started = false;
      await gateway.stop();
    },
  };
}

/** DISCORD_INTERACTIONS=http: interactions arrive as signed POSTs on the app's HTTP server. */
function httpReceiver(
  cfg: DiscordPlatformConfig,
  lookups: () => Client,
  interactions: () => InteractionDeps | undefined,
  logger: SenderDeps['logger'],
  invite: string,
): PlatformReceiver {
  if (!cfg.publicKey) throw new Error('DISCORD_PUBLIC_KEY is required with DISCORD_INTERACTIONS=http');
  const http = httpInteractions({
    publicKey: cfg.publicKey,
    token: cfg.token,
    apiBase: cfg.apiBase,
    applicationId: cfg.applicationId,
    client: lookups(),
    logger,
    interactions,
  });
  return {
    async start() {
      logger.info({ inviteUrl: invite }, 'discord: invite the bot with this URL (least privilege)');
      logger.info(
        { path: INTERACTIONS_PATH },
        'discord ready: interactions over HTTP (set the Interactions Endpoint URL to https://<your host>/discord/interactions)',
      );
    },
    async stop() {
      await lookups().destroy();
    },
    handleHttp: (req, res) => http.handleHttp(req, res),
  };
}

function guildCount(gateway: ShardGateway): number {
  return gateway.clients().reduce((n, c) => n + c.guilds.cache.size, 0);
}

/** Both halves at once (a Discord bot run on its own: tests, tools). */
export function createDiscordPlatform(
  cfg: DiscordPlatformConfig,
  deps: PlatformDeps,
  opts: DiscordPlatformOptions = {},
): DiscordPlatform {
  return withReceiver(openDiscord(cfg, deps, opts), deps.commands);
}
