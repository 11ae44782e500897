import type { Logger } from '../obs/logger.js';
import type { TmMetrics } from '../obs/metrics.js';
import type { CreditLedger } from '../store/ports.js';
import { TmError } from './http.js';

/** `YYYY-MM` of an epoch ms, UTC: the ledger's month. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Epoch ms of the start of the next UTC month. */
export function monthEnd(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** A ledger in memory (replay, tests, a store without one). */
export function memoryLedger(): CreditLedger {
  const months = new Map<string, Map<string, number>>();
  return {
    async add(month, endpoint, calls) {
      const m = months.get(month) ?? new Map<string, number>();
      months.set(month, m);
      m.set(endpoint, (m.get(endpoint) ?? 0) + calls);
      return [...m.values()].reduce((a, b) => a + b, 0);
    },
    async get(month) {
      return new Map(months.get(month));
    },
  };
}

export interface CreditMeter {
  /** Reads this month's total from the shared ledger (other replicas count too). */
  sync(): Promise<void>;
  /** Throws a `budget` error when the month's budget is spent: nothing is sent then. */
  guard(endpoint: string): void;
  /** Counts one request in the ledger. */
  record(endpoint: string): Promise<void>;
  /** Credits spent this month (as last seen). */
  used(): number;
  readonly budget: number;
  /** Credits held back for what alerts need most: budget × reserve share. */
  readonly reserve: number;
  /** True once `used ≥ budget − reserve`: only essential kinds are fetched. */
  inReserve(): boolean;
}

/**
 * Counts every request to Token Metrics in the store's ledger, per UTC month, and enforces the budget:
 * the month never goes over `budget`. Crossing into the reserve and running out are each told to the
 * operator once per month.
 */
export function createCreditMeter(opts: {
  readonly ledger: CreditLedger;
  readonly budget: number;
  /** Share of the budget kept for essential kinds. Default 0.05. */
  readonly reserveShare?: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly metrics: TmMetrics;
}): CreditMeter {
  const budget = Math.max(0, opts.budget);
  const reserve = Math.ceil(budget * (opts.reserveShare ?? 0.05));
  let month = monthOf(opts.now());
  let from = Date.parse(`${month}-01T00:00:00Z`);
  let until = monthEnd(from);
  let used = 0;
  const told = new Set<string>();
  opts.metrics.creditsBudget.set(budget);

  const roll = () => {
    const t = opts.now();
    if (t >= from && t < until) return;
    month = monthOf(t);
    from = Date.parse(`${month}-01T00:00:00Z`);
    until = monthEnd(from);
    used = 0;
  };
  const tell = () => {
    opts.metrics.creditsUsed.set(used);
    if (used >= budget - reserve && !told.has(`reserve:${month}`)) {
      told.add(`reserve:${month}`);
      opts.logger.warn(
        { used, budget, reserve, month },
        'Token Metrics credits: budget minus reserve reached. Only what alerts need most (prices, daily signals) is fetched until the month ends.',
      );
    }
    if (used >= budget && !told.has(`out:${month}`)) {
      told.add(`out:${month}`);
      opts.logger.error(
        { used, budget, month },
        'Token Metrics credits: the monthly budget is spent. No API calls until the next month (raise TM_MONTHLY_CALLS if the plan allows).',
      );
    }
  };

  return {
    budget,
    reserve,
    async sync() {
      roll();
      const byEndpoint = await opts.ledger.get(month);
      used = Math.max(
        used,
        [...byEndpoint.values()].reduce((a, b) => a + b, 0),
      );
      tell();
    },
    guard(endpoint) {
      roll();
      if (used >= budget) {
        throw new TmError(`${endpoint}: monthly API credit budget spent`, 'budget', true, endpoint);
      }
    },
    async record(endpoint) {
      roll();
      used++;
      try {
        used = Math.max(used, await opts.ledger.add(month, endpoint, 1));
      } catch (err) {
        // The call was made either way; keep counting in memory and say so.
        opts.logger.warn({ err, endpoint }, 'credit ledger write failed');
      }
      tell();
    },
    used: () => {
      roll();
      return used;
    },
    inReserve: () => used >= budget - reserve,
  };
}
