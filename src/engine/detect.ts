import type { TokenObservation } from '../domain/market.js';
import type { AlertEvent } from '../domain/types.js';
import type { RuleContext } from './rules/context.js';
import { gradeChange } from './rules/grade-change.js';
import { rearmDistance } from './rules/level-phase.js';
import { type LevelsOptions, levelsRule, type Profile } from './rules/levels.js';
import { metricThresholds, type ResolvedWatch } from './rules/metric-threshold.js';
import { dailyFlip, hourlyFlip } from './rules/signal-flip.js';
import {
  DETECT_DEFAULTS,
  type DetectOptions,
  metricKey,
  numKey,
  STATE_VERSION,
  type TokenState,
} from './types.js';

/** The metric the `sharpeThresholds` option watches. */
export const SHARPE = 'SHARPE';

function positive(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Options checked and expanded: what the rules run with (also what `explainToken` explains). */
export interface Resolved {
  readonly profiles: Profile[];
  readonly watches: ResolvedWatch[];
  readonly levelOpts: LevelsOptions;
}

/** Options checked and expanded into profiles and watches: done once per detector, not per token. */
export function resolve(opts: Omit<DetectOptions, 'now'>): Resolved {
  const touchPct = positive(opts.touchPct, DETECT_DEFAULTS.touchPct);
  const breakoutPct = positive(opts.breakoutPct, DETECT_DEFAULTS.breakoutPct);
  const rearmFactor = positive(opts.rearmFactor, DETECT_DEFAULTS.rearmFactor);
  const hysteresis = positive(opts.hysteresis, DETECT_DEFAULTS.hysteresis);
  const holdMs = positive(opts.breakoutHoldMs, 0);
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  for (const pct of opts.proximityPcts) {
    if (!Number.isFinite(pct) || pct <= 0) continue;
    const key = numKey(pct);
    if (seen.has(key)) continue;
    seen.add(key);
    profiles.push({
      key,
      pct,
      touchPct,
      breakoutPct,
      rearmPct: rearmDistance(pct, rearmFactor, breakoutPct),
      holdMs,
    });
  }
  const watches: ResolvedWatch[] = [];
  const watch = (metric: string, threshold: number, h: number) => {
    const key = metricKey(metric, threshold);
    if (!Number.isFinite(threshold) || watches.some((w) => w.key === key)) return;
    watches.push({ key, metric, threshold, hysteresis: h });
  };
  for (const t of opts.sharpeThresholds) watch(SHARPE, t, hysteresis);
  for (const w of opts.metricThresholds ?? []) {
    const h = positive(w.hysteresis, hysteresis);
    for (const t of w.thresholds) watch(w.metric, t, h);
  }
  const levelOpts: LevelsOptions = {
    minStrength: positive(opts.minStrength, DETECT_DEFAULTS.minStrength),
    clusterPct: positive(opts.clusterPct, DETECT_DEFAULTS.clusterPct),
    profileSig: profiles.map((p) => p.key).join(','),
  };
  return { profiles, watches, levelOpts };
}

/** The proximity profiles `detect` runs the level machine for with these options (for `levelBand`). */
export function levelProfiles(opts: Omit<DetectOptions, 'now'>): readonly Profile[] {
  return resolve(opts).profiles;
}

function validPrice(p: number | undefined): number | undefined {
  return p !== undefined && Number.isFinite(p) && p > 0 ? p : undefined;
}

/** The quote time of a price when it is a sane one (not after the tick), else the tick time. */
function quotedAt(at: number | undefined, now: number): number {
  return at !== undefined && Number.isFinite(at) && at > 0 && at <= now ? at : now;
}

/** `detect` with its options resolved once: make one per tick (or per options) and call it per token. */
export interface Detector {
  detect(
    prev: TokenState | undefined,
    obs: TokenObservation,
    now: number,
  ): { state: TokenState; events: AlertEvent[] };
}

/**
 * A detector for these options. The options are checked and expanded once here, so a tick over thousands
 * of tokens pays for it once; the detector holds no other state (each call is pure).
 */
export function createDetector(opts: Omit<DetectOptions, 'now'>): Detector {
  const resolved = resolve(opts);
  return { detect: (prev, obs, now) => detectWith(resolved, prev, obs, now) };
}

/**
 * Compares a token's new observation with its last state and returns the next state plus the events.
 * Pure: the only time it knows is `opts.now`, which is stored in the state and stamped on events but never
 * enters an event id. First sight of a token (`prev` undefined) is a silent baseline; an absent part of
 * `obs` keeps the stored part and never alerts. Events come highest priority first. Resolves `opts` on each
 * call: for many tokens with the same options, use `createDetector`.
 */
export function detect(
  prev: TokenState | undefined,
  obs: TokenObservation,
  opts: DetectOptions,
): { state: TokenState; events: AlertEvent[] } {
  return detectWith(resolve(opts), prev, obs, opts.now);
}

function detectWith(
  { profiles, watches, levelOpts }: Resolved,
  prev: TokenState | undefined,
  obs: TokenObservation,
  now: number,
): { state: TokenState; events: AlertEvent[] } {
  const url = obs.url ?? prev?.url;
  const freshPrice = validPrice(obs.price?.price);
  const knownPrice = freshPrice ?? prev?.price?.value;
  const source = freshPrice !== undefined ? obs.price?.source : prev?.price?.source;
  // The price's own time and source go on events for people; like `now`, they never enter an id.
  const ctx: RuleContext = {
    tokenId: obs.tokenId,
    symbol: obs.symbol,
    name: obs.name,
    url,
    now,
    priceAt: freshPrice !== undefined ? quotedAt(obs.price?.at, now) : prev?.price?.at,
    priceSource: source,
  };
  const grades = {
    traderGrade: obs.daily?.traderGrade ?? prev?.daily?.traderGrade,
    tmGrade: obs.grade?.grade ?? prev?.grade?.grade,
  };

  const daily = dailyFlip(ctx, prev?.daily, obs.daily, knownPrice, grades);
  const hourly = hourlyFlip(ctx, prev?.hourly, obs.hourly, knownPrice, grades);
  const levels = levelsRule(ctx, prev?.levels, obs.levels, freshPrice, knownPrice, profiles, levelOpts);
  const quant = metricThresholds(ctx, prev?.metrics, prev?.sides, obs.quant, watches);
  const grade = gradeChange(ctx, prev?.grade, obs.grade);

  const sawAny =
    freshPrice !== undefined ||
    obs.daily !== undefined ||
    obs.hourly !== undefined ||
    obs.levels !== undefined ||
    obs.quant !== undefined ||
    obs.grade !== undefined;
  // Assembled field by field (not with conditional spreads): detect runs for every token every tick.
  const state: { -readonly [K in keyof TokenState]: TokenState[K] } = {
    v: STATE_VERSION,
    tokenId: obs.tokenId,
    symbol: obs.symbol,
    name: obs.name,
    updatedAt: sawAny || !prev ? now : prev.updatedAt,
  };
  if (url !== undefined) state.url = url;
  const price =
    freshPrice === undefined
      ? prev?.price
      : source === undefined
        ? { value: freshPrice, at: now }
        : { value: freshPrice, at: now, source };
  if (price) state.price = price;
  if (daily.part) state.daily = daily.part;
  if (hourly.part) state.hourly = hourly.part;
  if (levels.part) state.levels = levels.part;
  if (quant.metrics) state.metrics = quant.metrics;
  if (quant.sides) state.sides = quant.sides;
  if (grade.part) state.grade = grade.part;
  // First sight: every rule above already baselines a part it has no previous value for, but a token
  // with no state at all must stay silent even if a rule found something to say.
  if (!prev) return { state, events: [] };

  const events: AlertEvent[] = [];
  if (daily.event) events.push(daily.event);
  if (hourly.event) events.push(hourly.event);
  for (const e of levels.events) events.push(e);
  for (const e of quant.events) events.push(e);
  if (grade.event) events.push(grade.event);
  if (events.length > 1) events.sort((a, b) => b.priority - a.priority);
  return { state, events };
}
