import type { Plan } from '../delivery/plan/index.js';
import { MarketError } from '../domain/market.js';
import type { Logger } from '../obs/logger.js';
import { StoreError } from '../store/shared.js';
import { type Detected, deliver } from './deliver.js';
import {
  claimSlot,
  committedStates,
  detectAll,
  evaluatePrices,
  fetchDue,
  loadWatched,
  recordHistory,
  watchedTokens,
} from './steps.js';
import { maybePrune } from './trust.js';
import type { Progress, TickDeps, Ticker, TickOutcome, TickReport, Time } from './types.js';

export type { TickDeps, Ticker, TickOutcome, TickReport } from './types.js';

/**
 * One tick, in the numbered steps of docs/how-it-works.md, "How a tick works" (`runSteps` below calls them in order):
 *   1 claimSlot → 2 loadWatched → 3 profiles.resolve → 4 fetchDue → 5 detectAll → 6–9 deliver
 *   (deliver.ts, the one delivery path shared with the live prices: fan-out → plan with the hourly cap
 *   → enqueue → commit), then the tick metadata.
 * Every store call is batched. An ordinary tick makes 15 store round trips, 10 one after the other
 * (claim, watched, snapshots, price-history write, subscribers, settings, marks, counters, marks.set,
 * snapshots.putMany) and five beside them: the price-alert revision beside the watched read, the
 * tick-meta read beside the snapshot read, the due holds and (trust records, issue 12) the open outcomes
 * of tokens whose price moved beside the subscribers, outcomes.save beside marks.set. The tick bench
 * traces every call, the profile tracker's and the price watch's included, and prints them step by
 * step. A tick that suppressed an event also writes suppressions.record beside marks.set (16); a
 * process's first tick, and one every 6 h, prunes old outcomes beside the tick-metadata write. Ticks where quiet
 * hours, mutes or the hourly cap act add holds.hold / holds.release; a profile scan (first tick, local
 * settings change, every 6 h; reported as `profileScan`) adds two per 200 watched tokens and the
 * tick-meta write, as does a tick that learned new profiles.
 * Order matters: messages are enqueued BEFORE marks and snapshots are committed, and their ids are
 * deterministic, so a crash in between repeats the same work next tick and the outbox drops the repeats.
 * Users' own price alerts (price-alerts.ts) ride along: their tokens are watched (price only when nobody
 * subscribes), step 5c evaluates them on the fetched prices without claiming, they are planned with the
 * market events, and claimed beside marks.set, after the enqueue and the holds, before the snapshots.
 * Besides the alert-store revision read that every tick makes (counted above), they add a price-history
 * read per token with move alerts whose window is not in memory yet (first sight, or 10 minutes unseen),
 * and a settings read only when an `every` alert fires again.
 */

/** Per-ticker memory of the last outcome prune (a replica that restarts prunes on its first tick). */
interface TrustClock {
  prunedAt: number | undefined;
}

async function runSteps(
  deps: TickDeps,
  slot: string,
  at: number,
  time: Time,
  out: Progress,
  trust: TrustClock,
) {
  if (!(await time('claim', () => claimSlot(deps, slot, at)))) return 'skipped_claimed';
  const { subscribed, alertOnly, watched } = await time('load', () => watchedTokens(deps));
  out.watched = watched.length;
  deps.metrics.watchedTokens.set(watched.length);
  // Nothing watched: idle, unless held digests are due (a fired once-alert left nothing watched behind it).
  if (watched.length === 0 && (await deps.store.holds.due(at, 1)).length === 0) return 'idle';
  const { snaps, stored } = await time('load', () => loadWatched(deps, watched));
  // 3. Resolve the detection profiles (src/pipeline/profiles.ts).
  const resolved = await time('profiles', () => deps.profiles.resolve(stored, subscribed, at));
  const profiles = resolved.meta.profiles; // what this tick detects with (and the planner is told)
  out.profileScan = resolved.scanned;
  const fetched = await time('fetch', () => fetchDue(deps, snaps, alertOnly, at));
  out.observed = fetched.observations.size;
  const detected = await time('detect', () => detectAll(snaps, fetched, profiles, at));
  const { next, prices } = detected;
  await time('history', () => recordHistory(deps, fetched.observations, at));
  // 5c. Users' price alerts on the fetched prices: evaluated, not claimed yet (claimed in commit).
  const fired = await time('prices', () => evaluatePrices(deps, snaps, next, fetched, at));
  const all = fired.length > 0 ? [...detected.events, ...fired] : detected.events;
  const events = deps.demo ? all.map((e) => ({ ...e, demo: true })) : all;
  out.events = countBy(events.map((e) => e.kind));
  // 6–9. The one delivery path, shared with the live prices (deliver.ts).
  const d: Detected = { at, events, profiles, prices, next, releaseHeld: true };
  const onEnqueued = (p: Plan) => {
    out.messages = p.messages.length;
    out.messageIds = p.messages.map((m) => m.id);
  };
  const { plan: p, fan } = await deliver(deps, d, { time, onEnqueued });
  // Profile values first seen in the fan-out's settings are detected from the next tick on.
  const learned = deps.profiles.learn(resolved, fan.settings.values());
  await time('commit', () => Promise.all([deps.profiles.commit(learned), prune(deps, trust, at)]));
  deps.onCommitted?.(committedStates(snaps, next), watched, learned.meta.profiles);
  out.destinationsWithNews = destinationsWithNews(p);
  out.suppressed = p.suppressed;
  return 'ran';
}

