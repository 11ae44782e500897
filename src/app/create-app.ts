import { alertCharts } from '../charts/index.js';
import type { Config, SecretVar } from '../config/index.js';
import type { PaidLane } from '../delivery/index.js';
import type { Outbox } from '../delivery/ports.js';
import type { PriceWiring } from '../live/wiring.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import { type ActivityLog, createActivityLog } from '../ops/status/activity.js';
import type { TickReport } from '../pipeline/tick.js';
import type { PlatformLink, SenderDeps } from '../platforms/types.js';
import type { Store } from '../store/ports.js';
import { utcDay } from '../store/replica-ports.js';
import { type BriefRun, briefRunner } from '../watchlist/briefs.js';
import { messagePictures } from '../watchlist/pictures.js';
import { type Alerting, buildAlerting } from './alerting.js';
import { appComponents, httpComponent } from './components.js';
import { type AppMarket, buildCore, type Core, type CoreOverrides } from './core.js';
import type { ReadinessOptions } from './http.js';
import { createLifecycle } from './lifecycle.js';
import {
  buildCharts,
  buildCommands,
  buildOutbox,
  buildPaidLane,
  buildWatchlist,
  dutyLeases,
  openPlatforms,
  outboxKindOf,
  outboxPrefixOf,
} from './parts.js';
import { createReadiness, type Readiness } from './readiness.js';
import { createSecretReload } from './secret-reload.js';
import { buildStatus, optionalSources } from './status.js';

export { slotMsOf } from './alerting.js';
export type { AppMarket } from './core.js';

/**
 * Dependencies createApp would otherwise build from the config: what tests, the demo and the benchmarks
 * inject. Tuning knobs (key prefix, outbox kind, scheduler, HTTP, instance id, limits) live in `Config`.
 */
export interface AppOverrides extends CoreOverrides {
  /**
   * Default: opened from config (Telegram, Discord). Each link's receiver is built once the commands
   * exist (a console platform gets them that way).
   */
  readonly platforms?: readonly PlatformLink[];
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly outbox: Outbox;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly platforms: readonly PlatformLink[];
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
  /** The daily brief runner now (or at `at`); normally once a minute on its own schedule. */
  briefs(at?: number): Promise<BriefRun | 'skipped_claimed'>;
  /** SIGHUP: re-read every `*_FILE` secret; the Token Metrics key applies at once. Returns what changed. */
  reloadSecrets(): SecretVar[];
  /** Idempotent, ordered: scheduler → HTTP → platforms → outbox → market → store. */
  stop(): Promise<void>;
}

/**
 * The composition root. Builds in one direction, each part from the ones before it:
 * core (config, store, market, profiles) → senders → outbox → alerting (tick, live prices) → commands
 * → receivers → status; then start and stop as one ordered list of components (components.ts).
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const core = await buildCore(config, overrides);
  const { store, logger, metrics, now, market } = core;
  const charts = buildCharts(store);
  let prices: Alerting['prices'];
  const watchlist = buildWatchlist(core, () => prices);
  const alertPictures = messagePictures(
    alertCharts(charts, logger.child({ component: 'charts' })),
    watchlist,
    logger.child({ component: 'charts' }),
  );
  const senders: SenderDeps = {
    store,
    logger,
    metrics,
    alertCharts: alertPictures,
    ...(store.kind === 'redis' ? { leaseFor: dutyLeases(core) } : {}),
  };
  const links = overrides.platforms ?? (await openPlatforms(config, senders, core.instanceId));
  const paid = buildPaidLane(config, core);
  const outbox = buildOutbox(config, core, links, paid);
  // Recent ticks and alerts for the status page (kept only when the page is on).
  const activity = config.statusToken ? createActivityLog() : undefined;
  const alerting = buildAlerting(config, core, outbox, activity);
  prices = alerting.prices;
  const commands = buildCommands(config, core, alerting.prices, charts, watchlist);
  const receivers = links.map((l) => l.receiver(commands));
  const readiness = createReadiness();
  let startedAt = now();
  const checks = readinessChecks(
    core,
    readiness,
    () => alerting.ticker.lastTickAt,
    () => startedAt,
  );
  const status = await statusOf(config, { core, outbox, links, activity, alerting, checks, paid });
  const briefs = briefRunner({
    store,
    outbox,
    watchlist,
    ticks: store.ticks,
    owner: core.instanceId,
    logger: logger.child({ component: 'briefs' }),
  });
  const parts = { config, core, outbox, alerting, links, receivers, readiness, checks, status, briefs };
  const http = httpComponent(parts);
  const life = createLifecycle(logger, (signal) => appComponents(parts, http, signal));
  return {
    config,
    store,
    outbox,
    metrics,
    logger,
    platforms: links,
    market,
    instanceId: core.instanceId,
    prices: alerting.prices,
    get httpPort() {
      return http.port;
    },
    readiness,
    start: () => {
      startedAt = now();
      return life.start();
    },
    tick: (at) => alerting.runTick(at ?? now()),
    briefs: (at) => briefs(at ?? now()),
    reloadSecrets: createSecretReload({ config, logger, applyTmKey: () => market.reloadKey?.() ?? false }),
    stop: () => life.stop(),
  };
}

/** The operator page's sources (STATUS_TOKEN; undefined without it). */
function statusOf(
  config: Config,
  d: {
    core: Core;
    outbox: Outbox;
    links: readonly PlatformLink[];
    activity: ActivityLog | undefined;
    alerting: Alerting;
    checks: ReadinessOptions;
    paid: PaidLane | undefined;
  },
) {
  const { store, logger, now, market } = d.core;
  return buildStatus(config, {
    activity: d.activity,
    store,
    outbox: d.outbox,
    outboxKind: outboxKindOf(config),
    outboxPrefix: outboxPrefixOf(config),
    platforms: d.links,
    logger,
    now,
    readiness: d.checks,
    extra: {
      ...optionalSources(config, market, store, now),
      ...(d.alerting.prices ? { streams: d.alerting.prices.status } : {}),
      ...(d.paid ? { paidBroadcast: paidStatus(d.paid, now) } : {}),
    },
  });
}

/** The paid-broadcast panel of /status. */
function paidStatus(paid: PaidLane, now: () => number) {
  return async () => ({ day: utcDay(now()), ...(await paid.spentToday()) });
}

/** What /readyz checks: the store answers, a tick ran lately (after a grace period), nothing is waiting. */
function readinessChecks(
  core: Pick<Core, 'store' | 'market' | 'now'>,
  readiness: Readiness,
  lastTickAt: () => number | undefined,
  startedAt: () => number,
): ReadinessOptions {
  const { store, market, now } = core;
  return {
    // Before the first tick, readiness allows a grace period from start().
    get startedAt() {
      return startedAt();
    },
    now,
    lastTickAt,
    reasons: () => readiness.reasons(),
    degraded: () => market.unavailableEndpoints?.() ?? [],
    // Cheap read through the store's own connection.
    storeReachable: async () => {
      await store.settings.get('healthcheck');
      return true;
    },
  };
}
