import type { DataKind, MarketSource, TokenDirectory, TokenObservation } from '../domain/market.js';
import { MarketError } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import { silentLogger } from '../obs/logger.js';
import { createMetrics } from '../obs/metrics.js';
import type { CreditLedger, MarketStateStore } from '../store/ports.js';
import { withCloses } from './closes.js';
import { createTokenDirectory, type TokenDirectoryOptions } from './directory.js';
import { createEndpointHealth, type DownEndpoint } from './health.js';
import { createTmHttp, TmError, type TmHttpOptions } from './http.js';
import { createMarketMemory, DEFAULT_RETRY_AFTER_MS } from './memory.js';
import { createCreditMeter, memoryLedger } from './meter.js';
import {
  assemble,
  ENDPOINT_OF,
  type InvalidRowSink,
  newestPerToken,
  type ParsedRow,
  parseRows,
} from './parse.js';
import { ESSENTIAL_KINDS } from './planner.js';
import type { MarketStatus } from './status.js';
import { planBatches } from './window.js';

/** Options of the Token Metrics source: the HTTP options plus paging, budget and freshness. Times in ms. */
export interface TokenMetricsSourceOptions
  extends Omit<TmHttpOptions, 'apiKey' | 'reloadKey' | 'beforeRequest' | 'onRequest'> {
  /** Sent as `x-api-key`. Never logged. */
  readonly apiKey: string;
  /**
   * Reads the key again from where it came from (TM_API_KEY_FILE); undefined when there is nothing to
   * re-read. Used once after a 401/403, before an endpoint is called refused, and by `reloadKey()`.
   */
  readonly readKey?: () => string | undefined;
  /** Where credits and learned state live (the app's store); default: this process's memory only. */
  readonly store?: { readonly credits: CreditLedger; readonly marketState: MarketStateStore };
  /** Monthly credit budget (TM_MONTHLY_CALLS): never exceeded. Default 10000. */
  readonly monthlyCalls?: number;
  /** Share of the budget kept for what alerts need most. Default 0.05. */
  readonly reserve?: number;
  /** Time between probes of a refused endpoint. Default 6 h. */
  readonly reprobeMs?: number;
  /** Retries (5xx, timeouts, short 429s) one fetch may spend across all its calls. Default 6. */
  readonly retryBudget?: number;
  /** Token ids per call at most (comma-separated `token_id`). Default 100, the API maximum. */
  readonly batchSize?: number;
  /** `limit` per page. Default 100. */
  readonly pageLimit?: number;
  /**
   * Rows older than this are stale and ignored (no observation, so no alert on old news):
   * daily signals 7 days, hourly signals 2 days by default.
   */
  readonly maxAgeMs?: Partial<Record<'daily' | 'hourly', number>>;
  /** Directory settings (the lister is built from this client). */
  readonly directory?: Omit<TokenDirectoryOptions, 'lister' | 'onInvalid'>;
}

/** What the app asks the live client besides data: health, credits and measured costs. */
export interface TokenMetricsSource extends MarketSource, TokenDirectory, MarketStatus {
  /** Endpoints refused with this key and plan (`unavailableKinds()` names the kinds they carry). */
  health(): { down: DownEndpoint[] };
  /** Credits this month (as last synced with the ledger). */
  credits(): { used: number; budget: number; reserve: number; inReserve: boolean };
  /** Measured calls one refresh of each kind costs for `watched` tokens (kinds not measured yet: absent). */
  costs(watched: number): Partial<Record<DataKind, number>>;
  /** Directory calls per day, measured. */
  extraPerDay(): number;
  /** SIGHUP: re-read the key; every refused endpoint is probed again on its next use. True when it changed. */
  reloadKey(): boolean;
  close(): Promise<void>;
}

const DAY = 86_400_000;
const KIND_OF = new Map<string, DataKind>(
  (Object.entries(ENDPOINT_OF) as Array<[DataKind, string]>).map(([k, e]) => [e, k]),
);

