import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CommandDeps, MarketView } from '#commands/types.js';
import { alertCharts, type ChartService, chartService } from '../charts/index.js';
import type { Config } from '../config/index.js';
import { secretsOf } from '../config/index.js';
import { createOutbox } from '../delivery/index.js';
import type { Outbox, PlatformSender } from '../delivery/ports.js';
import type { MarketSource, TokenDirectory } from '../domain/market.js';
import type { Destination, Platform } from '../domain/types.js';
import { viewOf } from '../engine/index.js';
import { createReplaySource, createTokenMetricsSource } from '../market/index.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { createMetrics, type Metrics } from '../obs/metrics.js';
import type { PlatformAdapter, PlatformDeps } from '../platforms/types.js';
import { openStore, redisClientOf } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { createCadence } from './fetch-plan.js';
import { type HttpServer, startHttpServer } from './http.js';
import { createProfileTracker, type ProfileTracker } from './profiles.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { readSnapshot } from './snapshot.js';
import { createTicker, type TickReport } from './tick.js';

/** A market source the app can use: data, symbol lookup, and optionally a close(). */
export type AppMarket = MarketSource & TokenDirectory & { close?(): Promise<void> | void };

/**
 * Dependencies createApp would otherwise build from the config: what tests, the demo and the benchmarks
 * inject. Tuning knobs (key prefix, outbox kind, scheduler, HTTP, instance id, limits) live in `Config`.
 */
export interface AppOverrides {
  /** Default: openStore(config). An injected store is NOT closed by stop() (the caller owns it). */
  readonly store?: Store;
  /** Default: the Token Metrics client when `config.tm.apiKey` is set, else the bundled replay. */
  readonly market?: AppMarket;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
  /**
   * Default: built from config (Telegram, Discord). A function receives the platform deps (commands,
   * store, logger, metrics): the way to add a console platform that reads commands.
   */
  readonly platforms?: PlatformAdapter[] | ((deps: PlatformDeps) => PlatformAdapter[]);
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly outbox: Outbox;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly platforms: PlatformAdapter[];
  readonly market: AppMarket;
  readonly instanceId: string;
  /** The HTTP port once started (undefined before or when disabled). */
  readonly httpPort: number | undefined;
  /** Platforms, outbox workers, cron scheduler, HTTP server. */
  start(): Promise<void>;
  /** One tick now (or at `at`, the tick clock: demo and tests). */
  tick(at?: number): Promise<TickReport>;
  /** Idempotent, ordered: scheduler → HTTP → platforms → outbox → market → store. */
  stop(): Promise<void>;
}

/** Cron slot length: a seconds field means one-second slots, else one minute. */
export function slotMsOf(cron: string): number {
  return cron.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
}

function buildMarket(config: Config, logger: Logger, metrics: Metrics, now: () => number): AppMarket {
  if (config.tm.apiKey) {
    return createTokenMetricsSource({
      apiKey: config.tm.apiKey,
      baseUrl: config.tm.baseUrl,
      logger: logger.child({ component: 'market' }),
      metrics,
      now,
    });
  }
  logger.info('TM_API_KEY not set: running on the bundled replay data');
  return createReplaySource();
}

