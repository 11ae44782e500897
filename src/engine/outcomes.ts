/**
 * Outcome scoring (issue 12): pure functions, no I/O. An outcome is created when an event is delivered
 * (`outcomeOf`) and folded over every later price the bot sees (`stepOutcome`), so scoring needs no
 * price history: each open outcome carries what it needs. A price-history store, where one exists, can
 * replay its samples through the same fold.
 */
import type { Outcome, OutcomeKind } from '../domain/outcome.js';
import type { AlertEvent } from '../domain/types.js';

/** Events whose outcome is scored: every market alert. A user's own price alert is no prediction, so none. */
export type ScoredEvent = Exclude<AlertEvent, { kind: 'price_alert' }>;

import { DETECT_DEFAULTS } from './types.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Scoring windows, ms. Levels and breakouts are decided within a day; flips at two horizons. */
export const OUTCOME_WINDOWS = {
  level: DAY,
  breakout: DAY,
  daily: { short: DAY, long: 7 * DAY },
  hourly: { short: 4 * HOUR, long: DAY },
} as const;

/** A level counts as broken once price is this far past it (percent): the engine's breakout distance. */
export const BROKE_PCT = DETECT_DEFAULTS.breakoutPct;

function kindOf(e: ScoredEvent): OutcomeKind {
  switch (e.kind) {
    case 'signal_flip':
      return e.timeframe === 'daily' ? 'daily_flip' : 'hourly_flip';
    case 'level_approach':
      return 'approach';
    case 'level_touch':
      return 'touch';
    case 'level_breakout':
      return 'breakout';
    case 'metric_cross':
      return 'sharpe';
    case 'grade_change':
      return 'grade';
  }
}

const pctMove = (from: number, to: number, dir: 1 | -1) => ((to - from) / from) * 100 * dir;

/**
 * The outcome record of a delivered event. `price`: the token's price at the tick (used when the event
 * carries none). Sharpe and grade changes are `recorded` at once; the rest start `open`.
 */
export function outcomeOf(e: ScoredEvent, price: number | undefined): Outcome {
  const base = { id: e.id, tokenId: e.tokenId, symbol: e.symbol, kind: kindOf(e), at: e.at };
  const entryPrice = 'price' in e && typeof e.price === 'number' ? e.price : price;
  const entry = entryPrice !== undefined && entryPrice > 0 ? { entry: entryPrice } : {};
  switch (e.kind) {
    case 'signal_flip': {
      const dir: 1 | -1 = e.to !== 0 ? e.to : e.from === 1 ? -1 : 1;
      const w = OUTCOME_WINDOWS[e.timeframe];
      return { ...base, ...entry, dir, until: e.at + w.long, status: 'open' };
    }
    case 'level_approach':
    case 'level_touch':
      return {
        ...base,
        ...entry,
        // Support holds when price bounces up; resistance when it turns down.
        dir: e.side === 'support' ? 1 : -1,
        level: e.level,
        band: e.proximityPct,
        distancePct: e.distancePct,
        until: e.at + OUTCOME_WINDOWS.level,
        status: 'open',
      };
    case 'level_breakout':
      return {
        ...base,
        ...entry,
        dir: e.direction === 'up' ? 1 : -1,
        level: e.level,
        band: e.proximityPct,
        until: e.at + OUTCOME_WINDOWS.breakout,
        status: 'open',
      };
    case 'metric_cross':
      return {
        ...base,
        ...entry,
        dir: e.direction === 'up' ? 1 : -1,
        until: e.at,
        status: 'recorded',
        note: `${e.metric} ${e.value.toFixed(2)} ${e.direction === 'up' ? '↑' : '↓'} ${e.threshold}`,
      };
    case 'grade_change':
      return { ...base, ...entry, dir: 1, until: e.at, status: 'recorded', note: `${e.from} → ${e.to}` };
  }
}

/**
 * Folds one observed price (at tick time `t`) into an open outcome. Returns `o` itself when nothing
 * changed, so callers can write only what did. Prices at or before the event are ignored.
 */
export function stepOutcome(o: Outcome, price: number, t: number): Outcome {
  if (o.status !== 'open' || t <= o.at || !(price > 0)) return o;
  if (o.entry === undefined) return { ...o, entry: price, lastPrice: price, lastAt: t };
  const seen = { lastPrice: price, lastAt: t };
  switch (o.kind) {
    case 'approach':
    case 'touch':
      return stepLevel(o, o.entry, price, t, seen);
    case 'breakout':
      return stepBreakout(o, o.entry, price, t, seen);
    case 'daily_flip':
    case 'hourly_flip':
      return stepFlip(o, o.entry, price, t, seen);
    default:
      return o;
  }
}

type Seen = { lastPrice: number; lastAt: number };

function stepLevel(o: Outcome, entry: number, price: number, t: number, seen: Seen): Outcome {
  const move = pctMove(entry, price, o.dir);
  // A price after the window cannot decide it: the alert's day is over.
  if (t > o.until) return { ...o, ...seen, status: 'undecided', move: o.move ?? 0 };
  const level = o.level ?? entry;
  // Signed distance from the level in the holding direction (support: above it is positive).
  const away = pctMove(level, price, o.dir);
  const needed = Math.abs(o.distancePct ?? 0) + (o.band ?? 0);
  if (away >= needed) return { ...o, ...seen, status: 'held', hit: true, move };
  if (away <= -BROKE_PCT) return { ...o, ...seen, status: 'broke', hit: false, move };
  return { ...o, ...seen, move };
}

function stepBreakout(o: Outcome, entry: number, price: number, t: number, seen: Seen): Outcome {
  const move = pctMove(entry, price, o.dir);
  if (t < o.until) return { ...o, ...seen, move };
  const beyond = pctMove(o.level ?? entry, price, o.dir) > 0;
  return { ...o, ...seen, status: beyond ? 'held' : 'failed', hit: beyond, move };
}

function stepFlip(o: Outcome, entry: number, price: number, t: number, seen: Seen): Outcome {
  const w = OUTCOME_WINDOWS[o.kind === 'daily_flip' ? 'daily' : 'hourly'];
  const ret = pctMove(entry, price, o.dir);
  const short = o.short ?? (t >= o.at + w.short ? ret : undefined);
  const withShort = short === undefined ? {} : { short };
  if (t < o.at + w.long) return { ...o, ...seen, ...withShort, move: ret };
  return { ...o, ...seen, ...withShort, long: ret, move: ret, status: 'scored', hit: ret > 0 };
}

/** Open outcomes of these kinds become `undecided` once their window is over without a deciding price. */
export function lapses(kind: string): boolean {
  return kind === 'approach' || kind === 'touch';
}

/** Whether an open outcome of `kind`, decided by `until`, counts as `undecided` at `now`. */
export function lapsed(kind: string, until: number, now: number): boolean {
  return lapses(kind) && !(now <= until);
}

/**
 * Outcome as of `now` for reporting: a level outcome past its window with no later price is
 * `undecided`; everything else as stored.
 */
export function outcomeAsOf(o: Outcome, now: number): Outcome {
  return o.status === 'open' && lapsed(o.kind, o.until, now) ? { ...o, status: 'undecided' } : o;
}
