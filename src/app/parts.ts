import { join } from 'node:path';
import { createCommandRateLimiter } from '#commands/limits.js';
import type { CommandDeps, MarketView } from '#commands/types.js';
import { type ChartService, chartService } from '../charts/index.js';
import type { Config } from '../config/index.js';
import { secretsOf } from '../config/index.js';
import { createOutbox, PaidLane } from '../delivery/index.js';
import { effectiveSettings, scopesOf } from '../delivery/plan/index.js';
import type { Outbox, PlatformSender } from '../delivery/ports.js';
import { webhookHttp } from '../delivery/webhooks/http.js';
import type { PostDeps } from '../delivery/webhooks/post.js';
import { createWebhookSender } from '../delivery/webhooks/sender.js';
import type { Destination, Platform } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import { viewOf } from '../engine/index.js';
import { destinationLanguage, destinationLocale } from '../i18n/resolve.js';
import type { PriceWiring } from '../live/wiring.js';
import { realTimers } from '../market/streams/timers.js';
import { createScrubber } from '../obs/scrub.js';
import { readSnapshot } from '../pipeline/snapshot.js';
import type { PlatformLink, SenderDeps } from '../platforms/types.js';
import { PeriodLease } from '../replicas/lease.js';
import { loggedAlert } from '../store/alert-log-shared.js';
import { redisClientOf } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { type WatchlistService, watchlistService } from '../watchlist/service.js';
import { type Core, DEFAULT_KEY_PREFIX } from './core.js';

/**
 * Named duties one replica at a time performs (Telegram polling), claimed through the tick lock's
 * first-claim slots (src/replicas/lease.ts); used only when replicas share a Redis store.
 */
export function dutyLeases(core: Core): NonNullable<SenderDeps['leaseFor']> {
  return (name, onChange) =>
    new PeriodLease({
      name,
      lock: core.store.ticks,
      owner: core.instanceId,
      now: core.now,
      timers: realTimers,
      onChange,
      onError: (err) => core.logger.warn({ err, lease: name }, 'lease check failed'),
    });
}

/** The configured platforms' sending halves (their receivers are built once the commands exist). */
export async function openPlatforms(
  config: Config,
  deps: SenderDeps,
  instanceId: string,
): Promise<PlatformLink[]> {
  const out: PlatformLink[] = [];
  // Imported lazily: a process without Discord never loads discord.js, and vice versa.
  if (config.telegram) {
    const { openTelegram } = await import('../platforms/telegram/index.js');
    out.push(openTelegram(config.telegram, deps));
  }
  if (config.discord) {
    const { openDiscord } = await import('../platforms/discord/index.js');
    // With Redis, replicas share the shards by lease; alone (SQLite), this process runs them all.
    out.push(openDiscord(config.discord, deps, { instanceId, shared: config.redisUrl !== undefined }));
  }
  return out;
}

/**
 * `/watchlist` and the daily brief: views from the stored snapshots (one read for all tokens), live
 * prices applied once the price wiring exists (`prices()`: it is built after the senders, which need
 * this service for brief cards).
 */
export function buildWatchlist(core: Core, prices: () => PriceWiring | undefined): WatchlistService {
  const { store, market, now } = core;
  const label = market.demo === true ? 'replay' : 'Token Metrics';
  return watchlistService({
    history: store.priceHistory,
    unavailable: () => market.unavailableKinds?.() ?? [],
    async views(tokenIds) {
      const raw = await store.snapshots.getMany(tokenIds);
      const live = prices();
      if (live) await live.prepare();
      const out = new Map<number, TokenView>();
      for (const [id, snap] of raw) {
        const state = readSnapshot(snap).state;
        if (!state) continue;
        if (live) out.set(id, live.decorate(viewOf(state), state));
        else {
          // Without streams every price is polled: say so, with its age.
          const at = state.price?.at;
          const view = viewOf(state);
          out.set(
            id,
            at === undefined ? view : { ...view, priceSource: { label, ageMs: Math.max(0, now() - at) } },
          );
        }
      }
      return out;
    },
  });
}

/** Commands see the stores; every settings change is reported to the profile tracker. */
export function buildCommands(
  config: Config,
  core: Core,
  prices: PriceWiring | undefined,
  charts?: ChartService,
  watchlist?: WatchlistService,
): CommandDeps {
  const { store, market, profiles, metrics } = core;
  const stateOf = async (tokenId: number) => {
    const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
    return raw === undefined ? undefined : readSnapshot(raw).state;
  };
  const marketView: MarketView = {
    unavailable: () => market.unavailableKinds?.() ?? [],
    async view(tokenId) {
      const state = await stateOf(tokenId);
      if (!state) return undefined;
      if (!prices) return viewOf(state);
      await prices.prepare(); // a replica without the streams reads the holder's live set
      return prices.decorate(viewOf(state), state);
    },
    state: stateOf, // /why
    priceSource: market.demo === true ? 'the replay data' : 'Token Metrics',
  };
  return {
    ...(charts ? { charts } : {}),
    ...(watchlist ? { watchlist } : {}),
    store: {
      priceAlerts: store.priceAlerts,
      // /why (move parts) and /backtest (issue 21)
      priceHistory: store.priceHistory,
      briefs: store.briefs,
      subscriptions: store.subscriptions,
      destinations: store.destinations,
      // /stats and /why (issue 12)
      outcomes: store.outcomes,
      suppressions: store.suppressions,
      marks: store.marks,
      counters: store.counters,
      webhooks: store.webhooks, // issue 21
      alertLog: store.alertLog, // /export
      settings: {
        get: (scope) => store.settings.get(scope),
        getMany: (scopes) => store.settings.getMany(scopes),
        async update(scope, patch) {
          const r = await store.settings.update(scope, patch);
          await profiles.noteSettingsChange(patch);
          return r;
        },
      },
    },
    directory: market,
    market: marketView,
    limits: {
      maxSubscriptionsPerDestination: config.maxSubscriptionsPerDestination ?? 25,
      ...config.commandLimits,
    },
    // Window counters live in the store, so replicas on one Redis share each user's budget.
    limiter: createCommandRateLimiter(store.counters, config.commandLimits?.commandWindowMs),
    onLimit: (limit, platform) => metrics.commandLimits.inc({ limit, platform }),
    webhookPost: webhookPostDeps(config),
  };
}

