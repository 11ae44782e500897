import { randomUUID } from 'node:crypto';
import { alertCharts } from '../charts/index.js';
import type { Config, SecretVar } from '../config/index.js';
import { secretsOf } from '../config/index.js';
import type { Outbox } from '../delivery/ports.js';
import { createPriceWiring, type PriceWiring } from '../live/wiring.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { createMetrics, type Metrics } from '../obs/metrics.js';
import { createActivityLog } from '../ops/status/activity.js';
import { createCadence } from '../pipeline/fetch-plan.js';
import { PriceWatch } from '../pipeline/price-watch.js';
import { createProfileTracker } from '../pipeline/profiles.js';
import { createSerial } from '../pipeline/serial.js';
import { createTicker, type TickReport } from '../pipeline/tick.js';
import type { PlatformAdapter, PlatformDeps } from '../platforms/types.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { type HttpServer, type ReadinessOptions, startHttpServer } from './http.js';
import {
  type AppMarket,
  buildCharts,
  buildCommands,
  buildMarket,
  buildOutbox,
  buildPlatforms,
  DEFAULT_KEY_PREFIX,
  type OutboxKind,
  outboxPrefixOf,
} from './parts.js';
import { createReadiness, type Readiness, retryUntilOk } from './readiness.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { createSecretReload } from './secret-reload.js';
import { buildStatus, optionalSources } from './status.js';

export type { AppMarket } from './parts.js';

/**
 * Dependencies createApp would otherwise build from the config: what tests, the demo and the benchmarks
 * inject. Tuning knobs (key prefix, outbox kind, scheduler, HTTP, instance id, limits) live in `Config`.
 */
export interface AppOverrides {
  /** Default: openStore(config). An injected store is NOT closed by stop() (the caller owns it). */
  readonly store?: Store;
  /** Default: the bundled replay with TM_SOURCE=replay (or without a key), else the Token Metrics client. */
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
  /** Live prices (absent with PRICE_FEED=poll or on replay data). */
  readonly prices: PriceWiring | undefined;
  /** The HTTP port once started (undefined before or when disabled). */
  readonly httpPort: number | undefined;
  /** What the app is waiting for (store, a platform) and why: the `reasons` of /readyz. */
  readonly readiness: Readiness;
  /**
   * HTTP server first (so /readyz can say why the app is not ready), then waits for the store and starts
   * the outbox workers and the scheduler, then the platforms. A store or platform that fails is retried
   * with backoff (each failure logged and shown in /readyz) until it answers or stop() is called.
   */
  start(): Promise<void>;
  /** One tick now (or at `at`, the tick clock: demo and tests). */
  tick(at?: number): Promise<TickReport>;
  /** SIGHUP: re-read every `*_FILE` secret; the Token Metrics key applies at once. Returns what changed. */
  reloadSecrets(): SecretVar[];
  /** Idempotent, ordered: scheduler → HTTP → platforms → outbox → market → store. */
  stop(): Promise<void>;
}

