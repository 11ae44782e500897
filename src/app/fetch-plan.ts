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
 * The effective cadence per kind, for `watched` tokens of which `streamed` need no price poll (one sanity
 * sample a day). Without streams this is the market planner's plan. With streams, price costs one call per
 * 100 *polled* tokens, so the same water-filling is done with that weight: the smallest floor T such that
 * every group refreshed at max(wish, T) fits the budget (5% reserve, as the planner keeps). The credits
 * freed go to whatever the budget had stretched (hourly and daily data refresh faster).
 */
export function planCadence(
  refresh: Config['refresh'],
  monthlyCalls: number,
  watched: number,
  streamed = 0,
): { cadence: Cadence; monthlyCalls: number } {
  if (streamed <= 0) {
    const p = planFetch({ now: 0, watchedCount: watched, lastFetched: {}, wish: refresh, monthlyCalls });
    return { cadence: byKind(p.effective), monthlyCalls: p.projectedMonthlyCalls };
  }
  const all = Math.ceil(watched / BATCH);
  const weights = { price: Math.ceil(Math.max(0, watched - streamed) / BATCH), hourly: all, daily: 4 * all };
  const sanity = Math.ceil(streamed / BATCH) * SANITY_PER_MONTH;
  const budget = Math.max(1, monthlyCalls * 0.95 - sanity);
  const groups = ['price', 'hourly', 'daily'] as const;
  const cost = (t: number) =>
    groups.reduce((n, g) => n + (weights[g] * MONTH_MS) / Math.max(refresh[g], t), 0);
  let floor = 0;
  if (cost(0) > budget) {
    let lo = 0;
    let hi = MONTH_MS * 1000;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (cost(mid) > budget) lo = mid;
      else hi = mid;
    }
    floor = Math.ceil(hi / 60_000) * 60_000; // whole minutes, as the planner rounds
  }
  const effective = {
    price: Math.max(refresh.price, floor),
    hourly: Math.max(refresh.hourly, floor),
    daily: Math.max(refresh.daily, floor),
  };
  return { cadence: byKind(effective), monthlyCalls: Math.ceil(cost(floor) + sanity) };
}

function byKind(effective: Readonly<Record<'price' | 'hourly' | 'daily', number>>): Cadence {
  return Object.fromEntries(
    (Object.entries(CADENCE_OF) as Array<[DataKind, keyof typeof effective]>).map(([kind, group]) => [
      kind,
      effective[group],
    ]),
  ) as Record<DataKind, number>;
}
