import {
  ALERT_TYPES,
  type AlertType,
  type Destination,
  destinationKey,
  type EffectiveSettings,
  type QuietHours,
  type Settings,
  type TokenId,
} from '../../domain/types.js';
import type {
  MarkStore,
  RateCounterStore,
  SettingsStore,
  StoredSuppression,
  SubscriptionStore,
  SuppressionStore,
} from '../../store/ports.js';
import {
  type CooldownClassRef,
  type CooldownDetail,
  cooldownClasses,
  cooldownKey,
  counterKey,
  hourWindow,
} from './keys.js';
import { quietUntil } from './quiet.js';
import { type Hold, hourlyCap, hourlyLimit, quietHoursAndMute } from './rules.js';
import { effectiveSettings, scopesOf } from './settings.js';

/**
 * The planner's own account of one destination and token (/why): the settings that filter and hold, the
 * running cooldowns of each of the planner's cooldown classes, the hourly cap, and the recent
 * suppressions with what ended (or ends) them. Built from the rules themselves (`cooldownClasses`,
 * `quietHoursAndMute`, `hourlyCap`), so a new kind, metric or rule shows up here without a second list.
 * `readDestinationFacts` reads what it needs through the store ports (one round of parallel reads);
 * `explainDestination` is pure. Suppression records look the same whichever path (tick or stream)
 * recorded them: only the record is read.
 */

/** What the store knows about one destination and token (read by `readDestinationFacts`). */
export interface DestinationFacts {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  /** Metrics the engine watches for the token (`TokenExplanation.metrics`): crossings' cooldown classes. */
  readonly metrics: readonly string[];
  /** The types subscribed here; undefined when the token is not followed here. */
  readonly types: readonly AlertType[] | undefined;
  /** Stored settings by scope (`scopesOf`). */
  readonly settings: ReadonlyMap<string, Settings>;
  /** Expiry (epoch ms) of each running cooldown mark, by mark key. */
  readonly expiries: ReadonlyMap<string, number>;
  /** Messages sent here in this clock hour. */
  readonly sentThisHour: number;
  /** The token's recent suppressions here, newest first. */
  readonly suppressions: readonly StoredSuppression[];
  /** Epoch ms. */
  readonly now: number;
}

/** A cooldown mark that exists now. */
export interface RunningCooldown extends CooldownClassRef {
  /** Epoch ms it ends. */
  readonly until: number;
  /** Epoch ms it began, assuming the destination's current cooldown length. */
  readonly since: number;
}

export interface SuppressionExplanation {
  readonly record: StoredSuppression;
  /**
   * The flip's timeframe or crossing's metric, where it can be told: records carry the kind only, so
   * from the one cooldown that held it back, or from the one metric the token is watched on.
   */
  readonly detail?: CooldownDetail;
  /** When the reason ends: as recorded, or for a cooldown the end of the one cooldown that held it back. */
  readonly until?: number;
  /**
   * 'cooldown' without a recorded end: the running cooldowns of its kind that had begun by then. Several
   * when the kind is split (daily/hourly flips) and the record cannot tell which; none once it ended.
   */
  readonly cooldowns: readonly RunningCooldown[];
}

export interface DestinationExplanation {
  readonly settings: EffectiveSettings;
  /** The types followed here; undefined when the token is not followed here. */
  readonly followed: readonly AlertType[] | undefined;
  /** The types not followed here (all of them when the token is not followed). */
  readonly notFollowed: readonly AlertType[];
  /** The destination's mute, while it runs. */
  readonly mute?: { readonly until: number; readonly mode: EffectiveSettings['muteMode'] };
  /** This token's mute here (its events are dropped), while it runs. */
  readonly tokenMutedUntil?: number;
  /** The quiet hours set here, and when they end if they are open now. */
  readonly quietHours?: { readonly hours: QuietHours; readonly openUntil?: number };
  /** What the rules do with an alert here now (held or dropped until `until`); absent: it goes out. */
  readonly hold?: Hold;
  /** The destination's cooldown per class, ms. */
  readonly cooldownMs: number;
  /** Running cooldowns of this token here, in `cooldownClasses` order. */
  readonly cooldowns: readonly RunningCooldown[];
  /** Messages sent here this clock hour, and how many the cap allows. */
  readonly cap: { readonly sent: number; readonly limit: number };
  readonly suppressions: readonly SuppressionExplanation[];
}