export function createTicker(deps: TickDeps): Ticker {
  const { logger, metrics } = deps;
  let lastTickAt: number | undefined;
  const trust: TrustClock = { prunedAt: undefined };
  // Logged once per outage (then debug), so a Redis outage of an hour is two log lines, not sixty.
  let storeDown = false;
  const skipOrFail = (err: unknown): TickOutcome => {
    if (!(err instanceof StoreError && err.retryable)) return failure(err, logger);
    if (!storeDown) logger.warn({ reason: err.message }, 'tick skipped: store unavailable (logged once)');
    else logger.debug({ reason: err.message }, 'tick skipped: store unavailable');
    storeDown = true;
    return 'skipped_store';
  };
  return {
    get lastTickAt() {
      return lastTickAt;
    },
    async run(at: number): Promise<TickReport> {
      const started = performance.now();
      const slot = `tick:${Math.floor(at / deps.slotMs) * deps.slotMs}`;
      const { phases, time } = phaseTimer();
      const out: Progress = {};
      let outcome: TickOutcome;
      try {
        outcome = await runSteps(deps, slot, at, time, out, trust);
      } catch (err) {
        outcome = skipOrFail(err);
        out.error = err instanceof Error ? err.message : String(err);
      }
      if (storeDown && outcome !== 'skipped_store') {
        storeDown = false;
        logger.info({ outcome }, 'store is back; ticks resume');
      }
      const durationMs = performance.now() - started;
      lastTickAt = at;
      metrics.ticks.inc({ outcome });
      metrics.tickDuration.observe(durationMs / 1000);
      const report: TickReport = {
        slot,
        at,
        outcome,
        watched: out.watched ?? 0,
        observed: out.observed ?? 0,
        events: out.events ?? {},
        messages: out.messages ?? 0,
        destinationsWithNews: out.destinationsWithNews ?? 0,
        suppressed: out.suppressed ?? {},
        durationMs,
        profileScan: out.profileScan ?? false,
        phases,
        messageIds: out.messageIds ?? [],
        ...(out.error !== undefined ? { error: out.error } : {}),
      };
      if (outcome === 'ran') logger.debug({ tick: { ...report, messageIds: undefined } }, 'tick done');
      return report;
    },
  };
}

/** The one timing wrapper: wall ms per step name, summed when a name repeats. */
function phaseTimer(): { phases: Record<string, number>; time: Time } {
  const phases: Record<string, number> = {};
  const time: Time = async (phase, step) => {
    const t0 = performance.now();
    try {
      return await step();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + (performance.now() - t0);
    }
  };
  return { phases, time };
}

async function prune(deps: TickDeps, trust: TrustClock, at: number): Promise<void> {
  trust.prunedAt = await maybePrune(deps.store, trust.prunedAt, at);
}

function failure(err: unknown, logger: Logger): TickOutcome {
  if (err instanceof MarketError) {
    logger.warn({ code: err.code, retryable: err.retryable, msg: err.message }, 'market fetch failed');
    return 'market_error';
  }
  logger.error({ err }, 'tick failed; nothing committed, the next tick retries');
  return 'failed';
}

function destinationsWithNews(p: Plan): number {
  const withNews = new Set<string>();
  for (const m of p.messages)
    withNews.add(`${m.destination.platform}:${m.destination.kind}:${m.destination.id}`);
  for (const h of p.holds)
    withNews.add(`${h.destination.platform}:${h.destination.kind}:${h.destination.id}`);
  return withNews.size;
}

function countBy<T extends string>(items: Iterable<T>): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const k of items) out[k] = (out[k] ?? 0) + 1;
  return out;
}
