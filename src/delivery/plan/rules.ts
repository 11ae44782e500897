import type { ZoneCache } from '../../domain/format.js';
import {
  type AlertEvent,
  type AlertEventKind,
  type AlertType,
  alertTypeOf,
  DEFAULT_SETTINGS,
  type Destination,
  type EffectiveSettings,
  pingKindOf,
} from '../../domain/types.js';
import { type Locale, SOURCE_LOCALE } from '../../i18n/locales.js';
import { destinationLocale } from '../../i18n/resolve.js';
import type { OutboundMessage } from '../ports.js';
import {
  compareEvents,
  cooldownClass,
  cooldownKey,
  HOUR_MS,
  hasCooldown,
  hourWindow,
  messageId,
  releaseKey,
} from './keys.js';
import { quietUntil } from './quiet.js';
import type { PlanProfiles } from './settings.js';
import type { Suppressions } from './suppressions.js';
import type { SuppressReason } from './types.js';

/**
 * The planner's rules, one pure function each, in the order `planPrepared` applies them to one destination
 * (docs/how-it-works.md, "How a tick works", step 7). Each takes what it needs, reports what it suppresses to the
 * `Suppressions` in its context and returns what passes.
 */

/** One destination's view of the tick, shared by its rules. */
export interface RuleContext {
  readonly destination: Destination;
  readonly destKey: string;
  readonly eff: EffectiveSettings;
  /** Tick time, epoch ms. */
  readonly now: number;
  readonly sink: Suppressions;
}

/**
 * Rule 1, types: the alert types subscribed, then the destination's profile: level events only for its
 * `proximityPct` and `strength ≥ minStrength`, metric crossings only for its `sharpeThreshold`. When its value
 * is not among the profiles the engine ran with (a settings change not yet picked up), the default profile's
 * events are used so it is never left without alerts. Applied while grouping events per destination.
 */
export function subscribedTypes(
  e: AlertEvent,
  types: readonly AlertType[],
  eff: EffectiveSettings,
  profiles: PlanProfiles | undefined,
): 'yes' | 'no' | 'below_minstrength' {
  const type = alertTypeOf(e);
  // A price alert has no subscription type: prepare.ts routes it to its own destination only.
  if (type === undefined || !types.includes(type)) return 'no';
  switch (e.kind) {
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout': {
      const want =
        !profiles || profiles.proximityPcts.includes(eff.proximityPct)
          ? eff.proximityPct
          : DEFAULT_SETTINGS.proximityPct;
      if (e.proximityPct !== want) return 'no';
      return e.strength >= eff.minStrength ? 'yes' : 'below_minstrength';
    }
    case 'metric_cross': {
      const want =
        !profiles || profiles.sharpeThresholds.includes(eff.sharpeThreshold)
          ? eff.sharpeThreshold
          : DEFAULT_SETTINGS.sharpeThreshold;
      return e.threshold === want ? 'yes' : 'no';
    }
    default:
      return 'yes';
  }
}

/** Rule 1, mutes: a per-token mute (`tokenMutes`) drops the token's events ('token_muted'). */
export function tokenMutes(events: AlertEvent[], ctx: RuleContext): AlertEvent[] {
  const mutes = ctx.eff.tokenMutes;
  // Ids can repeat when two subscriptions map one token to one destination: keep the first.
  if (events.length < 2 && !mutes) return events;
  const seen = new Set<string>();
  const kept: AlertEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const until = mutes?.[String(e.tokenId)];
    if (until !== undefined && until > ctx.now) ctx.sink.add(ctx.destination, e, 'token_muted', until);
    else kept.push(e);
  }
  return kept;
}

/**
 * Rule 2, dedup: an event whose `d:<eventId>` mark exists ('dedup'). The mark is per EVENT, not per
 * destination: set when a tick planned the event's whole fan-out, so a tick repeated after a crash between
 * enqueue and commit skips it everywhere, and a tick's mark traffic stays O(events + destinations).
 */
