import {
  type AlertEvent,
  alertTypeOf,
  type Destination,
  destinationKey,
  type EffectiveSettings,
  type Settings,
  type Subscription,
  type TokenId,
} from '../domain/types.js';
import { quietUntil } from './plan-quiet.js';
import {
  compareEvents,
  cooldownClass,
  cooldownKey,
  counterKey,
  dedupKey,
  effectiveSettings,
  HOUR_MS,
  hourWindow,
  inhibit,
  matchesProfile,
  messageId,
  type PlanProfiles,
  releaseKey,
} from './plan-rules.js';
import type { OutboundMessage } from './ports.js';

export {
  compareEvents,
  cooldownClass,
  cooldownKey,
  counterKey,
  dedupKey,
  effectiveSettings,
  HOUR_MS,
  hourWindow,
  messageId,
  type PlanProfiles,
  releaseKey,
  scopesOf,
} from './plan-rules.js';

/**
 * The pure delivery planner: events of one tick × subscribers × settings × marks → one digest message per
 * destination, holds, marks to set and what was suppressed. No I/O and no clock: the tick loads everything
 * in batches, calls `planKeys` to learn which marks to look up, then `plan`.
 *
 * Rules, in order, per destination:
 * 1. Subscription types, then profiles: level events only for the destination's `proximityPct` (and
 *    `strength ≥ minStrength`), metric crossings only for its `sharpeThreshold`. When the destination's
 *    value is not among the profiles the engine ran with (a settings change not yet picked up), the
 *    default profile's events are used so it is never left without alerts.
 * 2. Per-token mute (`tokenMutes`) drops the token's events ('token_muted').
 * 3. Dedup: `d:<eventId>` marked → 'dedup'. The mark is per EVENT, not per destination: it is set when
 *    a tick has planned the event's whole fan-out (so a tick repeated after a crash between enqueue and
 *    commit re-detects the event and skips it everywhere). One mark per event instead of one per
 *    (destination, event) keeps a tick's mark traffic at O(events + destinations).
 * 4. Inhibition: a breakout suppresses the approach and touch of the same level, a touch the approach
 *    ('inhibited').
 * 5. Cooldown per (destination, token, event kind): `c:<dest>:<token>:<kind>` marked → 'cooldown'. Kinds
 *    are fine-grained (`flip_daily`, `flip_hourly`, `level_breakout`, `cross_SHARPE`, ...), so a breakout is
 *    never held back by an earlier approach, but two approaches of one token within the cooldown are.
 * 6. Mute (`mutedUntil`): 'hold' mode holds until it ends ('muted'); 'drop' mode drops ('muted_dropped').
 *    Quiet hours hold until the window ends ('quiet_hours'). Held events are not lost: they come back as a
 *    digest (origin 'held') once due.
 * 7. Cap of `maxPerHour` messages per destination per clock hour: over it, events are HELD until the next
 *    hour ('rate_cap'), never dropped.
 * Marks: dedup for every event of the tick (TTL 1 day), cooldown for events sent or held
 * (TTL cooldownSec), and `r:<dest>:<eventId>` for released held events so a crash between enqueue and
 * `holds.release` cannot send them twice.
 */

export type SuppressReason =
  | 'dedup'
  | 'cooldown'
  | 'inhibited'
  | 'token_muted'
  | 'muted'
  | 'muted_dropped'
  | 'quiet_hours'
  | 'rate_cap';

/** Reasons whose events are held and delivered later (not lost). */
export const HELD_REASONS: readonly SuppressReason[] = ['muted', 'quiet_hours', 'rate_cap'];

/**
 * Dedup and release marks live a day. They only have to outlive a re-detection of the same event, which
 * happens when a tick dies between enqueue and commit and the next tick repeats it (minutes later, or
 * after a restart); once the snapshot is committed the engine never emits that id again. A day matches
 * the outbox's own dedup window and keeps the mark count bounded (one per alert per destination per day).
 */
export const DEDUP_TTL_MS = 24 * 3600_000;

export interface HeldBatch {
  readonly destination: Destination;
  readonly events: readonly AlertEvent[];
}

export interface PlanInput {
  /** Events detected this tick (all tokens). */
  readonly events: readonly AlertEvent[];
  /** Active subscriptions of each token that has events. */
  readonly subscribers: ReadonlyMap<TokenId, readonly Subscription[]>;
  /** Stored settings by scope (destination key or `parent:<platform>:<id>`); absent scopes use defaults. */
  readonly settings: ReadonlyMap<string, Settings>;
  /** Marks (keys from `planKeys`) that exist. */
  readonly marks: ReadonlySet<string>;
  /** Held events that are due (`HoldStore.due`). */
  readonly held: readonly HeldBatch[];
  /** Messages already sent this hour, by `counterKey(destKey)`; absent = 0. */
  readonly counters: ReadonlyMap<string, number>;
  /** Tick time, epoch ms. */
  readonly now: number;
  /** Profiles the engine ran with; default: every profile is assumed present. */
  readonly profiles?: PlanProfiles;
}

