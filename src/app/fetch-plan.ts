import type { Config } from '../config/index.js';
import type { DataKind } from '../domain/market.js';
import { CADENCE_OF, MONTH_MS, planFetch } from '../market/planner.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Cadence } from './tick-fetch.js';

/**
 * The effective fetch cadence for the current number of watched tokens (and how many of them get their
 * price from a live stream), from the budget planner, cached per count. Logs the plan (cadence per kind,
 * projected monthly calls) the first time and whenever a count changes; with streams, also what polling
 * alone would have cost (the credits the streams freed for hourly and daily data).
 */
export function createCadence(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): (watched: number, streamed?: number) => Cadence {
  let last: { count: number; streamed: number; cadence: Cadence } | undefined;
  return (watched, streamed = 0) => {
    if (last?.count === watched && last.streamed === streamed) return last.cadence;
    const plan = planCadence(config.refresh, config.tm.monthlyCalls, watched, streamed);
    metrics.projectedMonthlyCalls.set(plan.monthlyCalls);
    const alone = streamed > 0 ? planCadence(config.refresh, config.tm.monthlyCalls, watched, 0) : undefined;
    logger.info(
      {
        watchedTokens: watched,
        ...(alone
          ? {
              streamedTokens: streamed,
              pollingAloneMonthlyCalls: Math.round(alone.monthlyCalls),
              pollingAloneCadenceSec: seconds(alone.cadence),
            }
          : {}),
        cadenceSec: seconds(plan.cadence),
        projectedMonthlyCalls: Math.round(plan.monthlyCalls),
        budget: config.tm.monthlyCalls,
      },
      alone ? 'fetch plan (re-planned: live prices freed the price calls)' : 'fetch plan',
    );
    last = { count: watched, streamed, cadence: plan.cadence };
    return plan.cadence;
  };
}

const seconds = (c: Cadence) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.round(v / 1000)]));

/** Token ids per call, and the daily sanity price sample of streamed tokens. */
const BATCH = 100;
const SANITY_PER_MONTH = 30;

/**
 * The market planner's effective cadence per kind, for `watched` tokens of which `streamed` need no price
 * poll (one sanity sample a day). The planner counts one price call per 100 watched tokens; pricing only
 * the polled ones is the same monthly cost as pricing all of them at a proportionally longer interval, so
 * the price wish is scaled by batches(all) / batches(polled) for planning and scaled back afterwards. The
 * credits freed go to whatever the budget had stretched (hourly and daily data refresh faster).
 */
export function planCadence(
  refresh: Config['refresh'],
  monthlyCalls: number,
  watched: number,
  streamed = 0,
): { cadence: Cadence; monthlyCalls: number } {
  const all = Math.ceil(watched / BATCH);
  const polled = Math.ceil(Math.max(0, watched - streamed) / BATCH);
  const sanity = streamed > 0 ? Math.ceil(streamed / BATCH) * SANITY_PER_MONTH : 0;
  const scale = all === 0 ? 1 : polled === 0 ? Number.POSITIVE_INFINITY : all / polled;
  const p = planFetch({
    now: 0,
    watchedCount: watched,
    lastFetched: {},
    wish: { ...refresh, price: Number.isFinite(scale) ? refresh.price * scale : MONTH_MS * 1000 },
    monthlyCalls: Math.max(0, monthlyCalls - sanity),
  });
  const effective = {
    ...p.effective,
    price: Number.isFinite(scale) ? Math.max(refresh.price, p.effective.price / scale) : refresh.price,
  };
  const cadence = Object.fromEntries(
    (Object.entries(CADENCE_OF) as Array<[DataKind, keyof typeof effective]>).map(([kind, group]) => [
      kind,
      effective[group],
    ]),
  ) as Record<DataKind, number>;
  return { cadence, monthlyCalls: p.projectedMonthlyCalls + sanity };
}
