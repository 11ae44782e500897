import type { Config } from '../config/index.js';
import type { DataKind } from '../domain/market.js';
import { CADENCE_OF, planFetch } from '../market/planner.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Cadence } from './tick-fetch.js';

/**
 * The effective fetch cadence for the current number of watched tokens, from the budget planner, cached
 * per token count. Logs the plan (cadence per kind, projected monthly calls) the first time and whenever
 * the watched-token count changes.
 */
export function createCadence(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): (watched: number) => Cadence {
  let last: { count: number; cadence: Cadence } | undefined;
  return (watched) => {
    if (last?.count === watched) return last.cadence;
    const plan = planCadence(config, watched);
    metrics.projectedMonthlyCalls.set(plan.monthlyCalls);
    logger.info(
      {
        watchedTokens: watched,
        cadenceSec: Object.fromEntries(
          Object.entries(plan.cadence).map(([k, v]) => [k, Math.round(v / 1000)]),
        ),
        projectedMonthlyCalls: Math.round(plan.monthlyCalls),
        budget: config.tm.monthlyCalls,
      },
      'fetch plan',
    );
    last = { count: watched, cadence: plan.cadence };
    return plan.cadence;
  };
}

/** The market planner's effective cadence per group, spread over the kinds of data. */
function planCadence(config: Config, watched: number): { cadence: Cadence; monthlyCalls: number } {
  const p = planFetch({
    now: 0,
    watchedCount: watched,
    lastFetched: {},
    wish: config.refresh,
    monthlyCalls: config.tm.monthlyCalls,
  });
  const cadence = Object.fromEntries(
    (Object.entries(CADENCE_OF) as Array<[DataKind, keyof typeof p.effective]>).map(([kind, group]) => [
      kind,
      p.effective[group],
    ]),
  ) as Record<DataKind, number>;
  return { cadence, monthlyCalls: p.projectedMonthlyCalls };
}
