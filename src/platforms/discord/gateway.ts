import { Client, Events, GatewayIntentBits, type Interaction, REST, Routes } from 'discord.js';
import type { Timers } from '../../market/streams/timers.js';
import type { Logger } from '../../obs/logger.js';
import { ShareCoordinator } from '../../replicas/shares.js';
import type { TickLock } from '../../store/ports.js';
import type { PlatformReceiver } from '../types.js';
import { NO_MENTIONS } from './render.js';

/** How many shards and how fast they may identify: GET /gateway/bot, or DISCORD_SHARDS. */
export interface ShardPlan {
  readonly count: number;
  /** What Discord recommends (`shards` of GET /gateway/bot). */
  readonly recommended: number;
  /** `session_start_limit.max_concurrency`: identifies allowed per 5 s (one per bucket `id % this`). */
  readonly maxConcurrency: number;
}

/** DISCORD_SHARDS `auto` takes Discord's recommendation; a number overrides it (pacing still from Discord). */
export async function shardPlan(
  cfg: { token: string; apiBase: string },
  wanted: number | 'auto',
): Promise<ShardPlan> {
  const rest = new REST({ api: cfg.apiBase, version: '10' }).setToken(cfg.token);
  const info = (await rest.get(Routes.gatewayBot())) as {
    shards?: number;
    session_start_limit?: { max_concurrency?: number };
  };
  const recommended = Number.isInteger(info.shards) && (info.shards ?? 0) > 0 ? (info.shards as number) : 1;
  const mc = info.session_start_limit?.max_concurrency;
  return {
    count: wanted === 'auto' ? recommended : wanted,
    recommended,
    maxConcurrency: Number.isInteger(mc) && (mc ?? 0) > 0 ? (mc as number) : 1,
  };
}

/**
 * Identifies: `max_concurrency` buckets, one identify per bucket per 5 s (Discord's session start limit).
 * The slot is held half a second longer: the IDENTIFY goes out a moment after the claim, and that moment
 * varies, so two IDENTIFYs of one bucket must never land closer than 5 s at Discord.
 */
const IDENTIFY_WINDOW_MS = 5_500;

/**
 * The identify pacing as a store slot per bucket held for 5 s, so every replica of the bot (and every
 * reconnect inside discord.js, which asks this throttler too) shares Discord's limit.
 */
function identifyThrottler(lock: TickLock, owner: string, maxConcurrency: number, now: () => number) {
  return {
    async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
      const slot = `discord-identify:${shardId % maxConcurrency}`;
      for (;;) {
        signal.throwIfAborted();
        if (await lock.claimSlot(slot, `${owner}#${shardId}`, IDENTIFY_WINDOW_MS, now())) return;
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
      }
    },
  };
}

export interface ShardGatewayDeps {
  readonly cfg: { token: string; apiBase: string; shards?: number | 'auto' };
  readonly logger: Logger;
  readonly onInteraction: (i: Interaction) => void;
  readonly lock: TickLock;
  readonly owner: string;
  readonly now: () => number;
  readonly timers: Timers;
  /**
   * Several replicas may share the store (Redis): shards are spread over them by lease. False (SQLite):
   * this process is the only one and runs every shard.
   */
  readonly shared: boolean;
  /** Called whenever the set of connected shards changes: how many this process runs, of how many. */
  readonly onShards?: (held: number, total: number) => void;
  /** How long start() waits for one shard to be ready (ms). Default 30000. */
  readonly readyTimeoutMs?: number;
}

export interface ShardGateway extends PlatformReceiver {
  /** The connected shard clients (caches of their guilds). */
  clients(): Client[];
  /** Shard ids this process runs now. */
  shards(): number[];
}

/**
 * The gateway side of the bot: one discord.js client per shard (`shards: [i]`, `shardCount`), so a
 * shard can move between replicas without touching the others. With a shared store the shards are
 * spread by ShareCoordinator (`discord-shard:<i>` leases); alone, this process runs them all.
 */
