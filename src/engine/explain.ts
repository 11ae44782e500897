import { resolve, SHARPE } from './detect.js';
import type { Profile } from './rules/levels.js';
import {
  type DetectOptions,
  metricOfKey,
  type PhaseState,
  type SideState,
  type TokenState,
} from './types.js';

/**
 * The engine's own account of a token's state for one detection profile (/why): where each level stands
 * against the profile's distances and what re-arms it, and where each watched metric stands against its
 * threshold and hysteresis band. Distances and bands come from the options resolved exactly as `detect`
 * resolves them, so the explanation cannot drift from the rules. Pure.
 */

/** One level seen from the current price, for one proximity profile. */
export interface LevelExplanation {
  /** The level, USD. */
  readonly level: number;
  /** 0..100 (`levelStrength`). */
  readonly strength: number;
  /** Above the price: resistance; otherwise support (as /levels classifies it). */
  readonly side: 'resistance' | 'support';
  /** Signed distance of the level from the price, percent of the price (+ above), as /levels shows it. */
  readonly distancePct: number;
  /** Distance of the price from the level, percent of the level: what the level machine compares. */
  readonly awayPct: number;
  /** Within the profile's approach distance (`awayPct ≤ pct`). */
  readonly inBand: boolean;
  /** At least the options' `minStrength`: the level's transitions alert. */
  readonly strong: boolean;
  /** The level's phase for the profile; absent until the engine tracks the profile (its next scan). */
  readonly phase?: PhaseState;
  /**
   * After an approach, touch or breakout: how far (percent of the level) price must move from it before
   * the level can alert again (`rearmDistance`). Absent while the level is armed.
   */
  readonly rearmPct?: number;
}

/** One watched metric threshold: the value, the side it is on and the values that would cross it. */
export interface ThresholdExplanation {
  readonly metric: string;
  readonly threshold: number;
  /** Half-band: crossing up needs `value ≥ up`, down needs `value ≤ down`. */
  readonly hysteresis: number;
  readonly up: number;
  readonly down: number;
  /** Last known value of the metric; absent before the first one. */
  readonly value?: number;
  /** The side the engine has it on; absent until the threshold is tracked (baselined on the next value). */
  readonly side?: SideState;
}

export interface TokenExplanation {
  readonly price?: TokenState['price'];
  readonly daily?: TokenState['daily'];
  readonly hourly?: TokenState['hourly'];
  /** The first proximity profile of the options (percent of the level); absent when none is valid. */
  readonly profile?: Profile;
  readonly minStrength: number;
  /** Nearest the price first (by `awayPct`); empty without a known price. */
  readonly levels: readonly LevelExplanation[];
  /** One per threshold the options watch, in their order. */
  readonly thresholds: readonly ThresholdExplanation[];
  /**
   * Every metric the token has a watched threshold for: `watchedMetrics` and the options'. A crossing's
   * cooldown class is per metric.
   */
  readonly metrics: readonly string[];
}

/**
 * The token's state explained for these options (for /why: one destination's `proximityPcts: [pct]`,
 * `sharpeThresholds: [t]` and `minStrength`; unset fields take the engine's defaults, as in `detect`).
 */
export function explainToken(state: TokenState, opts: Omit<DetectOptions, 'now'>): TokenExplanation {
  const r = resolve(opts);
  const profile = r.profiles[0];
  const metrics = new Set([...watchedMetrics(state), ...r.watches.map((w) => w.metric)]);
  return {
    ...(state.price ? { price: state.price } : {}),
    ...(state.daily ? { daily: state.daily } : {}),
    ...(state.hourly ? { hourly: state.hourly } : {}),
    ...(profile ? { profile } : {}),
    minStrength: r.levelOpts.minStrength,
    levels: levelsOf(state, profile, r.levelOpts.minStrength),
    thresholds: r.watches.map((w) => {
      const value = state.metrics?.values[w.metric];
      const side = state.sides?.[w.key];
      return {
        metric: w.metric,
        threshold: w.threshold,
        hysteresis: w.hysteresis,
        up: w.threshold + w.hysteresis,
        down: w.threshold - w.hysteresis,
        ...(value === undefined ? {} : { value }),
        ...(side ? { side } : {}),
      };
    }),
    metrics: [...metrics],
  };
}

/**
 * The metrics whose threshold crossings the engine can alert on for this token: SHARPE (the
 * `sharpeThresholds` option, always given by the tick) and every metric with a side in the state.
 */
export function watchedMetrics(state: TokenState | undefined): string[] {
  const metrics = new Set([SHARPE]);
  for (const key of Object.keys(state?.sides ?? {})) metrics.add(metricOfKey(key));
  return [...metrics];
}

function levelsOf(state: TokenState, profile: Profile | undefined, minStrength: number): LevelExplanation[] {
  const price = state.price?.value;
  if (price === undefined) return [];
  const out = (state.levels?.items ?? []).map((l): LevelExplanation => {
    const awayPct = (Math.abs(price - l.level) / l.level) * 100;
    const phase = profile ? l.phases[profile.key] : undefined;
    return {
      level: l.level,
      strength: l.strength,
      side: l.level > price ? 'resistance' : 'support',
      distancePct: ((l.level - price) / price) * 100,
      awayPct,
      inBand: profile !== undefined && awayPct <= profile.pct,
      strong: l.strength >= minStrength,
      ...(phase ? { phase } : {}),
      ...(phase && profile && phase.p !== 'far' ? { rearmPct: profile.rearmPct } : {}),
    };
  });
  return out.sort((a, b) => a.awayPct - b.awayPct);
}
