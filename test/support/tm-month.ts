/**
 * A calendar month of fetching simulated against the fake Token Metrics server with an injected clock:
 * the planner (measured costs, ledger, rest of the month) decides each minute what is due, the real
 * client fetches it over loopback HTTP, the directory reloads daily. Used by a test and by
 * bench/tm-month.bench.ts.
 */
import { randomUUID } from 'node:crypto';
import type { DataKind } from '#src/domain/market.js';
import { createTokenMetricsSource, planFetch } from '#src/market/index.js';
import { monthEnd } from '#src/market/meter.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { startFakeTokenMetrics } from '../fakes/tm-server.js';
import { bigScenario } from '../market/helpers.js';

export interface MonthResult {
  readonly tokens: number;
  readonly budget: number;
  /** Requests the fake received. */
  readonly fakeCalls: number;
  /** The ledger's total for the month. */
  readonly ledger: number;
  /** The plan's projection for the month at the end of its first day. */
  readonly projectedDay1: number;
  /** Highest ledger total seen at any tick (never above the budget). */
  readonly maxUsed: number;
  /** Refreshes per kind over the month. */
  readonly refreshes: Record<DataKind, number>;
  readonly wallMs: number;
}

export async function simulateMonth(opts: {
  readonly tokens: number;
  readonly budget: number;
  /** First instant (a month start, UTC). */
  readonly start: number;
  readonly tickMs?: number;
  readonly wish?: { price: number; hourly: number; daily: number };
  readonly store?: Store;
}): Promise<MonthResult> {
  const started = performance.now();
  const key = `tm-${randomUUID()}`;
  const clock = { now: opts.start };
  const fake = await startFakeTokenMetrics({
    apiKey: key,
    scenario: bigScenario(opts.tokens),
    step: 1,
    now: () => clock.now,
  });
  const store = opts.store ?? openSqliteStore({ file: ':memory:' });
  const source = createTokenMetricsSource({
    apiKey: key,
    baseUrl: fake.url,
    store,
    monthlyCalls: opts.budget,
    now: () => clock.now,
    sleep: async () => {},
  });
  const ids = Array.from({ length: opts.tokens }, (_, i) => i + 1);
  const wish = opts.wish ?? { price: 60_000, hourly: 3_600_000, daily: 21_600_000 };
  const tick = opts.tickMs ?? 60_000;
  const end = monthEnd(opts.start);
  const lastFetched: Partial<Record<DataKind, number>> = {};
  const refreshes: Record<DataKind, number> = {
    price: 0,
    daily: 0,
    hourly: 0,
    levels: 0,
    quant: 0,
    grade: 0,
  };
  let projectedDay1 = 0;
  let maxUsed = 0;
  try {
    for (let t = opts.start; t < end; t += tick) {
      clock.now = t;
      // Commands resolve symbols now and then: the directory reloads once a day (counted too).
      if ((t - opts.start) % 3_600_000 === 0) await source.search('T1', 1).catch(() => undefined);
      const plan = planFetch({
        now: t,
        watchedCount: opts.tokens,
        lastFetched,
        wish,
        monthlyCalls: opts.budget,
        cost: source.costs(opts.tokens),
        used: source.credits().used,
        monthEndsAt: end,
        extraPerDay: source.extraPerDay(),
      });
      if (projectedDay1 === 0 && t >= opts.start + 86_400_000) projectedDay1 = plan.projectedMonthlyCalls;
      if (plan.due.length > 0) {
        const failed = new Set<DataKind>();
        await source
          .fetch({ tokenIds: ids, kinds: plan.due, onKindError: (k) => failed.add(k) })
          .catch(() => undefined);
        for (const k of plan.due) {
          if (failed.has(k)) continue;
          lastFetched[k] = t;
          refreshes[k]++;
        }
      }
      maxUsed = Math.max(maxUsed, source.credits().used);
    }
    const month = new Date(opts.start).toISOString().slice(0, 7);
    const ledger = [...(await store.credits.get(month)).values()].reduce((a, b) => a + b, 0);
    return {
      tokens: opts.tokens,
      budget: opts.budget,
      fakeCalls: fake.calls.length,
      ledger,
      projectedDay1,
      maxUsed,
      refreshes,
      wallMs: performance.now() - started,
    };
  } finally {
    await source.close();
    await fake.close();
    if (!opts.store) await store.close();
  }
}