export interface Plan {
  readonly messages: OutboundMessage[];
  readonly holds: Array<{ destination: Destination; events: AlertEvent[]; releaseAt: number }>;
  /** Destinations whose held events went into a message (call `holds.release` after enqueueing). */
  readonly release: Destination[];
  readonly marks: Array<{ key: string; ttlMs: number }>;
  /** Rate-counter keys to increment by one (one per message). */
  readonly counterKeys: string[];
  readonly suppressed: Partial<Record<SuppressReason, number>>;
}

/** One destination's share of the tick. */
export interface Bucket {
  readonly destination: Destination;
  readonly eff: EffectiveSettings;
  readonly candidates: AlertEvent[];
  held: readonly AlertEvent[];
}

/** Groups events per destination after the type and profile filters (rule 1). */
function buckets(input: PlanBase): Map<string, Bucket> {
  const byToken = new Map<TokenId, AlertEvent[]>();
  for (const e of input.events) {
    const list = byToken.get(e.tokenId);
    if (list) list.push(e);
    else byToken.set(e.tokenId, [e]);
  }
  const out = new Map<string, Bucket>();
  const bucketOf = (d: Destination): Bucket => {
    const key = destinationKey(d);
    let b = out.get(key);
    if (!b) {
      b = { destination: d, eff: effectiveSettings(d, input.settings), candidates: [], held: [] };
      out.set(key, b);
    }
    return b;
  };
  for (const [tokenId, events] of byToken) {
    for (const sub of input.subscribers.get(tokenId) ?? []) {
      const b = bucketOf(sub.destination);
      for (const e of events) {
        if (sub.types.includes(alertTypeOf(e)) && matchesProfile(e, b.eff, input.profiles))
          b.candidates.push(e);
      }
    }
  }
  for (const h of input.held) {
    if (h.events.length > 0) bucketOf(h.destination).held = h.events;
  }
  return out;
}

/** The planner's input without the marks and counters (what is known before they are looked up). */
export type PlanBase = Omit<PlanInput, 'marks' | 'counters'>;

/** Events grouped per destination, and the mark keys to look up: compute once, plan once or twice. */
export interface PreparedPlan {
  readonly base: PlanBase;
  /** Every mark key the plan may look at, for one batched `marks.has`. */
  readonly keys: string[];
  readonly buckets: ReadonlyArray<readonly [string, Bucket]>;
}

