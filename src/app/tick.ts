import {
  HOUR_MS,
  hourWindow,
  overCap,
  type Plan,
  planPrepared,
  preparePlan,
  type SuppressReason,
} from '../delivery/plan.js';
import type { Outbox } from '../delivery/ports.js';
import { MarketError, type MarketSource } from '../domain/market.js';
import type {
  AlertEvent,
  AlertEventKind,
  Destination,
  SettingsPatch,
  Subscription,
  TokenId,
} from '../domain/types.js';
import { detect } from '../engine/index.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Store } from '../store/ports.js';
import { profilesOf, recordProfiles, scanProfiles, scopesFor } from './profiles.js';
import {
  META_TOKEN,
  type MetaSnapshot,
  mergeProfiles,
  readMeta,
  readSnapshot,
  sameProfiles,
  writeSnapshot,
} from './snapshot.js';
import { type Cadence, dueByToken, fetchAll, fetchGroups } from './tick-fetch.js';

/**
 * One tick: claim the slot → watched tokens → due fetches → detect → plan → enqueue → commit.
 * Every store call is batched: a tick makes at most 10 store round trips (claim, watched, snapshots,
 * due holds, subscribers, settings, marks, counters, marks.set, snapshots.putMany), plus one each for
 * holds.hold / holds.release in ticks where quiet hours, mutes or the hourly cap act, plus two per 200
 * watched tokens for the profile scan (first tick, local settings changes, every `profileScanMs`;
 * reported as `profileScan`).
 * Order matters: messages are enqueued BEFORE marks and snapshots are committed, and their ids are
 * deterministic, so a crash in between repeats the same work next tick and the outbox drops the repeats.
 */

export type TickOutcome = 'ran' | 'idle' | 'skipped_claimed' | 'market_error' | 'failed';

export interface TickReport {
  readonly slot: string;
  readonly at: number;
  readonly outcome: TickOutcome;
  readonly watched: number;
  readonly observed: number;
  readonly events: Partial<Record<AlertEventKind, number>>;
  readonly messages: number;
  /** Destinations that had anything to deliver this tick (for the digest-economy ratio). */
  readonly destinationsWithNews: number;
  readonly suppressed: Partial<Record<SuppressReason, number>>;
  readonly durationMs: number;
  readonly profileScan: boolean;
  /** Wall ms per phase (load, profiles, fetch, detect, fanout, plan, enqueue, commit). */
  readonly phases: Readonly<Record<string, number>>;
  /** Message ids enqueued (tests). */
  readonly messageIds: readonly string[];
  readonly error?: string;
}

export interface TickDeps {
  readonly store: Store;
  readonly market: MarketSource;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** This process's id (slot claims). */
  readonly owner: string;
  /** Length of a cron slot, ms (60 000 for a 5-field expression, 1 000 with a seconds field). */
  readonly slotMs: number;
  /** Effective cadence for this many watched tokens. */
  readonly cadence: (watchedCount: number) => Cadence;
  /** Full profile scan interval (a safety net; changes are also picked up as they happen). Default 6 hours. */
  readonly profileScanMs?: number;
  /** Held destinations released per tick at most. Default 500. */
  readonly heldLimit?: number;
}

export interface Ticker {
  run(at: number): Promise<TickReport>;
  /**
   * A settings change on this replica: asks for a full profile scan on the next tick this replica runs,
   * and merges the new values into the shared meta record at once so every replica detects them from its
   * next tick. Best effort: failures only delay the pick-up until the next scan.
   */
  noteSettingsChange(patch: SettingsPatch): Promise<void>;
  /** Epoch ms (tick clock) of the last tick that finished, any outcome. */
  readonly lastTickAt: number | undefined;
}

function countBy<T extends string>(items: Iterable<T>): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const k of items) out[k] = (out[k] ?? 0) + 1;
  return out;
}