/**
 * The live market source over the Token Metrics v2 API. Per kind: endpoints refused by the plan are
 * skipped (health), a 429's Retry-After is honoured across ticks and restarts, tokens without data back
 * off exponentially, and ids are batched so one page holds their rows (see window.ts). Every request is
 * counted in the credit ledger and none is sent once the month's budget is spent.
 *
 * A kind that fails or is skipped is reported through `onKindError` and left out; the others are
 * returned. Only when every kind failed with a real error is the first one thrown.
 */
export function createTokenMetricsSource(opts: TokenMetricsSourceOptions): TokenMetricsSource {
  const logger = opts.logger ?? silentLogger();
  const metrics = opts.metrics ?? createMetrics();
  const tm = metrics.tm;
  const now = opts.now ?? Date.now;
  const limit = opts.pageLimit ?? 100;
  const maxBatch = Math.min(100, Math.max(1, opts.batchSize ?? 100));
  const maxAge = { daily: opts.maxAgeMs?.daily ?? 7 * DAY, hourly: opts.maxAgeMs?.hourly ?? 2 * DAY };
  let apiKey = opts.apiKey;
  const health = createEndpointHealth({
    logger,
    metrics: tm,
    ...(opts.reprobeMs !== undefined ? { reprobeMs: opts.reprobeMs } : {}),
  });
  const meter = createCreditMeter({
    ledger: opts.store?.credits ?? memoryLedger(),
    budget: opts.monthlyCalls ?? 10_000,
    ...(opts.reserve !== undefined ? { reserveShare: opts.reserve } : {}),
    now,
    logger,
    metrics: tm,
  });
  const mem = createMarketMemory(opts.store?.marketState, logger);
  const lastDay = new Map<TokenId, number>();
  let kindCalls = 0;
  const directoryCalls = { n: 0, since: 0 };

  const reload = (): boolean => {
    const fresh = opts.readKey?.();
    if (fresh === undefined || fresh === apiKey) return false;
    apiKey = fresh;
    health.reprobeAll();
    logger.info('Token Metrics API key reloaded');
    return true;
  };

  const http = createTmHttp({
    ...opts,
    apiKey: () => apiKey,
    reloadKey: reload,
    logger,
    metrics,
    beforeRequest: (endpoint) => meter.guard(endpoint),
    onRequest: async (endpoint) => {
      kindCalls++;
      if (endpoint === '/tokens') {
        if (directoryCalls.n === 0) directoryCalls.since = now();
        directoryCalls.n++;
      }
      await meter.record(endpoint);
    },
  });

  const invalid = (endpoint: string, reason: string, tokenId?: TokenId) => {
    metrics.invalidRows.inc({ endpoint });
    logger.warn({ endpoint, tokenId, reason }, 'Token Metrics row dropped by validation');
  };
  const onInvalid: InvalidRowSink = (kind, reason, tokenId) => invalid(ENDPOINT_OF[kind], reason, tokenId);

  const directory = createTokenDirectory({
    ...opts.directory,
    ...(opts.now ? { now: opts.now } : {}),
    onInvalid: (reason) => invalid('/tokens', reason),
    lister: {
      listPage: (page, pageLimit, signal) =>
        http.getRows('/tokens', { limit: String(pageLimit), page: String(page) }, signal ? { signal } : {}),
      bySymbol: (symbol, signal) =>
        http.getRows('/tokens', { symbol, limit: '100', page: '1' }, signal ? { signal } : {}),
      byId: (tokenId, signal) =>
        http.getRows(
          '/tokens',
          { token_id: String(tokenId), limit: '100', page: '1' },
          signal ? { signal } : {},
        ),
    },
  });

  type Call = { signal?: AbortSignal; retries: { left: number } };

  /** One call for `ids`; "no data" answers back the ids off. Returns the rows for `ids` and whether the page was full. */
  async function ask<K extends DataKind>(
    kind: K,
    ids: readonly TokenId[],
    startDate: string | undefined,
    call: Call,
  ) {
    const endpoint = ENDPOINT_OF[kind];
    const params: Record<string, string> = { token_id: ids.join(','), limit: String(limit), page: '1' };
    if (startDate) params.startDate = startDate;
    let data: unknown[];
    try {
      data = await http.getRows(endpoint, params, call);
    } catch (err) {
      if (err instanceof MarketError && err.code === 'no_data') {
        health.ok(endpoint);
        return { rows: [] as ParsedRow<K>[], invalid: new Set<TokenId>(), full: false, noData: true };
      }
      throw err;
    }
    health.ok(endpoint);
    const want = new Set(ids);
    // Tokens whose row came but failed validation: the API has their data (a bad row this time), so they
    // are neither asked again nor backed off as "no data".
    const invalid = new Set<TokenId>();
    const rows = parseRows(kind, data, (k, reason, id) => {
      if (id !== undefined) invalid.add(id);
      onInvalid(k, reason, id);
    }).filter((r) => want.has(r.tokenId));
    return { rows, invalid, full: data.length >= limit, noData: false };
  }

  /** Rows for `batch`, never silently short: cut pages and ignored ids are asked again (docs/operating.md, Token Metrics). */
  async function fetchBatch<K extends DataKind>(
    kind: K,
    batch: readonly TokenId[],
    startDate: string | undefined,
    call: Call,
  ): Promise<ParsedRow<K>[]> {
    const endpoint = ENDPOINT_OF[kind];
    const got = await ask(kind, batch, startDate, call);
    const seen = new Set([...got.rows.map((r) => r.tokenId), ...got.invalid]);
    const counts = new Map<TokenId, number>();
    for (const r of got.rows) counts.set(r.tokenId, (counts.get(r.tokenId) ?? 0) + 1);
    if (!startDate && counts.size > 0 && !got.full) mem.learnRows(endpoint, Math.max(...counts.values()));
    if (seen.size >= 2) mem.learnBatching(endpoint, 'batch');
    const missing = batch.filter((id) => !seen.has(id));
    const rows = [...got.rows];
    if (missing.length === 0) return rows;
    if (got.full && seen.size > 0) {
      // The page may have cut rows: ask for the tokens it did not reach.
      rows.push(...(await fetchBatch(kind, missing, startDate, call)));
      return rows;
    }
    if (batch.length > 1 && seen.size <= 1 && mem.batching(endpoint) !== 'batch') {
      // Fewer tokens answered than asked: does the endpoint ignore all but the first id? Probe one alone.
      const [probe, ...rest] = missing as [TokenId, ...TokenId[]];
      const one = await ask(kind, [probe], startDate, call);
      if (one.rows.length > 0 || one.invalid.size > 0) {
        mem.learnBatching(endpoint, 'single');
        rows.push(...one.rows);
        for (const id of rest) rows.push(...(await fetchBatch(kind, [id], startDate, call)));
        return rows;
      }
    }
    // Asked properly and still nothing: these tokens have no data here now.
    for (const id of missing) mem.noData(endpoint, id, now());
    return rows;
  }

  async function fetchKind<K extends DataKind>(kind: K, ids: readonly TokenId[], call: Call) {
    const endpoint = ENDPOINT_OF[kind];
    const t = now();
    const eligible = ids.filter((id) => !mem.backedOff(endpoint, id, t));
    const single = mem.batching(endpoint) === 'single';
    const rowsPer = mem.rowsPerToken(endpoint) ?? (kind === 'hourly' ? 2 : 1);
    const batches = planBatches(kind, eligible, {
      now: t,
      limit,
      maxBatch: single ? 1 : maxBatch,
      rowsPerToken: rowsPer,
      lastDay,
      maxAgeMs: maxAge.daily,
    });
    kindCalls = 0;
    const rows: ParsedRow<K>[] = [];
    try {
      for (const b of batches) rows.push(...(await fetchBatch(kind, b.ids, b.startDate, call)));
    } catch (err) {
      if (err instanceof TmError && err.code === 'auth') health.refused(endpoint, err.status ?? 401, now());
      if (err instanceof MarketError && err.code === 'rate_limited') {
        mem.rateLimited(endpoint, now() + (err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
      }
      throw err;
    }
    if (ids.length > 0 && kindCalls > 0) mem.learnCost(kind, kindCalls / ids.length);
    const age = kind === 'daily' ? maxAge.daily : kind === 'hourly' ? maxAge.hourly : undefined;
    const fresh = age === undefined ? rows : rows.filter((r) => r.at === 0 || t - r.at <= age);
    if (fresh.length < rows.length)
      logger.debug({ endpoint, stale: rows.length - fresh.length }, 'stale rows ignored');
    const newest = newestPerToken(fresh, new Set(ids));
    if (kind === 'hourly')
      withCloses(newest as Map<TokenId, ParsedRow<'hourly'>>, fresh as ParsedRow<'hourly'>[]);
    for (const [id, r] of newest) {
      mem.gotData(endpoint, id);
      if (kind === 'daily' && r.at > 0) lastDay.set(id, Math.floor(r.at / DAY) * DAY);
    }
    return newest;
  }

  const kindsDown = () =>
    health
      .down()
      .map((d) => KIND_OF.get(d.endpoint))
      .filter((k): k is DataKind => k !== undefined);

  /** Why a kind is not asked now (no request is made), or undefined when it may be. */
  function skipReason(kind: DataKind): MarketError | undefined {
    const endpoint = ENDPOINT_OF[kind];
    const t = now();
    if (!health.allowed(endpoint, t)) {
      return new TmError(`${endpoint}: not available on this API plan`, 'auth', false, endpoint);
    }
    const until = mem.retryAt(endpoint);
    if (t < until) {
      return new TmError(
        `${endpoint}: rate limited`,
        'rate_limited',
        true,
        endpoint,
        429,
        undefined,
        until - t,
      );
    }
    if (meter.used() >= meter.budget) {
      return new TmError(`${endpoint}: monthly API credit budget spent`, 'budget', true, endpoint);
    }
    if (meter.inReserve() && !ESSENTIAL_KINDS.has(kind)) {
      return new TmError(
        `${endpoint}: credits in reserve; kept for prices and signals`,
        'budget',
        true,
        endpoint,
      );
    }
    return undefined;
  }

  return {
    async fetch(req, signal): Promise<Map<TokenId, TokenObservation>> {
      const ids = [...new Set(req.tokenIds)];
      const kinds = [...new Set(req.kinds)];
      if (ids.length === 0 || kinds.length === 0) return new Map();
      await meter.sync();
      await mem.load();
      const call: Call = { retries: { left: opts.retryBudget ?? 6 }, ...(signal ? { signal } : {}) };
      const byKind: Partial<{ [K in DataKind]: Map<TokenId, ParsedRow<K>> }> = {};
      let firstError: MarketError | undefined;
      try {
        for (const kind of kinds) {
          const skip = skipReason(kind);
          if (skip) {
            req.onKindError?.(kind, skip);
            logger.debug({ endpoint: ENDPOINT_OF[kind], code: skip.code }, `Token Metrics: ${skip.message}`);
            continue;
          }
          try {
            (byKind as Record<DataKind, unknown>)[kind] = await fetchKind(kind, ids, call);
          } catch (err) {
            if (!(err instanceof MarketError)) throw err;
            if (err.code !== 'budget') firstError ??= err;
            req.onKindError?.(kind, err);
          }
        }
      } finally {
        await mem.save();
      }
      if (firstError && Object.keys(byKind).length === 0) throw firstError;
      return assemble(byKind, (id) => directory.peek(id));
    },
    resolve: (symbol) => directory.resolve(symbol),
    search: (prefix, max) => directory.search(prefix, max),
    byId: (tokenId) => directory.byId(tokenId),
    demo: false,
    unavailableKinds: () => kindsDown(),
    unavailableEndpoints: () => health.down().map((d) => d.endpoint),
    health: () => ({ down: health.down() }),
    credits: () => ({
      used: meter.used(),
      budget: meter.budget,
      reserve: meter.reserve,
      inReserve: meter.inReserve(),
    }),
    costs(watched) {
      const out: Partial<Record<DataKind, number>> = {};
      for (const kind of KIND_OF.values()) {
        const per = mem.callsPerToken(kind);
        if (per !== undefined) out[kind] = per * watched;
      }
      return out;
    },
    extraPerDay: () =>
      directoryCalls.n === 0
        ? 0
        : directoryCalls.n / Math.max(1, Math.ceil((now() - directoryCalls.since) / DAY)),
    reloadKey: reload,
    exchangesOf: (tokenId) => directory.exchangesOf(tokenId),
    close: () => http.close(),
  };
}
