import type { Outcome } from '../domain/outcome.js';
import type {
  AlertEvent,
  AlertType,
  Destination,
  Platform,
  Settings,
  SettingsPatch,
  Subscription,
  TokenId,
} from '../domain/types.js';
import type { OutcomeSums, PickRequest } from '../engine/outcome-tally.js';
import type { AlertLogStore } from './alert-log-ports.js';
import type { LivePriceStore } from './live-ports.js';
import type { PriceAlertStore, PriceHistoryStore } from './price-ports.js';
import type { DailyBudgetStore, PollOffsetStore } from './replica-ports.js';
import type { WebhookStore } from './webhook-ports.js';

/**
 * Storage ports. Each is small on purpose; both adapters (SQLite, Redis) pass one conformance suite
 * (test/store/conformance.ts). Every method that takes a list does its work in O(1) round trips
 * (one SQLite transaction, one Redis pipeline or Lua call), never one await per item.
 * All times are epoch milliseconds.
 */

/** Why a destination stopped receiving alerts. */
export type DeactivationReason =
  | 'blocked' // Telegram 403 bot was blocked by the user
  | 'kicked' // Telegram 403 bot was kicked / chat deactivated
  | 'not_found' // Telegram 400 chat not found; Discord 10003 unknown channel
  | 'dms_closed' // Discord 50007
  | 'missing_permissions'; // Discord 50013

export interface DestinationStatus {
  readonly active: boolean;
  readonly reason?: DeactivationReason;
  /** When it was deactivated. */
  readonly since?: number;
  /** True until the owner has been told (next command they use, or a moderator notice). */
  readonly noticePending?: boolean;
}

export interface SubscriptionStore {
  /**
   * Adds `types` to the destination's subscription of the token (creates it if absent).
   * Returns the subscription as stored. Idempotent.
   */
  subscribe(
    destination: Destination,
    tokenId: TokenId,
    symbol: string,
    types: readonly AlertType[],
    now: number,
  ): Promise<Subscription>;
  /** Removes the token from the destination; `types` given: only those types (removing the last removes it all). Returns whether anything changed. */
  unsubscribe(destination: Destination, tokenId: TokenId, types?: readonly AlertType[]): Promise<boolean>;
  /** The destination's subscriptions, sorted by symbol. */
  list(destination: Destination): Promise<Subscription[]>;
  /**
   * The subscriptions of many destinations in one round trip (the daily brief runner's places), each
   * list sorted by symbol, keyed by `destinationKey`. Destinations without any are absent.
   */
  listMany(destinations: readonly Destination[]): Promise<Map<string, Subscription[]>>;
  /** All subscriptions of a guild/group's channels (parentId match), sorted by destination then symbol. */
  listByParent(platform: Platform, parentId: string): Promise<Subscription[]>;
  /** Active subscriptions of each token, in one round trip. Tokens without any are absent. Inactive destinations are left out. */
  subscribersOf(tokenIds: readonly TokenId[]): Promise<Map<TokenId, Subscription[]>>;
  /** Tokens that have at least one active subscription (what the fetcher must watch). */
  watchedTokens(): Promise<TokenId[]>;
  /** Telegram group → supergroup migration: moves subscriptions, settings and status to the new id. */
  rekey(from: Destination, to: Destination): Promise<void>;
}

/**
 * Whether a destination still receives alerts. A deactivated destination keeps its subscriptions;
 * `SubscriptionStore.subscribersOf` and `watchedTokens` leave it out until it is reactivated.
 */
export interface DestinationStatusStore {
  /** Stops alerts to the destination without deleting its subscriptions. `now`: epoch ms, stored as `since`. */
  deactivate(destination: Destination, reason: DeactivationReason, now: number): Promise<void>;
  /** Re-enables it (the owner used a command again, or a moderator fixed permissions). Clears the notice. */
  reactivate(destination: Destination): Promise<void>;
  /** Status of each destination, keyed by `destinationKey`, in one round trip (absent keys: active). */
  status(destinations: readonly Destination[]): Promise<Map<string, DestinationStatus>>;
  /** Marks the deactivation notice as delivered. */
  clearNotice(destination: Destination): Promise<void>;
}

/**
 * Settings scopes: `scope` is a destination key (`destinationKey(d)`) for channel/group/DM settings,
 * or `parent:<platform>:<parentId>` for a server/group default that its channels inherit.
 */
export interface SettingsStore {
  get(scope: string): Promise<Settings | undefined>;
  /** Merges `patch` into the scope's settings; `null` values clear a field. Returns the stored result. */
  update(scope: string, patch: SettingsPatch): Promise<Settings>;
  /** Many scopes in one round trip. Absent scopes are absent from the map. */
  getMany(scopes: readonly string[]): Promise<Map<string, Settings>>;
}

export function parentScope(platform: Platform, parentId: string): string {
  return `parent:${platform}:${parentId}`;
}

/** Last engine state per token, stored as JSON. The engine owns the shape; the store does not look inside. */
export interface SnapshotStore {
  getMany(tokenIds: readonly TokenId[]): Promise<Map<TokenId, unknown>>;
  putMany(states: ReadonlyMap<TokenId, unknown>): Promise<void>;
}

