import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createCommandRateLimiter } from '#commands/limits.js';
import type { CommandDeps, MarketView } from '#commands/types.js';
import { alertCharts, type ChartService, chartService } from '../charts/index.js';
import type { Config, SecretVar } from '../config/index.js';
import { readSecret, secretsOf } from '../config/index.js';
import { createOutbox } from '../delivery/index.js';
import type { Outbox, PlatformSender } from '../delivery/ports.js';
import type { MarketSource, TokenDirectory } from '../domain/market.js';
import type { Destination, Platform } from '../domain/types.js';
import { viewOf } from '../engine/index.js';
import {
  createReplaySource,
  createTokenMetricsSource,
  type MarketStatus,
  type TokenMetricsSource,
} from '../market/index.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { createMetrics, type Metrics } from '../obs/metrics.js';
import { createScrubber } from '../obs/scrub.js';
import { createActivityLog } from '../ops/status/activity.js';
import type { PlatformAdapter, PlatformDeps } from '../platforms/types.js';
import { openStore, redisClientOf } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { createCadence } from './fetch-plan.js';
import { type HttpServer, type ReadinessOptions, startHttpServer } from './http.js';
import { PriceWatch } from './price-watch.js';
import { createPriceWiring, type PriceWiring } from './price-wiring.js';
import { createProfileTracker, type ProfileTracker } from './profiles.js';
import { createReadiness, type Readiness, retryUntilOk } from './readiness.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { createSecretReload } from './secret-reload.js';
import { createSerial } from './serial.js';
import { readSnapshot } from './snapshot.js';
import { buildStatus, optionalSources } from './status.js';
import { createTicker, type TickReport } from './tick.js';

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

function buildMarket(
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

type OutboxKind = 'memory' | 'sqlite' | 'redis';
const DEFAULT_KEY_PREFIX = 'tokenwatch:';
/** BullMQ's prefix. On Redis Cluster every key of a queue must hash to one slot: the prefix is a hash tag. */
function outboxPrefixOf(config: Config): string {
  const base = `${(config.keyPrefix ?? DEFAULT_KEY_PREFIX).replace(/[{}]/g, '').replace(/:+$/, '')}-outbox`;
  return config.redisClusterNodes ? `{${base}}` : base;
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
  // What the tick and the price path enqueue, recorded for the status page when it is on.
  const alertsOut = activity ? activity.recording(outbox) : outbox;
  // The tick and the price path take turns (src/app/serial.ts).
  const serial = createSerial();
  // Users' own price alerts: the tick and the price path fire them (tick-price.ts).
  const priceWatch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
  // Live prices (PRICE_FEED=auto): on with a Token Metrics key (replay data has no real prices to match).
  if (config.prices.feed === 'auto' && (config.priceStreams ?? config.tm.apiKey !== undefined)) {
    prices.wiring = createPriceWiring({
      config,
      store,
      outbox: alertsOut,
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
    outbox: alertsOut,
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
