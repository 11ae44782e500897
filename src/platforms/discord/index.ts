import { Client, GatewayIntentBits, type Guild, type Interaction } from 'discord.js';
import type { Destination } from '../../domain/types.js';
import { realTimers, type Timers } from '../../market/streams/timers.js';
import {
  type PlatformDeps,
  type PlatformLink,
  type PlatformReceiver,
  type SenderDeps,
  withReceiver,
} from '../types.js';
import { deactivationReporter } from './deactivation.js';
import { type ShardGateway, shardGateway } from './gateway.js';
import { httpInteractions, INTERACTIONS_PATH } from './http-interactions.js';
import type { InteractionDeps } from './interaction-core.js';
import { handleInteraction } from './interactions.js';
import { inviteUrl } from './invite.js';
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
  // Guild and channel lookups over REST (HTTP interactions have no gateway cache; another replica's shards
  // are not in this one's).
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
    onShards: (held, total) => {
      deps.metrics.discordShards.set({ kind: 'held' }, held);
      deps.metrics.discordShards.set({ kind: 'total' }, total);
    },
    ...(opts.readyTimeoutMs !== undefined ? { readyTimeoutMs: opts.readyTimeoutMs } : {}),
  });

  /** A guild from this replica's shards, else over REST (another replica's shard, or HTTP interactions). */
  async function guildOf(dest: Destination): Promise<Guild | undefined> {
    for (const client of gateway.clients()) {
      if (dest.parentId && client.guilds.cache.has(dest.parentId))
        return client.guilds.cache.get(dest.parentId);
      const ch = client.channels.cache.get(dest.id);
      if (ch && !ch.isDMBased()) return ch.guild;
    }
    if (!dest.parentId) return undefined;
    const guild = await lookups()
      .guilds.fetch(dest.parentId)
      .catch(() => undefined);
    await guild?.channels.fetch().catch(() => undefined);
    return guild;
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
    reportDeactivation: deactivationReporter({ logger, now, sender, botUserId: cfg.applicationId, guildOf }),
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
