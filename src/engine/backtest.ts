import type { Condition, ConditionPart, SignalValue } from '../domain/types.js';
import { conditionHolds, type MarketFacts, type PartContext } from './rules/conditions.js';
import { type MoveReading, MoveWindow, type WindowSample } from './rules/move-window.js';

/**
 * `/backtest` (issue 21): replays a token's stored price history through a condition with the same rules
 * the live alerts use (conditions.ts, move-window.ts), edge-triggered like them, and measures the price
 * 1 h and 24 h after each firing. Pure: the caller reads the history and passes the facts.
 * Token Metrics parts need their history. Signal parts replay from a timeline of stored signal flips
 * (the outcome records of delivered flips) when the caller has one; grade and Sharpe, of which the bot
 * keeps only the latest value, are left out (`skipped`); `near` is judged against today's strong levels
 * (`levelsNow`) — levels are historical prices by nature, so they stand for the past better than nothing.
 * The reply says which.
 */

/** A signal over time: its value before the first change, then each change (sorted by t). */
export interface SignalTimeline {
  readonly initial?: SignalValue;
  readonly changes: ReadonlyArray<{ readonly t: number; readonly value: SignalValue }>;
}

export interface BacktestSignals {
  readonly daily?: SignalTimeline;
  readonly hourly?: SignalTimeline;
}

export interface BacktestFiring {
  /** Epoch ms of the sample where the condition became true, and the price there. */
  readonly t: number;
  readonly price: number;
  /** Percent change to the first sample at least 1 h / 24 h later; undefined when the history ends before. */
  readonly after1h?: number;
  readonly after24h?: number;
}

export interface BacktestResult {
  /** The parts replayed, and the ones left out (Token Metrics parts without history). */
  readonly replayed: readonly ConditionPart[];
  readonly skipped: readonly ConditionPart[];
  /** Whether `near` parts were judged against today's levels. */
  readonly levelsNow: boolean;
  /** Price samples replayed, and the span they cover (ms). */
  readonly samples: number;
  readonly from?: number;
  readonly to?: number;
  readonly firings: readonly BacktestFiring[];
}

const HOUR = 3_600_000;
/** A sample "1 h after" may be up to this much later (the older history is hourly). */
const AFTER_SLACK = HOUR;

/** Parts the replay can judge: the price parts, `near` against today's levels, signals with a timeline. */
export const isReplayable = (p: ConditionPart, signals: BacktestSignals = {}): boolean =>
  p.kind === 'above' ||
  p.kind === 'below' ||
  p.kind === 'move' ||
  p.kind === 'near' ||
  (p.kind === 'signal' && signals[p.timeframe] !== undefined);

/** Walks a timeline forward: the value at each (non-decreasing) time asked. */
function cursor(tl: SignalTimeline | undefined): (t: number) => SignalValue | undefined {
  let i = 0;
  let value = tl?.initial;
  return (t) => {
    const changes = tl?.changes ?? [];
    while (i < changes.length && (changes[i] as { t: number }).t <= t)
      value = (changes[i++] as { value: SignalValue }).value;
    return value;
  };
}

/** Index of the first sample with t >= `t`, from `start` on (samples sorted by t). */
function firstAtOrAfter(series: readonly WindowSample[], t: number, start: number): number {
  let lo = start;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((series[mid] as WindowSample).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function changeAfter(series: readonly WindowSample[], i: number, horizon: number): number | undefined {
  const s = series[i] as WindowSample;
  const j = firstAtOrAfter(series, s.t + horizon, i + 1);
  const later = series[j];
  if (!later || later.t > s.t + horizon + AFTER_SLACK) return undefined;
  return ((later.price - s.price) / s.price) * 100;
}

/**
 * Replays `series` (oldest first) through the replayable parts of `condition`: a firing wherever they
 * were false at the previous sample and all true at this one. O(samples × parts): each move window is a
 * running min/max, the 1 h / 24 h look-ups are binary searches.
 */
export function backtest(
  condition: Condition,
  series: readonly WindowSample[],
  facts?: MarketFacts,
  signals: BacktestSignals = {},
): BacktestResult {
  const replayed = condition.parts.filter((p) => isReplayable(p, signals));
  const skipped = condition.parts.filter((p) => !isReplayable(p, signals));
  const levelsNow = replayed.some((p) => p.kind === 'near');
  const base = { replayed, skipped, levelsNow, samples: series.length };
  const first = series[0];
  const last = series.at(-1);
  const span = first && last ? { from: first.t, to: last.t } : {};
  if (replayed.length === 0) return { ...base, ...span, firings: [] };
  const only: Condition = { parts: replayed, text: condition.text };
  const windows = new Map<number, MoveWindow>();
  for (const p of replayed) if (p.kind === 'move') windows.set(p.windowMs, new MoveWindow(p.windowMs));
  const readings = new Map<number, MoveReading | undefined>();
  const levels = facts?.levels ?? [];
  const daily = cursor(signals.daily);
  const hourly = cursor(signals.hourly);
  const ctx: PartContext = { price: undefined, move: (w) => readings.get(w), facts: { levels } };
  const firings: BacktestFiring[] = [];
  let before: boolean | undefined;
  for (const [i, s] of series.entries()) {
    for (const [w, win] of windows) {
      win.push(s.t, s.price);
      readings.set(w, win.reading(s.price));
    }
    const d = daily(s.t);
    const h = hourly(s.t);
    const at: MarketFacts = {
      levels,
      ...(d === undefined ? {} : { daily: d }),
      ...(h === undefined ? {} : { hourly: h }),
    };
    const now = conditionHolds(only, { ...ctx, price: s.price, facts: at });
    if (now === true && before === false) {
      const after1h = changeAfter(series, i, HOUR);
      const after24h = changeAfter(series, i, 24 * HOUR);
      firings.push({
        t: s.t,
        price: s.price,
        ...(after1h === undefined ? {} : { after1h }),
        ...(after24h === undefined ? {} : { after24h }),
      });
    }
    before = now;
  }
  return { ...base, ...span, firings };
}

/** The mean of the defined values and how many there were. */
export function meanOf(values: ReadonlyArray<number | undefined>): { mean?: number; n: number } {
  const xs = values.filter((v): v is number => v !== undefined);
  if (xs.length === 0) return { n: 0 };
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, n: xs.length };
}
