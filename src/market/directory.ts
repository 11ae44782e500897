import { z } from 'zod';
import type { TokenDirectory } from '../domain/market.js';
import type { TokenId, TokenInfo } from '../domain/types.js';
import { canonicalRow } from './parse.js';

/** Where the directory gets `/v2/tokens` rows: the HTTP client, or the replay scenario. */
export interface TokenLister {
  /** One page of `/tokens` in the API's listing order (page from 1). */
  listPage(page: number, limit: number, signal?: AbortSignal): Promise<readonly unknown[]>;
  /** `/tokens?symbol=…` (one call). */
  bySymbol(symbol: string, signal?: AbortSignal): Promise<readonly unknown[]>;
  /** `/tokens?token_id=…` (one call). */
  byId(tokenId: TokenId, signal?: AbortSignal): Promise<readonly unknown[]>;
}

export interface TokenDirectoryOptions {
  readonly lister: TokenLister;
  /** Injected clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
  /** How long the token list is trusted. Default 1 day. */
  readonly ttlMs?: number;
  /**
   * Pages of `/tokens` loaded up front (× `pageLimit` tokens, top of the API's listing order). Symbols
   * beyond them are resolved one by one with `?symbol=`. Default 10 (1,000 tokens, 10 calls a day).
   */
  readonly maxPages?: number;
  /** Rows per page. Default 100 (the API maximum). */
  readonly pageLimit?: number;
  /** How long a "no such symbol/id" answer is remembered, so typos don't burn credits. Default 1 hour. */
  readonly missTtlMs?: number;
  /** Told about each `/tokens` row that fails validation (it is skipped). */
  readonly onInvalid?: (reason: string) => void;
}

const text = z.string().trim().min(1).max(200);
const TokenRow = z.object({
  TOKEN_ID: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number().int().positive(),
  ),
  TOKEN_SYMBOL: text.optional().catch(undefined),
  SYMBOL: text.optional().catch(undefined),
  TOKEN_NAME: text.optional().catch(undefined),
  NAME: text.optional().catch(undefined),
  EXCHANGE_LIST: z.array(z.unknown()).optional().catch(undefined),
  TM_LINK: text.optional().catch(undefined),
});

interface Entry {
  readonly info: TokenInfo;
  readonly exchanges: number;
  /** `exchange_id`s of EXCHANGE_LIST (live prices pick their exchanges from it); undefined when absent. */
  readonly exchangeIds: readonly string[] | undefined;
  /** Position in the listing (0 = first); tokens found by single lookups come after all listed ones. */
  readonly rank: number;
}

/** Symbols worth a lookup: no spaces or punctuation beyond `.`, `_`, `-`, at most 30 characters. */
const SYMBOL_RE = /^[A-Za-z0-9._-]{1,30}$/;

/**
 * Resolution rule among tokens sharing a symbol (symbols are not unique, e.g. BTC and Osmosis allBTC):
 * 1. only an exact symbol match counts (case-insensitive: users type `sol`); looser matches the API may
 *    return for `?symbol=` are never picked,
 * 2. then the token listed on the most exchanges (`EXCHANGE_LIST` length),
 * 3. then the lowest TOKEN_ID (older listings have lower ids).
 * The order is total, so the same data always gives the same answer.
 */
export function pickToken<T extends { info: TokenInfo; exchanges: number }>(
  candidates: readonly T[],
  asked: string,
): T | undefined {
  const want = asked.trim().toUpperCase();
  return candidates
    .filter((c) => c.info.symbol.toUpperCase() === want)
    .sort((a, b) => b.exchanges - a.exchanges || a.info.tokenId - b.info.tokenId)[0];
}

