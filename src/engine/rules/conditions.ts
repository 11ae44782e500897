import type { DataKind } from '../../domain/market.js';
import { describePart } from '../../domain/price-alerts.js';
import type { Condition, ConditionPart, PartValue, SignalValue } from '../../domain/types.js';
import { DETECT_DEFAULTS, type TokenState } from '../types.js';
import { type MoveReading, moveHolds } from './move-window.js';
import { effectiveTrend } from './signal-flip.js';

/**
 * Pure rules of combined alert conditions (issue 21). A condition holds when every part holds; a part
 * whose data is missing (no price yet, no signal fetched yet) is unknown, and so is the condition then
 * (unless another part is plainly false). Alerts fire on the edge only: false before, true now.
 */

/** The Token Metrics facts a condition reads, from a token's engine state. */
export interface MarketFacts {
  /** The daily signal in force (the day's signal, else the trend). */
  readonly daily?: SignalValue;
  /** The hourly position (1 long, -1 short, 0 flat). */
  readonly hourly?: SignalValue;
  /** TM grade 0–100. */
  readonly grade?: number;
  readonly sharpe?: number;
  /** Every level with its strength (0–100), USD, ascending; a `near` part keeps those strong enough for it. */
  readonly levels: readonly FactLevel[];
}

export interface FactLevel {
  readonly level: number;
  readonly strength: number;
}

/** The facts of a state; undefined without a state. */
export function factsOf(state: TokenState | undefined): MarketFacts | undefined {
  if (!state) return undefined;
  const levels = (state.levels?.items ?? [])
    .map((l) => ({ level: l.level, strength: l.strength }))
    .sort((a, b) => a.level - b.level);
  const sharpe = state.metrics?.values.SHARPE;
  return {
    ...(state.daily ? { daily: effectiveTrend(state.daily) } : {}),
    ...(state.hourly ? { hourly: state.hourly.position } : {}),
    ...(state.grade?.grade === undefined ? {} : { grade: state.grade.grade }),
    ...(sharpe === undefined ? {} : { sharpe }),
    levels,
  };
}

/** Whether two fact sets would decide any part differently (cheap: a handful of fields). */
export function factsEqual(a: MarketFacts | undefined, b: MarketFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.daily !== b.daily || a.hourly !== b.hourly || a.grade !== b.grade || a.sharpe !== b.sharpe)
    return false;
  return (
    a.levels.length === b.levels.length &&
    a.levels.every((l, i) => l.level === b.levels[i]?.level && l.strength === b.levels[i]?.strength)
  );
}

/** What a part is judged on: the price, the move of each window, the Token Metrics facts. */
export interface PartContext {
  readonly price: number | undefined;
  readonly move: (windowMs: number) => MoveReading | undefined;
  readonly facts: MarketFacts | undefined;
}

/**
 * The strong level a price is near: support when the price is at it or up to `pct`% above it, resistance
 * when at it or up to `pct`% below it, among the levels of at least `minStrength` (default: the engine's,
 * 50). The nearest one; undefined when none.
 */
export function nearLevel(
  side: 'support' | 'resistance',
  pct: number,
  price: number | undefined,
  levels: readonly FactLevel[] | undefined,
  minStrength: number = DETECT_DEFAULTS.minStrength,
): number | undefined {
  if (price === undefined || !levels) return undefined;
  let best: number | undefined;
  for (const { level: l, strength } of levels) {
    if (strength < minStrength) continue;
    const ok =
      side === 'support'
        ? l <= price && price <= l * (1 + pct / 100)
        : l >= price && price >= l * (1 - pct / 100);
    if (ok && (best === undefined || Math.abs(price - l) < Math.abs(price - best))) best = l;
  }
  return best;
}

const SIGNAL_VALUE = { bullish: 1, bearish: -1 } as const;

/** true / false, or undefined when the data the part needs is missing. */
export function partHolds(p: ConditionPart, ctx: PartContext): boolean | undefined {
  switch (p.kind) {
    case 'above':
      return ctx.price === undefined ? undefined : ctx.price >= p.price;
    case 'below':
      return ctx.price === undefined ? undefined : ctx.price <= p.price;
    case 'move': {
      const r = ctx.move(p.windowMs);
      return r === undefined ? undefined : moveHolds(r, p.pct);
    }
    case 'near':
      if (ctx.price === undefined || !ctx.facts) return undefined;
      return nearLevel(p.side, p.pct, ctx.price, ctx.facts.levels, p.minStrength) !== undefined;
    case 'signal': {
      const v = p.timeframe === 'daily' ? ctx.facts?.daily : ctx.facts?.hourly;
      return v === undefined ? undefined : v === SIGNAL_VALUE[p.value];
    }
    case 'grade':
    case 'sharpe': {
      const v = p.kind === 'grade' ? ctx.facts?.grade : ctx.facts?.sharpe;
      if (v === undefined) return undefined;
      return p.op === '>=' ? v >= p.value : v <= p.value;
    }
  }
}

/** false when a part is false; else undefined when a part is unknown; else true. */
export function conditionHolds(c: Condition, ctx: PartContext): boolean | undefined {
  let unknown = false;
  for (const p of c.parts) {
    const h = partHolds(p, ctx);
    if (h === false) return false;
    if (h === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/** The value a part is judged on, as data (worded per language by describe-price.ts `partValueWords`). */
export function partValue(p: ConditionPart, ctx: PartContext): PartValue {
  const none: PartValue = { kind: 'none' };
  switch (p.kind) {
    case 'above':
    case 'below':
      return ctx.price === undefined ? none : { kind: 'price', price: ctx.price };
    case 'move': {
      const r = ctx.move(p.windowMs);
      return r ? { kind: 'move', pct: r.pct, from: r.from.price } : none;
    }
    case 'near': {
      const l = nearLevel(p.side, p.pct, ctx.price, ctx.facts?.levels, p.minStrength);
      if (l === undefined || ctx.price === undefined) return { kind: 'near-none', side: p.side, pct: p.pct };
      return { kind: 'near', side: p.side, level: l, awayPct: ((ctx.price - l) / l) * 100 };
    }
    case 'signal': {
      const v = p.timeframe === 'daily' ? ctx.facts?.daily : ctx.facts?.hourly;
      return v === undefined ? none : { kind: 'signal', value: v };
    }
    case 'grade':
    case 'sharpe': {
      const v = p.kind === 'grade' ? ctx.facts?.grade : ctx.facts?.sharpe;
      return v === undefined ? none : { kind: 'number', value: v, digits: p.kind === 'grade' ? 1 : 2 };
    }
  }
}

/** Each part as written, with its value and whether it holds. */
export function readings(
  c: Condition,
  ctx: PartContext,
): Array<{ part: string; reading: PartValue; holds: boolean | undefined }> {
  return c.parts.map((p) => ({
    part: describePart(p),
    reading: partValue(p, ctx),
    holds: partHolds(p, ctx),
  }));
}

/** The Token Metrics data a part needs fetched (besides the price, which every alert needs). */
export function kindOfPart(p: ConditionPart): DataKind | undefined {
  switch (p.kind) {
    case 'near':
      return 'levels';
    case 'signal':
      return p.timeframe === 'daily' ? 'daily' : 'hourly';
    case 'grade':
      return 'grade';
    case 'sharpe':
      return 'quant';
    default:
      return undefined;
  }
}
