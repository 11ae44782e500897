import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import { z } from 'zod';
import { MarketError } from '../domain/market.js';
import type { Logger } from '../obs/logger.js';
import { silentLogger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import { createMetrics } from '../obs/metrics.js';

/** The metrics the market code touches (a full `createMetrics()` fits). */
export type MarketMetrics = Pick<Metrics, 'apiCalls' | 'invalidRows' | 'tm'>;

/** A failed Token Metrics call: the HTTP status and the API's request id when the response had them. */
export class TmError extends MarketError {
  constructor(
    message: string,
    code: MarketError['code'],
    retryable: boolean,
    readonly endpoint: string,
    readonly status?: number,
    readonly requestId?: string,
    retryAfterMs?: number,
  ) {
    super(message, code, retryable, retryAfterMs);
  }
}

/** Options of the Token Metrics HTTP layer. All times in milliseconds. */
export interface TmHttpOptions {
  /** Sent as `x-api-key`; a function is asked before every request (the key can rotate). Never logged. */
  readonly apiKey: string | (() => string);
  /**
   * Re-reads the key (TM_API_KEY_FILE) after a 401/403; true when it changed. The call is then repeated
   * once with the new key before anything is disabled. Default: none.
   */
  readonly reloadKey?: () => boolean | Promise<boolean>;
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
  /**
   * Asked before every request (first attempts and retries); throwing stops the call without sending it.
   * The credit meter's budget guard.
   */
  readonly beforeRequest?: (endpoint: string) => void;
  /**
   * Told about every request that reached the API (any answer, or a timeout after it was sent): one
   * credit each. Awaited, so the ledger is written before the result is used.
   */
  readonly onRequest?: (endpoint: string) => void | Promise<void>;
}

/** Per-call options: a shared retry budget (one fetch shares it across its pages and endpoints). */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Retries left for the whole fetch; decremented here. Absent: only `maxRetries` per call applies. */
  readonly retries?: { left: number };
}

/** GET one endpoint and return the envelope's `data` rows. */
export interface TmHttp {
  getRows(endpoint: string, params: Readonly<Record<string, string>>, call?: CallOptions): Promise<unknown[]>;
  close(): Promise<void>;
}

const Envelope = z.object({
  success: z.boolean().optional(),
  message: z.unknown().optional(),
  data: z.array(z.unknown()).optional(),
});

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Headers that carry a request id on the API's gateway (AWS API Gateway, generic proxies). */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-amz-apigw-id', 'request-id', 'cf-ray'];
/** API messages that mean "nothing for this query" rather than a failure. */
const NO_DATA = /no data|not found/i;

/** Retry-After is delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s !== undefined && /^[\w.:=/+-]{1,128}$/.test(s) ? s : undefined;
}

/**
 * The Token Metrics HTTP layer: one keep-alive undici `Pool` for the API origin, explicit timeouts, and a
 * small bounded retry loop.
 *
 * Why not undici's RetryAgent / retry interceptor: its waits use real timers (tests could not inject a
 * clock), it hides the final status behind a generic RequestRetryError, and we must count every attempt
 * as a credit and check the budget before each one. We also need decisions it can't make: re-read the key
 * once on 401/403, give up (retryable) instead of sleeping on a long Retry-After, and treat a 200 with
 * `success:false` or a non-JSON body as errors.
 */
