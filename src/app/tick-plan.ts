import {
  HOUR_MS,
  hourWindow,
  overCap,
  type Plan,
  type PlanBase,
  planPrepared,
  preparePlan,
} from '../delivery/plan.js';
import type { Store } from '../store/ports.js';

/**
 * Step 7 of a tick: plan with the hourly cap. The planner is pure; this feeds it the marks it asks for
 * (one batched read), counts the planned messages against each destination's hourly cap (one increment
 * instead of a read and a write) and plans again with the totals when a destination went over.
 * Kept in its own function so the tick depends on the planner through this one call.
 */
export async function planWithCap(store: Pick<Store, 'marks' | 'counters'>, base: PlanBase): Promise<Plan> {
  const prepared = preparePlan(base);
  const marks = prepared.keys.length > 0 ? await store.marks.has(prepared.keys, base.now) : new Set<string>();
  const first = planPrepared(prepared, marks, new Map());
  if (first.counterKeys.length === 0) return first;
  const totals = await store.counters.increment(first.counterKeys, hourWindow(base.now), HOUR_MS);
  if (!overCap(prepared, totals)) return first;
  const before = new Map([...totals].map(([k, n]) => [k, n - 1] as const));
  return planPrepared(prepared, marks, before);
}