/** Charts for /chart and level alerts: the stored price history and engine view, one cache per process. */
export function buildCharts(store: Store): ChartService {
  return chartService({
    history: store.priceHistory,
    async view(tokenId) {
      const raw = (await store.snapshots.getMany([tokenId])).get(tokenId);
      const state = raw === undefined ? undefined : readSnapshot(raw).state;
      return state ? viewOf(state) : undefined;
    },
  });
}

/** Telegram paid broadcasts when TELEGRAM_PAID_BROADCAST_STARS_PER_DAY > 0 (src/delivery/outbox/paid.ts). */
export function buildPaidLane(config: Config, d: Core): PaidLane | undefined {
  const tg = config.telegram;
  if (!tg || tg.paidBroadcastStarsPerDay <= 0) return undefined;
  return new PaidLane({
    platform: 'telegram',
    starsPerDay: tg.paidBroadcastStarsPerDay,
    afterMs: tg.paidBroadcastAfterMs,
    budgets: d.store.dailyBudgets,
    logger: d.logger.child({ component: 'paid-broadcast' }),
    metrics: d.metrics,
    now: d.now,
  });
}

/** The outbox over the platforms' senders; a deactivated destination is reported on its platform. */
export function buildOutbox(
  config: Config,
  d: Core,
  platforms: readonly PlatformLink[],
  paid?: PaidLane,
): Outbox {
  const { logger } = d;
  const effectiveOf = async (destination: Destination) =>
    effectiveSettings(destination, await d.store.settings.getMany(scopesOf(destination)));
  return createOutbox({
    kind: outboxKindOf(config),
    file: join(config.dataDir, 'outbox.db'),
    dataDir: config.dataDir,
    // A Redis store's client is shared with the BullMQ outbox (one connection fewer per replica).
    ...(config.redisUrl ? { redisUrl: config.redisUrl, redisConnection: redisClientOf(d.store) } : {}),
    prefix: outboxPrefixOf(config),
    senders: new Map<Platform, PlatformSender>(platforms.map((p) => [p.platform, p.sender])),
    store: d.store,
    logger: logger.child({ component: 'outbox' }),
    metrics: d.metrics,
    now: d.now,
    // Dead-letter records keep the error text: no secret in any form may end up there.
    scrub: createScrubber(secretsOf(config)),
    ...(paid ? { paid } : {}),
    onDeactivated: async (destination: Destination, reason) => {
      const p = platforms.find((x) => x.platform === destination.platform);
      try {
        await p?.reportDeactivation?.(
          destination,
          reason,
          destinationLanguage(await effectiveOf(destination)),
        );
      } catch (err) {
        logger.warn({ err, platform: destination.platform }, 'deactivation report failed');
      }
    },
    // What each destination was sent, for /export (issue 21).
    onDelivered: (m, at) =>
      d.store.alertLog.record(
        m.destination,
        m.events.map((e) => loggedAlert(e, at)),
        at,
      ),
    // The language of the notices the outbox writes itself (a topic gone, a webhook removed; issue 22).
    localeOf: async (destination) => destinationLocale(await effectiveOf(destination)),
    // Users' webhooks (issue 21): signed with the real clock (receivers check the timestamp).
    webhooks: createWebhookSender(d.store.webhooks, webhookPostDeps(config), webhookHttp()),
    ...config.outboxTuning,
  });
}

/** How webhook requests are checked and signed: WEBHOOK_ALLOW_HOSTS and the real clock. */
export const webhookPostDeps = (config: Config): PostDeps => ({
  allowHosts: config.webhookAllowHosts ?? [],
  now: Date.now,
});

export type OutboxKind = 'memory' | 'sqlite' | 'redis';
/** OUTBOX (tests, tools) or the store's kind: BullMQ with Redis, else SQLite. */
export const outboxKindOf = (config: Config): OutboxKind =>
  config.outboxKind ?? (config.redisUrl ? 'redis' : 'sqlite');
/** BullMQ's prefix. On Redis Cluster every key of a queue must hash to one slot: the prefix is a hash tag. */
export function outboxPrefixOf(config: Config): string {
  const base = `${(config.keyPrefix ?? DEFAULT_KEY_PREFIX).replace(/[{}]/g, '').replace(/:+$/, '')}-outbox`;
  return config.redisClusterNodes ? `{${base}}` : base;
}
