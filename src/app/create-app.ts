import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CommandDeps, MarketView } from '#commands/types.js';
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
import { type ActivityLog, createActivityLog } from '../ops/status/activity.js';
import type { OpsStatus } from '../ops/status/compose.js';
import type { PlatformAdapter, PlatformDeps } from '../platforms/types.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { createCadence } from './fetch-plan.js';
import { checkReadiness, type HttpServer, type ReadinessOptions, startHttpServer } from './http.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { readSnapshot } from './snapshot.js';
import { createTicker, type TickReport } from './tick.js';

/** A market source the app can use: data, symbol lookup, and optionally a close(). */
export type AppMarket = MarketSource & TokenDirectory & { close?(): Promise<void> | void };

export interface AppOverrides {
  /** Default: the Token Metrics client when `config.tm.apiKey` is set, else the bundled replay. */
  readonly market?: AppMarket;
  /** Default: openStore(config). An injected store is NOT closed by stop() (the caller owns it). */
  readonly store?: Store;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
  /** Redis key prefix for the store and (with `-outbox`) the BullMQ outbox. Default `tokenwatch:`. */
  readonly keyPrefix?: string;
  /**
   * Default: built from config (Telegram, Discord). A function receives the platform deps (commands,
   * store, logger, metrics): the way to add a console platform that reads commands.
   */
  readonly platforms?: PlatformAdapter[] | ((deps: PlatformDeps) => PlatformAdapter[]);
  /** Default: 'redis' when REDIS_URL is set, else 'sqlite' under DATA_DIR. */
  readonly outboxKind?: 'memory' | 'sqlite' | 'redis';
  /** Outbox option passthrough for tests (backoff, concurrency...). */
  readonly outboxOptions?: Partial<Parameters<typeof createOutbox>[0]>;
  /** `false`: start() runs no cron scheduler (ticks only through app.tick: tests, demo). Default true. */
  readonly schedule?: boolean;
  /** `false`: no HTTP server. Default config.httpPort. */
  readonly httpPort?: number | false;
  /** This process's id for tick-slot claims. Default a random UUID. */
  readonly instanceId?: string;
  /** Max subscriptions per destination. Default 25. */
  readonly maxSubscriptionsPerDestination?: number;
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

/** The operator console when STATUS_TOKEN is set (else /status stays 404; its modules are not even loaded). */
async function buildStatus(
  config: Config,
  d: {
    activity: ActivityLog | undefined;
    store: Store;
    outbox: Outbox;
    outboxKind: string;
    keyPrefix: string;
    platforms: readonly PlatformAdapter[];
    logger: Logger;
    now: () => number;
    readiness: ReadinessOptions;
  },
): Promise<OpsStatus | undefined> {
  if (!config.statusToken) return undefined;
  const { createOpsStatus } = await import('../ops/status/compose.js');
  return createOpsStatus({
    token: config.statusToken,
    ...(d.activity ? { activity: d.activity } : {}),
    subscriptions: d.store.subscriptions,
    outbox: d.outbox,
    readiness: () => checkReadiness(d.readiness),
    ...(d.outboxKind === 'redis' && config.redisUrl
      ? {
          queues: {
            connection: config.redisUrl,
            prefix: `${d.keyPrefix.replace(/:+$/, '')}-outbox`,
            platforms: d.platforms.map((p) => p.platform),
          },
        }
      : {}),
    now: d.now,
    logger: d.logger.child({ component: 'status' }),
    secrets: secretsOf(config),
  });
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const now = overrides.now ?? Date.now;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const metrics = overrides.metrics ?? createMetrics();
  const keyPrefix = overrides.keyPrefix ?? 'tokenwatch:';
  const ownsStore = overrides.store === undefined;
  const store =
    overrides.store ?? (await openStore({ redisUrl: config.redisUrl, dataDir: config.dataDir, keyPrefix }));
  const ownsMarket = overrides.market === undefined;
  const market = overrides.market ?? buildMarket(config, logger, metrics, now);
  const instanceId = overrides.instanceId ?? randomUUID();

  // What the status page shows of recent ticks and alerts (kept only when the page is on).
  const activity = config.statusToken ? createActivityLog() : undefined;
  const cadence = createCadence(config, logger, metrics);
  const ticker = createTicker({
    store,
    market,
    outbox: {
      async enqueue(messages) {
        await outbox.enqueue(messages);
        activity?.recordMessages(messages);
      },
    },
    logger: logger.child({ component: 'tick' }),
    metrics,
    owner: instanceId,
    slotMs: slotMsOf(config.tickCron),
    cadence,
  });

  // Commands see the stores; a settings change here asks the next tick to rescan detection profiles.
  const marketView: MarketView = {
    async view(tokenId) {
      const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
      const state = raw === undefined ? undefined : readSnapshot(raw).state;
      return state ? viewOf(state) : undefined;
    },
  };
  const commands: CommandDeps = {
    store: {
      subscriptions: store.subscriptions,
      settings: {
        get: (scope) => store.settings.get(scope),
        getMany: (scopes) => store.settings.getMany(scopes),
        async update(scope, patch) {
          const r = await store.settings.update(scope, patch);
          await ticker.noteSettingsChange(patch);
          return r;
        },
      },
    },
    directory: market,
    market: marketView,
    limits: { maxSubscriptionsPerDestination: overrides.maxSubscriptionsPerDestination ?? 25 },
  };
  const platformDeps: PlatformDeps = { commands, store, logger, metrics };
  const platforms =
    typeof overrides.platforms === 'function'
      ? overrides.platforms(platformDeps)
      : (overrides.platforms ?? (await buildPlatforms(config, platformDeps)));

  const senders = new Map<Platform, PlatformSender>(platforms.map((p) => [p.platform, p.sender]));
  const outboxKind = overrides.outboxKind ?? (config.redisUrl ? 'redis' : 'sqlite');
  const outbox: Outbox = createOutbox({
    kind: outboxKind,
    file: join(config.dataDir, 'outbox.db'),
    dataDir: config.dataDir,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    prefix: `${keyPrefix.replace(/:+$/, '')}-outbox`,
    senders,
    store,
    logger: logger.child({ component: 'outbox' }),
    metrics,
    now,
    onDeactivated: async (destination: Destination, reason) => {
      const p = platforms.find((x) => x.platform === destination.platform);
      try {
        await p?.reportDeactivation?.(destination, reason);
      } catch (err) {
        logger.warn({ err, platform: destination.platform }, 'deactivation report failed');
      }
    },
    ...overrides.outboxOptions,
  });

  let startedAt = now();
  const readiness: ReadinessOptions = {
    // Before the first tick, readiness allows a grace period from start().
    get startedAt() {
      return startedAt;
    },
    now,
    lastTickAt: () => ticker.lastTickAt,
    // Cheap read through the store's own connection.
    storeReachable: async () => {
      await store.settings.get('healthcheck');
      return true;
    },
  };
  const status = await buildStatus(config, {
    activity,
    store,
    outbox,
    outboxKind,
    keyPrefix,
    platforms,
    logger,
    now,
    readiness,
  });
  const runTick = async (at: number) => {
    const report = await ticker.run(at);
    activity?.recordTick(report);
    return report;
  };
  const scheduler: Scheduler = createScheduler({
    cron: config.tickCron,
    run: runTick,
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
      startedAt = now();
      for (const p of platforms) await p.start();
      await outbox.start();
      if (overrides.httpPort !== false) {
        http = await startHttpServer({
          port: overrides.httpPort ?? config.httpPort,
          metrics,
          logger,
          platforms,
          ...readiness,
          ...(status ? { status: status.server } : {}),
        });
      }
      // The fetch plan for the current subscriptions, logged now (and again whenever the count changes).
      cadence((await store.subscriptions.watchedTokens()).length);
      if (overrides.schedule !== false) scheduler.start();
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
    tick: (at) => runTick(at ?? now()),
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
        await step('status', () => status?.close());
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
