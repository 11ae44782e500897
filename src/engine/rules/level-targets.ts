import type { LevelRef } from '../../domain/types.js';

/**
 * What a level alert gives a trader to act on, from the token's other strong levels:
 * - `beyond` (the target): the nearest strong level past both the alert's level and the price, in the
 *   alert's direction. Approach of resistance $150 at $147 → the next strong level above $150.
 * - `behind` (where the idea fails): the nearest strong level past both on the other side. Approach of
 *   resistance at $147 → the nearest strong support under $147; breakout above $150 at $151 → the
 *   nearest strong level under $150 (the broken level itself is the alert's `level`).
 * "Strong" is strength ≥ `minStrength`, as for the alert itself. The alert's own level never counts
 * (comparisons are strict). Absent when no level qualifies. O(levels); order of `levels` does not matter.
 */
export function levelsAround(
  levels: readonly LevelRef[],
  level: number,
  price: number,
  direction: 'up' | 'down',
  minStrength: number,
): { beyond?: LevelRef; behind?: LevelRef } {
  const hi = Math.max(level, price);
  const lo = Math.min(level, price);
  let above: LevelRef | undefined;
  let below: LevelRef | undefined;
  for (const l of levels) {
    if (!(l.strength >= minStrength) || !Number.isFinite(l.level)) continue;
    if (l.level > hi && (!above || l.level < above.level)) above = l;
    else if (l.level < lo && (!below || l.level > below.level)) below = l;
  }
  const [beyond, behind] = direction === 'up' ? [above, below] : [below, above];
  return {
    ...(beyond ? { beyond: ref(beyond) } : {}),
    ...(behind ? { behind: ref(behind) } : {}),
  };
}

/** Only the two fields (a LevelState carries phases and keys the alert must not). */
function ref(l: LevelRef): LevelRef {
  return { level: l.level, strength: l.strength };
}
