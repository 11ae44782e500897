import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createScrubber } from '../obs/scrub.js';
import { type PriceConfig, priceConfigOf } from './prices.js';
import { EnvSchema, type LogLevel } from './schema.js';
import {
  isSecretVar,
  placeholderProblems,
  type ReadFile,
  resolveSecretFiles,
  type SecretVar,
} from './secrets.js';

export { parseConfigDuration } from './duration.js';
export type { PriceConfig, PriceExchange } from './prices.js';
export { isLoopbackHost, LOG_LEVELS, type LogLevel } from './schema.js';
export { type ReadFile, SECRET_VARS, type SecretVar } from './secrets.js';

/** The validated configuration. Times are milliseconds; URLs have no trailing slash. */
export interface Config {
  readonly tm: {
    /**
     * `replay`: the bundled demo data (TM_SOURCE=replay, `npm run demo`); every alert says "demo data".
     * `api` (default): Token Metrics; a start with a platform token and no key fails (see `startProblem`).
     */
    readonly source: 'api' | 'replay';
    /** Sent as `x-api-key`. Rotated without a restart: SIGHUP re-reads TM_API_KEY_FILE. */
    readonly apiKey?: string;
    /** Share of the monthly budget kept for prices and daily signals, 0-0.5 (TM_RESERVE_PCT, default 5 %). */
    readonly reserve: number;
    /** Default `https://api.tokenmetrics.com/v2`. */
    readonly baseUrl: string;
    /** API credit budget per (30-day) month. Default 10000. */
    readonly monthlyCalls: number;
  };
  /** Present when TELEGRAM_BOT_TOKEN is set. */
  readonly telegram?: {
    readonly token: string;
    /** Default `https://api.telegram.org`. */
    readonly apiRoot: string;
    /** Set: webhook mode; unset: long polling. */
    readonly webhookUrl?: string;
    /**
     * Checked against `X-Telegram-Bot-Api-Secret-Token` in webhook mode. TELEGRAM_WEBHOOK_SECRET, or
     * derived from the bot token (HMAC-SHA256, base64url) so every replica computes the same one.
     */
    readonly webhookSecret?: string;
    /**
     * Paid broadcasts: Stars per UTC day the bot may spend (0.1 per message) on sends beyond the free
     * rate when a backlog would take longer than `paidBroadcastAfterMs` at the free rate. 0: off (default).
     */
    readonly paidBroadcastStarsPerDay: number;
    /** TELEGRAM_PAID_BROADCAST_AFTER, ms. Default 60000. */
    readonly paidBroadcastAfterMs: number;
  };
  /** Present when DISCORD_TOKEN is set (DISCORD_APPLICATION_ID is then required). */
  readonly discord?: {
    readonly token: string;
    readonly applicationId: string;
    /** Default `https://discord.com/api`. */
    readonly apiBase: string;
    /** Deploy commands to this guild only (instant; for development). */
    readonly guildId?: string;
    /** DISCORD_SHARDS: `auto` (Discord's recommendation from GET /gateway/bot, the default) or a count. */
    readonly shards?: number | 'auto';
    /**
     * DISCORD_INTERACTIONS: `gateway` (default: interactions arrive on the gateway session) or `http`
     * (signed POSTs to /discord/interactions on HTTP_PORT; needs `publicKey`).
     */
    readonly interactions?: 'gateway' | 'http';
    /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key, hex (HTTP interactions). */
    readonly publicKey?: string;
  };
  /** Unset: embedded SQLite store under `dataDir`. */
  readonly redisUrl?: string;
  /** REDIS_CLUSTER_NODES: seed nodes `host:port` of a Redis Cluster (store and outbox use ioredis Cluster). */
  readonly redisClusterNodes?: readonly string[];
  /** Default `./data`. */
  readonly dataDir: string;
  /** node-cron expression, default `* * * * *`. */
  readonly tickCron: string;
  /** Fastest wanted cadence per data kind, ms (defaults 1m, 1h, 6h); the planner may stretch them. */
  readonly refresh: { readonly price: number; readonly hourly: number; readonly daily: number };
  /** Default 9464: /healthz, /readyz, /metrics (and /status when `statusToken` is set). `false` (tests, demo): no HTTP server. */
  readonly httpPort: number | false;
  /** STATUS_TOKEN: unset, the operator page /status is off (404). At least 16 characters. */
  readonly statusToken?: string;
  /** How long SIGTERM/SIGINT may take before the process exits anyway, ms. Default 10 s. */
  readonly shutdownTimeoutMs: number;
  /** pino level, default `info`. */
  readonly logLevel: LogLevel;
  /** Live prices from exchange streams. */
  readonly prices: PriceConfig;
  /**
   * WEBHOOK_ALLOW_HOSTS: `host` / `host:port` entries users' webhooks may reach although they resolve to a
   * private or loopback address, over plain http too (the operator's own receivers). Default none.
   */
  readonly webhookAllowHosts?: readonly string[];

