import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { parseAllowHosts } from '../delivery/webhooks/guard.js';
import { parseConfigDuration } from './duration.js';

/** Hosts for which `http://` is accepted (tests and local fakes): 127.0.0.0/8, localhost, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Shorten a non-secret value for a problem message. */
function show(v: unknown): string {
  const s = String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/**
 * An absolute https URL (http only for loopback hosts), without credentials; trailing slashes dropped.
 * Messages never include the value: these may be secret (webhook URL) or carry credentials by mistake.
 */
export function httpsUrl() {
  return z.string().transform((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute URL (https://...)' });
      return z.NEVER;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// URL' });
    } else if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must use https:// (http:// is only allowed for loopback hosts: 127.0.0.0/8, localhost, ::1)',
      });
    }
    if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'must not contain credentials' });
    return s.replace(/\/+$/, '');
  });
}

/** A wss:// socket root (ws:// only for loopback hosts), without credentials; trailing slashes dropped. */
function wssUrl() {
  return z.string().transform((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute URL (wss://...)' });
      return z.NEVER;
    }
    if (u.protocol !== 'wss:' && !(u.protocol === 'ws:' && isLoopbackHost(u.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'must use wss:// (ws:// is only allowed for loopback hosts)' });
    }
    if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'must not contain credentials' });
    return s.replace(/\/+$/, '');
  });
}

export const PRICE_EXCHANGE_IDS = ['binance', 'coinbase', 'okx', 'kraken'] as const;

/** `PRICE_EXCHANGES`: a comma list of known exchanges, preference order, no repeats. */
function exchangeList() {
  return z.string().transform((s, ctx) => {
    const ids = s
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter((x) => x !== '');
    const bad = ids.filter((x) => !(PRICE_EXCHANGE_IDS as readonly string[]).includes(x));
    if (bad.length > 0 || ids.length === 0 || new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${show(s)} must be a comma list without repeats of: ${PRICE_EXCHANGE_IDS.join(', ')}`,
      });
      return z.NEVER;
    }
    return ids as Array<(typeof PRICE_EXCHANGE_IDS)[number]>;
  });
}

function redisUrl() {
  return z.string().refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'must be a redis:// or rediss:// URL' },
  );
}

function intIn(min: number, max: number) {
  return z.string().transform((s, ctx) => {
    const n = /^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${show(s)} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

const MIN_REFRESH_MS = 1_000;
const MAX_REFRESH_MS = 30 * 86_400_000;

function duration() {
  return z.string().transform((s, ctx) => {
    const ms = parseConfigDuration(s);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${show(s)} is not a duration (examples: 30s, 5m, 6h, 1d)` });
      return z.NEVER;
    }
    if (ms < MIN_REFRESH_MS || ms > MAX_REFRESH_MS) {
      ctx.addIssue({ code: 'custom', message: `${show(s)} must be between 1s and 30d` });
      return z.NEVER;
    }
    return ms;
  });
}

function snowflake() {
  return z
    .string()
    .regex(/^\d{1,25}$/, { error: (iss) => `${show(iss.input)} must be a numeric Discord id` });
}

