import type { Config } from '../config/index.js';
import { liveNoteText, TM_SOURCE } from '../domain/live-note.js';
import type { TokenDirectory } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import type { TokenState } from '../engine/index.js';
import type { SocketFactory } from '../market/streams/connection.js';
import type { FetchJson } from '../market/streams/instruments.js';
import { realTimers, type Timers } from '../market/streams/timers.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { StreamStatus, StreamsStatus } from '../ops/status/sources.js';
import type { DeliverDeps } from '../pipeline/deliver.js';
import { type Profiles, type ProfileTracker, profilesOf } from '../pipeline/profiles.js';
import type { Serial } from '../pipeline/serial.js';
import { createStreamEvaluator, streamDetectOptions } from './evaluate.js';
import { PriceLease } from './lease.js';
import { PriceService } from './service.js';
import { PriceShare } from './share.js';

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

const holderOf = (h: string | undefined) => (h === undefined ? {} : { holder: h });

/** Streamed prices go into the price history (charts) this often: it keeps 1-minute points. */
export const STREAM_HISTORY_EVERY_MS = 60_000;

/**
 * Live prices in the app: the price service, its evaluation through the tick's steps (serialised with the
 * tick), the tick hooks (`streamed`, `onCommitted`), the view's price source, and — with Redis — the lease
 * that lets one replica hold the streams.
 */
