import type { Config } from '../config/index.js';
import type { Outbox } from '../delivery/ports.js';
import { createPriceWiring, type PriceWiring } from '../live/wiring.js';
import type { ActivityLog } from '../ops/status/activity.js';
import type { Cadence } from '../pipeline/fetch.js';
import { createCadence } from '../pipeline/fetch-plan.js';
import { PriceWatch } from '../pipeline/price-watch.js';
import { createSerial } from '../pipeline/serial.js';
import { createTicker, type Ticker, type TickReport } from '../pipeline/tick.js';
import type { Core } from './core.js';

/** The alert producers: the cron tick and, when on, the live prices, delivering through one path. */
export interface Alerting {
  readonly ticker: Ticker;
  /** Live prices (absent with PRICE_FEED=poll or on replay data). */
  readonly prices: PriceWiring | undefined;
  /** Logs the fetch plan for this many watched tokens (at start, and whenever the count changes). */
  readonly cadence: (watched: number, streamed?: number) => Cadence;
  /** One tick at `at`, serialised with the price path, after the stream holder's head start. */
  runTick(at: number): Promise<TickReport>;
}

/** Cron slot length: a seconds field means one-second slots, else one minute. */
export function slotMsOf(cron: string): number {
  return cron.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
}

/** Live prices: PRICE_FEED=auto with a Token Metrics key (replay data has no real prices to match). */
const liveOn = (config: Config) =>
  config.prices.feed === 'auto' && (config.priceStreams ?? config.tm.apiKey !== undefined);

/**
 * The tick and the price path over the one delivery path (src/pipeline/deliver.ts): both enqueue into the
 * outbox, record the status page's activity and take turns through one serialisation.
 */
export function buildAlerting(
  config: Config,
  core: Core,
  outbox: Outbox,
  activity: ActivityLog | undefined,
): Alerting {
  const { store, market, logger, metrics, now, profiles, instanceId } = core;
  const serial = createSerial();
  // Users' own price alerts: the tick and the price path fire them (src/pipeline/price-alerts.ts).
  const priceWatch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
  const delivery = { store, outbox, metrics, priceWatch, ...(activity ? { activity } : {}) };
  const cadence = createCadence(config, logger, metrics, {
    now,
    ...(market.costs && market.credits && market.extraPerDay
      ? { measured: { costs: market.costs, credits: market.credits, extraPerDay: market.extraPerDay } }
      : {}),
  });
  const prices = liveOn(config)
    ? createPriceWiring({ ...delivery, config, profiles, directory: market, logger, now, serial, instanceId })
    : undefined;
  const slotMs = slotMsOf(config.tickCron);
  const ticker = createTicker({
    ...delivery,
    market,
    profiles,
    logger: logger.child({ component: 'tick' }),
    owner: instanceId,
    slotMs,
    cadence,
    demo: market.demo === true,
    ...(prices ? { streamed: prices.streamed, onCommitted: prices.onCommitted } : {}),
  });
  return {
    ticker,
    prices,
    cadence,
    async runTick(at) {
      // Another replica holding the streams runs the tick while it lives (see PriceWiring.prepare).
      const wait = (await prices?.prepare(slotMs)) ?? 0;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const report = await serial(() => ticker.run(at));
      activity?.recordTick(report);
      return report;
    },
  };
}
