import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EnvSchema, type LogLevel } from './schema.js';
import { isSecretVar, type ReadFile, resolveSecretFiles } from './secrets.js';

export { parseConfigDuration } from './duration.js';
export { isLoopbackHost, LOG_LEVELS, type LogLevel } from './schema.js';
export { type ReadFile, SECRET_VARS } from './secrets.js';

/** The validated configuration. Times are milliseconds; URLs have no trailing slash. */
export interface Config {
  readonly tm: {
    /** Absent: the bot runs on the bundled replay data. Sent as `x-api-key`. */
    readonly apiKey?: string;
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
  };
  /** Present when DISCORD_TOKEN is set (DISCORD_APPLICATION_ID is then required). */
  readonly discord?: {
    readonly token: string;
    readonly applicationId: string;
    /** Default `https://discord.com/api`. */
    readonly apiBase: string;
    /** Deploy commands to this guild only (instant; for development). */
    readonly guildId?: string;
  };
  /** Unset: embedded SQLite store under `dataDir`. */
  readonly redisUrl?: string;
  /** Default `./data`. */
  readonly dataDir: string;
  /** node-cron expression, default `* * * * *`. */
  readonly tickCron: string;
  /** Fastest wanted cadence per data kind, ms (defaults 1m, 1h, 6h); the planner may stretch them. */
  readonly refresh: { readonly price: number; readonly hourly: number; readonly daily: number };
  /** Default 9464: /healthz, /readyz, /metrics. `false` (tests, demo): no HTTP server. */
  readonly httpPort: number | false;
  /** How long SIGTERM/SIGINT may take before the process exits anyway, ms. Default 10 s. */
  readonly shutdownTimeoutMs: number;
  /** pino level, default `info`. */
  readonly logLevel: LogLevel;

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
  const secrets = Object.entries(values)
    .filter(([k, v]) => isSecretVar(k) && v.length >= 4)
    .map(([, v]) => v);
  return problems.map((p) => secrets.reduce((acc, s) => acc.split(s).join('[REDACTED]'), p));
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
  if (values.DISCORD_TOKEN !== undefined && values.DISCORD_APPLICATION_ID === undefined) {
    problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  }
  if (values.TELEGRAM_WEBHOOK_URL !== undefined && values.TELEGRAM_BOT_TOKEN === undefined) {
    problems.push('TELEGRAM_WEBHOOK_URL: needs TELEGRAM_BOT_TOKEN');
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
      ...(e.TM_API_KEY !== undefined ? { apiKey: e.TM_API_KEY } : {}),
      baseUrl: e.TM_API_BASE_URL,
      monthlyCalls: e.TM_MONTHLY_CALLS,
    },
    ...(e.TELEGRAM_BOT_TOKEN !== undefined
      ? {
          telegram: {
            token: e.TELEGRAM_BOT_TOKEN,
            apiRoot: e.TELEGRAM_API_ROOT,
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
          },
        }
      : {}),
    ...(e.REDIS_URL !== undefined ? { redisUrl: e.REDIS_URL } : {}),
    dataDir: e.DATA_DIR,
    tickCron: e.TICK_CRON,
    refresh: { price: e.REFRESH_PRICE, hourly: e.REFRESH_HOURLY, daily: e.REFRESH_DAILY },
    httpPort: e.HTTP_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    logLevel: e.LOG_LEVEL,
  };
  return { ok: true, config };
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