export function createPriceWiring(d: PriceWiringDeps) {
  const log = d.logger.child({ component: 'prices' });
  let profiles: Profiles = profilesOf([]);
  const load = async () => {
    const meta = await d.profiles.load();
    if (meta) profiles = meta.profiles;
    return meta;
  };
  const hold = d.config.prices.breakoutHoldMs;
  const service = new PriceService({
    config: d.config.prices,
    logger: log,
    registry: d.metrics.registry,
    exchangesOf: (id) => d.directory.exchangesOf?.(id),
    detectOptions: (now) => streamDetectOptions(profiles, hold, now),
    // Tokens leaving their band together are evaluated in one job, serialised with the tick.
    evaluate: createStreamEvaluator({
      store: d.store,
      outbox: d.outbox,
      metrics: d.metrics,
      ...(d.activity ? { activity: d.activity } : {}),
      profiles: { load },
      breakoutHoldMs: hold,
      ...(d.priceWatch ? { priceWatch: d.priceWatch } : {}),
      onMessages: (id, ids) => log.info({ tokenId: id, messages: ids.length }, 'streamed price alerted'),
      serial: d.serial,
      now: d.now,
    }),
    now: d.now,
    ...(d.priceWatch ? { alerts: d.priceWatch } : {}),
    ...(d.config.priceLiveMaxAgeMs === undefined ? {} : { liveMaxAgeMs: d.config.priceLiveMaxAgeMs }),
    ...(d.connect ? { connect: d.connect } : {}),
    ...(d.fetchJson ? { fetchJson: d.fetchJson } : {}),
  });
  let active = false;
  let started = false;
  // Best effort, like the tick's history write: a failed write costs a chart point, never an alert.
  const recordHistory = async () => {
    const samples = service.historySamples();
    if (samples.length > 0) await d.store.priceHistory.record(samples);
  };
  let historyTimer: NodeJS.Timeout | undefined;
  const activate = (on: boolean) => {
    if (on === active) return;
    active = on;
    clearInterval(historyTimer);
    historyTimer = on
      ? setInterval(() => {
          recordHistory().catch((err: unknown) => log.warn({ err }, 'streamed prices not recorded'));
        }, STREAM_HISTORY_EVERY_MS).unref()
      : undefined;
    log.info({ holding: on }, on ? 'this replica holds the exchange streams' : 'exchange streams released');
    service.setActive(on);
    if (on && !started) {
      started = true;
      service.start().catch((err: unknown) => log.warn({ err }, 'price feed start failed'));
    }
  };
  const timers = d.timers ?? realTimers;
  const periodMs = d.config.priceLeasePeriodMs ?? 10_000;
  // Several replicas: the lease picks the one that holds the streams; the live set tells the others.
  const share =
    d.store.kind === 'redis'
      ? new PriceShare({
          store: d.store.livePrices,
          owner: d.instanceId,
          now: d.now,
          timers,
          collect: () => service.shared(),
          ttlMs: 3 * periodMs,
          ...(d.config.priceLiveMaxAgeMs === undefined ? {} : { liveMaxAgeMs: d.config.priceLiveMaxAgeMs }),
          onError: (err) => log.warn({ err }, 'live price set unavailable'),
        })
      : undefined;
  const lease = share
    ? new PriceLease({
        lock: d.store.ticks,
        owner: d.instanceId,
        now: d.now,
        timers,
        periodMs,
        onChange: (held) => {
          activate(held);
          if (held) share.startPublishing();
          else share.stopPublishing();
        },
        onError: (err) => log.warn({ err }, 'price lease check failed'),
      })
    : undefined;
  /** This replica's view of a token's streamed price: its own streams, or the holder's shared set. */
  const originOf = (tokenId: TokenId) => {
    if (active) return service.origin(tokenId);
    const p = share?.price(tokenId);
    return p && { label: p.label, price: p.price, at: p.at };
  };
  const liveOn = (tokenId: TokenId) => (active ? service.isLive(tokenId) : (share?.isLive(tokenId) ?? false));
  /** Why the token has no live stream, worded for people: the holder's own feed, or its shared set. */
  const noteOf = (tokenId: TokenId) => {
    const note = active ? service.note(tokenId) : share?.note(tokenId);
    return note && liveNoteText(note);
  };

  return {
    service,
    lease,
    share,
    /** Tick hook: tokens whose price is streamed (not polled), on this replica or on the holder. */
    streamed: liveOn,
    /**
     * Before a tick and before a view: a replica without the streams reads the holder's live set. Returns how
     * long this replica should wait before claiming the tick (`slotMs`: the cron slot): while a live holder
     * exists, it runs the ticks (its bands and watched set stay current), the others only if it does not.
     */
    async prepare(slotMs = 0): Promise<number> {
      if (active || !share) return 0;
      await share.refresh();
      const holder = share.holder;
      return holder !== undefined && holder !== d.instanceId ? Math.min(2_000, slotMs / 4) : 0;
    },
    /** Tick hook: states after the commit, and the profiles it committed (no need to read them back). */
    onCommitted: (
      states: ReadonlyMap<TokenId, TokenState>,
      watched: readonly TokenId[],
      committed: Profiles,
    ) => {
      profiles = committed;
      service.noteStates(states, watched);
    },
    /** /levels and /signal: the streamed price when it is the newer one, with its source and age. */
    decorate(view: TokenView, state: TokenState): TokenView {
      const now = d.now();
      const origin = originOf(view.tokenId);
      const live = liveOn(view.tokenId);
      const note = live ? undefined : noteOf(view.tokenId);
      const noted = note ? { note } : {};
      if (origin && (live || origin.at >= (state.price?.at ?? 0))) {
        const priceSource = { label: origin.label, ageMs: now - origin.at, ...noted };
        return { ...view, price: origin.price, priceSource };
      }
      if (!state.price) return view;
      const label = state.price.source ?? TM_SOURCE;
      return { ...view, priceSource: { label, ageMs: now - state.price.at, ...noted } };
    },
    /** Records the live tokens' newest streamed prices in the price history (the timer's step; tests). */
    recordHistory,
    /** The status page's streams panel. */
    async status(): Promise<StreamsStatus> {
      const leaseInfo = lease ? { lease: { held: active, ...holderOf(await lease.holder()) } } : {};
      if (!active) {
        await share?.refresh();
        return {
          exchanges: [],
          liveTokens: share?.liveCount ?? 0,
          ambiguousTokens: share?.ambiguousCount ?? 0,
          ...leaseInfo,
        };
      }
      const now = d.now();
      const exchanges = [...service.feed.stats()].map(([exchange, s]): StreamStatus => {
        const refused = s.unavailableUntil > now;
        return {
          exchange,
          connected: s.connected > 0,
          mappedTokens: s.mapped,
          framesPerSec: s.framesPerSec,
          reconnects: s.reconnects,
          ...(s.lastFrameAt > 0 ? { lastFrameAgeMs: now - s.lastFrameAt } : {}),
          ...(refused
            ? { unavailableUntil: s.unavailableUntil, detail: "refuses this server's address (HTTP 451/403)" }
            : s.connections === 0
              ? { idle: true }
              : {}),
        };
      });
      const counts = service.mappingCounts();
      return {
        exchanges,
        liveTokens: counts.get('live') ?? 0,
        ambiguousTokens: counts.get('ambiguous') ?? 0,
        ...leaseInfo,
      };
    },
    start() {
      if (lease) lease.start();
      else activate(true);
    },
    /** Stops the streams; a holder removes its live set so the other replicas poll those prices at once. */
    async stop(): Promise<void> {
      clearInterval(historyTimer);
      lease?.stop();
      service.close();
      await share?.release();
    },
  };
}
export type PriceWiring = ReturnType<typeof createPriceWiring>;