/** Cron slot length: a seconds field means one-second slots, else one minute. */
export function slotMsOf(cron: string): number {
  return cron.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
}

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
      // Redis down at start is waited for in start() (retried, shown in /readyz), not a crash here.
      connectInBackground: true,
      redisClusterNodes: config.redisClusterNodes,
    }));
  const ownsMarket = overrides.market === undefined;
  const market = overrides.market ?? buildMarket(config, store, logger, metrics, now);
  const profiles = createProfileTracker({ store, logger: logger.child({ component: 'profiles' }) });
  const prices: { wiring?: PriceWiring } = {}; // built after the outbox; the views read it late
  const charts = buildCharts(store);
  const commands = buildCommands(config, store, market, profiles, prices, metrics, charts);
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
  const cadence = createCadence(config, logger, metrics, {
    now,
    ...(market.costs && market.credits && market.extraPerDay
      ? { measured: { costs: market.costs, credits: market.credits, extraPerDay: market.extraPerDay } }
      : {}),
  });
  const reloadSecrets = createSecretReload({
    config,
    logger,
    applyTmKey: () => market.reloadKey?.() ?? false,
  });
  // Recent ticks and alerts for the status page (kept only when the page is on).
  const activity = config.statusToken ? createActivityLog() : undefined;
  // The tick and the price path take turns (src/pipeline/serial.ts).
  const serial = createSerial();
  // Users' own price alerts: the tick and the price path fire them (price-alerts.ts).
  const priceWatch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
  // Live prices (PRICE_FEED=auto): on with a Token Metrics key (replay data has no real prices to match).
  if (config.prices.feed === 'auto' && (config.priceStreams ?? config.tm.apiKey !== undefined)) {
    prices.wiring = createPriceWiring({
      config,
      store,
      outbox,
      ...(activity ? { activity } : {}),
      profiles,
      directory: market,
      logger,
      metrics,
      now,
      serial,
      instanceId,
      priceWatch,
    });
  }
  const slotMs = slotMsOf(config.tickCron);
  const ticker = createTicker({
    store,
    market,
    profiles,
    outbox,
    ...(activity ? { activity } : {}),
    logger: logger.child({ component: 'tick' }),
    metrics,
    owner: instanceId,
    slotMs,
    cadence,
    demo: market.demo === true,
    priceWatch,
    ...(prices.wiring ? { streamed: prices.wiring.streamed, onCommitted: prices.wiring.onCommitted } : {}),
  });
  const runTick = async (at: number) => {
    // Another replica holding the streams runs the tick while it lives (see PriceWiring.prepare).
    const wait = (await prices.wiring?.prepare(slotMs)) ?? 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const report = await serial(() => ticker.run(at));
    activity?.recordTick(report);
    return report;
  };
  let startedAt = now();
  // Components still waiting at start (the store, a platform), with the reason /readyz shows.
  const readiness = createReadiness();
  const readyChecks: ReadinessOptions = {
    // Before the first tick, readiness allows a grace period from start().
    get startedAt() {
      return startedAt;
    },
    now,
    lastTickAt: () => ticker.lastTickAt,
    reasons: () => readiness.reasons(),
    degraded: () => market.unavailableEndpoints?.() ?? [],
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
    outboxPrefix: outboxPrefixOf(config),
    platforms,
    logger,
    now,
    readiness: readyChecks,
    extra: {
      ...optionalSources(config, market, store, now),
      ...(prices.wiring ? { streams: prices.wiring.status } : {}),
    },
  });
  const scheduler: Scheduler = createScheduler({
    cron: config.tickCron,
    run: runTick,
    logger,
    metrics,
  });
  let http: HttpServer | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;
  const aborter = new AbortController();
  const retry = <T>(component: string, attempt: () => Promise<T>) =>
    retryUntilOk(attempt, { component, readiness, logger, signal: aborter.signal });

  async function startInOrder(): Promise<void> {
    if (config.httpPort !== false) {
      http = await startHttpServer({
        port: config.httpPort,
        metrics,
        logger,
        platforms,
        ...readyChecks,
        ...(status ? { status: status.server } : {}),
      });
    }
    // The fetch plan for the current subscriptions, logged now (and again whenever the count changes).
    const watched = await retry('store', () => store.subscriptions.watchedTokens());
    cadence(watched.length);
    prices.wiring?.start();
    await outbox.start();
    if (config.schedule !== false) scheduler.start();
    // Side by side: a platform that is down does not hold up the other one (or the alerts, whose senders
    // do not need the receiving side).
    await Promise.all(platforms.map((p) => retry(p.platform, () => p.start())));
    logger.info(
      {
        platforms: platforms.map((p) => p.platform),
        store: store.kind,
        outbox: outboxKind,
        cron: config.tickCron,
      },
      'tokenwatch started',
    );
  }

  const app: App = {
    config,
    store,
    outbox,
    metrics,
    logger,
    platforms,
    market,
    instanceId,
    prices: prices.wiring,
    get httpPort() {
      return http?.port;
    },
    readiness,
    async start() {
      if (started) return;
      started = true;
      startedAt = now();
      try {
        await startInOrder();
      } catch (err) {
        if (aborter.signal.aborted) return; // stop() during the wait: not a start failure
        throw err;
      }
    },
    tick: (at) => runTick(at ?? now()),
    reloadSecrets,
    stop() {
      stopping ??= (async () => {
        const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
          try {
            await fn();
          } catch (err) {
            logger.warn({ err, step: name }, 'shutdown step failed');
          }
        };
        aborter.abort(new Error('stopping'));
        await step('scheduler', () => scheduler.stop());
        await step('prices', () => prices.wiring?.stop());
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
