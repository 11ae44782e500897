import type { PhaseState } from '../types.js';

/** One proximity profile's thresholds, all in percent of the level. */
export interface PhaseConfig {
  /** Approach distance (the profile). */
  readonly pct: number;
  readonly touchPct: number;
  readonly breakoutPct: number;
  /** Re-arm distance: max(pct × rearmFactor, 2 × breakoutPct), see `rearmDistance`. */
  readonly rearmPct: number;
  /**
   * How long (ms) price must stay past the breakout buffer before a breakout counts. 0 (default) = at
   * once: right for polled prices minutes apart; streamed prices use BREAKOUT_HOLD so a wick never alerts.
   */
  readonly holdMs?: number;
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
 * the approach boundary alert once. With `cfg.holdMs` > 0 a crossing first only marks the phase pending
 * (`x` = when price first went past the buffer, same phase, no event); the breakout comes from a later step
 * still past the buffer at least `holdMs` after `x`. Any step back inside the buffer clears `x`. Returns `prev` itself when nothing changed (no allocation on the hot
 * path); `transitionOf(prev, next)` names the event, if any.
 */
export function stepPhase(prev: PhaseState, d: number, cfg: PhaseConfig, now: number): PhaseState {
  const ad = d < 0 ? -d : d;
  if (prev.p === 'broken') {
    return ad > cfg.rearmPct ? { p: 'far', ref: d >= 0 ? 'above' : 'below', since: now } : prev;
  }
  const crossed = prev.ref === 'below' ? d >= cfg.breakoutPct : d <= -cfg.breakoutPct;
  if (crossed) {
    const hold = cfg.holdMs ?? 0;
    if (hold <= 0 || (prev.x !== undefined && now - prev.x >= hold))
      return { p: 'broken', ref: prev.ref, since: now };
    return prev.x === undefined ? { p: prev.p, ref: prev.ref, since: prev.since, x: now } : prev;
  }
  // Back inside the buffer: a pending breakout is forgotten (the wick did not hold).
  const base: PhaseState = prev.x === undefined ? prev : { p: prev.p, ref: prev.ref, since: prev.since };
  if (ad <= cfg.touchPct) return base.p === 'touch' ? base : { p: 'touch', ref: base.ref, since: now };
  if (ad <= cfg.pct) return base.p === 'far' ? { p: 'near', ref: base.ref, since: now } : base;
  if (ad > cfg.rearmPct && base.p !== 'far') return { p: 'far', ref: d >= 0 ? 'above' : 'below', since: now };
  return base;
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