/**
 * Tick-wide metadata shared by every replica: one small JSON record (the app keeps its detection
 * profiles and the time of the last full profile scan there). The app owns the shape; the store does
 * not look inside. Each call is one round trip.
 */
export interface TickMetaStore {
  /** The stored record; undefined when none was written yet or it is unreadable (the app then rebuilds it). */
  get(): Promise<unknown>;
  /** Replaces the record (last writer wins). */
  put(meta: unknown): Promise<void>;
}

/**
 * Expiring marks for dedup (event already planned for a destination) and cooldowns (last alert of a
 * token+type to a destination). Keys are opaque strings chosen by the caller.
 */
export interface MarkStore {
  /** Which of the keys exist and have not expired, in one round trip. */
  has(keys: readonly string[], now: number): Promise<Set<string>>;
  /** Sets each key with its own time-to-live (ms), overwriting. One round trip. */
  set(marks: ReadonlyArray<{ key: string; ttlMs: number }>, now: number): Promise<void>;
  /** When each existing, unexpired key expires (epoch ms), in one round trip (/why's "cooldown until"). */
  expiries(keys: readonly string[], now: number): Promise<Map<string, number>>;
}

/**
 * What became of delivered alerts (issue 12): one record per event id, written by the tick, read by
 * /stats. Open outcomes are indexed by token so a tick reads only those of the tokens whose price moved.
 * Beside the records the store keeps summaries (issue 18): with each record it writes the record's
 * tally (src/engine/outcome-tally.ts) into the sums of its day and of its block of days, for its token
 * and for all tokens, in the same transaction; replacing or pruning a record subtracts the tally it was
 * written with. /stats reads those sums and a few ranked outcomes (`window`) instead of every record.
 * Every method is one round trip.
 */
export interface OutcomeStore {
  /**
   * `add`: new outcomes, written only where the id is absent (a repeated tick never resets a scored one).
   * `update`: replaces stored outcomes. A record whose status is not `open` leaves the token's open index.
   * Both keep the summaries in step, in the same round trip.
   */
  save(add: readonly Outcome[], update: readonly Outcome[]): Promise<void>;
  /** Open outcomes of these tokens (any order). */
  openOf(tokenIds: readonly TokenId[]): Promise<Outcome[]>;
  /** Outcomes with `at >= since` (optionally of one token), oldest first (ties by id). */
  since(since: number, tokenId?: TokenId): Promise<Outcome[]>;
  /**
   * What /stats needs of the outcomes with `at >= since` (optionally of one token), read in one
   * consistent view: their summed tallies (`windowCells`: the tallies of the first, partial day's
   * records, then day and block sums; never the records of whole days), and the outcomes
   * `pickRequests(sums)` asks for (each the `rank`-th decided outcome of its kind and move bin in the
   * window, by move in the request's order, then `at`, then id; reading only the outcomes of those bins).
   * Outcomes stored before summaries existed (an upgrade) are summarised first, once (SQLite: when the
   * store opens; Redis: in a few more round trips, by whichever call finds them).
   */
  window(since: number, tokenId?: TokenId): Promise<WindowSummary>;
  /** Deletes outcomes with `at < before` (and their tallies from the summaries); returns how many. */
  prune(before: number): Promise<number>;
}

/** `OutcomeStore.window`: `picks[i]` answers `requests[i]` (undefined: no such outcome). */
export interface WindowSummary {
  /** Field → count, zero counts absent (read by `statsFromSums`). */
  readonly sums: OutcomeSums;
  readonly requests: readonly PickRequest[];
  readonly picks: ReadonlyArray<Outcome | undefined>;
}

/** One event not sent to one destination, and why (the planner's `SuppressionRecord` plus when). */
export interface StoredSuppression {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly kind: AlertEvent['kind'];
  readonly eventId: string;
  /** The planner's reason: dedup, cooldown, inhibited, token_muted, muted, muted_dropped, quiet_hours, rate_cap, below_minstrength. */
  readonly reason: string;
  /** Epoch ms the reason ends, when known. */
  readonly until?: number;
  /** 'inhibited': the kind that outranked it. */
  readonly by?: AlertEvent['kind'];
  /** Tick time it was recorded. */
  readonly at: number;
}

/**
 * The last suppressions per (destination, token), newest first, for /why. Bounded: at most
 * `SUPPRESSIONS_KEPT` per pair, each kept `SUPPRESSION_TTL_MS`. Each method is one round trip.
 */
export interface SuppressionStore {
  /** Appends records (a tick's whole batch), trimming each pair to the bound. */
  record(records: readonly StoredSuppression[]): Promise<void>;
  /** Newest first, at most `limit` (≤ SUPPRESSIONS_KEPT), recorded within SUPPRESSION_TTL_MS before `now`. */
  recent(
    destination: Destination,
    tokenId: TokenId,
    limit: number,
    now: number,
  ): Promise<StoredSuppression[]>;
}

/** Suppressions kept per (destination, token). */
export const SUPPRESSIONS_KEPT = 20;
/** Suppressions older than this are forgotten: 7 days. */
export const SUPPRESSION_TTL_MS = 7 * 24 * 3600_000;

