import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * All Prometheus metrics in one place, created per app instance on its own registry (no globals, so
 * tests can build several apps in one process). Label values never contain secrets or user text.
 */
export function createMetrics(registry = new Registry()) {
  const m = {
    registry,
    apiCalls: new Counter({
      name: 'tokenwatch_api_calls_total',
      help: 'Token Metrics API calls by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'] as const,
      registers: [registry],
    }),
    invalidRows: new Counter({
      name: 'tokenwatch_api_invalid_rows_total',
      help: 'API rows dropped by validation',
      labelNames: ['endpoint'] as const,
      registers: [registry],
    }),
    ticks: new Counter({
      name: 'tokenwatch_ticks_total',
      help: 'Ticks by outcome (ran, idle, skipped_overlap, skipped_claimed, skipped_store, market_error, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    tickDuration: new Histogram({
      name: 'tokenwatch_tick_duration_seconds',
      help: 'Wall time of a tick',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    events: new Counter({
      name: 'tokenwatch_events_total',
      help: 'Alert events detected by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    suppressed: new Counter({
      name: 'tokenwatch_suppressed_total',
      help: 'Per-destination alerts not sent, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    messages: new Counter({
      name: 'tokenwatch_messages_total',
      help: 'Outbound messages by platform and outcome (sent, retried, dead, deactivated)',
      labelNames: ['platform', 'outcome'] as const,
      registers: [registry],
    }),
    paidStars: new Gauge({
      name: 'tokenwatch_telegram_paid_stars_today',
      help: 'Telegram Stars spent on paid broadcasts this UTC day (all replicas; 0.1 per paid message)',
      registers: [registry],
    }),
    paidMessages: new Counter({
      name: 'tokenwatch_telegram_paid_messages_total',
      help: 'Telegram messages this process sent as paid broadcasts (allow_paid_broadcast)',
      registers: [registry],
    }),
    commandLimits: new Counter({
      name: 'tokenwatch_command_limits_total',
      help: 'Commands refused by an abuse limit (rate, subscriptions, guild_subscriptions, custom_alerts, guild_custom_alerts, arg_length)',
      labelNames: ['limit', 'platform'] as const,
      registers: [registry],
    }),
    interactionsLost: new Counter({
      name: 'tokenwatch_interactions_lost_total',
      help: 'Discord interactions another replica answered first (40060) or that expired before the answer (10062), by code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    discordShards: new Gauge({
      name: 'tokenwatch_discord_shards',
      help: 'Discord gateway shards: the bot\'s total count (kind="total") and those this replica runs connected (kind="held")',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    watchedTokens: new Gauge({
      name: 'tokenwatch_watched_tokens',
      help: 'Tokens with at least one subscriber',
      registers: [registry],
    }),
    projectedMonthlyCalls: new Gauge({
      name: 'tokenwatch_projected_monthly_api_calls',
      help: 'API calls a month at the current plan',
      registers: [registry],
    }),
    /** Token Metrics endpoints, latency and credits (the client, its meter and the fetch plan set them). */
    tm: {
      endpointUp: new Gauge({
        name: 'tokenwatch_tm_endpoint_up',
        help: 'Token Metrics endpoint usable with this key and plan (1) or refused with 401/403 (0)',
        labelNames: ['endpoint'] as const,
        registers: [registry],
      }),
      latency: new Histogram({
        name: 'tokenwatch_tm_request_duration_seconds',
        help: 'Token Metrics API latency per request (to the end of the body), by endpoint',
        labelNames: ['endpoint'] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
        registers: [registry],
      }),
      creditsUsed: new Gauge({
        name: 'tokenwatch_tm_credits_used',
        help: 'Token Metrics API credits spent this calendar month (UTC), from the shared ledger',
        registers: [registry],
      }),
      creditsProjected: new Gauge({
        name: 'tokenwatch_tm_credits_projected',
        help: 'Credits this month will have used at its end at the current plan',
        registers: [registry],
      }),
      creditsBudget: new Gauge({
        name: 'tokenwatch_tm_credits_budget',
        help: 'Monthly credit budget (TM_MONTHLY_CALLS)',
        registers: [registry],
      }),
    },
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
export type TmMetrics = Metrics['tm'];
