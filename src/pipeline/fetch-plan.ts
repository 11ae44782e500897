import type { Config } from '../config/index.js';
import type { DataKind } from '../domain/market.js';
import { monthEnd } from '../market/meter.js';
import { BATCH_SIZE, CADENCE_OF, type Plan, planFetch } from '../market/planner.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Cadence } from './fetch.js';

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
 * `streamed` tokens get their price from a live exchange stream: their price is not polled (one sanity
 * sample a day), so price costs only the polled tokens' batches and the freed credits go to whatever the
 * budget had stretched (hourly and daily data refresh faster).
 */
export function createCadence(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  opts: { readonly now: () => number; readonly measured?: MeasuredCosts },
): (watched: number, streamed?: number) => Cadence {
  const tm = metrics.tm;
  tm.creditsBudget.set(config.tm.monthlyCalls);
  let last: { count: number; streamed: number; key: string } | undefined;
  return (watched, streamed = 0) => {
    const now = opts.now();
    const m = opts.measured;
    const p = planFetch({
      now,
      watchedCount: watched,
      lastFetched: {},
      wish: config.refresh,
      monthlyCalls: config.tm.monthlyCalls,
      reserve: config.tm.reserve,
      ...withStreams(m, watched, streamed),
      monthEndsAt: monthEnd(now),
    });
    const cadence = cadenceOf(p);
    metrics.projectedMonthlyCalls.set(p.projectedMonthlyCalls);
    tm.creditsProjected.set(p.projectedMonthlyCalls);
    const key = JSON.stringify(p.effective) + p.reserveOnly;
    if (last?.count !== watched || last.streamed !== streamed || last.key !== key) {
      logger.info(
        {
          watchedTokens: watched,
          ...(streamed > 0 ? { streamedTokens: streamed } : {}),
          cadenceSec: Object.fromEntries(
            Object.entries(p.effective).map(([k, v]) => [k, Math.round(v / 1000)]),
          ),
          projectedMonthlyCalls: p.projectedMonthlyCalls,
          used: m?.credits().used,
          budget: config.tm.monthlyCalls,
          reserveOnly: p.reserveOnly,
        },
        streamed > 0 ? 'fetch plan (re-planned: live prices freed the price calls)' : 'fetch plan',
      );
      last = { count: watched, streamed, key };
    }
    return cadence;
  };
}

/**
 * Planner inputs with live prices: price is polled for the unstreamed tokens only (measured cost scaled,
 * else one call per 100 polled tokens), plus one sanity sample a day per 100 streamed tokens.
 */
function withStreams(m: MeasuredCosts | undefined, watched: number, streamed: number) {
  const polled = Math.max(0, watched - streamed);
  const cost: Partial<Record<DataKind, number>> = { ...m?.costs(watched) };
  if (streamed > 0) cost.price = m ? (m.costs(polled).price ?? 0) : Math.ceil(polled / BATCH_SIZE);
  const sanityPerDay = streamed > 0 ? Math.ceil(streamed / BATCH_SIZE) : 0;
  const extraPerDay = (m?.extraPerDay() ?? 0) + sanityPerDay;
  return {
    ...(Object.keys(cost).length > 0 ? { cost } : {}),
    ...(m ? { used: m.credits().used } : {}),
    ...(extraPerDay > 0 ? { extraPerDay } : {}),
  };
}

/** The planner's effective cadence per group, spread over the kinds of data. */
const cadenceOf = (p: Plan): Cadence => byKind(p.effective);

/**
 * The plan `createCadence` makes, without measured costs or credits spent: the effective cadence per kind
 * for `watched` tokens of which `streamed` need no price poll, and the projected monthly calls. For the
 * tests and the stream benchmark, which compare it with polling alone.
 */
export function planCadence(
  refresh: Config['refresh'],
  monthlyCalls: number,
  watched: number,
  streamed = 0,
): { cadence: Cadence; monthlyCalls: number } {
  const p = planFetch({
    now: 0,
    watchedCount: watched,
    lastFetched: {},
    wish: refresh,
    monthlyCalls,
    ...withStreams(undefined, watched, streamed),
  });
  return { cadence: cadenceOf(p), monthlyCalls: p.projectedMonthlyCalls };
}

function byKind(effective: Readonly<Record<'price' | 'hourly' | 'daily', number>>): Cadence {
  return Object.fromEntries(
    (Object.entries(CADENCE_OF) as Array<[DataKind, keyof typeof effective]>).map(([kind, group]) => [
      kind,
      effective[group],
    ]),
  ) as Record<DataKind, number>;
}
