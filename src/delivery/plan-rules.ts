import { hash } from 'node:crypto';
import {
  type AlertEvent,
  DEFAULT_SETTINGS,
  type Destination,
  destinationKey,
  type EffectiveSettings,
  resolveSettings,
  type Settings,
  type TokenId,
} from '../domain/types.js';
import { parentScope } from '../store/ports.js';

/**
 * The planner's small pure rules and key formats (see plan.ts for how they combine). Mark keys are opaque
 * strings to the store; their shapes are documented here.
 */

export const HOUR_MS = 3600_000;

/** Detection profiles the engine ran with (the planner falls back to the defaults for others). */
export interface PlanProfiles {
  readonly proximityPcts: readonly number[];
  readonly sharpeThresholds: readonly number[];
}

/** Per event, not per destination: set once the event's whole fan-out was planned and enqueued. */
export const dedupKey = (eventId: string) => `d:${eventId}`;
export const cooldownKey = (destKey: string, tokenId: TokenId, cls: string) =>
  `c:${destKey}:${tokenId}:${cls}`;
export const releaseKey = (destKey: string, eventId: string) => `r:${destKey}:${eventId}`;
export const counterKey = (destKey: string) => `n:${destKey}`;
/** Start of the clock hour `now` falls in (the rate-counter window). */
export const hourWindow = (now: number) => Math.floor(now / HOUR_MS) * HOUR_MS;

/** Settings scopes a destination resolves through, outermost first. */
export function scopesOf(d: Destination): string[] {
  const own = destinationKey(d);
  return d.parentId !== undefined && d.kind !== 'dm' ? [parentScope(d.platform, d.parentId), own] : [own];
}

export function effectiveSettings(
  d: Destination,
  settings: ReadonlyMap<string, Settings>,
): EffectiveSettings {
  const own = settings.get(destinationKey(d));
  const parent =
    d.parentId !== undefined && d.kind !== 'dm'
      ? settings.get(parentScope(d.platform, d.parentId))
      : undefined;
  // Most destinations have no settings at all: share the (never mutated) defaults instead of copying.
  if (own === undefined && parent === undefined) return DEFAULT_SETTINGS;
  return resolveSettings(parent, own);
}

/** Cooldown class of an event: its kind, split by timeframe / metric where the kind is shared. */
export function cooldownClass(e: AlertEvent): string {
  if (e.kind === 'signal_flip') return `flip_${e.timeframe}`;
  if (e.kind === 'metric_cross') return `cross_${e.metric}`;
  return e.kind;
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

export function matchesProfile(
  e: AlertEvent,
  eff: EffectiveSettings,
  profiles: PlanProfiles | undefined,
): boolean {
  switch (e.kind) {
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout': {
      const want =
        !profiles || profiles.proximityPcts.includes(eff.proximityPct)
          ? eff.proximityPct
          : DEFAULT_SETTINGS.proximityPct;
      return e.proximityPct === want && e.strength >= eff.minStrength;
    }
    case 'metric_cross': {
      const want =
        !profiles || profiles.sharpeThresholds.includes(eff.sharpeThreshold)
          ? eff.sharpeThreshold
          : DEFAULT_SETTINGS.sharpeThreshold;
      return e.threshold === want;
    }
    default:
      return true;
  }
}

const levelKey = (e: AlertEvent & { level: number }) => `${e.tokenId}|${e.level}`;

/**
 * Rule 4: drops approach/touch events outranked by a breakout/touch of the same level that happened at the
 * same time or later. Within one tick (same `at`) a breakout hides that level's approach and touch; in a
 * held digest spanning many ticks, an approach from before the breakout is stale and goes, while an
 * approach after a breakout and a re-arm (price came back) stays.
 */
export function inhibit(events: AlertEvent[]): { kept: AlertEvent[]; inhibited: number } {
  // One event cannot inhibit itself: skip the maps (this is the common case, once per destination).
  if (events.length < 2) return { kept: events, inhibited: 0 };
  const broken = new Map<string, number>();
  const touched = new Map<string, number>();
  const latest = (m: Map<string, number>, k: string, at: number) => m.set(k, Math.max(at, m.get(k) ?? at));
  for (const e of events) {
    if (e.kind === 'level_breakout') latest(broken, levelKey(e), e.at);
    else if (e.kind === 'level_touch') latest(touched, levelKey(e), e.at);
  }
  if (broken.size === 0 && touched.size === 0) return { kept: events, inhibited: 0 };
  const outranked = (m: Map<string, number>, e: AlertEvent & { level: number }) => {
    const at = m.get(levelKey(e));
    return at !== undefined && at >= e.at;
  };
  const kept = events.filter(
    (e) =>
      !(e.kind === 'level_touch' && outranked(broken, e)) &&
      !(e.kind === 'level_approach' && (outranked(broken, e) || outranked(touched, e))),
  );
  return { kept, inhibited: events.length - kept.length };
}