export function createTmHttp(opts: TmHttpOptions): TmHttp {
  const base = new URL(opts.baseUrl ?? 'https://api.tokenmetrics.com/v2');
  const basePath = base.pathname.replace(/\/+$/, '');
  const logger = opts.logger ?? silentLogger();
  const metrics = opts.metrics ?? createMetrics();
  const tm = metrics.tm;
  const maxRetries = opts.maxRetries ?? 3;
  const backoffBase = opts.backoffBaseMs ?? 500;
  const backoffMax = opts.backoffMaxMs ?? 30_000;
  const maxWait = opts.maxRetryWaitMs ?? 60_000;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const key = typeof opts.apiKey === 'function' ? opts.apiKey : () => opts.apiKey as string;
  const sleep =
    opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : {}));
  const pool = new Pool(base.origin, {
    connections: opts.connections ?? 4,
    connectTimeout: opts.connectTimeoutMs ?? 5_000,
    headersTimeout: opts.headersTimeoutMs ?? 10_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 15_000,
    keepAliveTimeout: 30_000,
  });

  /** Equal jitter: half the exponential step plus a random half, so waits never collapse to zero. */
  const backoff = (attempt: number) => {
    const step = Math.min(backoffMax, backoffBase * 2 ** attempt);
    return Math.round(step / 2 + random() * (step / 2));
  };
  /** API text that may reach logs or errors: one line, bounded, and never the key. */
  const clean = (s: unknown) => {
    const k = key();
    return (k.length >= 4 ? String(s ?? '').split(k) : [String(s ?? '')])
      .join('[REDACTED]')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
  };

  async function attempt(endpoint: string, path: string, signal?: AbortSignal): Promise<unknown[]> {
    let status: number;
    let text: string;
    let headers: Record<string, string | string[] | undefined>;
    opts.beforeRequest?.(endpoint);
    const started = performance.now();
    const fail = (msg: string, code: MarketError['code'], retryable: boolean, extra: { ms?: number } = {}) =>
      new TmError(msg, code, retryable, endpoint, status, requestId(), extra.ms);
    const requestId = () => {
      for (const h of REQUEST_ID_HEADERS) {
        const v = headerValue(headers?.[h]);
        if (v) return v;
      }
      return undefined;
    };
    try {
      const res = await pool.request({
        method: 'GET',
        path,
        headers: { 'x-api-key': key(), accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const sent = typeof code === 'string' && TIMEOUT_CODES.has(code);
      // A timeout after the request was written costs a credit; a refused connection never reached the API.
      if (sent) await opts.onRequest?.(endpoint);
      if (signal?.aborted) throw new TmError(`${endpoint}: aborted`, 'network', true, endpoint);
      if (sent) throw new TmError(`${endpoint}: timed out (${code})`, 'timeout', true, endpoint);
      const what = typeof code === 'string' ? code : 'unknown';
      throw new TmError(`${endpoint}: network error (${what})`, 'network', true, endpoint);
    }
    tm.latency.observe({ endpoint }, (performance.now() - started) / 1000);
    await opts.onRequest?.(endpoint);
    if (status === 401 || status === 403) {
      throw fail(
        status === 401
          ? `${endpoint}: 401, the API key was rejected or the plan does not include this endpoint`
          : `${endpoint}: 403, the API key is invalid or the plan does not include this endpoint`,
        'auth',
        false,
      );
    }
    if (status === 429) {
      const ms = parseRetryAfter(headers['retry-after'], now());
      throw fail(`${endpoint}: 429 rate limited`, 'rate_limited', true, ms !== undefined ? { ms } : {});
    }
    if (status >= 500) throw fail(`${endpoint}: HTTP ${status}`, 'server', true);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (status < 200 || status > 299) throw fail(`${endpoint}: HTTP ${status}`, 'no_data', true);
      throw fail(`${endpoint}: response is not JSON`, 'bad_response', true);
    }
    const env = Envelope.safeParse(json);
    const message = env.success ? clean(env.data.message) : '';
    // 400/404/422: no answer for this query now (unknown id, no data yet, a window the API refuses).
    // Repeating it at once cannot help; the caller backs it off.
    if (status < 200 || status > 299) {
      throw fail(`${endpoint}: HTTP ${status}${message ? `: ${message}` : ''}`, 'no_data', true);
    }
    if (!env.success) throw fail(`${endpoint}: unexpected response shape`, 'bad_response', true);
    if (env.data.success === false) {
      if (NO_DATA.test(message)) throw fail(`${endpoint}: ${message}`, 'no_data', true);
      throw fail(`${endpoint}: API error: ${message}`, 'bad_response', true);
    }
    if (!env.data.data) throw fail(`${endpoint}: response has no data array`, 'bad_response', true);
    return env.data.data;
  }

  const RETRYABLE = new Set<MarketError['code']>(['rate_limited', 'server', 'timeout', 'network']);

  async function getRows(
    endpoint: string,
    params: Readonly<Record<string, string>>,
    call: CallOptions = {},
  ): Promise<unknown[]> {
    const path = `${basePath}${endpoint}?${new URLSearchParams(params).toString()}`;
    const { signal, retries } = call;
    let keyRetried = false;
    for (let n = 0; ; n++) {
      try {
        const rows = await attempt(endpoint, path, signal);
        metrics.apiCalls.inc({ endpoint, outcome: 'ok' });
        return rows;
      } catch (err) {
        if (!(err instanceof MarketError)) throw err;
        metrics.apiCalls.inc({ endpoint, outcome: err.code });
        const requestId = err instanceof TmError ? err.requestId : undefined;
        // Secret managers rotate files in place: re-read the key once before calling it refused.
        if (err.code === 'auth' && !keyRetried && opts.reloadKey) {
          keyRetried = true;
          if (await opts.reloadKey()) {
            logger.info({ endpoint }, 'Token Metrics: key re-read after a refusal; trying once more');
            continue;
          }
        }
        const wait = err.retryAfterMs ?? backoff(n);
        const budgetLeft = retries === undefined || retries.left > 0;
        if (!RETRYABLE.has(err.code) || signal?.aborted || n >= maxRetries || wait > maxWait || !budgetLeft) {
          if (err.code !== 'auth' && err.code !== 'budget') {
            logger.warn({ endpoint, code: err.code, requestId }, `Token Metrics: ${err.message}`);
          }
          throw err;
        }
        if (retries) retries.left--;
        logger.warn(
          { endpoint, code: err.code, attempt: n + 1, waitMs: wait, requestId },
          'Token Metrics call failed, retrying',
        );
        try {
          await sleep(wait, signal);
        } catch {
          throw new TmError(`${endpoint}: aborted`, 'network', true, endpoint);
        }
      }
    }
  }

  return {
    getRows,
    async close() {
      await pool.destroy();
    },
  };
}
