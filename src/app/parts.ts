import { join } from 'node:path';
import { createCommandRateLimiter } from '#commands/limits.js';
import type { CommandDeps, MarketView } from '#commands/types.js';
import { type ChartService, chartService } from '../charts/index.js';
import type { Config } from '../config/index.js';
import { readSecret, secretsOf } from '../config/index.js';
import { createOutbox } from '../delivery/index.js';
import type { Outbox, PlatformSender } from '../delivery/ports.js';
import type { MarketSource, TokenDirectory } from '../domain/market.js';
import type { Destination, Platform } from '../domain/types.js';
import { viewOf } from '../engine/index.js';
import type { PriceWiring } from '../live/wiring.js';
import type { MarketStatus, TokenMetricsSource } from '../market/index.js';
import { createReplaySource, createTokenMetricsSource } from '../market/index.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import { createScrubber } from '../obs/scrub.js';
import type { ProfileTracker } from '../pipeline/profiles.js';
import { readSnapshot } from '../pipeline/snapshot.js';
import type { PlatformAdapter, PlatformDeps } from '../platforms/types.js';
import { redisClientOf } from '../store/index.js';
import type { Store } from '../store/ports.js';

/**
 * A market source the app can use: data, symbol lookup, and optionally a close(), its status (demo data,
 * endpoints the plan refuses), a key reload and measured costs (the live client has them all).
 */
export type AppMarket = MarketSource &
  TokenDirectory &
  Partial<MarketStatus> &
  Partial<Pick<TokenMetricsSource, 'reloadKey' | 'costs' | 'credits' | 'extraPerDay'>> & {
    close?(): Promise<void> | void;
  };

/**
 * The parts the composition root (create-app.ts) builds the app from: market, platforms, commands, charts
 * and outbox. Each takes what it needs explicitly; nothing here holds state of its own.
 */
export function buildMarket(
  config: Config,
  store: Store,
  logger: Logger,
  metrics: Metrics,
  now: () => number,
): AppMarket {
  if (config.tm.source === 'api' && config.tm.apiKey) {
    return createTokenMetricsSource({
      apiKey: config.tm.apiKey,
      // A 401 re-reads the key file once before an endpoint is called refused (rotation in place).
      readKey: () => readSecret('TM_API_KEY'),
      baseUrl: config.tm.baseUrl,
      store,
      monthlyCalls: config.tm.monthlyCalls,
      reserve: config.tm.reserve,
      logger: logger.child({ component: 'market' }),
      metrics,
      now,
    });
  }
  // main refuses a start with a platform token and no key; here only tests, the demo and TM_SOURCE=replay.
  logger.info('running on the bundled replay data: every alert says "demo data"');
  return createReplaySource(undefined, { metrics });
}

export async function buildPlatforms(config: Config, deps: PlatformDeps): Promise<PlatformAdapter[]> {
  const out: PlatformAdapter[] = [];
  // Imported lazily: a process without Discord never loads discord.js, and vice versa.
  if (config.telegram) {
    const { createTelegramPlatform } = await import('../platforms/telegram/index.js');
    out.push(createTelegramPlatform(config.telegram, deps));
  }
  if (config.discord) {
    const { createDiscordPlatform } = await import('../platforms/discord/index.js');
    out.push(createDiscordPlatform(config.discord, deps));
  }
  return out;
}

/** Commands see the stores; every settings change is reported to the profile tracker. */
export function buildCommands(
  config: Config,
  store: Store,
  market: AppMarket,
  profiles: ProfileTracker,
  prices: { wiring?: PriceWiring },
  metrics: Metrics,
  charts?: ChartService,
): CommandDeps {
  const stateOf = async (tokenId: number) => {
    const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
    return raw === undefined ? undefined : readSnapshot(raw).state;
  };
  const marketView: MarketView = {
    unavailable: () => market.unavailableKinds?.() ?? [],
    async view(tokenId) {
      const state = await stateOf(tokenId);
      if (!state) return undefined;
      if (!prices.wiring) return viewOf(state);
      await prices.wiring.prepare(); // a replica without the streams reads the holder's live set
      return prices.wiring.decorate(viewOf(state), state);
    },
    state: stateOf, // /why
    priceSource: market.demo === true ? 'the replay data' : 'Token Metrics',
  };
  return {
    ...(charts ? { charts } : {}),
    store: {
      priceAlerts: store.priceAlerts,
      subscriptions: store.subscriptions,
      destinations: store.destinations,
      // /stats and /why (issue 12)
      outcomes: store.outcomes,
      suppressions: store.suppressions,
      marks: store.marks,
      counters: store.counters,
      settings: {
        get: (scope) => store.settings.get(scope),
        getMany: (scopes) => store.settings.getMany(scopes),
        async update(scope, patch) {
          const r = await store.settings.update(scope, patch);
          await profiles.noteSettingsChange(patch);
          return r;
        },
      },
    },
    directory: market,
    market: marketView,
    limits: {
      maxSubscriptionsPerDestination: config.maxSubscriptionsPerDestination ?? 25,
      ...config.commandLimits,
    },
    // Window counters live in the store, so replicas on one Redis share each user's budget.
    limiter: createCommandRateLimiter(store.counters, config.commandLimits?.commandWindowMs),
    onLimit: (limit, platform) => metrics.commandLimits.inc({ limit, platform }),
  };
}

/** Charts for /chart and level alerts: the stored price history and engine view, one cache per process. */
export function buildCharts(store: Store): ChartService {
  return chartService({
    history: store.priceHistory,
    async view(tokenId) {
      const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
      const state = raw === undefined ? undefined : readSnapshot(raw).state;
      return state ? viewOf(state) : undefined;
    },
  });
}

export interface OutboxDeps {
  readonly store: Store;
  readonly platforms: readonly PlatformAdapter[];
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
}

export function buildOutbox(config: Config, kind: OutboxKind, d: OutboxDeps): Outbox {
  const { platforms, logger } = d;
  return createOutbox({
    kind,
    file: join(config.dataDir, 'outbox.db'),
    dataDir: config.dataDir,
    // A Redis store's client is shared with the BullMQ outbox (one connection fewer per replica).
    ...(config.redisUrl ? { redisUrl: config.redisUrl, redisConnection: redisClientOf(d.store) } : {}),
    prefix: outboxPrefixOf(config),
    senders: new Map<Platform, PlatformSender>(platforms.map((p) => [p.platform, p.sender])),
    store: d.store,
    logger: logger.child({ component: 'outbox' }),
    metrics: d.metrics,
    now: d.now,
    // Dead-letter records keep the error text: no secret in any form may end up there.
    scrub: createScrubber(secretsOf(config)),
    onDeactivated: async (destination: Destination, reason) => {
      const p = platforms.find((x) => x.platform === destination.platform);
      try {
        await p?.reportDeactivation?.(destination, reason);
      } catch (err) {
        logger.warn({ err, platform: destination.platform }, 'deactivation report failed');
      }
    },
    ...config.outboxTuning,
  });
}

export type OutboxKind = 'memory' | 'sqlite' | 'redis';
export const DEFAULT_KEY_PREFIX = 'tokenwatch:';
/** BullMQ's prefix. On Redis Cluster every key of a queue must hash to one slot: the prefix is a hash tag. */
export function outboxPrefixOf(config: Config): string {
  const base = `${(config.keyPrefix ?? DEFAULT_KEY_PREFIX).replace(/[{}]/g, '').replace(/:+$/, '')}-outbox`;
  return config.redisClusterNodes ? `{${base}}` : base;
}
