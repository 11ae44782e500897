import { levelProfiles } from './detect.js';
import { type PhaseConfig, stepPhase } from './rules/level-phase.js';
import type { Profile } from './rules/levels.js';
import type { DetectOptions, PhaseState, TokenState } from './types.js';

/**
 * The price band inside which no level state of any active proximity profile can change: a streamed price
 * strictly between `lo` and `hi`, before `until`, needs no evaluation (one comparison per frame). Outside it,
 * or after `until` (a pending breakout's hold ends), the token is evaluated through the full engine.
 */
export interface PriceBand {
  /** Exclusive bounds, USD (may be ±Infinity). lo ≥ hi means "evaluate every price". */
  readonly lo: number;
  readonly hi: number;
  /** Epoch ms after which the band is stale; Infinity when no hold is pending. */
  readonly until: number;
}

export const EMPTY_BAND: PriceBand = { lo: 0, hi: 0, until: 0 };
const OPEN_BAND: PriceBand = { lo: -Infinity, hi: Infinity, until: Infinity };

/** True when a price at `now` can skip evaluation. */
export function inBand(b: PriceBand, price: number, now: number): boolean {
  return price > b.lo && price < b.hi && now < b.until;
}

/**
 * The band for a token's stored state around `price` at `now`. Built from `stepPhase` itself, so it can
 * never disagree with the engine: within one open segment between the machine's thresholds (0, ±touch,
 * ±pct, ±breakout, ±rearm) every condition of `stepPhase` is constant, so testing one point per segment and
 * each threshold is exact. The result is shrunk by a relative 1e-9 to stay clear of rounding.
 */
export function levelBand(state: TokenState | undefined, price: number, opts: DetectOptions): PriceBand {
  const levels = state?.levels;
  if (!levels || levels.items.length === 0) return OPEN_BAND;
  const profiles = levelProfiles(opts);
  if (profiles.length === 0) return OPEN_BAND;
  // A changed profile set is reconciled by the next evaluation: do it now.
  if (levels.profiles !== profiles.map((p) => p.key).join(',')) return EMPTY_BAND;
  let lo = -Infinity;
  let hi = Infinity;
  let until = Infinity;
  for (const item of levels.items) {
    for (const prof of profiles as readonly Profile[]) {
      const phase = item.phases[prof.key];
      if (!phase) return EMPTY_BAND; // baseline pending
      const d0 = ((price - item.level) / item.level) * 100;
      const r = unchangedRange(phase, d0, prof, opts.now);
      if (!r) return EMPTY_BAND;
      lo = Math.max(lo, item.level * (1 + r[0] / 100));
      hi = Math.min(hi, item.level * (1 + r[1] / 100));
      if (phase.x !== undefined && (prof.holdMs ?? 0) > 0)
        until = Math.min(until, phase.x + (prof.holdMs ?? 0));
      if (lo >= hi) return EMPTY_BAND;
    }
  }
  return { lo: lo * (lo > 0 ? 1 + 1e-9 : 1 - 1e-9), hi: hi * (hi > 0 ? 1 - 1e-9 : 1 + 1e-9), until };
}

/**
 * The widest open interval of signed distances (percent) around `d0` on which `stepPhase` leaves `phase`
 * unchanged at `now`; undefined when `d0` itself would change it.
 */
export function unchangedRange(
  phase: PhaseState,
  d0: number,
  cfg: PhaseConfig,
  now: number,
): [number, number] | undefined {
  const same = (d: number) => stepPhase(phase, d, cfg, now) === phase;
  if (!same(d0)) return undefined;
  const t = [cfg.touchPct, cfg.pct, cfg.breakoutPct, cfg.rearmPct];
  const cuts = [...new Set([0, ...t, ...t.map((x) => -x)])].sort((a, b) => a - b);
  return [
    edge(cuts.filter((c) => c < d0).reverse(), d0, -1, same),
    edge(
      cuts.filter((c) => c > d0),
      d0,
      1,
      same,
    ),
  ];
}

/** Walks from `d0` over the thresholds (nearest first) until a segment or threshold would change the phase. */
function edge(cuts: readonly number[], d0: number, dir: 1 | -1, same: (d: number) => boolean): number {
  let cur = d0;
  for (const c of cuts) {
    if (!same((cur + c) / 2)) return cur;
    if (!same(c)) return c;
    cur = c;
  }
  return same(cur + dir * 1e6) ? dir * Infinity : cur;
}
