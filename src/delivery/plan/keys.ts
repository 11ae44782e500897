import { hash } from 'node:crypto';
import type { AlertEvent, AlertEventKind, TokenId } from '../../domain/types.js';

/**
 * Mark, counter and message keys of the planner, and the digest order. Mark keys are opaque strings to the
 * store; their shapes are documented here.
 */

export const HOUR_MS = 3600_000;

/**
 * Dedup and release marks live a day. They only have to outlive a re-detection of the same event, which
 * happens when a tick dies between enqueue and commit and the next tick repeats it (minutes later, or
 * after a restart); once the snapshot is committed the engine never emits that id again. A day matches
 * the outbox's own dedup window and keeps the mark count bounded (one per alert per destination per day).
 */
export const DEDUP_TTL_MS = 24 * 3600_000;

/** Per event, not per destination: set once the event's whole fan-out was planned and enqueued. */
export const dedupKey = (eventId: string) => `d:${eventId}`;
export const cooldownKey = (destKey: string, tokenId: TokenId, cls: string) =>
  `c:${destKey}:${tokenId}:${cls}`;
export const releaseKey = (destKey: string, eventId: string) => `r:${destKey}:${eventId}`;
export const counterKey = (destKey: string) => `n:${destKey}`;
/** Start of the clock hour `now` falls in (the rate-counter window). */
export const hourWindow = (now: number) => Math.floor(now / HOUR_MS) * HOUR_MS;

/**
 * The field a kind's cooldown is split by, where one kind covers several independent streams: a flip's
 * timeframe, a crossing's metric, a price alert's id. Undefined: the kind itself is the class.
 */
export type CooldownDetail = { readonly timeframe?: 'daily' | 'hourly'; readonly metric?: string };

/** Class prefix of the kinds that are split (the class is `<prefix>_<part>`). */
const CLASS_PREFIX: Partial<Record<AlertEventKind, string>> = {
  signal_flip: 'flip',
  metric_cross: 'cross',
  price_alert: 'price',
};

/** The class of a kind for one value of its split field (`part` undefined: the kind is not split). */
export const classOf = (kind: AlertEventKind, part?: string): string =>
  part === undefined ? kind : `${CLASS_PREFIX[kind] ?? kind}_${part}`;

/** Cooldown class of an event: its kind, split by timeframe / metric / alert where the kind is shared. */
export function cooldownClass(e: AlertEvent): string {
  if (e.kind === 'signal_flip') return classOf(e.kind, e.timeframe);
  if (e.kind === 'metric_cross') return classOf(e.kind, e.metric);
  if (e.kind === 'price_alert') return classOf(e.kind, e.alertId);
  return e.kind;
}

/**
 * Whether the planner's cooldown rule applies. Not to a user's own price alert: its cooldown is per
 * alert and enforced when it is claimed (`PriceAlertIndex`, `lastFiredAt`), and a planner cooldown on
 * top could swallow a firing already recorded (an `every` alert claimed exactly at its cooldown's end).
 */
export const hasCooldown = (e: AlertEvent): boolean => e.kind !== 'price_alert';

/** A cooldown class with the kind (and split field) it belongs to. */
export interface CooldownClassRef {
  readonly cls: string;
  readonly kind: AlertEventKind;
  readonly detail?: CooldownDetail;
}

const TIMEFRAMES: Readonly<Record<NonNullable<CooldownDetail['timeframe']>, true>> = {
  daily: true,
  hourly: true,
};

/**
 * Per kind, the split values a token's events can have (`[undefined]`: not split). A record over every
 * kind, so a new kind does not compile until it says how its cooldown is split.
 */
const SPLITS: Readonly<
  Record<AlertEventKind, (metrics: readonly string[]) => ReadonlyArray<CooldownDetail | undefined>>
> = {
  signal_flip: () => Object.keys(TIMEFRAMES).map((t) => ({ timeframe: t as 'daily' | 'hourly' })),
  level_approach: () => [undefined],
  level_touch: () => [undefined],
  level_breakout: () => [undefined],
  metric_cross: (metrics) => metrics.map((metric) => ({ metric })),
  grade_change: () => [undefined],
  // No planner cooldown (see `hasCooldown`).
  price_alert: () => [],
};

/**
 * Every cooldown class a token's events can fall in, given the metrics the engine watches for it: what
 * `cooldownClass` gives for each possible event. For /why, which asks the mark store about each.
 */
export function cooldownClasses(metrics: readonly string[]): CooldownClassRef[] {
  const out: CooldownClassRef[] = [];
  for (const kind of Object.keys(SPLITS) as AlertEventKind[]) {
    for (const detail of SPLITS[kind]([...new Set(metrics)])) {
      const part = detail?.timeframe ?? detail?.metric;
      out.push(detail ? { cls: classOf(kind, part), kind, detail } : { cls: classOf(kind), kind });
    }
  }
  return out;
}

/** Digest order: priority desc, then symbol, then time, then id (deterministic). */
export function compareEvents(a: AlertEvent, b: AlertEvent): number {
  return (
    b.priority - a.priority ||
    (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) ||
    a.at - b.at ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Deterministic message id: `m` + 24 hex of sha256(destKey | sorted event ids). No ':' and never all digits. */
export function messageId(destKey: string, eventIds: readonly string[]): string {
  const sorted = eventIds.length > 1 ? [...eventIds].sort() : eventIds;
  return `m${hash('sha256', `${destKey}|${sorted.join(',')}`, 'hex').slice(0, 24)}`;
}
