/**
 * The engine's stored state and options. Everything here is plain JSON-serialisable data: the store keeps
 * one TokenState per token and hands it back on the next tick. Times are epoch ms; prices USD; percents
 * are percent (2 = 2%).
 */
import type { SignalValue, TokenId } from '../domain/types.js';

/** Bumped whenever the stored shape or its meaning changes; an older state loads as "no state" (silent baseline). */
export const STATE_VERSION = 1;

/**
 * Phase of one level for one proximity profile.
 * - `far`: armed, price outside the proximity band.
 * - `near`: an approach was seen (price within the band); waits for touch, breakout or re-arm.
 * - `touch`: price came within `touchPct`; waits for breakout or re-arm.
 * - `broken`: a confirmed breakout was seen; nothing alerts until price moves beyond the re-arm distance.
 */
export type LevelPhase = 'far' | 'near' | 'touch' | 'broken';

/** Where the price is against a level or threshold. */
export type PriceSide = 'above' | 'below';

export interface PhaseState {
  readonly p: LevelPhase;
  /**
   * The side price was on when the level was (re-)armed. It defines the level's role: `below` means the
   * level is resistance (a breakout goes up through it), `above` means support.
   */
  readonly ref: PriceSide;
  /** Tick time (epoch ms) this phase began. Feeds the id of the NEXT transition (ids never use the current `now`). */
  readonly since: number;
  /**
   * Pending breakout (streamed prices with a hold time): when price first went past the breakout buffer.
   * Absent when none is pending. Never part of an id.
   */
  readonly x?: number;
}

/** A derived level: a cluster of raw API levels merged to their mean. */
export interface LevelState {
  /** Stable key (the rounded price at first sight); kept while the cluster moves only slightly. */
  readonly key: string;
  /** Cluster mean, USD. */
  readonly level: number;
  /** Number of raw levels in the cluster. */
  readonly count: number;
  /** ISO date of the cluster's newest member ('' when none parsed). */
  readonly newest: string;
  /** 0..100, see `levelStrength`. */
  readonly strength: number;
  /** Per proximity profile (key: `profileKey(pct)`). */
  readonly phases: Readonly<Record<string, PhaseState>>;
}

export interface SideState {
  readonly side: PriceSide;
  /** Tick time (epoch ms) this side was entered; feeds the next crossing's id. */
  readonly since: number;
}

/** The last known state of one token. Parts are absent until first observed. */
export interface TokenState {
  readonly v: typeof STATE_VERSION;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url?: string;
  /** Tick time of the last detect that saw any part. */
  readonly updatedAt: number;
  /** `source`: where the price came from when not Token Metrics (`Binance SOL/USDT`); alerts show it. */
  readonly price?: { readonly value: number; readonly at: number; readonly source?: string };
  readonly daily?: {
    readonly signal: SignalValue;
    readonly trend: SignalValue;
    readonly date: string;
    readonly traderGrade?: number;
    readonly at: number;
  };
  readonly hourly?: {
    readonly signal: SignalValue;
    readonly position: SignalValue;
    readonly timestamp: string;
    readonly close?: number;
    readonly at: number;
  };
  readonly levels?: {
    /** The API row's DATE, when given. */
    readonly date?: string;
    readonly at: number;
    /** Sorted by level, ascending. */
    readonly items: readonly LevelState[];
    /**
     * The proximity profile keys (comma-joined) every item holds a phase for. Lets detect skip
     * reconciling the phase records on ticks where the profile set did not change.
     */
    readonly profiles?: string;
  };
  readonly metrics?: {
    readonly date?: string;
    readonly at: number;
    /** Last finite value per metric name (merged: a metric missing from a row keeps its old value). */
    readonly values: Readonly<Record<string, number>>;
  };
  /** Threshold sides, key `metricKey(metric, threshold)`. */
  readonly sides?: Readonly<Record<string, SideState>>;
  readonly grade?: {
    readonly signal: string;
    readonly grade?: number;
    readonly momentum?: string;
    /** Tick time the current signal was first seen; feeds the next change's id. */
    readonly since: number;
    readonly at: number;
  };
}

/** A metric watched against thresholds (the same rule shape as Sharpe). */
export interface MetricWatch {
  /** The API's field name, e.g. 'MAX_DRAWDOWN', 'VOLATILITY'. */
  readonly metric: string;
  readonly thresholds: readonly number[];
  /** Absolute hysteresis half-band in the metric's unit. Default: `DetectOptions.hysteresis`. */
  readonly hysteresis?: number;
}

export interface DetectOptions {
  /** Tick time, epoch ms. Stored in state and stamped on events (`at`); never part of an event id. */
  readonly now: number;
  /** Proximity profiles, percent of the level (each subscriber's `proximityPct`). Each gets its own phase machine. */
  readonly proximityPcts: readonly number[];
  /** SHARPE thresholds (each subscriber's `sharpeThreshold`). */
  readonly sharpeThresholds: readonly number[];
  /** Only levels at least this strong (0..100) emit events; weaker ones are still tracked. Default 50. */
  readonly minStrength?: number;
  /** Touch distance, percent. Default 0.25. */
  readonly touchPct?: number;
  /** A breakout is confirmed when price is this far (percent) past the level on the other side. Default 0.5. */
  readonly breakoutPct?: number;
  /** SHARPE hysteresis half-band (absolute): up needs ≥ t + h, down needs ≤ t − h. Default 0.1. */
  readonly hysteresis?: number;
  /**
   * A level re-arms (back to `far`) when price is farther than max(pct × rearmFactor, 2 × breakoutPct)
   * from it, on either side. Default 1.5.
   */
  readonly rearmFactor?: number;
  /** Raw levels within this percent of each other merge into one cluster. Default 1. */
  readonly clusterPct?: number;
  /**
   * A breakout needs price past the buffer for this long (ms) before it counts (`BREAKOUT_HOLD`, for
   * streamed prices). Default 0: at once (polled prices).
   */
  readonly breakoutHoldMs?: number;
  /** Further metrics to watch (the Sharpe rule shape). */
  readonly metricThresholds?: readonly MetricWatch[];
}

/** Defaults for the optional DetectOptions fields. */
export const DETECT_DEFAULTS = {
  minStrength: 50,
  touchPct: 0.25,
  breakoutPct: 0.5,
  hysteresis: 0.1,
  rearmFactor: 1.5,
  clusterPct: 1,
} as const;

/** Stable string for a numeric profile / threshold (no float noise: 0.1 + 0.2 → "0.3"). */
export function numKey(n: number): string {
  return String(Number(n.toPrecision(10)));
}

/** Key of a threshold side in `TokenState.sides`. */
export function metricKey(metric: string, threshold: number): string {
  return `${metric}@${numKey(threshold)}`;
}

/** The metric of a `metricKey` (everything before its last `@`). */
export function metricOfKey(key: string): string {
  const at = key.lastIndexOf('@');
  return at < 0 ? key : key.slice(0, at);
}
