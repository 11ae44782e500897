import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import { z } from 'zod';
import { MarketError } from '../domain/market.js';
import type { Logger } from '../obs/logger.js';
import { silentLogger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import { createMetrics } from '../obs/metrics.js';

/** The metrics the market code touches (a full `createMetrics()` fits). */
export type MarketMetrics = Pick<Metrics, 'apiCalls' | 'invalidRows'>;

/** Options of the Token Metrics HTTP layer. All times in milliseconds. */
export interface TmHttpOptions {
  /** Sent as `x-api-key`. Never logged. */
  readonly apiKey: string;
  /** API root including the version path. Default `https://api.tokenmetrics.com/v2`. */
  readonly baseUrl?: string;
  readonly logger?: Logger;
  readonly metrics?: MarketMetrics;
  /** TCP/TLS connect timeout. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Time to the response headers. Default 10000. */
  readonly headersTimeoutMs?: number;
  /** Max idle time between body chunks. Default 15000. */
  readonly bodyTimeoutMs?: number;
  /** Keep-alive connections in the pool. Default 4. */
  readonly connections?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors. Default 3. */
  readonly maxRetries?: number;
  /** First backoff step; doubles each retry, with jitter. Default 500. */
  readonly backoffBaseMs?: number;
  /** Backoff cap. Default 30000. */
  readonly backoffMaxMs?: number;
  /**
   * A 429 whose Retry-After (or backoff) is longer than this is not waited for inline: the call fails with
   * a retryable `rate_limited` error carrying `retryAfterMs`, and a later tick tries again. Default 60000.
   */
  readonly maxRetryWaitMs?: number;
  /** Injected for tests. Default: a real timer that stops early when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: jitter source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** Injected clock for HTTP-date Retry-After values. Default Date.now. */
  readonly now?: () => number;
}

/** GET one endpoint and return the envelope's `data` rows. */
export interface TmHttp {
  getRows(
    endpoint: string,
    params: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<unknown[]>;
  /** Set after a 401/403: every later call fails at once with this error, without a request. */
  readonly stoppedBy: MarketError | undefined;
  close(): Promise<void>;
}

const Envelope = z.object({
  success: z.boolean().optional(),
  message: z.unknown().optional(),
  data: z.array(z.unknown()).optional(),
});

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Retry-After is delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The Token Metrics HTTP layer: one keep-alive undici `Pool` for the API origin, explicit timeouts, and a
 * small bounded retry loop.
 *
 * Why not undici's RetryAgent / retry interceptor: its waits use real timers (tests could not inject a
 * clock), it has no jitter, and it hides the final status behind a generic RequestRetryError. We also need
 * decisions it can't make: stop for good on 401/403, give up (retryable) instead of sleeping on a long
 * Retry-After, and treat a 200 with `success:false` or a non-JSON body as errors. The loop is ~40 lines.
 */
export function createTmHttp(opts: TmHttpOptions): TmHttp {
  const base = new URL(opts.baseUrl ?? 'https://api.tokenmetrics.com/v2');
  const basePath = base.pathname.replace(/\/+$/, '');
  const logger = opts.logger ?? silentLogger();
  const metrics = opts.metrics ?? createMetrics();
  const maxRetries = opts.maxRetries ?? 3;
  const backoffBase = opts.backoffBaseMs ?? 500;
  const backoffMax = opts.backoffMaxMs ?? 30_000;
  const maxWait = opts.maxRetryWaitMs ?? 60_000;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const sleep =
    opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : {}));
  const pool = new Pool(base.origin, {
    connections: opts.connections ?? 4,
    connectTimeout: opts.connectTimeoutMs ?? 5_000,
    headersTimeout: opts.headersTimeoutMs ?? 10_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 15_000,
    keepAliveTimeout: 30_000,
  });
  const headers = { 'x-api-key': opts.apiKey, accept: 'application/json' };
  let stoppedBy: MarketError | undefined;

  /** Equal jitter: half the exponential step plus a random half, so waits never collapse to zero. */
  const backoff = (attempt: number) => {
    const step = Math.min(backoffMax, backoffBase * 2 ** attempt);
    return Math.round(step / 2 + random() * (step / 2));
  };
  /** API text that may reach logs or errors: one line, bounded, and never the key. */
  const clean = (s: unknown) =>
    (opts.apiKey.length >= 4 ? String(s ?? '').split(opts.apiKey) : [String(s ?? '')])
      .join('[REDACTED]')
      .replace(/\s+/g, ' ')
      .slice(0, 200);

  async function attempt(endpoint: string, path: string, signal?: AbortSignal): Promise<unknown[]> {
    let status: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const res = await pool.request({ method: 'GET', path, headers, ...(signal ? { signal } : {}) });
      status = res.statusCode;
      retryAfter = res.headers['retry-after'];
      text = await res.body.text();
    } catch (err) {
      if (signal?.aborted) throw new MarketError(`${endpoint}: aborted`, 'network', true);
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
        throw new MarketError(`${endpoint}: timed out (${code})`, 'timeout', true);
      }
      throw new MarketError(
        `${endpoint}: network error (${typeof code === 'string' ? code : 'unknown'})`,
        'network',
        true,
      );
    }
    if (status === 401 || status === 403) {
      throw new MarketError(
        status === 401
          ? `${endpoint}: 401, the API key was rejected (check TM_API_KEY)`
          : `${endpoint}: 403, the API key is invalid or the plan does not include this endpoint`,
        'auth',
        false,
      );
    }
    if (status === 429) {
      const ms = parseRetryAfter(retryAfter, now());
      throw new MarketError(`${endpoint}: 429 rate limited`, 'rate_limited', true, ms);
    }
    if (status >= 500) throw new MarketError(`${endpoint}: HTTP ${status}`, 'server', true);
    // 400/404/422: our request is wrong; repeating it cannot help.
    if (status < 200 || status > 299)
      throw new MarketError(`${endpoint}: HTTP ${status}`, 'bad_response', false);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MarketError(`${endpoint}: response is not JSON`, 'bad_response', true);
    }
    const env = Envelope.safeParse(json);
    if (!env.success) throw new MarketError(`${endpoint}: unexpected response shape`, 'bad_response', true);
    if (env.data.success === false) {
      throw new MarketError(`${endpoint}: API error: ${clean(env.data.message)}`, 'bad_response', true);
    }
    if (!env.data.data)
      throw new MarketError(`${endpoint}: response has no data array`, 'bad_response', true);
    return env.data.data;
  }

  async function getRows(
    endpoint: string,
    params: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const path = `${basePath}${endpoint}?${new URLSearchParams(params).toString()}`;
    for (let n = 0; ; n++) {
      if (stoppedBy) throw stoppedBy;
      try {
        const rows = await attempt(endpoint, path, signal);
        metrics.apiCalls.inc({ endpoint, outcome: 'ok' });
        return rows;
      } catch (err) {
        if (!(err instanceof MarketError)) throw err;
        metrics.apiCalls.inc({ endpoint, outcome: err.code });
        if (err.code === 'auth') {
          // Concurrent calls may all see the 401: log it once.
          if (!stoppedBy) {
            logger.error(
              { endpoint, code: err.code },
              `Token Metrics: ${err.message}. Market fetching stopped until restart.`,
            );
          }
          stoppedBy ??= err;
          throw err;
        }
        const retryable =
          err.code === 'rate_limited' ||
          err.code === 'server' ||
          err.code === 'timeout' ||
          err.code === 'network';
        const wait = err.retryAfterMs ?? backoff(n);
        if (!retryable || signal?.aborted || n >= maxRetries || wait > maxWait) throw err;
        logger.warn(
          { endpoint, code: err.code, attempt: n + 1, waitMs: wait },
          'Token Metrics call failed, retrying',
        );
        try {
          await sleep(wait, signal);
        } catch {
          throw new MarketError(`${endpoint}: aborted`, 'network', true);
        }
      }
    }
  }

  return {
    getRows,
    get stoppedBy() {
      return stoppedBy;
    },
    async close() {
      await pool.destroy();
    },
  };
}
