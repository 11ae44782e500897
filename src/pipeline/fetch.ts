import { DATA_KINDS, type DataKind, type MarketSource, type TokenObservation } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';

/** Effective minimum interval per kind of data, ms (from the budget planner). */
export type Cadence = Readonly<Record<DataKind, number>>;

/**
 * Which kinds each token needs this tick. A kind is due for EVERY token once any token's last fetch of it
 * is a cadence old, so tokens stay aligned in shared batches (100 ids per call) instead of drifting into
 * many small calls; a token never fetched for a kind (newly watched) gets it at once. `slackMs` absorbs
 * timer jitter so a 1-minute cadence on a 1-minute cron does not slip every other tick.
 */
export function dueByToken(
  fetched: ReadonlyMap<TokenId, Partial<Record<DataKind, number>>>,
  cadence: Cadence,
  now: number,
  slackMs: number,
): Map<TokenId, DataKind[]> {
  const globallyDue = new Set<DataKind>();
  for (const f of fetched.values()) {
    for (const k of DATA_KINDS) {
      const last = f[k];
      if (last !== undefined && now - last >= cadence[k] - slackMs) globallyDue.add(k);
    }
  }
  const out = new Map<TokenId, DataKind[]>();
  for (const [id, f] of fetched) {
    out.set(
      id,
      DATA_KINDS.filter((k) => globallyDue.has(k) || f[k] === undefined),
    );
  }
  return out;
}

/**
 * Groups tokens by the set of kinds they need, so one `fetch` serves each group (normally one or two
 * groups: the established tokens, and new ones that need everything).
 */
export function fetchGroups(
  due: ReadonlyMap<TokenId, readonly DataKind[]>,
): Array<{ tokenIds: TokenId[]; kinds: DataKind[] }> {
  const groups = new Map<string, { tokenIds: TokenId[]; kinds: DataKind[] }>();
  for (const [tokenId, kinds] of due) {
    if (kinds.length === 0) continue;
    const key = kinds.join(',');
    const g = groups.get(key);
    if (g) g.tokenIds.push(tokenId);
    else groups.set(key, { tokenIds: [tokenId], kinds: [...kinds] });
  }
  return [...groups.values()];
}

/**
 * Runs the groups in turn (the source batches ids itself); a MarketError ends the whole fetch. Kinds that
 * failed while others succeeded are left out of each group's `kinds`, so they are not recorded as fetched.
 */
export async function fetchAll(
  market: MarketSource,
  groups: ReadonlyArray<{ tokenIds: TokenId[]; kinds: DataKind[] }>,
  signal?: AbortSignal,
): Promise<{
  observations: Map<TokenId, TokenObservation>;
  fetched: Array<{ tokenIds: TokenId[]; kinds: DataKind[] }>;
}> {
  const observations = new Map<TokenId, TokenObservation>();
  const fetched: Array<{ tokenIds: TokenId[]; kinds: DataKind[] }> = [];
  for (const g of groups) {
    const failed = new Set<DataKind>();
    const got = await market.fetch(
      { tokenIds: g.tokenIds, kinds: g.kinds, onKindError: (kind) => failed.add(kind) },
      signal,
    );
    for (const [id, obs] of got) observations.set(id, obs);
    fetched.push({ tokenIds: g.tokenIds, kinds: g.kinds.filter((k) => !failed.has(k)) });
  }
  return { observations, fetched };
}