export function dedup(events: AlertEvent[], planned: ReadonlySet<string>, ctx: RuleContext): AlertEvent[] {
  if (planned.size === 0) return events;
  const kept: AlertEvent[] = [];
  for (const e of events) {
    if (planned.has(e.id)) ctx.sink.add(ctx.destination, e, 'dedup');
    else kept.push(e);
  }
  return kept;
}

const levelKey = (e: AlertEvent & { level: number }) => `${e.tokenId}|${e.level}`;

/**
 * Rule 3, inhibition: drops approach/touch events outranked by a breakout/touch of the same level that
 * happened at the same time or later ('inhibited'). Within one tick (same `at`) a breakout hides that level's
 * approach and touch; in a held digest spanning many ticks, an approach from before the breakout is stale
 * and goes, while an approach after a breakout and a re-arm (price came back) stays.
 */
export function inhibition(events: AlertEvent[], ctx: RuleContext): AlertEvent[] {
  // One event cannot inhibit itself: skip the maps (this is the common case, once per destination).
  if (events.length < 2) return events;
  const broken = new Map<string, number>();
  const touched = new Map<string, number>();
  const latest = (m: Map<string, number>, k: string, at: number) => m.set(k, Math.max(at, m.get(k) ?? at));
  for (const e of events) {
    if (e.kind === 'level_breakout') latest(broken, levelKey(e), e.at);
    else if (e.kind === 'level_touch') latest(touched, levelKey(e), e.at);
  }
  if (broken.size === 0 && touched.size === 0) return events;
  const outranks = (m: Map<string, number>, e: AlertEvent & { level: number }) => {
    const at = m.get(levelKey(e));
    return at !== undefined && at >= e.at;
  };
  const kept: AlertEvent[] = [];
  for (const e of events) {
    let by: AlertEventKind | undefined;
    if (e.kind === 'level_touch' || e.kind === 'level_approach') {
      if (outranks(broken, e)) by = 'level_breakout';
      else if (e.kind === 'level_approach' && outranks(touched, e)) by = 'level_touch';
    }
    if (by) ctx.sink.add(ctx.destination, e, 'inhibited', undefined, by);
    else kept.push(e);
  }
  return kept;
}

/**
 * Rule 4, cooldown per (destination, token, event kind): `c:<dest>:<token>:<kind>` marked → 'cooldown'.
 * Kinds are fine-grained (`flip_daily`, `flip_hourly`, `level_breakout`, `cross_SHARPE`, ...), so a breakout
 * is never held back by an earlier approach, but two approaches of one token within the cooldown are.
 * Returns the events that pass and the cooldown marks to set if they are sent or held.
 */
export function cooldown(
  events: AlertEvent[],
  marks: ReadonlySet<string>,
  ctx: RuleContext,
): { accepted: AlertEvent[]; coolMarks: Array<{ key: string; ttlMs: number }> } {
  const ttlMs = ctx.eff.cooldownSec * 1000;
  const accepted: AlertEvent[] = [];
  const coolMarks: Array<{ key: string; ttlMs: number }> = [];
  for (const e of events) {
    if (!hasCooldown(e)) {
      accepted.push(e);
      continue;
    }
    const key = cooldownKey(ctx.destKey, e.tokenId, cooldownClass(e));
    if (marks.has(key)) {
      ctx.sink.add(ctx.destination, e, 'cooldown');
      continue;
    }
    accepted.push(e);
    if (ttlMs > 0 && !coolMarks.some((m) => m.key === key)) coolMarks.push({ key, ttlMs });
  }
  return { accepted, coolMarks };
}

/** A window that holds (or, for a mute in drop mode, drops) everything a destination would get now. */
export interface Hold {
  readonly reason: Extract<SuppressReason, 'muted' | 'muted_dropped' | 'quiet_hours' | 'rate_cap'>;
  /** Epoch ms the window ends (held events come back as a digest then). */
  readonly until: number;
}

/**
 * Rule 5, quiet hours and mute: a mute (`mutedUntil`) in 'hold' mode holds until it ends, or until the quiet
 * hours that are open then end ('muted'); in 'drop' mode it drops ('muted_dropped'). Quiet hours hold until
 * the window ends ('quiet_hours').
 */
