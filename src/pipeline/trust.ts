import type { Plan } from '../delivery/plan/index.js';
import { OUTCOME_RETENTION_MS, type Outcome } from '../domain/outcome.js';
import type { TokenId } from '../domain/types.js';
import { outcomeOf, stepOutcome } from '../engine/outcomes.js';
import type { Store, StoredSuppression } from '../store/ports.js';

/**
 * The tick's trust records (issue 12): outcomes of the events it enqueued, outcomes moved on by the
 * prices it saw, and the planner's suppression records for /why. Scoring reads only the open outcomes
 * of tokens whose price moved this tick (the store indexes open outcomes by token), so its cost follows
 * the moved tokens, not the number of open outcomes.
 */

/**
 * Prices this tick saw: every observed token's price, and the tokens to score: those whose price changed,
 * plus (once per clock hour) those re-observed at an unchanged price.
 */
export interface TickPrices {
  readonly price: ReadonlyMap<TokenId, number>;
  readonly moved: readonly TokenId[];
}

/** How often a process prunes outcomes older than the retention (ms). */
export const PRUNE_EVERY_MS = 6 * 3600_000;

/** Open outcomes of the moved tokens, stepped with this tick's price; only the ones that changed. */
export async function scoreMoved(
  store: Pick<Store, 'outcomes'>,
  prices: TickPrices,
  at: number,
): Promise<Outcome[]> {
  if (prices.moved.length === 0) return [];
  const open = await store.outcomes.openOf(prices.moved);
  const changed: Outcome[] = [];
  for (const o of open) {
    const p = prices.price.get(o.tokenId);
    if (p === undefined) continue;
    const next = stepOutcome(o, p, at);
    if (next !== o) changed.push(next);
  }
  return changed;
}

/** One outcome per event enqueued to at least one destination this tick (not one per destination). */
export function deliveredOutcomes(p: Plan, prices: TickPrices): Outcome[] {
  const seen = new Set<string>();
  const out: Outcome[] = [];
  for (const m of p.messages) {
    for (const e of m.events) {
      // A user's own price alert predicts nothing: /stats does not score it.
      if (e.kind === 'price_alert' || seen.has(e.id)) continue;
      seen.add(e.id);
      out.push(outcomeOf(e, prices.price.get(e.tokenId)));
    }
  }
  return out;
}

/** The planner's suppression records, stamped with the tick time, for `SuppressionStore.record`. */
export function suppressionRows(p: Plan, at: number): StoredSuppression[] {
  return p.suppressions.map((s) => ({ ...s, at }));
}

/** Writes the tick's trust records beside the other commits: at most two round trips, none in sequence. */
export async function commitTrust(
  store: Pick<Store, 'outcomes' | 'suppressions'>,
  p: Plan,
  prices: TickPrices,
  scored: readonly Outcome[],
  at: number,
): Promise<void> {
  const added = deliveredOutcomes(p, prices);
  const rows = suppressionRows(p, at);
  await Promise.all([
    added.length > 0 || scored.length > 0 ? store.outcomes.save(added, scored) : undefined,
    rows.length > 0 ? store.suppressions.record(rows) : undefined,
  ]);
}

/** Prunes outcomes past the retention at most every PRUNE_EVERY_MS per process; returns the new last-prune time. */
export async function maybePrune(store: Pick<Store, 'outcomes'>, last: number | undefined, at: number) {
  if (last !== undefined && at - last < PRUNE_EVERY_MS) return last;
  await store.outcomes.prune(at - OUTCOME_RETENTION_MS);
  return at;
}
