import type { PriceRule } from '../../domain/price-alerts.js';

/**
 * Pure rules of users' price alerts.
 * - `above X`: the price goes from below X to X or more (`prev < X <= now`).
 * - `below X`: the price goes from above X to X or less (`now <= X < prev`).
 *   Sitting at or past the target is not a crossing: an alert set below the current price for
 *   `above` waits for the price to come back under it and cross again.
 * - `move P% W`: |now - then| / then ≥ P%, where `then` is the price W ago (either direction).
 * Returns the signed change in percent for a move, `0` for a threshold crossing, undefined for no hit.
 */
export function ruleHit(
  rule: PriceRule,
  prev: number | undefined,
  now: number,
  then: number | undefined,
): number | undefined {
  switch (rule.kind) {
    case 'above':
      return prev !== undefined && prev < rule.price && now >= rule.price ? 0 : undefined;
    case 'below':
      return prev !== undefined && prev > rule.price && now <= rule.price ? 0 : undefined;
    case 'move': {
      const change = movePct(then, now);
      return change !== undefined && Math.abs(change) >= rule.pct ? change : undefined;
    }
  }
}

/** Signed percent change from `then` to `now`, undefined without a usable reference. */
export function movePct(then: number | undefined, now: number): number | undefined {
  if (then === undefined || !(then > 0)) return undefined;
  return ((now - then) / then) * 100;
}

/** `every` alerts wait out the destination's cooldown after each firing; `once` alerts never fire again. */
export function cooledDown(lastFiredAt: number | undefined, cooldownMs: number, at: number): boolean {
  return lastFiredAt === undefined || at - lastFiredAt >= cooldownMs;
}