/** One tick per slot across replicas. */
export interface TickLock {
  /** True if this owner got the slot (first claim wins; the claim expires after ttlMs). */
  claimSlot(slot: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  /** Who holds the slot at `now` (undefined: nobody, or the claim expired). For display only. */
  ownerOf(slot: string, now: number): Promise<string | undefined>;
  /**
   * Gives a slot up before its claim expires (a lease's clean stop), so the next claim wins at once.
   * Only the owner's claim is removed; true when it was there. Someone else's claim is left alone.
   */
  releaseSlot(slot: string, owner: string): Promise<boolean>;
}

/**
 * Alerts held during quiet hours or a mute ('hold' mode), delivered as one digest when the window ends.
 */
export interface HoldStore {
  /** Appends events for each destination; `releaseAt` is when the window ends (latest value wins). */
  hold(
    entries: ReadonlyArray<{ destination: Destination; events: readonly AlertEvent[]; releaseAt: number }>,
  ): Promise<void>;
  /** Destinations whose release time has come, with their held events (oldest first). Does not remove them. */
  due(now: number, limit: number): Promise<Array<{ destination: Destination; events: AlertEvent[] }>>;
  /** Removes held events of these destinations (after they were enqueued). */
  release(destinations: readonly Destination[]): Promise<void>;
}

/** Counters per hour window for product caps (messages per hour per destination). */
export interface RateCounterStore {
  /** Adds `by` to each key's counter in the window starting at `windowStart` and returns the new totals. */
  increment(
    keys: readonly string[],
    windowStart: number,
    windowMs: number,
    by?: number,
  ): Promise<Map<string, number>>;
  get(keys: readonly string[], windowStart: number): Promise<Map<string, number>>;
}

/**
 * Token Metrics API credits spent, per calendar month (UTC) and endpoint. Shared by restarts and replicas,
 * so the budget holds for the whole deployment, not one process.
 */
export interface CreditLedger {
  /** Adds `calls` (≥ 1) to `endpoint` in `month` (`YYYY-MM`, UTC) and returns the month's new total. One round trip. */
  add(month: string, endpoint: string, calls: number): Promise<number>;
  /** Calls per endpoint in `month`; endpoints without calls are absent. One round trip. */
  get(month: string): Promise<Map<string, number>>;
}

/**
 * Small JSON documents the market client keeps across ticks, restarts and replicas (rate-limit deadlines,
 * no-data backoffs, what each endpoint was learned to accept). Last write wins; corrupt values read as absent.
 */
export interface MarketStateStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

/**
 * A daily brief's schedule (issue 20): local time `HH:MM` in the IANA zone `tz`. `createdAt` (epoch
 * ms): a brief set after today's time starts tomorrow.
 */
export interface BriefSchedule {
  readonly time: string;
  readonly tz: string;
  readonly createdAt: number;
}

/** Daily briefs per destination (a DM, a group, a forum topic, a Discord channel). Each call is one round trip. */
export interface BriefStore {
  /** Sets (replaces) the destination's brief. */
  set(destination: Destination, schedule: BriefSchedule): Promise<void>;
  /** Removes it; returns whether there was one. */
  clear(destination: Destination): Promise<boolean>;
  get(destination: Destination): Promise<BriefSchedule | undefined>;
  /** Every brief, any order (the runner checks them each minute: 10,000 are a few hundred KB). */
  all(): Promise<Array<{ readonly destination: Destination; readonly schedule: BriefSchedule }>>;
}

/** Everything the app needs from a store backend. `close()` releases connections/files. */
export interface Store {
  readonly kind: 'sqlite' | 'redis';
  readonly subscriptions: SubscriptionStore;
  readonly destinations: DestinationStatusStore;
  readonly settings: SettingsStore;
  readonly snapshots: SnapshotStore;
  readonly tickMeta: TickMetaStore;
  readonly marks: MarkStore;
  readonly ticks: TickLock;
  readonly holds: HoldStore;
  readonly counters: RateCounterStore;
  readonly credits: CreditLedger;
  readonly marketState: MarketStateStore;
  readonly outcomes: OutcomeStore;
  readonly suppressions: SuppressionStore;
  /** Price samples per token for charts (issue 11). */
  readonly priceHistory: PriceHistoryStore;
  /** Users' own price alerts (issue 11). */
  readonly priceAlerts: PriceAlertStore;
  /** The stream holder's live prices, shared with the other replicas (issue 9). */
  readonly livePrices: LivePriceStore;
  /** Daily briefs (issue 20). */
  readonly briefs: BriefStore;
  /** Destinations' signed webhooks (issue 21). */
  readonly webhooks: WebhookStore;
  /** Alerts each destination was sent, for /export (issue 21). */
  readonly alertLog: AlertLogStore;
  /** Where the poll-lease holder stands in Telegram's getUpdates (issue 19). */
  readonly pollOffsets: PollOffsetStore;
  /** Telegram paid-broadcast Stars spent per UTC day (issue 19). */
  readonly dailyBudgets: DailyBudgetStore;
  close(): Promise<void>;
}
