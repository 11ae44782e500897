import { HOUR_MS, type Plan, type SuppressReason } from '../delivery/plan/index.js';
import type { Outbox } from '../delivery/ports.js';
import { type DataKind, MarketError, type MarketSource, type TokenObservation } from '../domain/market.js';
import type { Outcome } from '../domain/outcome.js';
import type {
  AlertEvent,
  AlertEventKind,
  Destination,
  Settings,
  Subscription,
  TokenId,
} from '../domain/types.js';
import { createDetector, type Detector, type TokenState } from '../engine/index.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Store } from '../store/ports.js';
import { StoreError } from '../store/shared.js';
import { recordPrices } from './price-watch.js';
import { type Profiles, type ProfileTracker, type ResolvedProfiles, scopesFor } from './profiles.js';
import { readSnapshot, type StoredSnapshot, writeSnapshot } from './snapshot.js';
import { type Cadence, dueByToken, fetchAll, fetchGroups } from './tick-fetch.js';
import { commitTrust, maybePrune, scoreMoved, type TickPrices } from './tick-outcomes.js';
import { planWithCap } from './tick-plan.js';

/**
 * One tick, in the numbered steps of README "How a tick works" (`runSteps` below calls them in order):
 *   1 claimSlot → 2 loadWatched → 3 profiles.resolve → 4 fetchDue → 5 detectAll → 6 fanOut
 *   → 7 planWithCap → 8 enqueue → 9 commit.
 * Every store call is batched: an ordinary tick makes 11 store round trips, 10 one after the other
 * (claim, watched, snapshots, due holds, subscribers, settings, marks, counters, marks.set,
 * snapshots.putMany) plus the tick-meta read, which runs beside the snapshot read. Trust records (issue
 * 12) add up to three that run beside others, never in sequence: the open outcomes of tokens whose price
 * moved (beside the fan-out), outcomes.save and suppressions.record (beside marks.set); a process's
 * first tick, and one every 6 h, prunes old outcomes beside snapshots.putMany. Ticks where quiet
 * hours, mutes or the hourly cap act add holds.hold / holds.release; a profile scan (first tick, local
 * settings change, every 6 h; reported as `profileScan`) adds two per 200 watched tokens and the
 * tick-meta write, as does a tick that learned new profiles.
 * Order matters: messages are enqueued BEFORE marks and snapshots are committed, and their ids are
 * deterministic, so a crash in between repeats the same work next tick and the outbox drops the repeats.
 */

/** `skipped_store`: the store did not answer (Redis down); nothing was read or written, the next tick retries. */
export type TickOutcome = 'ran' | 'idle' | 'skipped_claimed' | 'skipped_store' | 'market_error' | 'failed';

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
  /** Wall ms per step (claim, load, profiles, fetch, detect, fanout, plan, enqueue, commit). */
  readonly phases: Readonly<Record<string, number>>;
  /** Message ids enqueued (tests). */
  readonly messageIds: readonly string[];
  readonly error?: string;
}

export interface TickDeps {
  readonly store: Store;
  readonly market: MarketSource;
  readonly profiles: ProfileTracker;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** This process's id (slot claims). */
  readonly owner: string;
  /** Length of a cron slot, ms (60 000 for a 5-field expression, 1 000 with a seconds field). */
  readonly slotMs: number;
  /** Effective cadence for this many watched tokens, of which `streamed` get their price from a stream. */
  readonly cadence: (watchedCount: number, streamed?: number) => Cadence;
  /** Live prices: true for a token whose price a live stream delivers (its price is not polled). */
  readonly streamed?: (tokenId: TokenId) => boolean;
  /** After the commit: every watched token's state (for the price path's bands and mapping). */
  readonly onCommitted?: (states: ReadonlyMap<TokenId, TokenState>, watched: readonly TokenId[]) => void;
  /** The market is the bundled replay: events are marked so every alert says "demo data". */
  readonly demo?: boolean;
  /** Held destinations released per tick at most. Default 500. */
  readonly heldLimit?: number;
}

export interface Ticker {
  run(at: number): Promise<TickReport>;
  /** Epoch ms (tick clock) of the last tick that finished, any outcome. */
  readonly lastTickAt: number | undefined;
}

type Snapshots = Map<TokenId, ReturnType<typeof readSnapshot>>;
type Fetched = Awaited<ReturnType<typeof fetchAll>>;
interface FanOut {
  readonly subscribers: Map<TokenId, Subscription[]>;
  readonly held: Array<{ destination: Destination; events: AlertEvent[] }>;
  readonly settings: Map<string, Settings>;
}
/** What a tick learned so far; filled step by step so a failed tick still reports how far it got. */
type Progress = { -readonly [K in keyof TickReport]?: TickReport[K] };
type Time = <T>(phase: string, step: () => Promise<T> | T) => Promise<T>;

