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
   * Share of the budget held back for what alerts need most (prices and daily signals) once the rest is
   * spent, and for calls the plan doesn't schedule. Default 0.05.
   */
  readonly reserve?: number;
  /**
   * Measured API calls one refresh of each kind costs for `watchedCount` tokens (pages, extra calls for
   * cut pages, one-by-one asks, retries). Absent kinds: ceil(watched / 100), one call per batch.
   */
  readonly cost?: Partial<Record<DataKind, number>>;
  /** Credits already spent this month (the ledger). With `monthEndsAt`, the plan covers the rest of the month. */
  readonly used?: number;
  /** Epoch ms the budget month ends (start of the next UTC month). Default: now + 30 days. */
  readonly monthEndsAt?: number;
  /** Calls a day outside the planned kinds (token directory), measured. Default 0. */
  readonly extraPerDay?: number;
}

export interface Plan {
  /** Kinds to fetch this tick. */
  readonly due: DataKind[];
  /** Cadence actually used per group, ms (≥ the wish; stretched to fit the budget). */
  readonly effective: Record<Cadence, number>;
  /** Calls the month will have used at its end (used so far included), re-planning every tick as now. */
  readonly projectedMonthlyCalls: number;
  /** ceil(watchedCount / 100). */
  readonly batches: number;
  /** True when some cadence had to be stretched beyond the wish. */
  readonly stretched: boolean;
  /** True when spending reached budget minus reserve: only ESSENTIAL_KINDS are planned. */
  readonly reserveOnly: boolean;
}

/** What alerts need most: prices (level approach/touch/breakout) and daily signals (flips). */
export const ESSENTIAL_KINDS: ReadonlySet<DataKind> = new Set<DataKind>(['price', 'daily']);

const CADENCES: readonly Cadence[] = ['price', 'hourly', 'daily'];
const DAY_MS = 86_400_000;

type Weights = Readonly<Record<Cadence, number>>;

/** Calls per refresh of each cadence group. */
function groupWeights(
  batches: number,
  cost?: Partial<Record<DataKind, number>>,
  only?: ReadonlySet<DataKind>,
) {
  const w: Record<Cadence, number> = { price: 0, hourly: 0, daily: 0 };
  for (const kind of DATA_KINDS) {
    if (only && !only.has(kind)) continue;
    w[CADENCE_OF[kind]] += cost?.[kind] ?? batches;
  }
  return w;
}

function callsOver(w: Weights, eff: Readonly<Record<Cadence, number>>, spanMs: number): number {
  return CADENCES.reduce((sum, c) => sum + (w[c] * spanMs) / eff[c], 0);
}

/** Round a stretched cadence up to a whole minute (whole second below a minute): readable in logs. */
function roundUp(ms: number): number {
  const unit = ms >= 60_000 ? 60_000 : 1_000;
  return Math.ceil(ms / unit) * unit;
}

/**
 * Stretch the wished cadences so `spanMs` (default a 30-day month) fits `budget` calls. Water-filling: find
 * the smallest floor T so that every cadence becomes max(wish, T) and the projection fits. The most
 * frequent cadence (price, by default) is stretched first; the next one only once price has been slowed
 * down to it, and so on. `w` are calls per refresh of each group (`groupWeights`).
 */
export function stretchCadences(
  w: Weights,
  wish: Readonly<Record<Cadence, number>>,
  budget: number,
  spanMs = MONTH_MS,
): Record<Cadence, number> {
  const eff = { ...wish };
  const total = CADENCES.reduce((s, c) => s + w[c], 0);
  if (total === 0 || callsOver(w, wish, spanMs) <= budget) return eff;
  const sorted = [...CADENCES].sort((a, b) => wish[a] - wish[b]);
  let floor = Number.POSITIVE_INFINITY;
  for (let j = 1; j <= sorted.length; j++) {
    // The first j cadences are pulled up to T; the rest keep their wish.
    const pulled = sorted.slice(0, j).reduce((s, c) => s + w[c], 0);
    const kept = sorted.slice(j).reduce((s, c) => s + (w[c] * spanMs) / wish[c], 0);
    const room = budget - kept;
    if (room <= 0) continue;
    const t = (spanMs * pulled) / room;
    const next = sorted[j];
    if (next === undefined || t <= wish[next]) {
      floor = t;
      break;
    }
  }
  // No budget left at all: once over the whole span (the meter's hard stop still applies).
  if (!Number.isFinite(floor)) floor = Math.max(spanMs, (spanMs * total) / Math.max(1, budget));
  const t = roundUp(floor);
  for (const c of CADENCES) eff[c] = Math.max(wish[c], t);
  return eff;
}

/**
 * Decide what to fetch this tick. Pure. Each cadence group costs its kinds' measured calls per refresh
 * (`cost`; default one call per 100-token batch and kind). With `used` and `monthEndsAt` the remaining
 * budget is spread over the rest of the month, so a month that started expensive slows down and one that
 * started cheap may speed up to the wish. Once `used` reaches budget minus reserve, only ESSENTIAL_KINDS
 * are planned, stretched to fit what is left. A kind is due when it was never fetched or its effective
 * cadence has elapsed (minus a small slack, 2% up to 5 s, so tick jitter doesn't skip a whole tick).
 */
export function planFetch(input: PlanInput): Plan {
  const batches = Math.ceil(Math.max(0, input.watchedCount) / BATCH_SIZE);
  const budget = Math.max(0, input.monthlyCalls);
  const reserveShare = input.reserve ?? 0.05;
  const used = Math.max(0, input.used ?? 0);
  const end = input.monthEndsAt ?? input.now + MONTH_MS;
  const span = Math.max(60_000, end - input.now);
  const extra = ((input.extraPerDay ?? 0) * span) / DAY_MS;
  const reserveOnly = used > 0 && used >= budget * (1 - reserveShare);
  const only = reserveOnly ? ESSENTIAL_KINDS : undefined;
  const room = (reserveOnly ? budget : budget * (1 - reserveShare)) - used - extra;
  const w = groupWeights(batches, input.cost, only);
  const effective = stretchCadences(w, input.wish, Math.max(0, room), span);
  const stretched = CADENCES.some((c) => effective[c] !== input.wish[c]);
  const due: DataKind[] = [];
  if (batches > 0) {
    for (const kind of DATA_KINDS) {
      if (only && !only.has(kind)) continue;
      const last = input.lastFetched[kind];
      const every = effective[CADENCE_OF[kind]];
      const slack = Math.min(5_000, every * 0.02);
      if (last === undefined || input.now - last >= every - slack) due.push(kind);
    }
  }
  // The plan is made again every tick from what is left, so a stretched month ends up spending its whole
  // room (cadences are whole minutes and ticks discrete: any one plan slightly under-spends, the next ones
  // catch up). The honest forecast is therefore the room, or the wish when that costs less.
  const projected = Math.ceil(used + extra + Math.min(callsOver(w, input.wish, span), Math.max(0, room)));
  return { due, effective, projectedMonthlyCalls: projected, batches, stretched, reserveOnly };
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
