import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataKind } from '#src/domain/market.js';
import {
  DEFAULT_SCENARIO,
  defaultAnchor,
  ENDPOINT_OF,
  renderStep,
  type Scenario,
} from '#src/market/index.js';

/** One request the fake received. */
export interface FakeCall {
  /** `/price`, `/tokens`, ... (without the `/v2` prefix). */
  readonly endpoint: string;
  readonly query: Readonly<Record<string, string>>;
  /** Whether the request carried the right `x-api-key`. */
  readonly authorized: boolean;
  /** Status answered; 0 when the fake hung. */
  readonly status: number;
}

export interface FakeTokenMetricsOptions {
  readonly apiKey: string;
  readonly scenario?: Scenario;
  /** Dates are rendered relative to this (hour-aligned) epoch ms. Default: the current hour. */
  readonly anchorMs?: number;
  readonly step?: number;
  /** Field names as the API may send them: UPPERCASE (v2, default) or lowercase snake_case (current guides). */
  readonly casing?: 'upper' | 'lower';
  /** Set: dates follow this clock (the anchor is its current hour at each request), for simulated months. */
  readonly now?: () => number;
  /** Rows per token on `/hourly-trading-signals` (history, newest first). Default 2. */
  readonly hourlyHistory?: number;
}

type Failure =
  | { kind: 'status'; status: number; retryAfterSec?: number; body?: string }
  | { kind: 'garbage' }
  | { kind: 'success_false'; message: string }
  | { kind: 'hang' };

export interface FakeTokenMetrics {
  /** API root to configure as TM_API_BASE_URL, e.g. `http://127.0.0.1:41234/v2`. */
  readonly url: string;
  readonly step: number;
  readonly anchorMs: number;
  setStep(n: number): void;
  /** The next `times` (default 1) requests answer `status` (with Retry-After / body when given). */
  failNext(status: number, opts?: { retryAfterSec?: number; body?: string; times?: number }): void;
  /** The next requests answer 200 with a body that is not JSON. */
  garbageNext(times?: number): void;
  /** The next requests answer 200 `{success:false, message}`. */
  successFalseNext(message?: string, times?: number): void;
  /** The next requests never answer (for timeout tests). */
  hangNext(times?: number): void;
  /** This plan does not include `endpoint`: every request to it answers `status` (default 403). */
  refuse(endpoint: string, status?: number): void;
  /** The plan now includes `endpoint` again. */
  allow(endpoint: string): void;
  /** `endpoint` answers 404 `{"success":false,"message":"Data not found"}` for these ids (all when omitted). */
  noData(endpoint: string, ids?: readonly number[]): void;
  /** `endpoint` ignores every id of a comma list but the first. */
  firstIdOnly(endpoint: string): void;
  /** Key rotation: only `key` is accepted from now on. */
  setApiKey(key: string): void;
  /** Every request so far, in order. */
  readonly calls: FakeCall[];
  close(): Promise<void>;
}

const KIND_OF = new Map<string, DataKind>(
  (Object.entries(ENDPOINT_OF) as Array<[DataKind, string]>).map(([k, path]) => [path, k]),
);

/** `TOKEN_ID` → `token_id` (and nested level items stay as they are: they are lowercase already). */
function lowerRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/**
 * A loopback stand-in for the Token Metrics v2 API, serving a scenario step with the real envelope.
 * Supports `token_id` and `symbol` comma lists, `limit` (default 50, max 100) and `page` (from 1; 0 is
 * read as 1). Rows without a numeric TOKEN_ID (the scenario's bad rows) are served to every token query.
 */