export function createTicker(deps: TickDeps): Ticker {
  const { store, logger, metrics } = deps;
  const scanMs = deps.profileScanMs ?? 6 * HOUR_MS;
  let scanRequested = false;
  let lastTickAt: number | undefined;

  async function body(at: number, report: Partial<Mutable<TickReport>>): Promise<TickOutcome> {
    const slot = report.slot ?? '';
    let t = performance.now();
    const phases: Record<string, number> = {};
    report.phases = phases;
    const lap = (name: string) => {
      const n = performance.now();
      phases[name] = (phases[name] ?? 0) + (n - t);
      t = n;
    };
    const claimed = await store.ticks.claimSlot(slot, deps.owner, Math.max(10 * deps.slotMs, HOUR_MS), at);
    if (!claimed) return 'skipped_claimed';
    const watched = await store.subscriptions.watchedTokens();
    report.watched = watched.length;
    metrics.watchedTokens.set(watched.length);
    if (watched.length === 0) return 'idle';

    // Snapshots (state + last fetch times) and the meta record in one read.
    const raw = await store.snapshots.getMany([...watched, META_TOKEN]);
    lap('load');
    let meta = readMeta(raw.get(META_TOKEN));
    let metaDirty = false;
    if (!meta || scanRequested || at - meta.scannedAt >= scanMs) {
      meta = { w: 1, meta: true, profiles: await scanProfiles(store, watched), scannedAt: at };
      metaDirty = true;
      scanRequested = false;
      report.profileScan = true;
    }
    const profiles = meta.profiles;
    lap('profiles');

    // Fetch what is due.
    const cadence = deps.cadence(watched.length);
    const slack = deps.slotMs / 2;
    const snaps = new Map(watched.map((id) => [id, readSnapshot(raw.get(id))] as const));
    const fetchedAt = new Map([...snaps].map(([id, s]) => [id, s.fetched] as const));
    const groups = fetchGroups(dueByToken(fetchedAt, cadence, at, slack));
    const { observations, fetched: fetchedGroups } = await fetchAll(deps.market, groups);
    report.observed = observations.size;
    lap('fetch');

    // Detect, and prepare the commit.
    const events: AlertEvent[] = [];
    const commit = new Map<TokenId, unknown>();
    for (const g of fetchedGroups) {
      for (const id of g.tokenIds) {
        const prev = snaps.get(id);
        const fetched = { ...prev?.fetched };
        for (const k of g.kinds) fetched[k] = at;
        const obs = observations.get(id);
        let state = prev?.state;
        if (obs) {
          const r = detect(state, obs, {
            now: at,
            proximityPcts: profiles.proximityPcts,
            sharpeThresholds: profiles.sharpeThresholds,
            minStrength: profiles.minStrength,
          });
          state = r.state;
          events.push(...r.events);
        }
        commit.set(id, writeSnapshot(state, fetched));
      }
    }
    report.events = countBy(events.map((e) => e.kind));
    lap('detect');

    // Subscribers and settings of what happened, due holds, marks.
    const tokensWithEvents = [...new Set(events.map((e) => e.tokenId))];
    const subscribers: Map<TokenId, Subscription[]> =
      tokensWithEvents.length > 0 ? await store.subscriptions.subscribersOf(tokensWithEvents) : new Map();
    const held = await store.holds.due(at, deps.heldLimit ?? 500);
    // One flat array (no per-token intermediates): at 100k subscriptions this is thousands of entries.
    const dests: Destination[] = [];
    for (const subs of subscribers.values()) for (const s of subs) dests.push(s.destination);
    for (const h of held) dests.push(h.destination);
    const settings = dests.length > 0 ? await store.settings.getMany(scopesFor(dests)) : new Map();
    // Learn profiles we did not run with (new settings elsewhere): used from the next tick on.
    const learned = mergeProfiles(profiles, profilesOf(settings.values()));
    if (!sameProfiles(learned, profiles)) {
      meta = { ...meta, profiles: learned };
      metaDirty = true;
    }
    lap('fanout');
    const base = { events, subscribers, settings, held, now: at, profiles };
    const prepared = preparePlan(base);
    const keys = prepared.keys;
    lap('prepare');
    const marks = keys.length > 0 ? await store.marks.has(keys, at) : new Set<string>();
    lap('marks');
    let p: Plan = planPrepared(prepared, marks, new Map());
    lap('plan');
    if (p.counterKeys.length > 0) {
      // Count first, then re-plan with the totals: one round trip instead of a read and a write.
      const totals = await store.counters.increment(p.counterKeys, hourWindow(at), HOUR_MS);
      if (overCap(prepared, totals)) {
        const before = new Map([...totals].map(([k, n]) => [k, n - 1] as const));
        p = planPrepared(prepared, marks, before);
      }
    }

    lap('count');
    // Enqueue FIRST, then commit.
    if (p.messages.length > 0) await deps.outbox.enqueue(p.messages);
    report.messages = p.messages.length;
    report.messageIds = p.messages.map((m) => m.id);
    lap('enqueue');
    if (p.holds.length > 0) await store.holds.hold(p.holds);
    if (p.release.length > 0) await store.holds.release(p.release);
    if (p.marks.length > 0) await store.marks.set(p.marks, at);
    lap('marks.set');
    if (metaDirty) commit.set(META_TOKEN, meta satisfies MetaSnapshot);
    if (commit.size > 0) await store.snapshots.putMany(commit);
    lap('putMany');

    const withNews = new Set<string>();
    for (const m of p.messages)
      withNews.add(`${m.destination.platform}:${m.destination.kind}:${m.destination.id}`);
    for (const h of p.holds)
      withNews.add(`${h.destination.platform}:${h.destination.kind}:${h.destination.id}`);
    report.destinationsWithNews = withNews.size;
    report.suppressed = p.suppressed;
    for (const [kind, n] of Object.entries(report.events)) metrics.events.inc({ kind }, n);
    for (const [reason, n] of Object.entries(p.suppressed)) metrics.suppressed.inc({ reason }, n);
    return 'ran';
  }

  return {
    get lastTickAt() {
      return lastTickAt;
    },
    async noteSettingsChange(patch) {
      scanRequested = true;
      await recordProfiles(store, patch, logger);
    },
    async run(at: number): Promise<TickReport> {
      const started = performance.now();
      const slotStart = Math.floor(at / deps.slotMs) * deps.slotMs;
      const report: Partial<Mutable<TickReport>> = { slot: `tick:${slotStart}`, at };
      let outcome: TickOutcome;
      try {
        outcome = await body(at, report);
      } catch (err) {
        if (err instanceof MarketError) {
          outcome = 'market_error';
          logger.warn({ code: err.code, retryable: err.retryable, msg: err.message }, 'market fetch failed');
        } else {
          outcome = 'failed';
          logger.error({ err }, 'tick failed; nothing committed, the next tick retries');
        }
        report.error = err instanceof Error ? err.message : String(err);
      }
      const durationMs = performance.now() - started;
      lastTickAt = at;
      metrics.ticks.inc({ outcome });
      metrics.tickDuration.observe(durationMs / 1000);
      const full: TickReport = {
        slot: report.slot ?? '',
        at,
        outcome,
        watched: report.watched ?? 0,
        observed: report.observed ?? 0,
        events: report.events ?? {},
        messages: report.messages ?? 0,
        destinationsWithNews: report.destinationsWithNews ?? 0,
        suppressed: report.suppressed ?? {},
        durationMs,
        profileScan: report.profileScan ?? false,
        phases: report.phases ?? {},
        messageIds: report.messageIds ?? [],
        ...(report.error !== undefined ? { error: report.error } : {}),
      };
      if (outcome === 'ran') logger.debug({ tick: { ...full, messageIds: undefined } }, 'tick done');
      return full;
    },
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
