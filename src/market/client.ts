import type { DataKind, MarketSource, TokenDirectory, TokenObservation } from '../domain/market.js';
import { MarketError } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import { silentLogger } from '../obs/logger.js';
import { createMetrics } from '../obs/metrics.js';
import { withCloses } from './closes.js';
import { createTokenDirectory, type TokenDirectoryOptions } from './directory.js';
import { createTmHttp, type TmHttpOptions } from './http.js';
import {
  assemble,
  DATED_KINDS,
  ENDPOINT_OF,
  type InvalidRowSink,
  newestPerToken,
  type ParsedRow,
  parseRows,
} from './parse.js';

/** Options of the Token Metrics source: the HTTP options plus paging and freshness. Times in ms. */
export interface TokenMetricsSourceOptions extends TmHttpOptions {
  /** Token ids per call (comma-separated `token_id`). Default 100, the API maximum. */
  readonly batchSize?: number;
  /** `limit` per page. Default 100. */
  readonly pageLimit?: number;
  /** Pages fetched at most per batch and endpoint (each page is one API credit). Default 5. */
  readonly maxPagesPerBatch?: number;
  /**
   * Rows older than this are stale and ignored (no observation, so no alert on old news):
   * daily signals 7 days, hourly signals 2 days by default.
   */
  readonly maxAgeMs?: Partial<Record<'daily' | 'hourly', number>>;
  /** Directory settings (the lister is built from this client). */
  readonly directory?: Omit<TokenDirectoryOptions, 'lister' | 'onInvalid'>;
}

const DAY = 86_400_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The live market source over the Token Metrics v2 API.
 *
 * Per requested kind: token ids are batched (≤ `batchSize` per call) and each batch is paged (`limit`,
 * `page` from 1) until a page is short, every token of the batch was seen (one-row-per-token endpoints),
 * or `maxPagesPerBatch`. The newest row per token is kept (rows are sorted by DATE/TIMESTAMP, whatever
 * order the API used).
 *
 * Failures: a 401/403 throws `MarketError('auth')` and stops all later fetching until restart. When only
 * some kinds fail, the others are returned and the failure is logged (those kinds are absent: "no news").
 * When every requested kind fails, the first error is thrown.
 */
export function createTokenMetricsSource(
  opts: TokenMetricsSourceOptions,
): MarketSource & TokenDirectory & { close(): Promise<void> } {
  const logger = opts.logger ?? silentLogger();
  const metrics = opts.metrics ?? createMetrics();
  const now = opts.now ?? Date.now;
  const http = createTmHttp({ ...opts, logger, metrics });
  const batchSize = Math.min(100, Math.max(1, opts.batchSize ?? 100));
  const limit = opts.pageLimit ?? 100;
  const maxPages = opts.maxPagesPerBatch ?? 5;
  const maxAge = { daily: opts.maxAgeMs?.daily ?? 7 * DAY, hourly: opts.maxAgeMs?.hourly ?? 2 * DAY };

  const onInvalid: InvalidRowSink = (kind, reason, tokenId) => {
    const endpoint = ENDPOINT_OF[kind];
    metrics.invalidRows.inc({ endpoint });
    logger.warn({ endpoint, tokenId, reason }, 'Token Metrics row dropped by validation');
  };

  const directory = createTokenDirectory({
    ...opts.directory,
    onInvalid: (reason) => {
      metrics.invalidRows.inc({ endpoint: '/tokens' });
      logger.warn({ endpoint: '/tokens', reason }, 'Token Metrics row dropped by validation');
    },
    lister: {
      listPage: (page, pageLimit, signal) =>
        http.getRows('/tokens', { limit: String(pageLimit), page: String(page) }, signal),
      bySymbol: (symbol, signal) => http.getRows('/tokens', { symbol, limit: '100', page: '1' }, signal),
      byId: (tokenId, signal) =>
        http.getRows('/tokens', { token_id: String(tokenId), limit: '100', page: '1' }, signal),
    },
  });

  async function fetchKind<K extends DataKind>(kind: K, ids: readonly TokenId[], signal?: AbortSignal) {
    const rows: ParsedRow<K>[] = [];
    const endpoint = ENDPOINT_OF[kind];
    for (const batch of chunks(ids, batchSize)) {
      const params: Record<string, string> = { token_id: batch.join(','), limit: String(limit) };
      // Without a start date the daily endpoint returns the whole history; a week is plenty for "newest".
      if (kind === 'daily') params.startDate = new Date(now() - 7 * DAY).toISOString().slice(0, 10);
      const seen = new Set<TokenId>();
      for (let page = 1; page <= maxPages; page++) {
        const data = await http.getRows(endpoint, { ...params, page: String(page) }, signal);
        for (const row of parseRows(kind, data, onInvalid)) {
          rows.push(row);
          seen.add(row.tokenId);
        }
        if (data.length < limit) break;
        if (!DATED_KINDS.has(kind) && batch.every((id) => seen.has(id))) break;
      }
    }
    const age = kind === 'daily' ? maxAge.daily : kind === 'hourly' ? maxAge.hourly : undefined;
    const fresh = age === undefined ? rows : rows.filter((r) => r.at === 0 || now() - r.at <= age);
    if (fresh.length < rows.length)
      logger.info({ endpoint, stale: rows.length - fresh.length }, 'stale rows ignored');
    const newest = newestPerToken(fresh, new Set(ids));
    if (kind === 'hourly')
      withCloses(newest as Map<TokenId, ParsedRow<'hourly'>>, fresh as ParsedRow<'hourly'>[]);
    return newest;
  }

  return {
    async fetch(req, signal): Promise<Map<TokenId, TokenObservation>> {
      const ids = [...new Set(req.tokenIds)];
      const kinds = [...new Set(req.kinds)];
      if (ids.length === 0 || kinds.length === 0) return new Map();
      const byKind: Partial<{ [K in DataKind]: Map<TokenId, ParsedRow<K>> }> = {};
      let firstError: MarketError | undefined;
      for (const kind of kinds) {
        try {
          (byKind as Record<DataKind, unknown>)[kind] = await fetchKind(kind, ids, signal);
        } catch (err) {
          if (!(err instanceof MarketError) || err.code === 'auth') throw err;
          firstError ??= err;
          req.onKindError?.(kind, err);
          logger.warn(
            { endpoint: ENDPOINT_OF[kind], code: err.code },
            `Token Metrics: ${err.message}; kind skipped this time`,
          );
        }
      }
      if (firstError && Object.keys(byKind).length === 0) throw firstError;
      return assemble(byKind, (id) => directory.peek(id));
    },
    resolve: (symbol) => directory.resolve(symbol),
    search: (prefix, max) => directory.search(prefix, max),
    byId: (tokenId) => directory.byId(tokenId),
    close: () => http.close(),
  };
}