export function quietHoursAndMute(eff: EffectiveSettings, now: number, zones?: ZoneCache): Hold | undefined {
  const quietEnd = quietUntil(eff.quietHours, now, zones);
  if (eff.mutedUntil !== null && eff.mutedUntil > now) {
    return {
      reason: eff.muteMode === 'drop' ? 'muted_dropped' : 'muted',
      until: Math.max(eff.mutedUntil, quietEnd ?? 0),
    };
  }
  return quietEnd === undefined ? undefined : { reason: 'quiet_hours', until: quietEnd };
}

/** Messages a destination may get per clock hour: its `maxPerHour`, at least 1. */
export const hourlyLimit = (eff: EffectiveSettings): number => Math.max(1, eff.maxPerHour);

/**
 * Rule 6, hourly cap: once `maxPerHour` messages (at least 1) went to a destination in this clock hour,
 * further events are HELD until the next hour ('rate_cap'), never dropped.
 */
export function hourlyCap(eff: EffectiveSettings, sentThisHour: number, now: number): Hold | undefined {
  return sentThisHour >= hourlyLimit(eff)
    ? { reason: 'rate_cap', until: hourWindow(now) + HOUR_MS }
    : undefined;
}

/**
 * Rule 7, digest: this tick's accepted events plus the due held ones not already released by an earlier
 * (crashed) tick (no `r:<dest>:<eventId>` mark) become ONE message, highest priority first. A digest of held
 * events spans many ticks, so inhibition runs again across all of it.
 */
const isLevelEvent = (e: AlertEvent) =>
  e.kind === 'level_approach' || e.kind === 'level_touch' || e.kind === 'level_breakout';

export function digest(
  accepted: AlertEvent[],
  held: readonly AlertEvent[],
  marks: ReadonlySet<string>,
  ctx: RuleContext,
): { message?: OutboundMessage; released: readonly AlertEvent[] } {
  const released =
    held.length === 0
      ? held
      : held.filter((e) => !accepted.some((a) => a.id === e.id) && !marks.has(releaseKey(ctx.destKey, e.id)));
  let events = released.length === 0 ? accepted : inhibition([...accepted, ...released], ctx);
  if (events.length === 0) return { released };
  if (events.length > 1) events = events.sort(compareEvents);
  const message: OutboundMessage = {
    id: messageId(
      ctx.destKey,
      events.map((e) => e.id),
    ),
    destination: ctx.destination,
    events,
    createdAt: ctx.now,
    origin: accepted.length === 0 ? 'held' : 'tick',
    ...(ctx.eff.charts && events.some(isLevelEvent) ? { chart: true } : {}),
    // The only time zone a destination sets is its quiet hours': alert times are written in it.
    ...(ctx.eff.quietHours ? { tz: ctx.eff.quietHours.tz } : {}),
    ...localeOf(ctx.eff),
    ...pingsOf(events, ctx),
  };
  return { message, released };
}

/** The destination's language (issue 22); English is left out, so jobs queued before it read the same. */
export function localeOf(eff: RuleContext['eff']): { locale?: Locale } {
  const locale = destinationLocale(eff);
  return locale === SOURCE_LOCALE ? {} : { locale };
}

/**
 * Role pings of a digest (Discord channels): each token's role once, when one of its events is of a kind
 * the destination pings on. A digest pings each role at most once, however many events it holds.
 */
export function pingsOf(events: readonly AlertEvent[], ctx: RuleContext): { pings?: string[] } {
  const roles = ctx.eff.pingRoles;
  if (!roles || ctx.destination.platform !== 'discord' || ctx.eff.pingOn.length === 0) return {};
  const out: string[] = [];
  for (const e of events) {
    const role = roles[String(e.tokenId)];
    const kind = pingKindOf(e);
    if (role === undefined || kind === undefined || !ctx.eff.pingOn.includes(kind)) continue;
    if (!out.includes(role)) out.push(role);
  }
  return out.length > 0 ? { pings: out } : {};
}
