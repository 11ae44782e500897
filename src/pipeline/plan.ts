import { HOUR_MS, hourWindow, type Plan, type PlanBase, planTick } from '../delivery/plan/index.js';
import type { Store } from '../store/ports.js';

/**
 * Step 7 of a tick: plan with the hourly cap. The planner (`planTick`) asks for the marks it needs (one
 * batched read) and counts the planned messages against each destination's hourly cap (one increment),
 * re-planning inside itself when a destination went over; this only binds those look-ups to the store.
 */
export async function planWithCap(store: Pick<Store, 'marks' | 'counters'>, base: PlanBase): Promise<Plan> {
  return await planTick(base, {
    hasMarks: (keys) => store.marks.has(keys, base.now),
    countSent: (keys) => store.counters.increment(keys, hourWindow(base.now), HOUR_MS),
  });
}