// 1. Claim the slot (one tick per slot across replicas).
function claimSlot(deps: TickDeps, slot: string, at: number): Promise<boolean> {
  return deps.store.ticks.claimSlot(slot, deps.owner, Math.max(10 * deps.slotMs, HOUR_MS), at);
}

// 2. Load: the watched tokens' snapshots, and the tick metadata read beside them.
async function loadWatched(deps: TickDeps, watched: readonly TokenId[]) {
  const [raw, stored] = await Promise.all([deps.store.snapshots.getMany(watched), deps.profiles.load()]);
  const snaps: Snapshots = new Map(watched.map((id) => [id, readSnapshot(raw.get(id))] as const));
  return { snaps, stored };
}

// 4. Fetch what is due, per kind of data and its cadence (price only for tokens without a live stream).
function fetchDue(deps: TickDeps, snaps: Snapshots, watchedCount: number, at: number): Promise<Fetched> {
  const fetchedAt = new Map([...snaps].map(([id, s]) => [id, s.fetched] as const));
  const live = deps.streamed ? [...snaps.keys()].filter(deps.streamed) : [];
  const due = dueByToken(fetchedAt, deps.cadence(watchedCount, live.length), at, deps.slotMs / 2);
  for (const id of live) skipStreamedPrice(due, id, snaps.get(id)?.fetched.price, at);
  return fetchAll(deps.market, fetchGroups(due));
}

// 5. Detect (pure): events, and each fetched token's next snapshot for the commit.
function detectAll(snaps: Snapshots, fetched: Fetched, profiles: Profiles, at: number) {
  const events: AlertEvent[] = [];
  const next = new Map<TokenId, StoredSnapshot>();
  const price = new Map<TokenId, number>();
  const moved: TokenId[] = [];
  // Options resolved once per tick (per instance: no module-level memo in the engine).
  const detector = createDetector({
    proximityPcts: profiles.proximityPcts,
    sharpeThresholds: profiles.sharpeThresholds,
    minStrength: profiles.minStrength,
  });
  for (const g of fetched.fetched) {
    for (const id of g.tokenIds) {
      const prev = snaps.get(id);
      const fetchedAt = { ...prev?.fetched };
      for (const k of g.kinds) fetchedAt[k] = at;
      const state = detectOne(detector, prev?.state, fetched.observations.get(id), at, events);
      next.set(id, writeSnapshot(state, fetchedAt));
      const p = state?.price?.value;
      if (p === undefined) continue;
      price.set(id, p);
      // Scored: tokens whose price moved, and once per clock hour every token with a fresh price, so a
      // flat price still decides outcomes at their horizon (tick-outcomes.ts).
      const last = prev?.state?.price;
      if (p !== last?.value || (state?.price?.at !== last.at && hourOf(last.at) !== hourOf(at)))
        moved.push(id);
    }
  }
  const prices: TickPrices = { price, moved };
  return { events, next, prices };
}

function detectOne(
  detector: Detector,
  state: ReturnType<typeof readSnapshot>['state'],
  obs: TokenObservation | undefined,
  at: number,
  events: AlertEvent[],
) {
  if (!obs) return state;
  const r = detector.detect(state, obs, at);
  events.push(...r.events);
  return r.state;
}

// 5b. Price history for charts (issue 11). Best effort: a failed write costs a chart point, not alerts.
async function recordHistory(
  deps: TickDeps,
  observations: ReadonlyMap<TokenId, TokenObservation>,
  at: number,
) {
  try {
    await recordPrices(deps.store.priceHistory, observations, at);
  } catch (err) {
    deps.logger.warn({ err }, 'price history not recorded this tick');
  }
}

// 6. Fan out: subscribers of what happened, digests now due, and the settings of all their destinations.
// Beside it, the open outcomes of the tokens whose price moved are read and scored (tick-outcomes.ts).
async function fanOut(deps: TickDeps, events: readonly AlertEvent[], at: number): Promise<FanOut> {
  const { store } = deps;
  const tokens = [...new Set(events.map((e) => e.tokenId))];
  const subscribers = tokens.length > 0 ? await store.subscriptions.subscribersOf(tokens) : new Map();
  const held = await store.holds.due(at, deps.heldLimit ?? 500);
  // One flat array (no per-token intermediates): at 100k subscriptions this is thousands of entries.
  const dests: Destination[] = [];
  for (const subs of subscribers.values()) for (const s of subs) dests.push(s.destination);
  for (const h of held) dests.push(h.destination);
  const settings = dests.length > 0 ? await store.settings.getMany(scopesFor(dests)) : new Map();
  return { subscribers, held, settings };
}

