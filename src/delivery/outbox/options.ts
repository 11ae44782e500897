import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Destination, type DestinationKind, PLATFORMS, type Platform } from '../../domain/types.js';
import type { Locale } from '../../i18n/locales.js';
import type { Metrics } from '../../obs/metrics.js';
import type { DeactivationReason, DestinationStatusStore, SubscriptionStore } from '../../store/ports.js';
import type { OutboundMessage, PlatformSender, RateLimit, WebhookSender } from '../ports.js';
import type { PaidLane } from './paid.js';

export type { RateLimit } from '../ports.js';

/**
 * Options of `createOutbox`. Every duration is in milliseconds.
 */
export interface OutboxOptions {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** SQLite file. Default `${dataDir}/outbox.db`. */
  readonly file?: string;
  /** Directory for the default SQLite file. Default `./data`. */
  readonly dataDir?: string;
  /** For `kind: 'redis'`: the server, unless `redisConnection` is given. */
  readonly redisUrl?: string;
  /**
   * For `kind: 'redis'`: an ioredis client to share (the store's, see redisClientOf). The queues use it
   * as is; the workers use one duplicate with `maxRetriesPerRequest: null` (BullMQ requires it and
   * duplicates its blocking connections from it). The outbox never closes it. Must not set `keyPrefix`.
   */
  readonly redisConnection?: Redis | undefined;
  /** BullMQ key prefix (and prefix of the pacing keys). Default `tokenwatch-outbox`. */
  readonly prefix?: string;
  /** One sender per platform. A message for a platform without a sender is dead-lettered. */
  readonly senders: ReadonlyMap<Platform, PlatformSender>;
  /** Only rekey and deactivate are used: a full Store fits. */
  readonly store: {
    readonly subscriptions: Pick<SubscriptionStore, 'rekey'>;
    readonly destinations: Pick<DestinationStatusStore, 'deactivate'>;
  };
  readonly logger?: Logger;
  readonly metrics?: Pick<Metrics, 'messages'>;
  /**
   * Clock (epoch ms) for the timestamps given to the store (deactivation time). Default Date.now.
   * Scheduling (pacing, backoff, BullMQ delays) always runs on the real clock, so a test clock cannot stall it.
   */
  readonly now?: () => number;
  /** Called exactly once per destination when a send fails permanently (after the store deactivated it). */
  readonly onDeactivated?: (destination: Destination, reason: DeactivationReason) => void | Promise<void>;
  /** Send attempts before a message is dead-lettered. Default 8. */
  readonly attempts?: number;
  /** Base of the exponential backoff (delay · 2^(attempt-1), with jitter). Default 1000. */
  readonly backoffMs?: number;
  /** Concurrent sends per limit domain and process. Default: the sender's `limits.concurrency`. */
  readonly concurrency?: number | Partial<Record<Domain, number>>;
  /** Global limit per domain (`null`: none). Default: the sender's `limits.global`. */
  readonly limits?: Partial<Record<Platform, RateLimit | null>>;
  /**
   * Minimum gap between two sends into one chat, by destination kind, for the platforms whose sender
   * declares per-chat pacing (`limits.chatGapMs`, Telegram's). Default: the sender's numbers.
   */
  readonly chatIntervalMs?: Partial<Record<DestinationKind, number>>;
  /** How long sent ids are remembered so a re-enqueue is a no-op. Default 24 h. */
  readonly dedupWindowMs?: number;
  /** 429s tolerated for one message before it is dead-lettered. Default 30. */
  readonly maxRateLimitHits?: number;
  /** Abort a send that takes longer. Default 30000. */
  readonly sendTimeoutMs?: number;
  /** close() waits this long for in-flight sends, then gives up on them. Default 10000. */
  readonly closeTimeoutMs?: number;
  /** BullMQ lock duration (a crashed worker's jobs come back after about this long). Default 30000. */
  readonly lockDurationMs?: number;
  /** BullMQ stalled-jobs check interval. Default 30000. */
  readonly stalledIntervalMs?: number;
  /** SQLite idle poll when nothing is due. Default 100. */
  readonly pollMs?: number;
  /**
   * Paid sending beyond the free rate of one platform (Telegram paid broadcasts, src/delivery/outbox/paid.ts).
   * Absent: every send waits for a free slot.
   */
  readonly paid?: PaidLane;
  /** Applied to every error text before it is logged or stored (dead letters): removes secrets. */
  readonly scrub?: (text: string) => string;
  /**
   * Called once the platform confirmed a message (at: epoch ms, the `now` clock): the app records it for
   * /export (issue 21). A failure is logged; the message still counts as sent.
   */
  readonly onDelivered?: (message: OutboundMessage, at: number) => Promise<void>;
  /** Sends webhook deliveries (issue 21). Absent: they are dead-lettered. */
  readonly webhooks?: WebhookSender;
  /**
   * A destination's language (issue 22), for the notices the outbox writes itself (a forum topic gone, a
   * webhook removed after 410). Absent: English.
   */
  readonly localeOf?: (destination: Destination) => Promise<Locale>;
}