/** A TokenDirectory over `/v2/tokens`, loaded lazily and cached in memory for `ttlMs`. */
export function createTokenDirectory(opts: TokenDirectoryOptions): TokenDirectory & {
  /** Cached info without any I/O (for naming observations). */
  peek(tokenId: TokenId): TokenInfo | undefined;
  /** Cached EXCHANGE_LIST ids of a token, without I/O; undefined when unknown. */
  exchangesOf(tokenId: TokenId): readonly string[] | undefined;
} {
  const now = opts.now ?? Date.now;
  const ttl = opts.ttlMs ?? 86_400_000;
  const maxPages = opts.maxPages ?? 10;
  const limit = opts.pageLimit ?? 100;
  const missTtl = opts.missTtlMs ?? 3_600_000;
  let byId = new Map<TokenId, Entry>();
  let bySymbol = new Map<string, Entry[]>();
  const misses = new Map<string, number>();
  let loadedAt: number | undefined;
  let loading: Promise<void> | undefined;

  function add(raw: unknown, rank: number): Entry | undefined {
    const r = TokenRow.safeParse(canonicalRow(raw));
    const symbol = r.success ? (r.data.TOKEN_SYMBOL ?? r.data.SYMBOL) : undefined;
    if (!r.success || symbol === undefined) {
      opts.onInvalid?.(
        r.success
          ? 'TOKEN_SYMBOL: missing'
          : r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join(', '),
      );
      return undefined;
    }
    const existing = byId.get(r.data.TOKEN_ID);
    if (existing) return existing;
    const url = r.data.TM_LINK?.startsWith('https://') ? r.data.TM_LINK : undefined;
    const info: TokenInfo = {
      tokenId: r.data.TOKEN_ID,
      symbol,
      name: r.data.TOKEN_NAME ?? r.data.NAME ?? symbol,
      ...(url !== undefined ? { url } : {}),
    };
    const list = r.data.EXCHANGE_LIST;
    const exchangeIds = list?.flatMap((e) =>
      e && typeof e === 'object' && typeof (e as { exchange_id?: unknown }).exchange_id === 'string'
        ? [(e as { exchange_id: string }).exchange_id]
        : typeof e === 'string'
          ? [e]
          : [],
    );
    const entry: Entry = { info, exchanges: list?.length ?? 0, exchangeIds, rank };
    byId.set(info.tokenId, entry);
    const key = symbol.toUpperCase();
    bySymbol.set(key, [...(bySymbol.get(key) ?? []), entry]);
    return entry;
  }

  async function load(): Promise<void> {
    const prev = { byId, bySymbol };
    byId = new Map();
    bySymbol = new Map();
    try {
      for (let page = 1; page <= maxPages; page++) {
        const rows = await opts.lister.listPage(page, limit);
        rows.forEach((row, i) => {
          add(row, (page - 1) * limit + i);
        });
        if (rows.length < limit) break;
      }
      loadedAt = now();
      misses.clear();
    } catch (err) {
      // Keep serving the previous list if there was one; try again on the next lookup.
      byId = prev.byId;
      bySymbol = prev.bySymbol;
      if (byId.size === 0) throw err;
    }
  }

  async function ready(): Promise<void> {
    if (loadedAt !== undefined && now() - loadedAt < ttl) return;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    await loading;
  }

  const missed = (key: string) => {
    const until = misses.get(key);
    return until !== undefined && now() < until;
  };

  return {
    peek: (tokenId) => byId.get(tokenId)?.info,
    exchangesOf: (tokenId) => byId.get(tokenId)?.exchangeIds,

    async resolve(symbol) {
      const asked = symbol.trim();
      if (!SYMBOL_RE.test(asked)) return undefined;
      await ready();
      const key = asked.toUpperCase();
      let candidates = bySymbol.get(key);
      if (!candidates && !missed(`s:${key}`)) {
        const rows = await opts.lister.bySymbol(asked);
        for (const row of rows) add(row, Number.MAX_SAFE_INTEGER);
        candidates = bySymbol.get(key);
        if (!candidates) misses.set(`s:${key}`, now() + missTtl);
      }
      return candidates ? pickToken(candidates, asked)?.info : undefined;
    },

    async search(prefix, max) {
      await ready();
      const p = prefix.trim().toUpperCase();
      const picked: Entry[] = [];
      for (const [key, candidates] of bySymbol) {
        if (!key.startsWith(p)) continue;
        const best = pickToken(candidates, key);
        if (best) picked.push(best);
      }
      picked.sort(
        (a, b) =>
          Number(b.info.symbol.toUpperCase() === p) - Number(a.info.symbol.toUpperCase() === p) ||
          a.rank - b.rank ||
          a.info.tokenId - b.info.tokenId,
      );
      return picked.slice(0, Math.max(0, max)).map((e) => e.info);
    },

    async byId(tokenId) {
      await ready();
      const hit = byId.get(tokenId);
      if (hit || missed(`i:${tokenId}`)) return hit?.info;
      const rows = await opts.lister.byId(tokenId);
      for (const row of rows) add(row, Number.MAX_SAFE_INTEGER);
      const found = byId.get(tokenId);
      if (!found) misses.set(`i:${tokenId}`, now() + missTtl);
      return found?.info;
    },
  };
}
