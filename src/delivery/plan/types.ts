import type { ZoneCache } from '../../domain/format.js';
import type {
  AlertEvent,
  AlertEventKind,
  Destination,
  EffectiveSettings,
  Settings,
  Subscription,
  TokenId,
} from '../../domain/types.js';
import type { OutboundMessage } from '../ports.js';
import type { PlanProfiles } from './settings.js';

/** Why an event was not sent to a destination this tick (counted in `Plan.suppressed`). */
export type SuppressReason =
  | 'dedup'
  | 'cooldown'
  | 'inhibited'
  | 'token_muted'
  | 'muted'
  | 'muted_dropped'
  | 'quiet_hours'
  | 'rate_cap';

/**
 * Reasons a suppression record can carry: the counted ones, plus `below_minstrength` (a level weaker than
 * the destination's `minstrength`). That one is a filter the destination asked for, so it is recorded for
 * `/why` but not counted in `Plan.suppressed` (nor in the suppressed metric).
 */
export type SuppressionReason = SuppressReason | 'below_minstrength';

/** Reasons whose events are held and delivered later (not lost). */
export const HELD_REASONS: readonly SuppressReason[] = ['muted', 'quiet_hours', 'rate_cap'];

/** One event not sent to one destination, and why: what a later `/why` command will show. */
export interface SuppressionRecord {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly kind: AlertEventKind;
  readonly eventId: string;
  readonly reason: SuppressionReason;
  /**
   * Epoch ms when the reason ends: held until (quiet hours, mute, hourly cap), muted until (token mute,
   * mute in drop mode). Absent for dedup, inhibition, minstrength and cooldown (the mark store answers
   * only whether a cooldown mark exists, not when it expires).
   */
  readonly until?: number;
  /** For 'inhibited': the kind of event that outranked it (a breakout or a touch of the same level). */
  readonly by?: AlertEventKind;
}

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

/** The planner's input without the marks and counters (what is known before they are looked up). */
export type PlanBase = Omit<PlanInput, 'marks' | 'counters'>;

export interface Plan {
  readonly messages: OutboundMessage[];
  readonly holds: Array<{ destination: Destination; events: AlertEvent[]; releaseAt: number }>;
  /** Destinations whose held events went into a message (call `holds.release` after enqueueing). */
  readonly release: Destination[];
  readonly marks: Array<{ key: string; ttlMs: number }>;
  /** Rate-counter keys to increment by one (one per message). */
  readonly counterKeys: string[];
  readonly suppressed: Partial<Record<SuppressReason, number>>;
  /** What was suppressed, per destination and event, at most `MAX_SUPPRESSION_RECORDS` (first come). */
  readonly suppressions: readonly SuppressionRecord[];
  /** Records left out once the bound was reached (the counts in `suppressed` stay complete). */
  readonly suppressionsOmitted: number;
}

/** One destination's share of the tick. */
export interface Bucket {
  readonly destination: Destination;
  readonly eff: EffectiveSettings;
  /** This tick's events the destination subscribed to (types, profile and minstrength passed). */
  readonly candidates: AlertEvent[];
  /** Level events of its profile below its `minstrength` (recorded, never sent); usually absent. */
  weak?: AlertEvent[];
  held: readonly AlertEvent[];
}

/** Events grouped per destination, and the mark keys to look up: compute once, plan once or twice. */
export interface PreparedPlan {
  readonly base: PlanBase;
  /** Every mark key the plan may look at, for one batched `marks.has`. */
  readonly keys: string[];
  readonly buckets: ReadonlyArray<readonly [string, Bucket]>;
  /** Time-zone formatters for quiet hours, shared by this plan's passes only. */
  readonly zones: ZoneCache;
}
