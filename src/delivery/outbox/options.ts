import type { Logger } from 'pino';
import type { Destination, DestinationKind, Platform } from '../../domain/types.js';
import type { Metrics } from '../../obs/metrics.js';
import type { DeactivationReason, DestinationStatusStore, SubscriptionStore } from '../../store/ports.js';
import type { PlatformSender } from '../ports.js';

/** A global send budget: at most `max` sends per `durationMs`, shared by every worker of the limit domain. */
export interface RateLimit {
  readonly max: number;
  readonly durationMs: number;
}

/**
 * Options of `createOutbox`. Every duration is in milliseconds.
 */
export interface OutboxOptions {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** SQLite file. Default `${dataDir}/outbox.db`. */
  readonly file?: string;
  /** Directory for the default SQLite file. Default `./data`. */
  readonly dataDir?: string;
  /** Required for `kind: 'redis'`. */
  readonly redisUrl?: string;
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
  /** Concurrent sends per limit domain and process. Default 8 (console 2). */
  readonly concurrency?: number | Partial<Record<Platform, number>>;
  /** Global limit per domain. Defaults: telegram 25/s (5 per 200 ms), discord 40/s (10 per 250 ms), console none. */
  readonly limits?: Partial<Record<Platform, RateLimit | null>>;
  /**
   * Minimum gap between two sends into one Telegram chat, by destination kind. Defaults: dm 1050 (1 msg/s),
   * group and channel 3050 (20 msg/min, which also covers 1 msg/s). A message in N parts takes N gaps.
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
}

export interface ResolvedOptions {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly dedupWindowMs: number;
  readonly maxRateLimitHits: number;
  readonly sendTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly now: () => number;
  concurrency(platform: Platform): number;
  limit(platform: Platform): RateLimit | undefined;
  /** Pacing gap for the destination's chat, or undefined when the platform needs no per-chat pacing. */
  chatInterval(destination: Destination): number | undefined;
}

export { PLATFORMS } from '../../domain/types.js';

const DEFAULT_LIMITS: Record<Platform, RateLimit | undefined> = {
  // Fixed BullMQ windows can put two bursts close together, so use short windows: the worst case over any
  // sliding second is (1000/duration + 1) · max = 30 for Telegram and 50 for Discord, the platforms' limits.
  telegram: { max: 5, durationMs: 200 },
  discord: { max: 10, durationMs: 250 },
  console: undefined,
};

// Slightly above the platform's numbers; gaps count from the completion of the previous send (pacing.ts).
const DEFAULT_CHAT_INTERVAL: Record<DestinationKind, number> = { dm: 1050, group: 3050, channel: 3050 };

export function resolveOptions(o: OutboxOptions): ResolvedOptions {
  const chat = { ...DEFAULT_CHAT_INTERVAL, ...o.chatIntervalMs };
  return {
    attempts: Math.max(1, o.attempts ?? 8),
    backoffMs: o.backoffMs ?? 1000,
    dedupWindowMs: o.dedupWindowMs ?? 24 * 3600_000,
    maxRateLimitHits: o.maxRateLimitHits ?? 30,
    sendTimeoutMs: o.sendTimeoutMs ?? 30_000,
    closeTimeoutMs: o.closeTimeoutMs ?? 10_000,
    now: o.now ?? Date.now,
    concurrency(platform) {
      const c = o.concurrency;
      if (typeof c === 'number') return c;
      return c?.[platform] ?? (platform === 'console' ? 2 : 8);
    },
    limit(platform) {
      const l = o.limits?.[platform];
      if (l === null) return undefined;
      return l ?? DEFAULT_LIMITS[platform];
    },
    chatInterval(d) {
      return d.platform === 'telegram' ? chat[d.kind] : undefined;
    },
  };
}