export async function startFakeTokenMetrics(opts: FakeTokenMetricsOptions): Promise<FakeTokenMetrics> {
  const scenario = opts.scenario ?? DEFAULT_SCENARIO;
  const anchorMs = defaultAnchor(opts.anchorMs ?? Date.now());
  let step = opts.step ?? 0;
  const failures: Failure[] = [];
  const calls: FakeCall[] = [];
  const refused = new Map<string, number>();
  const noData = new Map<string, Set<number> | 'all'>();
  const firstOnly = new Set<string>();
  let apiKey = opts.apiKey;
  let rendered: { key: string; rows: ReturnType<typeof renderStep> } | undefined;

  function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? '/', 'http://fake');
    const endpoint = u.pathname.replace(/^\/v2/, '');
    const query = Object.fromEntries(u.searchParams);
    const authorized = req.headers['x-api-key'] === apiKey;
    const record = (status: number) => calls.push({ endpoint, query, authorized, status });

    const failure = failures.shift();
    if (failure) {
      if (failure.kind === 'hang') return record(0);
      if (failure.kind === 'garbage') {
        record(200);
        return send(res, 200, '<html>502 Bad Gateway</html>', { 'content-type': 'text/html' });
      }
      if (failure.kind === 'success_false') {
        record(200);
        return send(res, 200, JSON.stringify({ success: false, message: failure.message }));
      }
      record(failure.status);
      const headers: Record<string, string> =
        failure.retryAfterSec !== undefined ? { 'retry-after': String(failure.retryAfterSec) } : {};
      return send(
        res,
        failure.status,
        failure.body ?? JSON.stringify({ success: false, message: `HTTP ${failure.status}` }),
        headers,
      );
    }
    if (!authorized) {
      record(401);
      return send(res, 401, JSON.stringify({ success: false, message: 'Invalid API key' }));
    }
    const refusal = refused.get(endpoint);
    if (refusal !== undefined) {
      record(refusal);
      return send(
        res,
        refusal,
        JSON.stringify({ success: false, message: 'Not authorized with your current plan' }),
      );
    }
    const anchor = opts.now ? defaultAnchor(opts.now()) : anchorMs;
    // Rendering every token is the fake's main cost in long simulations: once per step and hour.
    const cacheKey = `${step}:${anchor}`;
    if (rendered?.key !== cacheKey) {
      rendered = { key: cacheKey, rows: renderStep(scenario, step, anchor, opts.hourlyHistory) };
    }
    const rows = rendered.rows;
    const kind = endpoint === '/tokens' ? 'tokens' : KIND_OF.get(endpoint);
    if (!u.pathname.startsWith('/v2/') || kind === undefined) {
      record(404);
      return send(res, 404, JSON.stringify({ success: false, message: 'Not found' }));
    }
    let data: Array<Record<string, unknown>> = rows[kind];
    let ids = query.token_id?.split(',').map(Number);
    if (ids && firstOnly.has(endpoint)) ids = ids.slice(0, 1);
    const missing = noData.get(endpoint);
    if (missing && (missing === 'all' || (ids?.every((id) => missing.has(id)) ?? false))) {
      record(404);
      return send(res, 404, JSON.stringify({ success: false, message: 'Data not found' }));
    }
    if (missing instanceof Set) data = data.filter((r) => !missing.has(Number(r.TOKEN_ID)));
    if (query.startDate && (kind === 'daily' || kind === 'hourly')) {
      const from = Date.parse(query.startDate);
      data = data.filter((r) => Date.parse(String(r.DATE ?? r.TIMESTAMP)) >= from);
    }
    if (ids) data = data.filter((r) => typeof r.TOKEN_ID !== 'number' || ids.includes(r.TOKEN_ID));
    const symbols = query.symbol?.toUpperCase().split(',');
    if (symbols)
      data = data.filter((r) => symbols.includes(String(r.TOKEN_SYMBOL ?? r.SYMBOL).toUpperCase()));
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? 50) || 50));
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const slice = data.slice((page - 1) * limit, page * limit);
    record(200);
    send(
      res,
      200,
      JSON.stringify({
        success: true,
        message: 'Data fetched successfully',
        length: slice.length,
        data: opts.casing === 'lower' ? slice.map(lowerRow) : slice,
      }),
    );
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const repeat = (f: Failure, times = 1) => {
    for (let i = 0; i < times; i++) failures.push(f);
  };

  return {
    url: `http://127.0.0.1:${port}/v2`,
    get step() {
      return step;
    },
    anchorMs,
    setStep(n) {
      step = Math.max(0, Math.min(n, scenario.steps - 1));
    },
    failNext(status, o = {}) {
      const f: Failure = { kind: 'status', status };
      if (o.retryAfterSec !== undefined) f.retryAfterSec = o.retryAfterSec;
      if (o.body !== undefined) f.body = o.body;
      repeat(f, o.times);
    },
    refuse(endpoint, status = 403) {
      refused.set(endpoint, status);
    },
    allow(endpoint) {
      refused.delete(endpoint);
    },
    noData(endpoint, ids) {
      noData.set(endpoint, ids ? new Set(ids) : 'all');
    },
    firstIdOnly(endpoint) {
      firstOnly.add(endpoint);
    },
    setApiKey(key) {
      apiKey = key;
    },
    garbageNext: (times) => repeat({ kind: 'garbage' }, times),
    successFalseNext: (message = 'Something went wrong', times) =>
      repeat({ kind: 'success_false', message }, times),
    hangNext: (times) => repeat({ kind: 'hang' }, times),
    calls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