export function preparePlan(base: PlanBase): PreparedPlan {
  const all = [...buckets(base)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { base, keys: keysOf(base.events, all), buckets: all };
}

/**
 * True when, after counting this tick's messages (`totals`: counter key → count including this tick),
 * some destination went over its hourly cap: then plan again with `totals - 1` as the counters.
 */
export function overCap(prepared: PreparedPlan, totals: ReadonlyMap<string, number>): boolean {
  for (const [destKey, b] of prepared.buckets) {
    const n = totals.get(counterKey(destKey));
    if (n !== undefined && n > Math.max(1, b.eff.maxPerHour)) return true;
  }
  return false;
}

/** Every mark key `plan` may look at, for one batched `marks.has`. */
export function planKeys(input: PlanBase): string[] {
  return preparePlan(input).keys;
}

function keysOf(events: readonly AlertEvent[], all: ReadonlyArray<readonly [string, Bucket]>): string[] {
  const keys = [...new Set(events.map((e) => dedupKey(e.id)))];
  for (const [destKey, b] of all) {
    const classes = new Set<string>();
    for (const e of b.candidates) {
      const c = cooldownKey(destKey, e.tokenId, cooldownClass(e));
      if (!classes.has(c)) {
        classes.add(c);
        keys.push(c);
      }
    }
    for (const e of b.held) keys.push(releaseKey(destKey, e.id));
  }
  return keys;
}

export function plan(input: PlanInput): Plan {
  return planPrepared(preparePlan(input), input.marks, input.counters);
}

export function planPrepared(
  prepared: PreparedPlan,
  marks: ReadonlySet<string>,
  counters: ReadonlyMap<string, number>,
): Plan {
  const { now } = prepared.base;
  const out: Plan = { messages: [], holds: [], release: [], marks: [], counterKeys: [], suppressed: {} };
  const count = (reason: SuppressReason, n: number) => {
    if (n > 0) out.suppressed[reason] = (out.suppressed[reason] ?? 0) + n;
  };
  // Events whose fan-out an earlier (crashed or repeated) tick already planned: skipped everywhere.
  const dup = new Set<string>();
  for (const e of prepared.base.events) if (marks.has(dedupKey(e.id))) dup.add(e.id);
  for (const [destKey, b] of prepared.buckets) {
    const { eff, destination } = b;
    // Rules 2 + 3: token mutes and dedup (ids can repeat when two profiles map to one destination).
    const seen = b.candidates.length > 1 ? new Set<string>() : undefined;
    const fresh: AlertEvent[] = [];
    for (const e of b.candidates) {
      if (seen) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
      }
      const mutedUntil = eff.tokenMutes?.[String(e.tokenId)];
      if (mutedUntil !== undefined && mutedUntil > now) count('token_muted', 1);
      else if (dup.has(e.id)) count('dedup', 1);
      else fresh.push(e);
    }
    const { kept, inhibited } = inhibit(fresh);
    count('inhibited', inhibited);
    const accepted: AlertEvent[] = [];
    // Cooldown key of each accepted event, built once (it is both looked up and written back).
    const acceptedKeys: string[] = [];
    for (const e of kept) {
      const key = cooldownKey(destKey, e.tokenId, cooldownClass(e));
      if (marks.has(key)) count('cooldown', 1);
      else {
        accepted.push(e);
        acceptedKeys.push(key);
      }
    }
    const coolMarks: Array<{ key: string; ttlMs: number }> = [];
    if (eff.cooldownSec > 0) {
      for (const key of acceptedKeys) {
        if (!coolMarks.some((m) => m.key === key)) coolMarks.push({ key, ttlMs: eff.cooldownSec * 1000 });
      }
    }

    // Rule 6 + 7: windows that hold (or drop) everything, including due held events (they stay held).
    const muteActive = eff.mutedUntil !== null && eff.mutedUntil > now;
    const quietEnd = quietUntil(eff.quietHours, now);
    const sentSoFar = counters.get(counterKey(destKey)) ?? 0;
    let holdUntil: number | undefined;
    let reason: SuppressReason | undefined;
    if (muteActive && eff.mutedUntil !== null) {
      holdUntil = Math.max(eff.mutedUntil, quietEnd ?? 0);
      reason = eff.muteMode === 'drop' ? 'muted_dropped' : 'muted';
    } else if (quietEnd !== undefined) {
      holdUntil = quietEnd;
      reason = 'quiet_hours';
    } else if (sentSoFar >= Math.max(1, eff.maxPerHour) && (accepted.length > 0 || b.held.length > 0)) {
      holdUntil = hourWindow(now) + HOUR_MS;
      reason = 'rate_cap';
    }
    if (holdUntil !== undefined && reason !== undefined) {
      count(reason, accepted.length);
      const keep = reason === 'muted_dropped' ? [] : accepted;
      if (keep.length > 0) out.marks.push(...coolMarks);
      // An empty batch only moves the release time of events already held.
      if (keep.length > 0 || b.held.length > 0) {
        out.holds.push({ destination, events: keep.sort(compareEvents), releaseAt: holdUntil });
      }
      continue;
    }

    // Deliver: new events plus due held events not already released by an earlier (crashed) tick.
    const released =
      b.held.length === 0
        ? b.held
        : b.held.filter((e) => !accepted.some((a) => a.id === e.id) && !marks.has(releaseKey(destKey, e.id)));
    if (b.held.length > 0) out.release.push(destination);
    // A digest of held events spans many ticks: inhibit across all of it (a breakout makes the same
    // level's earlier approach and touch stale).
    let events = released.length === 0 ? accepted : [...accepted, ...released];
    if (released.length > 0) {
      const r = inhibit(events);
      count('inhibited', r.inhibited);
      events = r.kept;
    }
    if (events.length > 1) events.sort(compareEvents);
    if (events.length === 0) continue;
    out.marks.push(...coolMarks);
    for (const e of released) out.marks.push({ key: releaseKey(destKey, e.id), ttlMs: DEDUP_TTL_MS });
    out.messages.push({
      id: messageId(
        destKey,
        events.map((e) => e.id),
      ),
      destination,
      events,
      createdAt: now,
      origin: accepted.length === 0 ? 'held' : 'tick',
    });
    out.counterKeys.push(counterKey(destKey));
  }
  // This tick planned every event's whole fan-out (sent, held, dropped or suppressed per destination).
  for (const e of prepared.base.events) {
    if (!dup.has(e.id)) out.marks.push({ key: dedupKey(e.id), ttlMs: DEDUP_TTL_MS });
  }
  return out;
}
