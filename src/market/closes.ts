import type { TokenId } from '../domain/types.js';
import type { ParsedRow } from './parse.js';

/**
 * Gives each token's newest hourly row the CLOSE of all its fetched rows (oldest first, one per hour),
 * so the price history can start from data we already fetch instead of an empty chart.
 */
export function withCloses(
  newest: Map<TokenId, ParsedRow<'hourly'>>,
  rows: readonly ParsedRow<'hourly'>[],
): void {
  const byToken = new Map<TokenId, Map<number, number>>();
  for (const r of rows) {
    if (r.part.close === undefined || r.at <= 0 || !newest.has(r.tokenId)) continue;
    const m = byToken.get(r.tokenId) ?? new Map<number, number>();
    m.set(r.at, r.part.close);
    byToken.set(r.tokenId, m);
  }
  for (const [id, m] of byToken) {
    const row = newest.get(id);
    if (!row || m.size === 0) continue;
    const closes = [...m.entries()].sort((a, b) => a[0] - b[0]).map(([t, close]) => ({ t, close }));
    newest.set(id, { ...row, part: { ...row.part, closes } });
  }
}
