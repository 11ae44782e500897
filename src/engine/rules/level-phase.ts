import type { PhaseState } from '../types.js';

/** One proximity profile's thresholds, all in percent of the level. */
export interface PhaseConfig {
  /** Approach distance (the profile). */
  readonly pct: number;
  readonly touchPct: number;
  readonly breakoutPct: number;
  /** Re-arm distance: max(pct × rearmFactor, 2 × breakoutPct), see `rearmDistance`. */
  readonly rearmPct: number;
}

export type LevelTransition = 'approach' | 'touch' | 'breakout';

/**
 * How far price must move from a level, after an approach, touch or breakout, before it can alert again.
 * At least 2 × breakoutPct so that a price oscillating just past a broken level never re-arms it.
 */
export function rearmDistance(pct: number, rearmFactor: number, breakoutPct: number): number {
  return Math.max(pct * rearmFactor, 2 * breakoutPct);
}

/**
 * Silent first phase for a (level, profile) seen for the first time: whatever the price is doing now is
 * taken as already known. `d` is the signed distance in percent, (price − level) / level × 100.
 */
export function initialPhase(d: number, cfg: PhaseConfig, now: number): PhaseState {
  const ad = Math.abs(d);
  return {
    p: ad <= cfg.touchPct ? 'touch' : ad <= cfg.pct ? 'near' : 'far',
    ref: d >= 0 ? 'above' : 'below',
    since: now,
  };
}

/**
 * One tick of the level machine for a new price at signed distance `d` (percent):
 *
 *   armed (far | near | touch):
 *     crossed to the other side of `ref` by ≥ breakoutPct   → broken   (breakout; suppresses the rest)
 *     |d| ≤ touchPct and not yet touch                      → touch    (touch; far → touch skips approach)
 *     |d| ≤ pct and far                                     → near     (approach)
 *     |d| > rearmPct and not far                            → far      (silent re-arm, ref = current side)
 *   broken:
 *     |d| > rearmPct                                        → far      (silent re-arm, ref = current side)
 *
 * Between pct and rearmPct nothing changes: that gap is the hysteresis that makes a price wobbling around
 * the approach boundary alert once. Returns `prev` itself when nothing changed (no allocation on the hot
 * path); `transitionOf(prev, next)` names the event, if any.
 */
export function stepPhase(prev: PhaseState, d: number, cfg: PhaseConfig, now: number): PhaseState {
  const ad = d < 0 ? -d : d;
  if (prev.p === 'broken') {
    return ad > cfg.rearmPct ? { p: 'far', ref: d >= 0 ? 'above' : 'below', since: now } : prev;
  }
  const crossed = prev.ref === 'below' ? d >= cfg.breakoutPct : d <= -cfg.breakoutPct;
  if (crossed) return { p: 'broken', ref: prev.ref, since: now };
  if (ad <= cfg.touchPct) return prev.p === 'touch' ? prev : { p: 'touch', ref: prev.ref, since: now };
  if (ad <= cfg.pct) return prev.p === 'far' ? { p: 'near', ref: prev.ref, since: now } : prev;
  if (ad > cfg.rearmPct && prev.p !== 'far') return { p: 'far', ref: d >= 0 ? 'above' : 'below', since: now };
  return prev;
}

/** The event a phase change stands for: into broken = breakout, touch = touch, near = approach; re-arms are silent. */
export function transitionOf(prev: PhaseState, next: PhaseState): LevelTransition | undefined {
  if (next === prev || next.p === prev.p) return undefined;
  return next.p === 'broken'
    ? 'breakout'
    : next.p === 'touch'
      ? 'touch'
      : next.p === 'near'
        ? 'approach'
        : undefined;
}
