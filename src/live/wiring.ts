import type { Config } from '../config/index.js';
import type { TokenDirectory } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { TokenState } from '../engine/index.js';
import type { SocketFactory } from '../market/streams/connection.js';
import type { FetchJson } from '../market/streams/instruments.js';
import { realTimers, type Timers } from '../market/streams/timers.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { StreamsStatus } from '../ops/status/sources.js';
import type { DeliverDeps } from '../pipeline/deliver.js';
import { type Profiles, type ProfileTracker, profilesOf } from '../pipeline/profiles.js';
import type { Serial } from '../pipeline/serial.js';
import { PeriodLease } from '../replicas/lease.js';
import { createStreamEvaluator, streamDetectOptions } from './evaluate.js';
import { type StreamHolding, streamHolding } from './holding.js';
import { PriceService } from './service.js';
import { PriceShare } from './share.js';
import { type LiveView, liveView } from './views.js';

export interface PriceWiringDeps extends DeliverDeps {
  readonly config: Config;
  readonly profiles: ProfileTracker;
  readonly directory: Pick<TokenDirectory, 'exchangesOf'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
  readonly serial: Serial;
  readonly instanceId: string;
  /** Tests: timers of their own (lease, live-set publication). Default real, unref'd timers. */
  readonly timers?: Timers;
  /** Tests: a socket factory / instrument fetch of their own. */
  readonly connect?: SocketFactory;
  readonly fetchJson?: FetchJson;
}

/** Live prices as the app sees them: the hooks the tick and the views call, and the lifecycle. */
export interface PriceWiring extends LiveView {
  readonly service: PriceService;
  /** Several replicas (Redis): the lease that picks the replica holding the streams. */
  readonly lease: PeriodLease | undefined;
  /** Several replicas (Redis): the holder's live set, shared with the others. */
  readonly share: PriceShare | undefined;
  /**
   * Before a tick and before a view: a replica without the streams reads the holder's live set. Returns how
   * long this replica should wait before claiming the tick (`slotMs`: the cron slot): while a live holder
   * exists, it runs the ticks (its bands and watched set stay current), the others only if it does not.
   */
  prepare(slotMs?: number): Promise<number>;
  /** Tick hook: states after the commit, and the profiles it committed (no need to read them back). */
  onCommitted(
    states: ReadonlyMap<TokenId, TokenState>,
    watched: readonly TokenId[],
    committed: Profiles,
  ): void;
  /** Records the live tokens' newest streamed prices in the price history (the timer's step; tests). */
  recordHistory(): Promise<void>;
  status(): Promise<StreamsStatus>;
  start(): void;
  /** Stops the streams; a holder removes its live set so the other replicas poll those prices at once. */
  stop(): Promise<void>;
}

/**
 * Live prices in the app: the price service (its evaluations go through the one delivery path, serialised
 * with the tick), who holds the streams (this process, or with Redis the lease holder), and what every
 * replica shows of them.
 */
export function createPriceWiring(d: PriceWiringDeps): PriceWiring {
  const log = d.logger.child({ component: 'prices' });
  const profiles = profileCache(d.profiles);
  const service = priceService(d, log, profiles);
  const holding = streamHolding(service, d.store.priceHistory, log);
  const replicas = d.store.kind === 'redis' ? replicate(d, service, holding, log) : undefined;
  const view = liveView({ service, holding, share: replicas?.share, lease: replicas?.lease, now: d.now });
  return {
    ...view,
    service,
    lease: replicas?.lease,
    share: replicas?.share,
    async prepare(slotMs = 0) {
      const share = replicas?.share;
      if (holding.active || !share) return 0;
      await share.refresh();
      const holder = share.holder;
      return holder !== undefined && holder !== d.instanceId ? Math.min(2_000, slotMs / 4) : 0;
    },
    onCommitted(states, watched, committed) {
      profiles.set(committed);
      service.noteStates(states, watched);
    },
    recordHistory: holding.recordHistory,
    start: () => (replicas ? replicas.lease.start() : holding.activate(true)),
    async stop() {
      holding.stop();
      await replicas?.lease.stop();
      service.close();
      await replicas?.share.release();
    },
  };
}

/** The detection profiles the price path detects with: the tick's, kept from its commits and loads. */
function profileCache(tracker: Pick<ProfileTracker, 'load'>) {
  let profiles: Profiles = profilesOf([]);
  return {
    get: () => profiles,
    set: (p: Profiles) => {
      profiles = p;
    },
    async load() {
      const meta = await tracker.load();
      if (meta) profiles = meta.profiles;
      return meta;
    },
  };
}

/** The price service; tokens leaving their band together are evaluated in one job, serialised with the tick. */
function priceService(d: PriceWiringDeps, log: Logger, profiles: ReturnType<typeof profileCache>) {
  const hold = d.config.prices.breakoutHoldMs;
  const liveMaxAge = d.config.priceLiveMaxAgeMs;
  return new PriceService({
    config: d.config.prices,
    logger: log,
    registry: d.metrics.registry,
    exchangesOf: (id) => d.directory.exchangesOf?.(id),
    detectOptions: (now) => streamDetectOptions(profiles.get(), hold, now),
    evaluate: createStreamEvaluator({
      ...d,
      profiles,
      breakoutHoldMs: hold,
      onMessages: (id, ids) => log.info({ tokenId: id, messages: ids.length }, 'streamed price alerted'),
    }),
    now: d.now,
    ...(d.priceWatch ? { alerts: d.priceWatch } : {}),
    ...(liveMaxAge === undefined ? {} : { liveMaxAgeMs: liveMaxAge }),
    ...(d.connect ? { connect: d.connect } : {}),
    ...(d.fetchJson ? { fetchJson: d.fetchJson } : {}),
  });
}

/** Several replicas: the lease picks the one that holds the streams; the live set tells the others. */
function replicate(d: PriceWiringDeps, service: PriceService, holding: StreamHolding, log: Logger) {
  const timers = d.timers ?? realTimers;
  const periodMs = d.config.priceLeasePeriodMs ?? 10_000;
  const liveMaxAge = d.config.priceLiveMaxAgeMs;
  const share = new PriceShare({
    store: d.store.livePrices,
    owner: d.instanceId,
    now: d.now,
    timers,
    collect: () => service.shared(),
    ttlMs: 3 * periodMs,
    ...(liveMaxAge === undefined ? {} : { liveMaxAgeMs: liveMaxAge }),
    onError: (err) => log.warn({ err }, 'live price set unavailable'),
  });
  const lease = new PeriodLease({
    name: 'price-lease',
    lock: d.store.ticks,
    owner: d.instanceId,
    now: d.now,
    timers,
    periodMs,
    onChange: (held) => {
      holding.activate(held);
      if (held) share.startPublishing();
      else share.stopPublishing();
    },
    onError: (err) => log.warn({ err }, 'price lease check failed'),
  });
  return { share, lease };
}