async function buildPlatforms(config: Config, deps: PlatformDeps): Promise<PlatformAdapter[]> {
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
function buildCommands(
  config: Config,
  store: Store,
  market: AppMarket,
  profiles: ProfileTracker,
  charts?: ChartService,
): CommandDeps {
  const marketView: MarketView = {
    async view(tokenId) {
      const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
      const state = raw === undefined ? undefined : readSnapshot(raw).state;
      return state ? viewOf(state) : undefined;
    },
  };
  return {
    ...(charts ? { charts } : {}),
    store: {
      priceAlerts: store.priceAlerts,
      subscriptions: store.subscriptions,
      destinations: store.destinations,
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
    limits: { maxSubscriptionsPerDestination: config.maxSubscriptionsPerDestination ?? 25 },
  };
}

/** Charts for /chart and level alerts: the stored price history and engine view, one cache per process. */
function buildCharts(store: Store): ChartService {
  return chartService({
    history: store.priceHistory,
    async view(tokenId) {
      const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
      const state = raw === undefined ? undefined : readSnapshot(raw).state;
      return state ? viewOf(state) : undefined;
    },
  });
}

interface OutboxDeps {
  readonly store: Store;
  readonly platforms: readonly PlatformAdapter[];
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
}

function buildOutbox(config: Config, kind: OutboxKind, d: OutboxDeps): Outbox {
  const { platforms, logger } = d;
  const keyPrefix = config.keyPrefix ?? DEFAULT_KEY_PREFIX;
  return createOutbox({
    kind,
    file: join(config.dataDir, 'outbox.db'),
    dataDir: config.dataDir,
    // A Redis store's client is shared with the BullMQ outbox (one connection fewer per replica).
    ...(config.redisUrl ? { redisUrl: config.redisUrl, redisConnection: redisClientOf(d.store) } : {}),
    prefix: `${keyPrefix.replace(/:+$/, '')}-outbox`,
    senders: new Map<Platform, PlatformSender>(platforms.map((p) => [p.platform, p.sender])),
    store: d.store,
    logger: logger.child({ component: 'outbox' }),
    metrics: d.metrics,
    now: d.now,
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

type OutboxKind = 'memory' | 'sqlite' | 'redis';
const DEFAULT_KEY_PREFIX = 'tokenwatch:';

/**
 * The composition root. Builds in one direction, each part from the ones before it:
 * config → store → market → profiles → commands → platforms → outbox → ticker → scheduler.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const now = overrides.now ?? Date.now;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const metrics = overrides.metrics ?? createMetrics();
  const ownsStore = overrides.store === undefined;
  const store =
    overrides.store ??
    (await openStore({
      redisUrl: config.redisUrl,
      dataDir: config.dataDir,
      keyPrefix: config.keyPrefix ?? DEFAULT_KEY_PREFIX,
    }));
  const ownsMarket = overrides.market === undefined;
  const market = overrides.market ?? buildMarket(config, logger, metrics, now);
  const profiles = createProfileTracker({ store, logger: logger.child({ component: 'profiles' }) });
  const charts = buildCharts(store);
  const commands = buildCommands(config, store, market, profiles, charts);
  const platformDeps: PlatformDeps = {
    commands,
    store,
    logger,
    metrics,
    alertCharts: alertCharts(charts, logger.child({ component: 'charts' })),
  };
  const platforms =
    typeof overrides.platforms === 'function'
      ? overrides.platforms(platformDeps)
      : (overrides.platforms ?? (await buildPlatforms(config, platformDeps)));
  const outboxKind: OutboxKind = config.outboxKind ?? (config.redisUrl ? 'redis' : 'sqlite');
  const outbox = buildOutbox(config, outboxKind, { store, platforms, logger, metrics, now });
  const instanceId = config.instanceId ?? randomUUID();
  const cadence = createCadence(config, logger, metrics);
  const ticker = createTicker({
    store,
    market,
    profiles,
    outbox,
    logger: logger.child({ component: 'tick' }),
    metrics,
    owner: instanceId,
    slotMs: slotMsOf(config.tickCron),
    cadence,
  });
  const scheduler: Scheduler = createScheduler({
    cron: config.tickCron,
    run: (at) => ticker.run(at),
    logger,
    metrics,
  });
  let http: HttpServer | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;

  const app: App = {
    config,
    store,
    outbox,
    metrics,
    logger,
    platforms,
    market,
    instanceId,
    get httpPort() {
      return http?.port;
    },
    async start() {
      if (started) return;
      started = true;
      for (const p of platforms) await p.start();
      await outbox.start();
      if (config.httpPort !== false) {
        http = await startHttpServer({
          port: config.httpPort,
          metrics,
          logger,
          platforms,
          startedAt: now(),
          now,
          lastTickAt: () => ticker.lastTickAt,
          // Cheap read through the store's own connection.
          storeReachable: async () => {
            await store.settings.get('healthcheck');
            return true;
          },
        });
      }
      // The fetch plan for the current subscriptions, logged now (and again whenever the count changes).
      cadence((await store.subscriptions.watchedTokens()).length);
      if (config.schedule !== false) scheduler.start();
      logger.info(
        {
          platforms: platforms.map((p) => p.platform),
          store: store.kind,
          outbox: outboxKind,
          cron: config.tickCron,
        },
        'tokenwatch started',
      );
    },
    tick: (at) => ticker.run(at ?? now()),
    stop() {
      stopping ??= (async () => {
        const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
          try {
            await fn();
          } catch (err) {
            logger.warn({ err, step: name }, 'shutdown step failed');
          }
        };
        await step('scheduler', () => scheduler.stop());
        await step('http', () => http?.close());
        for (const p of platforms) await step(`platform ${p.platform}`, () => p.stop());
        await step('outbox', () => outbox.close());
        if (ownsMarket) await step('market', () => market.close?.());
        if (ownsStore) await step('store', () => store.close());
      })();
      return stopping;
    },
  };
  return app;
}