export interface ResolvedOptions {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly dedupWindowMs: number;
  readonly maxRateLimitHits: number;
  readonly sendTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly now: () => number;
  readonly scrub: (text: string) => string;
  concurrency(domain: Domain): number;
  limit(domain: Domain): RateLimit | undefined;
  /** Pacing gap for the destination's chat, or undefined when the platform needs no per-chat pacing. */
  chatInterval(destination: Destination): number | undefined;
}

/**
 * The outbox's limit domains: one per platform, and `webhook` (issue 21), whose requests are paced per
 * webhook (WEBHOOK_GAP_MS) instead of by a global budget. Each has its own queue and workers.
 */
export const DOMAINS = [...PLATFORMS, 'webhook'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Concurrent webhook requests per process (they wait on receivers, not on a platform budget). */
export const WEBHOOK_CONCURRENCY = 16;
/** At most 5 requests per second per webhook: the gap between two requests to one webhook, ms. */
export const WEBHOOK_GAP_MS = 200;

/** The options with defaults filled in; rate numbers come from each sender's own `limits`. */
export function resolveOptions(o: OutboxOptions): ResolvedOptions {
  const declared = (p: Domain) => (p === 'webhook' ? undefined : o.senders.get(p)?.limits);
  return {
    attempts: Math.max(1, o.attempts ?? 8),
    backoffMs: o.backoffMs ?? 1000,
    dedupWindowMs: o.dedupWindowMs ?? 24 * 3600_000,
    maxRateLimitHits: o.maxRateLimitHits ?? 30,
    sendTimeoutMs: o.sendTimeoutMs ?? 30_000,
    closeTimeoutMs: o.closeTimeoutMs ?? 10_000,
    now: o.now ?? Date.now,
    scrub: o.scrub ?? ((t) => t),
    concurrency(platform) {
      const c = o.concurrency;
      // A platform without a sender dead-letters its messages at once: one worker is plenty.
      if (platform === 'webhook') return typeof c === 'number' ? c : (c?.webhook ?? WEBHOOK_CONCURRENCY);
      const n = typeof c === 'number' ? c : (c?.[platform] ?? declared(platform)?.concurrency ?? 1);
      // Paid sending reaches its rate only with more sends in flight.
      return o.paid?.platform === platform ? Math.max(n, o.paid.concurrency) : n;
    },
    limit(platform) {
      if (platform === 'webhook') return undefined;
      const l = o.limits?.[platform];
      if (l === null) return undefined;
      return l ?? declared(platform)?.global;
    },
    chatInterval(d) {
      const gaps = declared(d.platform)?.chatGapMs;
      return gaps === undefined ? undefined : (o.chatIntervalMs?.[d.kind] ?? gaps[d.kind]);
    },
  };
}
