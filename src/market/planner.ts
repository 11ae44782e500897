import { formatDuration } from '../domain/format.js';
import { DATA_KINDS, type DataKind } from '../domain/market.js';

/** The three cadences operators configure (REFRESH_PRICE / _HOURLY / _DAILY). */
export type Cadence = 'price' | 'hourly' | 'daily';

/** Which cadence drives each kind of data. The daily cadence covers four endpoints. */
export const CADENCE_OF: Readonly<Record<DataKind, Cadence>> = {
  price: 'price',
  hourly: 'hourly',
  daily: 'daily',
  levels: 'daily',
  quant: 'daily',
  grade: 'daily',
};

/** API endpoints (one call per token batch each) refreshed at each cadence. */
export const ENDPOINTS_PER_CADENCE: Readonly<Record<Cadence, number>> = { price: 1, hourly: 1, daily: 4 };

/** Budget month used for projections: 30 days. */
export const MONTH_MS = 30 * 86_400_000;

/** Token ids per API call. */
export const BATCH_SIZE = 100;

export interface PlanInput {
  /** Epoch ms of this tick. */
  readonly now: number;
  /** Tokens with at least one subscriber. */
  readonly watchedCount: number;
  /** Epoch ms of the last successful fetch of each kind; absent = never (due now). */
  readonly lastFetched: Partial<Record<DataKind, number>>;
  /** The fastest cadence wanted per group, ms (REFRESH_*). */
  readonly wish: Readonly<Record<Cadence, number>>;
  /** API credits per month (TM_MONTHLY_CALLS). */
  readonly monthlyCalls: number;
  /**
   * Share of the budget kept back for calls the plan doesn't count: token directory loads, extra pages,
   * retries. Default 0.05.
   */
  readonly reserve?: number;
}

export interface Plan {
  /** Kinds to fetch this tick. */
  readonly due: DataKind[];
  /** Cadence actually used per group, ms (≥ the wish; stretched to fit the budget). */
  readonly effective: Record<Cadence, number>;
  /** Calls a 30-day month at the effective cadences. */
  readonly projectedMonthlyCalls: number;
  /** ceil(watchedCount / 100). */
  readonly batches: number;
  /** True when some cadence had to be stretched beyond the wish. */
  readonly stretched: boolean;
}

const CADENCES: readonly Cadence[] = ['price', 'hourly', 'daily'];

function monthlyCalls(batches: number, eff: Readonly<Record<Cadence, number>>): number {
  return Math.ceil(
    CADENCES.reduce((sum, c) => sum + (batches * ENDPOINTS_PER_CADENCE[c] * MONTH_MS) / eff[c], 0),
  );
}

/** Round a stretched cadence up to a whole minute (whole second below a minute): readable in logs. */
function roundUp(ms: number): number {
  const unit = ms >= 60_000 ? 60_000 : 1_000;
  return Math.ceil(ms / unit) * unit;
}

/**
 * Stretch the wished cadences so the month fits the budget. Water-filling: find the smallest floor T so
 * that every cadence becomes max(wish, T) and the projection fits. The most frequent cadence (price, by
 * default) is stretched first; the next one only once price has been slowed down to it, and so on.
 */
export function stretchCadences(
  batches: number,
  wish: Readonly<Record<Cadence, number>>,
  budget: number,
): Record<Cadence, number> {
  const eff = { ...wish };
  if (batches === 0 || monthlyCalls(batches, wish) <= budget) return eff;
  const sorted = [...CADENCES].sort((a, b) => wish[a] - wish[b]);
  const k = batches * MONTH_MS;
  let floor = Number.POSITIVE_INFINITY;
  for (let j = 1; j <= sorted.length; j++) {
    // The first j cadences are pulled up to T; the rest keep their wish.
    const pulled = sorted.slice(0, j).reduce((s, c) => s + ENDPOINTS_PER_CADENCE[c], 0);
    const kept = sorted.slice(j).reduce((s, c) => s + (k * ENDPOINTS_PER_CADENCE[c]) / wish[c], 0);
    const room = budget - kept;
    if (room <= 0) continue;
    const t = (k * pulled) / room;
    const next = sorted[j];
    if (next === undefined || t <= wish[next]) {
      floor = t;
      break;
    }
  }
  if (!Number.isFinite(floor)) floor = (k * 6) / Math.max(1, budget);
  const t = roundUp(floor);
  for (const c of CADENCES) eff[c] = Math.max(wish[c], t);
  return eff;
}

/**
 * Decide what to fetch this tick. Pure. Batches = ceil(watched / 100); each cadence costs
 * batches × endpoints calls per refresh (price 1, hourly 1, daily 4: daily signals, levels, quant, grade).
 * A kind is due when it was never fetched or its effective cadence has elapsed (minus a small slack, 2%
 * up to 5 s, so tick jitter doesn't skip a whole tick).
 */
export function planFetch(input: PlanInput): Plan {
  const batches = Math.ceil(Math.max(0, input.watchedCount) / BATCH_SIZE);
  const budget = Math.max(0, input.monthlyCalls) * (1 - (input.reserve ?? 0.05));
  const effective = stretchCadences(batches, input.wish, budget);
  const stretched = CADENCES.some((c) => effective[c] !== input.wish[c]);
  const due: DataKind[] = [];
  if (batches > 0) {
    for (const kind of DATA_KINDS) {
      const last = input.lastFetched[kind];
      const every = effective[CADENCE_OF[kind]];
      const slack = Math.min(5_000, every * 0.02);
      if (last === undefined || input.now - last >= every - slack) due.push(kind);
    }
  }
  return { due, effective, projectedMonthlyCalls: monthlyCalls(batches, effective), batches, stretched };
}

/**
 * One log line for a plan, e.g. `100 tokens (1 batch): price every 6m, hourly every 1h, daily every 6h
 * (stretched to fit the budget); ~8400 of 10000 calls/month`.
 */
export function describePlan(plan: Plan, watchedCount: number, monthlyCalls: number): string {
  const every = (c: Cadence) => `${c} every ${formatDuration(plan.effective[c])}`;
  return (
    `${watchedCount} tokens (${plan.batches} batch${plan.batches === 1 ? '' : 'es'}): ` +
    `${CADENCES.map(every).join(', ')}${plan.stretched ? ' (stretched to fit the budget)' : ''}; ` +
    `~${plan.projectedMonthlyCalls} of ${monthlyCalls} calls/month`
  );
}