  // Internal knobs: no environment variable, absent from a parsed config (the default applies); tests,
  // the demo and the benchmarks set them on a parsed config (`{ ...config, schedule: false }`).
  /** Prefix of the store's Redis keys; the BullMQ outbox uses `<prefix>-outbox`. Default `tokenwatch:`. */
  readonly keyPrefix?: string;
  /** Default `redis` when `redisUrl` is set, else `sqlite` (`${dataDir}/outbox.db`); `memory` for tests. */
  readonly outboxKind?: 'memory' | 'sqlite' | 'redis';
  /** Outbox timing for tests that crash workers on purpose. Defaults: the outbox's own. */
  readonly outboxTuning?: OutboxTuning;
  /** `false`: start() runs no cron scheduler (ticks only through app.tick: tests, demo). Default true. */
  readonly schedule?: boolean;
  /** This process's id for tick-slot claims. Default a random UUID per process. */
  readonly instanceId?: string;
  /** Max token subscriptions per destination. Default 25. */
  readonly maxSubscriptionsPerDestination?: number;
  /** Live price streams with PRICE_FEED=auto. Default: on when a Token Metrics key is set (not on replay data). */
  readonly priceStreams?: boolean;
  /** A streamed price older than this stops counting as live (polling takes over). Default 60 s. */
  readonly priceLiveMaxAgeMs?: number;
  /**
   * Redis: period of the lease on the exchange streams, ms. The holder renews it every period and shares
   * its live set with a ttl of three periods. Default 10 s (takeover within 20 s, a dead set gone in 30 s).
   */
  readonly priceLeasePeriodMs?: number;
  /** Abuse limits of the command layer (defaults: DEFAULT_ABUSE_LIMITS in commands/limits.ts, docs/operating.md). */
  readonly commandLimits?: {
    readonly commandsPerWindow?: number;
    readonly commandWindowMs?: number;
    readonly maxSubscriptionsPerParent?: number;
    readonly maxCustomAlertsPerDestination?: number;
    readonly maxCustomAlertsPerParent?: number;
  };
}

/** Outbox timing overrides, ms. */
export interface OutboxTuning {
  /** First retry delay (doubles per attempt). */
  readonly backoffMs?: number;
  /** BullMQ job lock: how long until a crashed worker's job comes back. */
  readonly lockDurationMs?: number;
  /** BullMQ stalled-job check interval. */
  readonly stalledIntervalMs?: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Messages about secret variables never include their values; as a second line of defence any secret value
 * that still appears in a message (say, pasted into the wrong variable) is replaced.
 */
function scrub(problems: string[], values: Readonly<Record<string, string>>): string[] {
  const redact = createScrubber(Object.entries(values).flatMap(([k, v]) => (isSecretVar(k) ? [v] : [])));
  return problems.map(redact);
}

function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update('tokenwatch:telegram-webhook-secret').digest('base64url');
}

