import type { Config } from '../config/index.js';
import type { Outbox } from '../delivery/ports.js';
import type { TokenDirectory } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import type { TokenState } from '../engine/index.js';
import type { SocketFactory } from '../market/streams/connection.js';
import type { FetchJson } from '../market/streams/instruments.js';
import { realTimers } from '../market/streams/timers.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Store } from '../store/ports.js';
import { evaluateStreamed, streamDetectOptions } from './price-eval.js';
import { PriceLease } from './price-lease.js';
import { PriceService } from './price-service.js';
import type { PriceWatch } from './price-watch.js';
import { type Profiles, type ProfileTracker, profilesOf } from './profiles.js';
import type { Serial } from './serial.js';

export interface PriceWiringDeps {
  readonly config: Config;
  readonly store: Store;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly profiles: ProfileTracker;
  readonly directory: Pick<TokenDirectory, 'exchangesOf'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
  readonly serial: Serial;
  readonly instanceId: string;
  /** Users' own price alerts: fired by streamed prices too, and their targets narrow the bands. */
  readonly priceWatch?: PriceWatch;
  /** Tests: a socket factory / instrument fetch of their own. */
  readonly connect?: SocketFactory;
  readonly fetchJson?: FetchJson;
}

const NOTES: Partial<Record<string, string>> = {
  ambiguous: 'No live stream: the exchange price differs from Token Metrics (see README, Live prices).',
  forbidden: 'No live stream: turned off for this token by the operator.',
  unavailable: 'No live stream right now: its exchanges refuse this server; back within the hour.',
};

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
    evaluate: (tokenId, price) =>
      d.serial(() =>
        evaluateStreamed(
          {
            store: d.store,
            outbox: d.outbox,
            profiles: { load },
            breakoutHoldMs: hold,
            ...(d.priceWatch ? { priceWatch: d.priceWatch } : {}),
            onMessages: (id, ids) =>
              log.info({ tokenId: id, messages: ids.length }, 'streamed price alerted'),
          },
          tokenId,
          price,
          d.now(),
        ),
      ),
    now: d.now,
    ...(d.priceWatch ? { alerts: d.priceWatch } : {}),
    ...(d.config.priceLiveMaxAgeMs === undefined ? {} : { liveMaxAgeMs: d.config.priceLiveMaxAgeMs }),
    ...(d.connect ? { connect: d.connect } : {}),
    ...(d.fetchJson ? { fetchJson: d.fetchJson } : {}),
  });
  let active = false;
  let started = false;
  const activate = (on: boolean) => {
    if (on === active) return;
    active = on;
    log.info({ holding: on }, on ? 'this replica holds the exchange streams' : 'exchange streams released');
    service.setActive(on);
    if (on && !started) {
      started = true;
      service.start().catch((err: unknown) => log.warn({ err }, 'price feed start failed'));
    }
  };
  const lease =
    d.store.kind === 'redis'
      ? new PriceLease({
          lock: d.store.ticks,
          owner: d.instanceId,
          now: d.now,
          timers: realTimers,
          onChange: activate,
          onError: (err) => log.warn({ err }, 'price lease check failed'),
        })
      : undefined;

  return {
    service,
    /** Tick hook: tokens whose price is streamed (not polled). */
    streamed: (tokenId: TokenId) => active && service.isLive(tokenId),
    /** Tick hook: states after the commit. */
    onCommitted: (states: ReadonlyMap<TokenId, TokenState>, watched: readonly TokenId[]) => {
      void load().catch(() => undefined);
      service.noteStates(states, watched);
    },
    /** /levels and /signal: the streamed price when it is the newer one, with its source and age. */
    decorate(view: TokenView, state: TokenState): TokenView {
      const now = d.now();
      const origin = active ? service.origin(view.tokenId) : undefined;
      if (origin && (service.isLive(view.tokenId) || origin.at >= (state.price?.at ?? 0))) {
        return { ...view, price: origin.price, priceSource: { label: origin.label, ageMs: now - origin.at } };
      }
      if (!state.price) return view;
      const note = active ? NOTES[service.mapping(view.tokenId)] : undefined;
      return {
        ...view,
        priceSource: { label: 'Token Metrics', ageMs: now - state.price.at, ...(note ? { note } : {}) },
      };
    },
    start() {
      if (lease) lease.start();
      else activate(true);
    },
    stop() {
      lease?.stop();
      service.close();
    },
  };
}
export type PriceWiring = ReturnType<typeof createPriceWiring>;