export function shardGateway(d: ShardGatewayDeps): ShardGateway {
  const log = d.logger;
  const clients = new Map<number, Client>();
  let plan: ShardPlan | undefined;
  let share: ShareCoordinator | undefined;
  const wanted = new Set<number>();
  /** Shards connected and READY. */
  const ready = new Set<number>();

  async function connect(i: number, count: number, mc: number): Promise<void> {
    const client = shardClient(d, i, count, mc);
    clients.set(i, client);
    await readyOrThrow(client, d.cfg.token, d.readyTimeoutMs ?? 30_000 + Math.ceil(count / mc) * 5_000);
    ready.add(i);
    d.onShards?.(ready.size, count);
    log.info({ shard: i, shards: count, guilds: client.guilds.cache.size }, 'discord shard ready');
  }

  async function disconnect(i: number): Promise<void> {
    const c = clients.get(i);
    clients.delete(i);
    if (ready.delete(i)) d.onShards?.(ready.size, plan?.count ?? 0);
    await c?.destroy().catch(() => undefined);
  }

  /** A shard this replica holds: connect it, retrying after a failure while the lease is still held. */
  function gain(i: number, p: ShardPlan): void {
    wanted.add(i);
    void connect(i, p.count, p.maxConcurrency).catch(async (err: unknown) => {
      await disconnect(i);
      if (!wanted.has(i)) return;
      log.warn(
        { shard: i, err: err instanceof Error ? err.message : String(err) },
        'discord shard failed to connect; retrying',
      );
      d.timers.setTimeout(() => wanted.has(i) && !clients.has(i) && gain(i, p), 5_000);
    });
  }

  function lose(i: number): void {
    wanted.delete(i);
    log.info({ shard: i }, 'discord shard handed over'); // to another replica, or its lease lapsed
    void disconnect(i);
  }

  /** Alone (SQLite): every shard, and start() resolves once all are ready. */
  async function startAll(p: ShardPlan): Promise<void> {
    try {
      for (let i = 0; i < p.count; i++) wanted.add(i);
      await Promise.all(Array.from({ length: p.count }, (_, i) => connect(i, p.count, p.maxConcurrency)));
    } catch (err) {
      plan = undefined; // start() is retried with backoff by the app: nothing may be left behind
      wanted.clear();
      await Promise.all([...clients.keys()].map(disconnect));
      throw err;
    }
  }

  return {
    clients: () => [...clients.values()],
    shards: () => [...clients.keys()].sort((a, b) => a - b),
    async start() {
      if (plan) return;
      const p = await shardPlan(d.cfg, d.cfg.shards ?? 'auto');
      plan = p;
      log.info(
        { shards: p.count, maxConcurrency: p.maxConcurrency, shared: d.shared },
        'discord shards planned',
      );
      if (!d.shared) return startAll(p);
      share = new ShareCoordinator({
        name: 'discord-shard',
        count: p.count,
        lock: d.lock,
        owner: d.owner,
        now: d.now,
        timers: d.timers,
        onGain: (i) => gain(i, p),
        onLose: lose,
        onError: (err) =>
          log.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'discord shard lease check failed',
          ),
      });
      await share.start();
    },
    async stop() {
      const s = share;
      share = undefined;
      plan = undefined;
      wanted.clear();
      // Leases first: the others take over at their next step while this replica disconnects.
      await s?.stop();
      await Promise.all([...clients.keys()].map(disconnect));
    },
  };
}

/** One shard's discord.js client: the Guilds intent only, identify paced through the store. */
function shardClient(d: ShardGatewayDeps, i: number, count: number, mc: number): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: [i],
    shardCount: count,
    rest: { api: d.cfg.apiBase, version: '10' },
    // Belt and braces: every send and reply also sets allowed_mentions explicitly.
    allowedMentions: NO_MENTIONS,
    ws: { buildIdentifyThrottler: () => identifyThrottler(d.lock, d.owner, mc, d.now) },
  });
  client.on(Events.InteractionCreate, d.onInteraction);
  client.on(Events.Error, (err) => d.logger.error({ err: err.message, shard: i }, 'discord client error'));
  client.on(Events.Warn, (msg) => d.logger.warn({ msg, shard: i }, 'discord client warning'));
  return client;
}

/** Logs in and waits for READY (bounded); discord.js messages never contain the token. */
async function readyOrThrow(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('discord gateway not ready in time')), timeoutMs);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  // If login fails first, the pending ready promise must not become an unhandled rejection.
  ready.catch(() => undefined);
  try {
    await client.login(token);
  } catch (err) {
    clearTimeout(timer);
    throw new Error(`discord login failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  await ready;
}