/** The store ports `readDestinationFacts` reads; absent optional ports read as empty. */
export interface ExplainPorts {
  readonly subscriptions: Pick<SubscriptionStore, 'list'>;
  readonly settings: Pick<SettingsStore, 'getMany'>;
  readonly marks?: Pick<MarkStore, 'expiries'>;
  readonly counters?: Pick<RateCounterStore, 'get'>;
  readonly suppressions?: Pick<SuppressionStore, 'recent'>;
}

/** Reads a destination's facts about one token: every read in one parallel round. */
export async function readDestinationFacts(
  ports: ExplainPorts,
  q: {
    readonly destination: Destination;
    readonly tokenId: TokenId;
    readonly metrics: readonly string[];
    /** Suppressions wanted, newest first. */
    readonly suppressions: number;
    readonly now: number;
  },
): Promise<DestinationFacts> {
  const destKey = destinationKey(q.destination);
  const keys = cooldownClasses(q.metrics).map((c) => cooldownKey(destKey, q.tokenId, c.cls));
  const [subs, settings, expiries, counts, suppressions] = await Promise.all([
    ports.subscriptions.list(q.destination),
    ports.settings.getMany(scopesOf(q.destination)),
    ports.marks?.expiries(keys, q.now) ?? new Map<string, number>(),
    ports.counters?.get([counterKey(destKey)], hourWindow(q.now)) ?? new Map<string, number>(),
    ports.suppressions?.recent(q.destination, q.tokenId, q.suppressions, q.now) ?? [],
  ]);
  return {
    destination: q.destination,
    tokenId: q.tokenId,
    metrics: q.metrics,
    types: subs.find((s) => s.tokenId === q.tokenId)?.types,
    settings,
    expiries,
    sentThisHour: counts.get(counterKey(destKey)) ?? 0,
    suppressions,
    now: q.now,
  };
}

/** The destination's facts explained through the planner's rules. Pure. */
export function explainDestination(f: DestinationFacts): DestinationExplanation {
  const eff = effectiveSettings(f.destination, f.settings);
  const { now } = f;
  const cooldownMs = eff.cooldownSec * 1000;
  const destKey = destinationKey(f.destination);
  const cooldowns = cooldownClasses(f.metrics).flatMap((c): RunningCooldown[] => {
    const until = f.expiries.get(cooldownKey(destKey, f.tokenId, c.cls));
    return until !== undefined && until > now ? [{ ...c, until, since: until - cooldownMs }] : [];
  });
  const tokenMute = eff.tokenMutes?.[String(f.tokenId)];
  const openUntil = quietUntil(eff.quietHours, now);
  const hold = quietHoursAndMute(eff, now) ?? hourlyCap(eff, f.sentThisHour, now);
  return {
    settings: eff,
    followed: f.types,
    notFollowed: ALERT_TYPES.filter((t) => !f.types?.includes(t)),
    ...(eff.mutedUntil !== null && eff.mutedUntil > now
      ? { mute: { until: eff.mutedUntil, mode: eff.muteMode } }
      : {}),
    ...(tokenMute !== undefined && tokenMute > now ? { tokenMutedUntil: tokenMute } : {}),
    ...(eff.quietHours
      ? {
          quietHours:
            openUntil === undefined ? { hours: eff.quietHours } : { hours: eff.quietHours, openUntil },
        }
      : {}),
    ...(hold ? { hold } : {}),
    cooldownMs,
    cooldowns,
    cap: { sent: f.sentThisHour, limit: hourlyLimit(eff) },
    suppressions: f.suppressions.map((s) => explainSuppression(s, cooldowns, f.metrics)),
  };
}

/** One record, with the cooldown that held it back (when it is still running) and its kind's detail. */
export function explainSuppression(
  s: StoredSuppression,
  running: readonly RunningCooldown[],
  metrics: readonly string[],
): SuppressionExplanation {
  const cooldowns =
    s.reason === 'cooldown' && s.until === undefined
      ? running.filter((c) => c.kind === s.kind && c.since <= s.at)
      : [];
  const one = cooldowns.length === 1 ? cooldowns[0] : undefined;
  const only = new Set(metrics);
  const detail =
    one?.detail ??
    (s.kind === 'metric_cross' && only.size === 1 ? { metric: [...only][0] as string } : undefined);
  const until = s.until ?? one?.until;
  return {
    record: s,
    ...(detail ? { detail } : {}),
    ...(until === undefined ? {} : { until }),
    cooldowns,
  };
}