/** A non-empty secret without whitespace inside (a pasted newline or space is a common mistake). */
function secret() {
  return z.string().regex(/^\S+$/, { message: 'must not contain spaces or line breaks' });
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * One zod schema per variable of the configuration contract (shared/design.md). Input: the environment
 * with `X_FILE` already resolved and empty values removed. Defaults are output values.
 */
export const EnvSchema = z.object({
  TM_API_KEY: secret().optional(),
  TM_SOURCE: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['api', 'replay'], { error: (iss) => `${show(iss.input)} must be api or replay` }))
    .optional(),
  TM_RESERVE_PCT: intIn(0, 50).default(5),
  TM_API_BASE_URL: httpsUrl().default('https://api.tokenmetrics.com/v2'),
  TM_MONTHLY_CALLS: intIn(1, 100_000_000).default(10_000),
  // Real tokens look like `<digits>:<letters>`, but local test servers accept anything: only whitespace is refused.
  TELEGRAM_BOT_TOKEN: secret().optional(),
  TELEGRAM_API_ROOT: httpsUrl().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: httpsUrl().optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -' })
    .optional(),
  // Paid broadcasts (issue 19): Stars per UTC day the bot may spend on sends beyond the free 30 msg/s.
  TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: intIn(0, 10_000_000).default(0),
  TELEGRAM_PAID_BROADCAST_AFTER: duration().default(60_000),
  DISCORD_TOKEN: secret().optional(),
  DISCORD_APPLICATION_ID: snowflake().optional(),
  DISCORD_API_BASE: httpsUrl().default('https://discord.com/api'),
  DISCORD_GUILD_ID: snowflake().optional(),
  // `auto`: the count Discord recommends (GET /gateway/bot); a number: that many shards.
  DISCORD_SHARDS: z
    .string()
    .transform((s, ctx) => {
      const v = s.trim().toLowerCase();
      if (v === 'auto') return 'auto' as const;
      const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) {
        ctx.addIssue({
          code: 'custom',
          message: `${show(s)} must be auto or a whole number from 1 to 10000`,
        });
        return z.NEVER;
      }
      return n;
    })
    .default('auto'),
  DISCORD_INTERACTIONS: z
    .enum(['gateway', 'http'], { message: 'must be gateway or http' })
    .default('gateway'),
  // The application's public key (developer portal, General Information): 32 bytes as 64 hex digits.
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be the 64 hex digits of the application public key' })
    .optional(),
  REDIS_URL: redisUrl().optional(),
  // Redis Cluster seed nodes, `host:port,host:port`: the store and the BullMQ outbox use ioredis Cluster.
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'must be host:port[,host:port...]' })
    .transform((s) => s.split(','))
    .optional(),
  DATA_DIR: z.string().default('./data'),
  TICK_CRON: z
    .string()
    .refine((s) => validateCron(s), {
      error: (iss) => `${show(iss.input)} is not a valid cron expression (5 fields, or 6 with seconds)`,
    })
    .default('* * * * *'),
  REFRESH_PRICE: duration().default(60_000),
  REFRESH_HOURLY: duration().default(3_600_000),
  REFRESH_DAILY: duration().default(21_600_000),
  HTTP_PORT: intIn(0, 65_535).default(9464),
  // The operator page's password: long enough that a few guesses a minute get nowhere.
  STATUS_TOKEN: secret()
    .min(16, { message: 'must be at least 16 characters (e.g. openssl rand -hex 24)' })
    .optional(),
  // Live prices from exchange streams (issue 9). Roots are the exchanges' documented public endpoints.
  PRICE_FEED: z
    .enum(['auto', 'poll'], { error: (iss) => `${show(iss.input)} must be auto or poll` })
    .default('auto'),
  PRICE_EXCHANGES: exchangeList().default([...PRICE_EXCHANGE_IDS]),
  BINANCE_WS_URL: wssUrl().default('wss://data-stream.binance.vision'),
  BINANCE_REST_URL: httpsUrl().default('https://api.binance.com'),
  COINBASE_WS_URL: wssUrl().default('wss://advanced-trade-ws.coinbase.com'),
  COINBASE_REST_URL: httpsUrl().default('https://api.coinbase.com'),
  OKX_WS_URL: wssUrl().default('wss://ws.okx.com:8443/ws/v5/public'),
  OKX_REST_URL: httpsUrl().default('https://www.okx.com'),
  KRAKEN_WS_URL: wssUrl().default('wss://ws.kraken.com/v2'),
  KRAKEN_REST_URL: httpsUrl().default('https://api.kraken.com'),
  PRICE_MAP_FILE: z.string().optional(),
  BREAKOUT_HOLD: duration().default(30_000),
  SHUTDOWN_TIMEOUT: duration().default(10_000),
  // Issue 21: hosts users' webhooks may reach although they resolve inside (plain http allowed there).
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .regex(/^\s*((\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\s*(,\s*|$))*$/, {
      message: 'must be host or host:port, comma separated',
    })
    .transform((s) => parseAllowHosts(s))
    .default([]),
  LOG_LEVEL: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(
      z.enum(LOG_LEVELS, { error: (iss) => `${show(iss.input)} must be one of ${LOG_LEVELS.join(', ')}` }),
    )
    .default('info'),
});
export type Env = z.output<typeof EnvSchema>;