/**
 * Validate the environment. Returns every problem at once, one line per problem, each starting with the
 * variable's name; secret values are never part of a message.
 * @param readFile reads `X_FILE` secrets (injected in tests).
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  readFile: ReadFile = readFileSync,
): ConfigResult {
  const { values, problems } = resolveSecretFiles(env, readFile);
  problems.push(...placeholderProblems(values));
  if (values.DISCORD_TOKEN !== undefined && values.DISCORD_APPLICATION_ID === undefined) {
    problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  }
  if (values.DISCORD_INTERACTIONS?.trim() === 'http' && values.DISCORD_PUBLIC_KEY === undefined) {
    problems.push(
      'DISCORD_PUBLIC_KEY: required with DISCORD_INTERACTIONS=http (developer portal → your application → General Information → Public Key)',
    );
  }
  if (values.TELEGRAM_WEBHOOK_URL !== undefined && values.TELEGRAM_BOT_TOKEN === undefined) {
    problems.push('TELEGRAM_WEBHOOK_URL: needs TELEGRAM_BOT_TOKEN');
  }
  for (const name of ['TELEGRAM_PAID_BROADCAST_STARS_PER_DAY', 'TELEGRAM_PAID_BROADCAST_AFTER'] as const) {
    if (values[name] !== undefined && values.TELEGRAM_BOT_TOKEN === undefined)
      problems.push(`${name}: needs TELEGRAM_BOT_TOKEN`);
  }
  const parsed = EnvSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems: scrub(problems, values) };
  const e = parsed.data;
  const config: Config = {
    tm: {
      source: e.TM_SOURCE ?? 'api',
      reserve: e.TM_RESERVE_PCT / 100,
      ...(e.TM_API_KEY !== undefined ? { apiKey: e.TM_API_KEY } : {}),
      baseUrl: e.TM_API_BASE_URL,
      monthlyCalls: e.TM_MONTHLY_CALLS,
    },
    ...(e.TELEGRAM_BOT_TOKEN !== undefined
      ? {
          telegram: {
            token: e.TELEGRAM_BOT_TOKEN,
            apiRoot: e.TELEGRAM_API_ROOT,
            paidBroadcastStarsPerDay: e.TELEGRAM_PAID_BROADCAST_STARS_PER_DAY,
            paidBroadcastAfterMs: e.TELEGRAM_PAID_BROADCAST_AFTER,
            ...(e.TELEGRAM_WEBHOOK_URL !== undefined
              ? {
                  webhookUrl: e.TELEGRAM_WEBHOOK_URL,
                  webhookSecret: e.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(e.TELEGRAM_BOT_TOKEN),
                }
              : {}),
          },
        }
      : {}),
    ...(e.DISCORD_TOKEN !== undefined && e.DISCORD_APPLICATION_ID !== undefined
      ? {
          discord: {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            apiBase: e.DISCORD_API_BASE,
            ...(e.DISCORD_GUILD_ID !== undefined ? { guildId: e.DISCORD_GUILD_ID } : {}),
            shards: e.DISCORD_SHARDS,
            interactions: e.DISCORD_INTERACTIONS,
            ...(e.DISCORD_PUBLIC_KEY !== undefined ? { publicKey: e.DISCORD_PUBLIC_KEY.toLowerCase() } : {}),
          },
        }
      : {}),
    ...(e.REDIS_URL !== undefined ? { redisUrl: e.REDIS_URL } : {}),
    // Cluster mode is Redis mode: without REDIS_URL the first seed node stands in for it (credentials and
    // TLS, when needed, come from REDIS_URL).
    ...(e.REDIS_CLUSTER_NODES !== undefined
      ? {
          redisClusterNodes: e.REDIS_CLUSTER_NODES,
          ...(e.REDIS_URL === undefined ? { redisUrl: `redis://${e.REDIS_CLUSTER_NODES[0]}` } : {}),
        }
      : {}),
    dataDir: e.DATA_DIR,
    tickCron: e.TICK_CRON,
    refresh: { price: e.REFRESH_PRICE, hourly: e.REFRESH_HOURLY, daily: e.REFRESH_DAILY },
    httpPort: e.HTTP_PORT,
    ...(e.STATUS_TOKEN !== undefined ? { statusToken: e.STATUS_TOKEN } : {}),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    logLevel: e.LOG_LEVEL,
    prices: priceConfigOf(e),
    ...(e.WEBHOOK_ALLOW_HOSTS.length > 0 ? { webhookAllowHosts: e.WEBHOOK_ALLOW_HOSTS } : {}),
  };
  return { ok: true, config };
}

/** Why this configuration must not start, or undefined. Real subscribers never get scripted demo alerts. */
export function startProblem(config: Config): string | undefined {
  if (config.tm.source === 'api' && config.tm.apiKey === undefined && (config.telegram || config.discord)) {
    return [
      'tokenwatch: TM_API_KEY is not set, so there is no market data to alert on.',
      'Set TM_API_KEY (or TM_API_KEY_FILE) to your Token Metrics API key,',
      'or set TM_SOURCE=replay to run on the bundled demo data (every alert then says "demo data").',
    ].join('\n');
  }
  return undefined;
}

/**
 * The current value of one secret, read again: `<NAME>_FILE`'s content (trailing newlines trimmed) when
 * set, else `<NAME>`. Undefined when unset, unreadable or empty. For SIGHUP and the 401 re-read; the
 * value never goes into a message.
 */
export function readSecret(
  name: SecretVar,
  env: Readonly<Record<string, string | undefined>> = process.env,
  readFile: ReadFile = readFileSync,
): string | undefined {
  const { values } = resolveSecretFiles(
    { [name]: env[name], [`${name}_FILE`]: env[`${name}_FILE`] },
    readFile,
  );
  const v = values[name];
  return v !== undefined && /^\S+$/.test(v) ? v : undefined;
}

/**
 * `parseConfig(process.env)`. The caller decides how to stop: print each problem on its own line and exit
 * non-zero (see `formatProblems`).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ConfigResult {
  return parseConfig(env);
}

/** One message for stderr: a header line, then one indented line per problem. */
export function formatProblems(problems: readonly string[]): string {
  return ['Invalid configuration:', ...problems.map((p) => `  - ${p}`)].join('\n');
}

/**
 * Every secret value in the config, for the logger's redaction (`createLogger({ secrets })`): API key,
 * bot tokens, webhook URL and secret, and the Redis URL and its password when it has one.
 */
export function secretsOf(config: Config): string[] {
  const out: string[] = [];
  const add = (s: string | undefined) => {
    if (s !== undefined && s !== '' && !out.includes(s)) out.push(s);
  };
  add(config.tm.apiKey);
  add(config.telegram?.token);
  add(config.telegram?.webhookUrl);
  add(config.telegram?.webhookSecret);
  add(config.discord?.token);
  add(config.statusToken);
  if (config.redisUrl !== undefined) {
    try {
      const u = new URL(config.redisUrl);
      if (u.password) {
        add(config.redisUrl);
        add(decodeURIComponent(u.password));
        add(u.password);
      }
    } catch {
      add(config.redisUrl);
    }
  }
  return out;
}
