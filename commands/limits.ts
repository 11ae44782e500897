import type { Platform } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import type { RateCounterStore } from '#src/store/ports.js';
import { errorReply } from './replies.js';
import type { CommandContext, CommandDeps, CommandRateLimiter, LimitKind, Reply } from './types.js';

/**
 * Abuse limits of the command layer, so every platform gets the same ones. Each limit has a clear reply
 * and a metric (`CommandDeps.onLimit`, wired to `tokenwatch_command_limits_total{limit}`), and none can
 * make the bot talk more: a rate-limited user gets one reply per window (ephemeral on Discord), then
 * `silent` replies that text platforms do not send.
 */

/** Defaults of the optional CommandLimits fields. */
export const DEFAULT_ABUSE_LIMITS = {
  /** Commands (and buttons) per user and window. */
  commandsPerWindow: 10,
  /** Rate-limit window, ms. */
  commandWindowMs: 60_000,
  /** Subscriptions over all channels of one Discord guild / one Telegram group. */
  maxSubscriptionsPerParent: 100,
  /** Custom alerts (`/alert`) of one destination. */
  maxCustomAlertsPerDestination: 10,
  /** Custom alerts over all channels of one guild/group. */
  maxCustomAlertsPerParent: 50,
} as const;

type AbuseLimitKey = keyof typeof DEFAULT_ABUSE_LIMITS;

/** The configured value, or the default when it is absent or not a positive integer. */
export function limitOf(deps: Pick<CommandDeps, 'limits'>, key: AbuseLimitKey): number {
  const n = (deps.limits as Partial<Record<AbuseLimitKey, number>>)[key];
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : DEFAULT_ABUSE_LIMITS[key];
}

/** Counts a limit hit; never throws (a metrics hiccup must not change the reply). */
export function countLimit(deps: Pick<CommandDeps, 'onLimit'>, limit: LimitKind, platform: Platform): void {
  try {
    deps.onLimit?.(limit, platform);
  } catch {
    // Metrics are best effort.
  }
}

/**
 * The refusal when adding one more item would exceed a cap, counted; undefined while under it.
 * The extension point for other capped things (custom alerts: `custom_alerts` / `guild_custom_alerts`).
 */
export function capRefusal(
  deps: Pick<CommandDeps, 'onLimit'>,
  platform: Platform,
  limit: Exclude<LimitKind, 'rate' | 'arg_length'>,
  current: number,
  max: number,
  lines: readonly string[],
): Reply | undefined {
  if (current < max) return undefined;
  countLimit(deps, limit, platform);
  return errorReply(...lines);
}

/** A limiter on the store's window counters (`RateCounterStore`): one round trip per command. */
export function createCommandRateLimiter(
  counters: RateCounterStore,
  windowMs: number = DEFAULT_ABUSE_LIMITS.commandWindowMs,
): CommandRateLimiter {
  return {
    async hit(platform, userId, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      const key = `cmd:${platform}:${userId}`;
      const totals = await counters.increment([key], start, windowMs);
      return { count: totals.get(key) ?? 1, windowEnd: start + windowMs };
    },
  };
}

function waitText(t: Translate, ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 90 ? t('limit-seconds', { count: s }) : t('limit-minutes', { count: Math.ceil(s / 60) });
}

/**
 * Undefined when the caller may go on; otherwise the reply: the first command over the limit gets a
 * polite "come back in N seconds", later ones in the same window the same text marked `silent`.
 * A failing counter lets the command through (the limit protects the bot, it must not break it).
 */
export async function rateLimitReply(ctx: CommandContext, deps: CommandDeps): Promise<Reply | undefined> {
  if (!deps.limiter) return undefined;
  let used: { count: number; windowEnd: number };
  try {
    used = await deps.limiter.hit(ctx.platform, ctx.userId, ctx.now);
  } catch {
    return undefined;
  }
  const max = limitOf(deps, 'commandsPerWindow');
  if (used.count <= max) return undefined;
  countLimit(deps, 'rate', ctx.platform);
  const window = waitText(ctx.t, limitOf(deps, 'commandWindowMs'));
  const reply = errorReply(
    ctx.t('limit-too-fast', { max, window }),
    ctx.t('limit-try-again', { wait: waitText(ctx.t, used.windowEnd - ctx.now) }),
  );
  return used.count === max + 1 ? reply : { ...reply, silent: true };
}
