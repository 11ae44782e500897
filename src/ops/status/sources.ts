import type { DestinationKind, Platform, TokenId } from '../../domain/types.js';

/**
 * What the operator page can show, as optional providers. The composition root fills in the ones whose
 * data exists in this build and this process (the stream panel only when price streams run, the queue
 * counts per platform only when the outbox can tell them apart...). A panel whose provider is absent is
 * not drawn and its key is absent from /status.json. A provider that throws or takes longer than the
 * page's deadline shows as an error in its panel; the others still render.
 *
 * Providers may return a value or a promise. All times are epoch milliseconds, all durations milliseconds.
 */
export interface StatusSources {
  /** Liveness and readiness, with the reasons readiness fails or is degraded. */
  readonly health?: () => Awaitable<HealthStatus>;
  /** The most recent ticks, newest first (a handful: the page shows at most 10). */
  readonly ticks?: () => Awaitable<readonly TickSummary[]>;
  /** Token Metrics, per endpoint. */
  readonly endpoints?: () => Awaitable<readonly EndpointStatus[]>;
  /** The month's Token Metrics credit ledger. */
  readonly ledger?: () => Awaitable<LedgerStatus | undefined>;
  /** Telegram paid broadcasts today (present when TELEGRAM_PAID_BROADCAST_STARS_PER_DAY > 0). */
  readonly paidBroadcast?: () => Awaitable<PaidBroadcastStatus>;
  /** Exchange price streams: this replica's connections, the live and ambiguous tokens, the lease. */
  readonly streams?: () => Awaitable<StreamsStatus>;
  /** Watched tokens with their number of active subscribers, most subscribed first. */
  readonly watched?: () => Awaitable<readonly WatchedToken[]>;
  /** Active subscriptions per platform and destination kind. */
  readonly subscriptions?: () => Awaitable<readonly SubscriptionCount[]>;
  /** Outbox counts per platform (`platform: 'all'` when the outbox cannot tell them apart). */
  readonly outbox?: () => Awaitable<readonly OutboxCount[]>;
  /** The last alerts planned for delivery, newest first (the page shows 50). */
  readonly alerts?: () => Awaitable<readonly AlertSummary[]>;
  /** Dead letters, and the retry the page's button calls. */
  readonly deadLetters?: DeadLetterSource;
}

export type Awaitable<T> = T | Promise<T>;

/** Stars spent on Telegram paid broadcasts this UTC day, by every replica. */
export interface PaidBroadcastStatus {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly stars: number;
  /** TELEGRAM_PAID_BROADCAST_STARS_PER_DAY. */
  readonly budget: number;
  /** Telegram refused a paid send for lack of Stars today: paid sending is off until tomorrow. */
  readonly refused: boolean;
}

export interface HealthStatus {
  /** The process answers (what /healthz says). */
  readonly live: boolean;
  /** What /readyz says. */
  readonly ready: boolean;
  /** Ready but something is off (an endpoint refused, a stream down): shown amber. */
  readonly degraded?: boolean;
  /** One short line per failed or degraded check ("store unreachable", "last tick 7 min ago"). */
  readonly reasons: readonly string[];
  /** Each named check and whether it passed. */
  readonly checks: Readonly<Record<string, boolean>>;
}

export interface TickSummary {
  readonly at: number;
  readonly durationMs: number;
  /** ran, idle, skipped_claimed, market_error, failed. */
  readonly outcome: string;
  readonly events: number;
  readonly messages: number;
  readonly error?: string;
}

export type EndpointState = 'up' | 'degraded' | 'backing_off' | 'disabled';

export interface EndpointStatus {
  /** Path as Token Metrics names it, e.g. `trading-signals`. */
  readonly endpoint: string;
  readonly state: EndpointState;
  /** Why (e.g. "403: not on this plan", "429, Retry-After 3600 s"). */
  readonly detail?: string;
  /** Next attempt or re-probe. */
  readonly until?: number;
}

export interface LedgerStatus {
  /** Calendar month (UTC), `YYYY-MM`. */
  readonly month: string;
  /** Credits (HTTP requests) used so far this month. */
  readonly used: number;
  /** Projected use at the end of the month at the current rate. */
  readonly projected: number;
  /** The monthly budget (TM_MONTHLY_CALLS). */
  readonly budget: number;
  /** Credits per UTC day so far, oldest first (`day` is 1..31): the chart. Optional. */
  readonly daily?: ReadonlyArray<{ readonly day: number; readonly used: number }>;
  /** Days in the month (for the chart's x axis). Default 30. */
  readonly daysInMonth?: number;
  /** How far into the month `used` was counted, in days (fractional). Without `daily`, where the line ends. */
  readonly asOfDay?: number;
}

export interface StreamsStatus {
  /** One entry per configured exchange; empty on a replica that does not hold the streams. */
  readonly exchanges: readonly StreamStatus[];
  /** Watched tokens whose price a live stream delivers (on another replica: as its shared set says). */
  readonly liveTokens: number;
  /** Watched tokens whose every candidate pair failed the 3% check against Token Metrics: polled. */
  readonly ambiguousTokens: number;
  /** Several replicas (Redis): whether this replica holds the streams, and who does (the lease key). */
  readonly lease?: { readonly held: boolean; readonly holder?: string };
}

export interface StreamStatus {
  readonly exchange: string;
  readonly connected: boolean;
  /** Age of the last frame; undefined before the first. */
  readonly lastFrameAgeMs?: number;
  /** Tokens whose price comes from this exchange. */
  readonly mappedTokens: number;
  /** Frames per second over the last 10 s. */
  readonly framesPerSec?: number;
  /** Reconnects since start. */
  readonly reconnects?: number;
  /** No watched token streams from this exchange: no connection is needed (not a fault). */
  readonly idle?: boolean;
  /** The exchange refused our address (HTTP 451/403): left alone until then. */
  readonly unavailableUntil?: number;
  /** E.g. "HTTP 451: refuses this server's address". */
  readonly detail?: string;
}

export interface WatchedToken {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly subscribers: number;
}

export interface SubscriptionCount {
  readonly platform: Platform;
  readonly kind: DestinationKind;
  /** Destinations with at least one active subscription. */
  readonly destinations: number;
  /** Token subscriptions (one destination following three tokens counts three). */
  readonly subscriptions: number;
}

export interface OutboxCount {
  readonly platform: Platform | 'webhook' | 'all';
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly dead: number;
}

export interface AlertSummary {
  readonly at: number;
  readonly tokenId: TokenId;
  readonly symbol: string;
  /** Event kind (signal_flip, level_breakout...). */
  readonly kind: string;
  /** A short line of what happened, already plain text ("broke resistance $142.10"). Optional. */
  readonly summary?: string;
  /** Destination keys (`platform:kind:id`). */
  readonly destinations: readonly string[];
}

export interface DeadLetterSummary {
  /** The id the retry takes. */
  readonly id: string;
  /** Destination key. */
  readonly destination: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: number;
  /** What the message was about (symbols and event kinds, or "notice"). */
  readonly about: string;
}

export interface DeadLetterSource {
  /** Oldest first, at most `limit`. */
  list(limit: number): Awaitable<readonly DeadLetterSummary[]>;
  /** Moves it back to the queue. False when no such dead letter exists (any more). */
  retry(id: string): Awaitable<boolean>;
}

/** The page's panel keys, in display order. */
export const PANELS = [
  'health',
  'ticks',
  'endpoints',
  'ledger',
  'paidBroadcast',
  'streams',
  'watched',
  'subscriptions',
  'outbox',
  'alerts',
  'deadLetters',
] as const;
export type PanelKey = (typeof PANELS)[number];
