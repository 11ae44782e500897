import type { DataKind } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { Logger } from '../obs/logger.js';
import type { MarketStateStore } from '../store/ports.js';

/** Whether an endpoint answers for every id of a comma list ('batch') or only the first ('single'). */
export type Batching = 'batch' | 'single';

interface Doc {
  /** Epoch ms before which an endpoint is not asked (429 Retry-After). */
  retryAt: Record<string, number>;
  /** `<endpoint>#<tokenId>` → no-data backoff: asked again at `until`; `n` misses in a row. */
  noData: Record<string, { until: number; n: number }>;
  batching: Record<string, Batching>;
  /** Rows per token the endpoint sent last time (history endpoints send several). */
  rowsPerToken: Record<string, number>;
  /** Calls per token one refresh of each kind cost (moving average): what the planner plans with. */
  callsPerToken: Partial<Record<DataKind, number>>;
}

const KEY = 'tm-client';
/** First no-data backoff step; doubles per miss up to a day. */
export const NO_DATA_BASE_MS = 15 * 60_000;
export const NO_DATA_MAX_MS = 86_400_000;
/** A 429 without Retry-After: wait a minute (per-minute limits). */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

const empty = (): Doc => ({ retryAt: {}, noData: {}, batching: {}, rowsPerToken: {}, callsPerToken: {} });

function valid(v: unknown): Doc | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const d = v as Partial<Doc>;
  const obj = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (![d.retryAt, d.noData, d.batching, d.rowsPerToken, d.callsPerToken].every(obj)) return undefined;
  return d as Doc;
}

/**
 * What the client learned and must not forget across ticks, restarts and replicas: rate-limit deadlines,
 * per-token no-data backoffs, how each endpoint batches and pages, and what a refresh costs. Loaded from
 * the store at the start of each fetch, saved at its end when something changed (last writer wins: all of
 * it is advisory and re-learned cheaply).
 */
export function createMarketMemory(store: MarketStateStore | undefined, logger: Logger) {
  let doc = empty();
  let dirty = false;
  const touch = () => {
    dirty = true;
  };
  const nd = (endpoint: string, id: TokenId) => `${endpoint}#${id}`;

  return {
    async load(): Promise<void> {
      if (!store) return;
      try {
        doc = valid(await store.get(KEY)) ?? doc;
      } catch (err) {
        logger.warn({ err }, 'market state read failed; using what this process knows');
      }
    },
    async save(): Promise<void> {
      if (!store || !dirty) return;
      dirty = false;
      try {
        await store.put(KEY, doc);
      } catch (err) {
        dirty = true;
        logger.warn({ err }, 'market state write failed');
      }
    },
    retryAt: (endpoint: string) => doc.retryAt[endpoint] ?? 0,
    rateLimited(endpoint: string, until: number) {
      doc.retryAt[endpoint] = Math.max(doc.retryAt[endpoint] ?? 0, until);
      touch();
    },
    backedOff: (endpoint: string, id: TokenId, now: number) =>
      now < (doc.noData[nd(endpoint, id)]?.until ?? 0),
    /** One more "no data" for the token: the next ask waits 15 min × 2^(misses−1), at most a day. */
    noData(endpoint: string, id: TokenId, now: number) {
      const n = (doc.noData[nd(endpoint, id)]?.n ?? 0) + 1;
      doc.noData[nd(endpoint, id)] = {
        n,
        until: now + Math.min(NO_DATA_MAX_MS, NO_DATA_BASE_MS * 2 ** (n - 1)),
      };
      touch();
    },
    gotData(endpoint: string, id: TokenId) {
      if (doc.noData[nd(endpoint, id)] === undefined) return;
      delete doc.noData[nd(endpoint, id)];
      touch();
    },
    batching: (endpoint: string): Batching | undefined => doc.batching[endpoint],
    learnBatching(endpoint: string, b: Batching) {
      if (doc.batching[endpoint] === b) return;
      logger.info(
        { endpoint, batching: b },
        b === 'single'
          ? `Token Metrics ${endpoint} answers for the first id only: asking it one token at a time`
          : `Token Metrics ${endpoint} answers comma lists of ids`,
      );
      doc.batching[endpoint] = b;
      touch();
    },
    rowsPerToken: (endpoint: string) => doc.rowsPerToken[endpoint],
    learnRows(endpoint: string, rows: number) {
      if (doc.rowsPerToken[endpoint] === rows) return;
      doc.rowsPerToken[endpoint] = rows;
      touch();
    },
    callsPerToken: (kind: DataKind) => doc.callsPerToken[kind],
    /** Moving average (weight 0.3 on the newest) of calls per token for one refresh of `kind`. */
    learnCost(kind: DataKind, callsPerToken: number) {
      const prev = doc.callsPerToken[kind];
      doc.callsPerToken[kind] = prev === undefined ? callsPerToken : prev * 0.7 + callsPerToken * 0.3;
      touch();
    },
  };
}

export type MarketMemory = ReturnType<typeof createMarketMemory>;
