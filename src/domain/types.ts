import type { Locale } from '../i18n/locales.js';
/**
 * The vocabulary every layer shares. Pure data: no I/O, no platform types.
 * Times are epoch milliseconds (UTC) unless a field says otherwise; prices are in USD.
 */

/** Token Metrics numeric TOKEN_ID (e.g. BTC = 3375). */
export type TokenId = number;

/** Every platform the bot can deliver to (the `console` one prints, for local runs and tests). */
export const PLATFORMS = ['telegram', 'discord', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** True when `x` names a platform (for values read back from storage or a key). */
export function isPlatform(x: unknown): x is Platform {
  return typeof x === 'string' && (PLATFORMS as readonly string[]).includes(x);
}

/**
 * Where an alert goes. `channel`: a Discord guild channel (parentId = guild id);
 * `group`: a Telegram group/supergroup (parentId = chat id); `dm`: a private chat with one user
 * (Discord: the user id; Telegram: the private chat id, which equals the user id).
 */
export type DestinationKind = 'channel' | 'group' | 'dm';

export interface Destination {
  readonly platform: Platform;
  readonly kind: DestinationKind;
  /** Platform id as a string (Discord snowflakes overflow doubles; Telegram ids can be negative). */
  readonly id: string;
  /** Guild id for Discord channels, chat id for Telegram groups; absent for DMs. */
  readonly parentId?: string;
}

/** Stable string key of a destination: `platform:kind:id`. Used as the store key everywhere. */
export function destinationKey(d: Pick<Destination, 'platform' | 'kind' | 'id'>): string {
  return `${d.platform}:${d.kind}:${d.id}`;
}

/**
 * What a subscriber can choose to receive. One subscription holds a set of these.
 * - `signal`: daily trading signal flips (TRADING_SIGNAL / TOKEN_TREND)
 * - `hourly`: hourly signal flips (SIGNAL / POSITION)
 * - `levels`: approach / touch / breakout of strong support and resistance levels
 * - `risk`: Sharpe threshold crossings (and other quant metric thresholds)
 * - `grade`: TM_GRADE_SIGNAL changes
 */
export const ALERT_TYPES = ['signal', 'hourly', 'levels', 'risk', 'grade'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Default types for a `/subscribe SOL` without a type list. Hourly is opt-in: it is chatty. */
export const DEFAULT_ALERT_TYPES: readonly AlertType[] = ['signal', 'levels', 'risk', 'grade'];

export type SignalValue = -1 | 0 | 1;
export type LevelSide = 'support' | 'resistance';

interface EventBase {
  /**
   * Deterministic id: the same market facts at the same tick slot always give the same id, so a
   * repeated tick (crash before commit, a second replica) yields the same ids and dedups.
   */
  readonly id: string;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  /** Tick time the event was detected at (epoch ms). */
  readonly at: number;
  /** Higher first in a digest: flips and breakouts before approaches. */
  readonly priority: number;
  /** Link to the token's page, when the API gave one. */
  readonly url?: string;
  /** Detected on the bundled replay (TM_SOURCE=replay): every rendering says "demo data". */
  readonly demo?: boolean;
}

/**
 * Where and when an event's price was seen. Every field optional: events queued by an older version have
 * none, and none of them ever enters an event id.
 */
interface PriceStamp {
  /** When the price was seen (exchange time for streamed prices, tick time for polled ones), epoch ms. */
  readonly priceAt?: number;
  /** Where it came from (`Binance SOL/USDT`); absent with `priceAt` set: Token Metrics. */
  readonly priceSource?: string;
}

/** A derived level referred to by another event (the next one beyond, the one behind). */
export interface LevelRef {
  /** USD. */
  readonly level: number;
  /** 0..100. */
  readonly strength: number;
}

export interface SignalFlipEvent extends EventBase, PriceStamp {
  readonly kind: 'signal_flip';
  readonly timeframe: 'daily' | 'hourly';
  readonly from: SignalValue;
  readonly to: SignalValue;
  readonly price?: number;
  /** The signal row's own DATE (daily) or TIMESTAMP (hourly), as the API gave it. */
  readonly signalTime?: string;
  /** TRADER_GRADE of the newest daily row (0..100), when the data has it. */
  readonly traderGrade?: number;
  /** TM_GRADE (0..100), when the data has it. */
  readonly tmGrade?: number;
}

export interface LevelEvent extends EventBase, PriceStamp {
  readonly kind: 'level_approach' | 'level_touch' | 'level_breakout';
  readonly level: number;
  readonly side: LevelSide;
  /** Breakouts: 'up' broke resistance, 'down' broke support. Approach/touch: the way price is moving. */
  readonly direction: 'up' | 'down';
  readonly price: number;
  /** |price - level| / level * 100. */
  readonly distancePct: number;
  /** 0..100, see src/engine for how it is derived. */
  readonly strength: number;
  /** The proximity profile (percent) this event was computed for; subscribers with that setting get it. */
  readonly proximityPct: number;
  /**
   * The next strong level past the level and the price in `direction` (the target): above for `up`,
   * below for `down`. Absent when none is known (or the event predates the field).
   */
  readonly beyond?: LevelRef;
  /** The nearest strong level on the other side (where the idea fails): below for `up`, above for `down`. */
  readonly behind?: LevelRef;
}

export interface ThresholdEvent extends EventBase {
  readonly kind: 'metric_cross';
  /** Metric name as the API spells it, e.g. 'SHARPE'. */
  readonly metric: string;
  readonly direction: 'up' | 'down';
  readonly value: number;
  readonly previous?: number;
  /** The threshold profile this event was computed for. */
  readonly threshold: number;
}

export interface GradeChangeEvent extends EventBase {
  readonly kind: 'grade_change';
  readonly from: string;
  readonly to: string;
  readonly grade?: number;
}

/**
 * A user's own price alert rule as stored before combined conditions (issue 21): one price part. Kept so
 * alerts and held events written then still read (they become a one-part condition).
 */
export type PriceRule =
  | { readonly kind: 'above'; readonly price: number }
  | { readonly kind: 'below'; readonly price: number }
  | { readonly kind: 'move'; readonly pct: number; readonly windowMs: number };

/**
 * One part of an alert's condition (issue 21). Price parts: `above`/`below` X (USD), `move` N% within a
 * window (from the window's low or high), `near` a strong support/resistance within N%. Token Metrics
 * parts: the daily or hourly signal, the TM grade (0–100), the Sharpe ratio.
 */
export type ConditionPart =
  | PriceRule
  | {
      readonly kind: 'near';
      readonly side: 'support' | 'resistance';
      readonly pct: number;
      /**
       * Weakest level strength (0–100) that counts: the place's `minstrength` when the alert was set.
       * Absent (alerts set before it was recorded): the engine's default, 50.
       */
      readonly minStrength?: number;
    }
  | { readonly kind: 'signal'; readonly timeframe: 'daily' | 'hourly'; readonly value: 'bullish' | 'bearish' }
  | { readonly kind: 'grade' | 'sharpe'; readonly op: '>=' | '<='; readonly value: number };

/** Up to three parts that must hold together; `text` is the condition as written, normalised. */
export interface Condition {
  readonly parts: readonly ConditionPart[];
  readonly text: string;
}

/**
 * The value a part was judged on, as data: worded in each reader's language when the alert is rendered
 * (describe-price.ts `partValueWords`), so an event is the same whatever language reads it.
 */
export type PartValue =
  | { readonly kind: 'none' }
  | { readonly kind: 'price'; readonly price: number }
  | { readonly kind: 'move'; readonly pct: number; readonly from: number }
  | { readonly kind: 'near'; readonly side: LevelSide; readonly level: number; readonly awayPct: number }
  | { readonly kind: 'near-none'; readonly side: LevelSide; readonly pct: number }
  | { readonly kind: 'signal'; readonly value: SignalValue }
  | { readonly kind: 'number'; readonly value: number; readonly digits: number };

/** One part of a fired condition with its value at that moment: `above $210.00` → `$211.50`. */
export interface PartReading {
  /** The part as written (`above $210.00`): the command's keywords, the same in every language. */
  readonly part: string;
  /** The value as data (events detected since issue 22). */
  readonly reading?: PartValue;
  /** Legacy: the value in English words, on events queued before issue 22. */
  readonly value?: string;
}

/** `once`: removed after it fires. `every`: fires on each crossing, at most once per the destination's cooldown. */
export type PriceAlertRepeat = 'once' | 'every';

/**
 * A user's price alert that fired: goes to the alert's one destination (not to the token's
 * subscribers) through the same planner and outbox as every other alert.
 */
export interface PriceAlertEvent extends EventBase {
  /**
   * `once`: derived from the alert id alone (a repeat can never get a new id); `every`: the alert id and
   * its previous firing, so repeated work gives the same id and the next firing a new one.
   */
  readonly id: string;
  readonly kind: 'price_alert';
  readonly alertId: string;
  readonly destination: Destination;
  /** The condition that became true (absent on events held from before issue 21: `rule` then). */
  readonly condition?: Condition;
  /** Each part and its value when it fired. */
  readonly parts?: readonly PartReading[];
  /** Legacy: the one-part rule of events queued before combined conditions. */
  readonly rule?: PriceRule;
  readonly repeat: PriceAlertRepeat;
  /** Price now (USD) and where it came from. */
  readonly price: number;
  readonly source: 'poll' | 'stream';
  /** Move parts: the low or high the move is measured from (USD), when it was seen, and the signed change. */
  readonly priceBefore?: number;
  readonly beforeAt?: number;
  readonly changePct?: number;
}

export type AlertEvent = SignalFlipEvent | LevelEvent | ThresholdEvent | GradeChangeEvent | PriceAlertEvent;
export type AlertEventKind = AlertEvent['kind'];

/**
 * Which subscription type an event belongs to; undefined for a user's own price alert, which no
 * subscription receives (it goes to the alert's own destination only).
 */
export function alertTypeOf(e: AlertEvent): AlertType | undefined {
  switch (e.kind) {
    case 'signal_flip':
      return e.timeframe === 'daily' ? 'signal' : 'hourly';
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout':
      return 'levels';
    case 'metric_cross':
      return 'risk';
    case 'grade_change':
      return 'grade';
    case 'price_alert':
      return undefined;
  }
}

/** HH:MM-HH:MM in an IANA time zone; the window may wrap midnight (22:00-07:00). */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
  readonly tz: string;
}

/**
 * Settings that layer server/group default → channel → personal DM. Every field optional at each
 * layer; `resolveSettings` fills the rest from DEFAULT_SETTINGS.
 */
export interface Settings {
  /** Level approach distance, percent of price. Default 2. Range 0.1..20. */
  proximityPct?: number;
  /** Sharpe threshold. Default 1. Range -10..10. */
  sharpeThreshold?: number;
  /** Minimum time between two alerts of the same token and type to one destination, seconds. Default 3600. */
  cooldownSec?: number;
  /** Product cap on messages per hour to one destination. Default 20. */
  maxPerHour?: number;
  quietHours?: QuietHours | null;
  /** Epoch ms until which alerts are muted. */
  mutedUntil?: number | null;
  /** What happens to alerts during a mute: held and delivered after it ('hold'), or dropped. Default 'hold'. */
  muteMode?: 'hold' | 'drop';
  /** Only alert on levels at least this strong (0..100). Default 50. */
  minStrength?: number;
  /** Per-token mutes (alert buttons "mute for a day"): token id (as string) → epoch ms until. */
  tokenMutes?: Readonly<Record<string, number>> | null;
  /** Attach a chart to level alerts. Default true. */
  charts?: boolean;
  /** Discord role pings (issue 20): which alert kinds ping the subscription's role. Default breakout, flip. */
  pingOn?: readonly PingKind[];
  /** Discord role pings: token id (as string) → role id pinged on that token's alerts (`/channel subscribe ... ping:@role`). */
  pingRoles?: Readonly<Record<string, string>> | null;
  /** Language of replies and alerts (`/settings language`); absent: the platform's (issue 22). */
  language?: Locale | null;
  /**
   * The platform's language tag, recorded by the bot, never set by users: a DM's is the user's client
   * language (Telegram `language_code`, Discord `locale`), a Discord server default's is `guild_locale`.
   */
  platformLocale?: string | null;
}

/**
 * Alert kinds a role ping can be chosen for (`pingon`): breakout = level breakout, flip = daily signal
 * flip, touch / approach = level touch / approach, hourly = hourly flip, risk = metric crossing, grade =
 * grade change.
 */
export const PING_KINDS = ['breakout', 'flip', 'touch', 'approach', 'hourly', 'risk', 'grade'] as const;
export type PingKind = (typeof PING_KINDS)[number];
export const DEFAULT_PING_KINDS: readonly PingKind[] = ['breakout', 'flip'];

/** The `pingon` kind of an event; undefined for users' own price alerts (never pinged). */
export function pingKindOf(e: AlertEvent): PingKind | undefined {
  switch (e.kind) {
    case 'level_breakout':
      return 'breakout';
    case 'level_touch':
      return 'touch';
    case 'level_approach':
      return 'approach';
    case 'signal_flip':
      return e.timeframe === 'daily' ? 'flip' : 'hourly';
    case 'metric_cross':
      return 'risk';
    case 'grade_change':
      return 'grade';
    case 'price_alert':
      return undefined;
  }
}

/** A change to stored settings: `undefined` leaves a field alone, `null` clears it (back to the layer below). */
export type SettingsPatch = { [K in keyof Settings]?: Settings[K] | null };

export type EffectiveSettings = Required<
  Omit<Settings, 'quietHours' | 'mutedUntil' | 'tokenMutes' | 'pingRoles' | 'language' | 'platformLocale'>
> & {
  language: Locale | null;
  platformLocale: string | null;
  quietHours: QuietHours | null;
  mutedUntil: number | null;
  tokenMutes: Readonly<Record<string, number>> | null;
  pingRoles: Readonly<Record<string, string>> | null;
};

export const DEFAULT_SETTINGS: EffectiveSettings = {
  proximityPct: 2,
  sharpeThreshold: 1,
  cooldownSec: 3600,
  maxPerHour: 20,
  quietHours: null,
  mutedUntil: null,
  muteMode: 'hold',
  minStrength: 50,
  tokenMutes: null,
  charts: true,
  pingOn: DEFAULT_PING_KINDS,
  pingRoles: null,
  language: null,
  platformLocale: null,
};

/** Layers later in the list win, field by field. `undefined` fields fall through; `null` clears. */
export function resolveSettings(...layers: ReadonlyArray<Settings | undefined>): EffectiveSettings {
  const out: EffectiveSettings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

export interface Subscription {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly types: readonly AlertType[];
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A token as the directory knows it. */
export interface TokenInfo {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url?: string;
}
