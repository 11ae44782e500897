import type { AlertEvent } from '../../domain/types.js';
import { compareEvents, counterKey, DEDUP_TTL_MS, dedupKey, releaseKey } from './keys.js';
import { preparePlan } from './prepare.js';
import {
  cooldown,
  dedup,
  digest,
  type Hold,
  hourlyCap,
  hourlyLimit,
  inhibition,
  quietHoursAndMute,
  type RuleContext,
  tokenMutes,
} from './rules.js';
import { Suppressions } from './suppressions.js';
import type { Bucket, Plan, PlanBase, PlanInput, PreparedPlan } from './types.js';

/**
 * The planner: events of one tick × subscribers × settings × marks → one digest message per destination,
 * holds, marks to set and what was suppressed (counts, and bounded records for `/why`). The rules are in
 * rules.ts, one function each; this file only chains them per destination.
 * Marks: dedup for every event of the tick (TTL 1 day), cooldown for events sent or held (TTL
 * cooldownSec), and `r:<dest>:<eventId>` for released held events so a crash between enqueue and
 * `holds.release` cannot send them twice.
 */

type Out = { -readonly [K in keyof Plan]: Plan[K] };

/**
 * One pass of the rules over every destination, with `counters` as the messages already sent this hour.
 * Pure. Production goes through `planTick`, which counts this tick's messages and re-plans over the cap.
 */
export function planPrepared(
  prepared: PreparedPlan,
  marks: ReadonlySet<string>,
  counters: ReadonlyMap<string, number>,
): Plan {
  const { now, events } = prepared.base;
  const sink = new Suppressions();
  const out: Out = {
    messages: [],
    holds: [],
    release: [],
    marks: [],
    counterKeys: [],
    suppressed: sink.counts,
    suppressions: sink.records,
    suppressionsOmitted: 0,
  };
  // Events whose fan-out an earlier (crashed or repeated) tick already planned: skipped everywhere.
  const planned = new Set<string>();
  for (const e of events) if (marks.has(dedupKey(e.id))) planned.add(e.id);
  for (const [destKey, b] of prepared.buckets) {
    const ctx: RuleContext = { destination: b.destination, destKey, eff: b.eff, now, sink };
    for (const e of b.weak ?? []) sink.add(b.destination, e, 'below_minstrength');
    const fresh = inhibition(dedup(tokenMutes(b.candidates, ctx), planned, ctx), ctx);
    const { accepted, coolMarks } = cooldown(fresh, marks, ctx);
    const hold =
      quietHoursAndMute(b.eff, now, prepared.zones) ??
      hourlyCap(b.eff, counters.get(counterKey(destKey)) ?? 0, now);
    if (hold) holdBack(accepted, coolMarks, b, hold, ctx, out);
    else deliver(accepted, coolMarks, b, marks, ctx, out);
  }
  // This tick planned every event's whole fan-out (sent, held, dropped or suppressed per destination).
  for (const e of events) {
    if (!planned.has(e.id)) out.marks.push({ key: dedupKey(e.id), ttlMs: DEDUP_TTL_MS });
  }
  out.suppressionsOmitted = sink.omitted;
  return out;
}

/** A holding window is open: hold (or drop) this tick's events; due held events stay held with them. */
function holdBack(
  accepted: AlertEvent[],
  coolMarks: Out['marks'],
  b: Bucket,
  hold: Hold,
  ctx: RuleContext,
  out: Out,
): void {
  for (const e of accepted) ctx.sink.add(b.destination, e, hold.reason, hold.until);
  const keep = hold.reason === 'muted_dropped' ? [] : accepted;
  if (keep.length > 0) out.marks.push(...coolMarks);
  // An empty batch only moves the release time of events already held.
  if (keep.length > 0 || b.held.length > 0) {
    out.holds.push({ destination: b.destination, events: keep.sort(compareEvents), releaseAt: hold.until });
  }
}

/** Nothing holds: one digest message of this tick's events and the due held ones. */
function deliver(
  accepted: AlertEvent[],
  coolMarks: Out['marks'],
  b: Bucket,
  marks: ReadonlySet<string>,
  ctx: RuleContext,
  out: Out,
): void {
  const { message, released } = digest(accepted, b.held, marks, ctx);
  if (b.held.length > 0) out.release.push(b.destination);
  if (!message) return;
  out.marks.push(...coolMarks);
  for (const e of released) out.marks.push({ key: releaseKey(ctx.destKey, e.id), ttlMs: DEDUP_TTL_MS });
  out.messages.push(message);
  out.counterKeys.push(counterKey(ctx.destKey));
}

/** One pass with known marks and counters (`input.counters`: messages already sent this hour). */
export function plan(input: PlanInput): Plan {
  return planPrepared(preparePlan(input), input.marks, input.counters);
}

/**
 * True when, after counting this tick's messages (`totals`: counter key → count including this tick),
 * some destination went over its hourly cap: then the plan must be made again with `totals - 1`.
 */
export function overCap(prepared: PreparedPlan, totals: ReadonlyMap<string, number>): boolean {
  for (const [destKey, b] of prepared.buckets) {
    const n = totals.get(counterKey(destKey));
    if (n !== undefined && n > hourlyLimit(b.eff)) return true;
  }
  return false;
}

/** The two look-ups a tick's plan needs from the store, each made at most once, in one batch. */
export interface PlanLookups {
  /** Which of these mark keys exist now (`MarkStore.has`). */
  hasMarks(keys: string[]): Promise<ReadonlySet<string>>;
  /**
   * Adds one to each rate counter of this clock hour (one key per message) and returns the totals
   * including this tick (`CounterStore.increment` over `hourWindow(now)`).
   */
  countSent(counterKeys: string[]): Promise<ReadonlyMap<string, number>>;
}

/**
 * The planner's entry point for a tick: prepare, look the marks up, plan, count, and plan again when the
 * count shows a destination over its hourly cap. Counting first and re-planning only then costs one round
 * trip (not a read and a write) and nothing extra in the usual tick where no one is over the cap. The
 * counters are not decremented for messages the re-plan holds: a destination at its cap stays at it.
 */
export async function planTick(base: PlanBase, lookups: PlanLookups): Promise<Plan> {
  const prepared = preparePlan(base);
  const marks = prepared.keys.length > 0 ? await lookups.hasMarks(prepared.keys) : new Set<string>();
  const first = planPrepared(prepared, marks, new Map());
  if (first.counterKeys.length === 0) return first;
  const totals = await lookups.countSent(first.counterKeys);
  if (!overCap(prepared, totals)) return first;
  const before = new Map<string, number>();
  for (const [k, n] of totals) before.set(k, n - 1);
  return planPrepared(prepared, marks, before);
}