// 8. Enqueue, BEFORE anything is committed.
async function enqueue(deps: TickDeps, p: Plan): Promise<void> {
  if (p.messages.length > 0) await deps.outbox.enqueue(p.messages);
}

/** What the commit step writes besides the plan. */
interface Commit {
  readonly next: ReadonlyMap<TokenId, StoredSnapshot>;
  readonly profiles: ResolvedProfiles;
  readonly prices: TickPrices;
  readonly scored: readonly Outcome[];
}

// 9. Commit: holds, marks (beside them outcomes and suppression records), snapshots, then the tick metadata.
async function commit(deps: TickDeps, p: Plan, c: Commit, trust: TrustClock, at: number): Promise<void> {
  const { store } = deps;
  if (p.holds.length > 0) await store.holds.hold(p.holds);
  if (p.release.length > 0) await store.holds.release(p.release);
  await Promise.all([
    p.marks.length > 0 ? store.marks.set(p.marks, at) : undefined,
    commitTrust(store, p, c.prices, c.scored, at),
  ]);
  const prune = maybePrune(store, trust.prunedAt, at).then((t) => {
    trust.prunedAt = t;
  });
  await Promise.all([c.next.size > 0 ? store.snapshots.putMany(c.next) : undefined, prune]);
  await deps.profiles.commit(c.profiles);
}

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
  const watched = await time('load', () => deps.store.subscriptions.watchedTokens());
  out.watched = watched.length;
  deps.metrics.watchedTokens.set(watched.length);
  if (watched.length === 0) return 'idle';
  const { snaps, stored } = await time('load', () => loadWatched(deps, watched));
  // 3. Resolve the detection profiles (src/app/profiles.ts).
  const resolved = await time('profiles', () => deps.profiles.resolve(stored, watched, at));
  const profiles = resolved.meta.profiles; // what this tick detects with (and the planner is told)
  out.profileScan = resolved.scanned;
  const fetched = await time('fetch', () => fetchDue(deps, snaps, watched.length, at));
  out.observed = fetched.observations.size;
  const detected = await time('detect', () => detectAll(snaps, fetched, profiles, at));
  const { next, prices } = detected;
  const events = deps.demo ? detected.events.map((e) => ({ ...e, demo: true })) : detected.events;
  out.events = countBy(events.map((e) => e.kind));
  await time('history', () => recordHistory(deps, fetched.observations, at));
  const [fan, scored] = await time('fanout', () =>
    Promise.all([fanOut(deps, events, at), scoreMoved(deps.store, prices, at)]),
  );
  const learned = deps.profiles.learn(resolved, fan.settings.values()); // used from the next tick on
  const p = await time('plan', () => planWithCap(deps.store, { ...fan, events, now: at, profiles }));
  await time('enqueue', () => enqueue(deps, p));
  out.messages = p.messages.length;
  out.messageIds = p.messages.map((m) => m.id);
  await time('commit', () => commit(deps, p, { next, profiles: learned, prices, scored }, trust, at));
  deps.onCommitted?.(committedStates(snaps, next), watched);
  out.destinationsWithNews = destinationsWithNews(p);
  out.suppressed = p.suppressed;
  for (const [kind, n] of Object.entries(out.events)) deps.metrics.events.inc({ kind }, n);
  for (const [reason, n] of Object.entries(p.suppressed)) deps.metrics.suppressed.inc({ reason }, n);
  return 'ran';
}

/** A token with a live stream still gets one Token Metrics price a day: a sanity sample. */
const SANITY_PRICE_MS = 86_400_000;

function skipStreamedPrice(
  due: Map<TokenId, DataKind[]>,
  id: TokenId,
  lastPrice: number | undefined,
  at: number,
) {
  if (lastPrice !== undefined && at - lastPrice >= SANITY_PRICE_MS) return;
  const kinds = due.get(id);
  if (kinds?.includes('price'))
    due.set(
      id,
      kinds.filter((k) => k !== 'price'),
    );
}

function committedStates(
  snaps: Snapshots,
  next: ReadonlyMap<TokenId, StoredSnapshot>,
): Map<TokenId, TokenState> {
  const out = new Map<TokenId, TokenState>();
  for (const [id, s] of snaps) if (s.state) out.set(id, s.state);
  for (const [id, s] of next) if (s.state) out.set(id, s.state as TokenState);
  return out;
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

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);

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
