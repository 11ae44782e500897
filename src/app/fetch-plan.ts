import type { Config } from '../config/index.js';
import type { DataKind } from '../domain/market.js';
import { monthEnd } from '../market/meter.js';
import { marketMetrics } from '../market/metrics.js';
import { CADENCE_OF, type Plan, planFetch } from '../market/planner.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Cadence } from './tick-fetch.js';

/** What the live client measured (absent for the replay: the plan then assumes one call per batch). */
export interface MeasuredCosts {
  costs(watched: number): Partial<Record<DataKind, number>>;
  credits(): { used: number };
  extraPerDay(): number;
}

/**
 * The effective fetch cadence for the current number of watched tokens, from the budget planner. Planned
 * every tick (it is a few microseconds) from the measured cost per refresh and the credits already spent
 * this month, so the month fits the budget whatever the API really costs. Logs the plan the first time,
 * whenever the watched-token count changes and whenever the cadences change; `/metrics` gets the projection.
 */
export function createCadence(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  opts: { readonly now: () => number; readonly measured?: MeasuredCosts },
): (watched: number) => Cadence {
  const tm = marketMetrics(metrics.registry);
  tm.creditsBudget.set(config.tm.monthlyCalls);
  let last: { count: number; key: string } | undefined;
  return (watched) => {
    const now = opts.now();
    const m = opts.measured;
    const p = planFetch({
      now,
      watchedCount: watched,
      lastFetched: {},
      wish: config.refresh,
      monthlyCalls: config.tm.monthlyCalls,
      reserve: config.tm.reserve,
      ...(m ? { cost: m.costs(watched), used: m.credits().used, extraPerDay: m.extraPerDay() } : {}),
      monthEndsAt: monthEnd(now),
    });
    const cadence = cadenceOf(p);
    metrics.projectedMonthlyCalls.set(p.projectedMonthlyCalls);
    tm.creditsProjected.set(p.projectedMonthlyCalls);
    const key = JSON.stringify(p.effective) + p.reserveOnly;
    if (last?.count !== watched || last.key !== key) {
      logger.info(
        {
          watchedTokens: watched,
          cadenceSec: Object.fromEntries(
            Object.entries(p.effective).map(([k, v]) => [k, Math.round(v / 1000)]),
          ),
          projectedMonthlyCalls: p.projectedMonthlyCalls,
          used: m?.credits().used,
          budget: config.tm.monthlyCalls,
          reserveOnly: p.reserveOnly,
        },
        'fetch plan',
      );
      last = { count: watched, key };
    }
    return cadence;
  };
}

/** The planner's effective cadence per group, spread over the kinds of data. */
function cadenceOf(p: Plan): Cadence {
  return Object.fromEntries(
    (Object.entries(CADENCE_OF) as Array<[DataKind, keyof Plan['effective']]>).map(([kind, group]) => [
      kind,
      p.effective[group],
    ]),
  ) as Record<DataKind, number>;
}
