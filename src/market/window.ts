import type { DataKind } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';

const DAY = 86_400_000;

export interface BatchPlanInput {
  readonly now: number;
  /** Rows per page (`limit`). */
  readonly limit: number;
  /** Ids per call at most (1 for endpoints that answer for the first id only). */
  readonly maxBatch: number;
  /** Rows each token takes on undated history endpoints (learned; hourly signals send several). */
  readonly rowsPerToken: number;
  /** Day (epoch ms, UTC midnight) of each token's newest daily row seen so far. */
  readonly lastDay: ReadonlyMap<TokenId, number>;
  /** Daily rows older than this are stale anyway: the window never starts earlier. */
  readonly maxAgeMs: number;
}

export interface Batch {
  readonly ids: TokenId[];
  /** `startDate` (YYYY-MM-DD) for the daily endpoint. */
  readonly startDate?: string;
}

/**
 * Ask for what fits: split `ids` into calls whose rows fit one page.
 * - Daily signals: the smallest window that still holds each token's newest row, from the day of the
 *   newest row seen (yesterday for a token never seen), so a token costs (days in window) rows. Tokens with
 *   the same window share calls, at most `limit / rowsPerToken` of them.
 * - Other endpoints: `limit / rowsPerToken` ids per call (one row per token: 100).
 */
export function planBatches(kind: DataKind, ids: readonly TokenId[], p: BatchPlanInput): Batch[] {
  const out: Batch[] = [];
  if (kind !== 'daily') {
    const size = Math.max(1, Math.min(p.maxBatch, Math.floor(p.limit / Math.max(1, p.rowsPerToken))));
    for (let i = 0; i < ids.length; i += size) out.push({ ids: ids.slice(i, i + size) });
    return out;
  }
  const today = Math.floor(p.now / DAY) * DAY;
  const oldest = Math.floor((p.now - p.maxAgeMs) / DAY) * DAY;
  const startOf = (id: TokenId) => Math.min(today, Math.max(oldest, p.lastDay.get(id) ?? today - DAY));
  const sorted = [...ids].sort((a, b) => startOf(b) - startOf(a));
  let cur: { ids: TokenId[]; start: number } | undefined;
  const flush = () => {
    if (cur) out.push({ ids: cur.ids, startDate: new Date(cur.start).toISOString().slice(0, 10) });
  };
  for (const id of sorted) {
    const start = startOf(id);
    const rows = (today - Math.min(start, cur?.start ?? start)) / DAY + 1;
    if (cur && cur.ids.length < p.maxBatch && (cur.ids.length + 1) * rows <= p.limit) {
      cur.ids.push(id);
      cur.start = Math.min(cur.start, start);
      continue;
    }
    flush();
    cur = { ids: [id], start };
  }
  flush();
  return out;
}
