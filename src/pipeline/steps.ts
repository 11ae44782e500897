import { HOUR_MS } from '../delivery/plan/index.js';
import type { DataKind, TokenObservation } from '../domain/market.js';
import type { AlertEvent, TokenId } from '../domain/types.js';
import { createDetector, type Detector, type TokenState } from '../engine/index.js';
import { dueByToken, fetchAll, fetchGroups } from './fetch.js';
import { cooldownsFrom, polledChanges, priceOnly } from './price-alerts.js';
import { recordPrices } from './price-watch.js';
import type { Profiles } from './profiles.js';
import { readSnapshot, type StoredSnapshot, writeSnapshot } from './snapshot.js';
import type { TickPrices } from './trust.js';
import type { Fetched, Snapshots, TickDeps } from './types.js';

/** The tick's steps 1–5 (docs/how-it-works.md, "How a tick works"); tick.ts chains them and delivers. */

// 1. Claim the slot (one tick per slot across replicas).
export function claimSlot(deps: TickDeps, slot: string, at: number): Promise<boolean> {
  return deps.store.ticks.claimSlot(slot, deps.owner, Math.max(10 * deps.slotMs, HOUR_MS), at);
}

// 2. Load: the watched tokens' snapshots, and the tick metadata read beside them.
export async function loadWatched(deps: TickDeps, watched: readonly TokenId[]) {
  const [raw, stored] = await Promise.all([deps.store.snapshots.getMany(watched), deps.profiles.load()]);
  const snaps: Snapshots = new Map(watched.map((id) => [id, readSnapshot(raw.get(id))] as const));
  return { snaps, stored };
}

// 2a. The watched tokens: subscribed ones, and those only users' price alerts need (price only).
export async function watchedTokens(deps: TickDeps) {
  const [subscribed] = await Promise.all([
    deps.store.subscriptions.watchedTokens(),
    deps.priceWatch?.refresh(),
  ]);
  const known = new Set(subscribed);
  const alertOnly = new Set((deps.priceWatch?.tokens() ?? []).filter((id) => !known.has(id)));
  return { subscribed, alertOnly, watched: alertOnly.size > 0 ? [...subscribed, ...alertOnly] : subscribed };
}

// 4. Fetch what is due, per kind of data and its cadence (price only for tokens without a live stream).
export function fetchDue(
  deps: TickDeps,
  snaps: Snapshots,
  alertOnly: ReadonlySet<TokenId>,
  at: number,
): Promise<Fetched> {
  const fetchedAt = new Map([...snaps].map(([id, s]) => [id, s.fetched] as const));
  const live = deps.streamed ? [...snaps.keys()].filter(deps.streamed) : [];
  const due = dueByToken(fetchedAt, deps.cadence(snaps.size, live.length), at, deps.slotMs / 2);
  priceOnly(due, alertOnly, (id) => deps.priceWatch?.kinds(id));
  for (const id of live) skipStreamedPrice(due, id, snaps.get(id)?.fetched.price, at);
  return fetchAll(deps.market, fetchGroups(due));
}

// 5. Detect (pure): events, and each fetched token's next snapshot for the commit.
export function detectAll(snaps: Snapshots, fetched: Fetched, profiles: Profiles, at: number) {
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
      // flat price still decides outcomes at their horizon (trust.ts).
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
export async function recordHistory(
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

export function evaluatePrices(
  deps: TickDeps,
  snaps: Snapshots,
  next: ReadonlyMap<TokenId, StoredSnapshot>,
  fetched: Fetched,
  at: number,
) {
  if (!deps.priceWatch) return [];
  const prev = (id: TokenId) => snaps.get(id)?.state;
  const now = (id: TokenId) => next.get(id)?.state as TokenState | undefined;
  return deps.priceWatch.evaluate(
    polledChanges(prev, now, fetched.observations, at, (id) => deps.priceWatch?.has(id) === true),
    cooldownsFrom(deps.store),
  );
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

export function committedStates(
  snaps: Snapshots,
  next: ReadonlyMap<TokenId, StoredSnapshot>,
): Map<TokenId, TokenState> {
  const out = new Map<TokenId, TokenState>();
  for (const [id, s] of snaps) if (s.state) out.set(id, s.state);
  for (const [id, s] of next) if (s.state) out.set(id, s.state as TokenState);
  return out;
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);
