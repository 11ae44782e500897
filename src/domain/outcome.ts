import type { TokenId } from './types.js';

/**
 * What became of one delivered alert (issue 12). One record per event, not per destination: every
 * destination saw the same market. Pure data, scored by src/engine/outcomes.ts, stored by `OutcomeStore`.
 * Times are epoch ms, prices USD, moves percent.
 */

/** The alert kinds /stats reports on (a signal flip splits by timeframe, a level event by transition). */
export const OUTCOME_KINDS = [
  'daily_flip',
  'hourly_flip',
  'approach',
  'touch',
  'breakout',
  'sharpe',
  'grade',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * - `open`: still being scored from the prices that follow.
 * - approach/touch: `held` (price turned away by ≥ one proximity band), `broke` (crossed the level), or
 *   `undecided` (neither within 24 h).
 * - breakout: `held` (still beyond the level 24 h later) or `failed` (back on the other side).
 * - flips: `scored` (returns after both horizons known; `hit` = the long return went the signal's way).
 * - Sharpe and grade changes: `recorded` (no score).
 */
export type OutcomeStatus = 'open' | 'held' | 'broke' | 'undecided' | 'failed' | 'scored' | 'recorded';

export interface Outcome {
  /** The event id (deterministic: a repeated tick writes the same record). */
  readonly id: string;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly kind: OutcomeKind;
  /** When the event was detected. */
  readonly at: number;
  /** Price when it was detected (absent until the first price is seen). */
  readonly entry?: number;
  /** The way price should go for the alert to be right: +1 up, −1 down. */
  readonly dir: 1 | -1;
  /** Level events: the level, and the proximity band (percent) the alert was computed for. */
  readonly level?: number;
  readonly band?: number;
  /** Level approach/touch: distance (percent) from the level when the alert fired. */
  readonly distancePct?: number;
  /** When the outcome is decided (levels and breakouts: +24 h; flips: the long horizon). */
  readonly until: number;
  readonly status: OutcomeStatus;
  /** Decided kinds: whether the alert was right (held, or the flip's long return > 0). */
  readonly hit?: boolean;
  /** Percent move from entry in `dir`, at the decision (or at the last price while open). */
  readonly move?: number;
  /** Flips: return in `dir` after the short (1 d / 4 h) and long (7 d / 24 h) horizon, percent. */
  readonly short?: number;
  readonly long?: number;
  /** Sharpe/grade: what was recorded (e.g. "SHARPE 1.32 ↑ 1", "A → B"). */
  readonly note?: string;
  /** Last price seen and when. */
  readonly lastPrice?: number;
  readonly lastAt?: number;
}

/** Outcomes are kept this long (issue 12: 180 days). */
export const OUTCOME_RETENTION_MS = 180 * 24 * 3600_000;
