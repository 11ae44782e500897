import type Database from 'better-sqlite3';
import { destinationKey } from '../../domain/types.js';
import {
  type StoredSuppression,
  SUPPRESSION_TTL_MS,
  SUPPRESSIONS_KEPT,
  type SuppressionStore,
} from '../ports.js';
import { parseJson } from '../shared.js';

/** Suppression records per (destination, token), trimmed to the newest SUPPRESSIONS_KEPT on write. */
export function sqliteSuppressions(db: Database.Database, tick: () => void): SuppressionStore {
  const insQ = db.prepare<[string, number, number, string]>(
    'INSERT INTO suppressions (dest_key, token_id, at, json) VALUES (?, ?, ?, ?)',
  );
  const trimQ = db.prepare<[string, number, string, number, number]>(
    `DELETE FROM suppressions WHERE dest_key = ? AND token_id = ? AND seq NOT IN (
       SELECT seq FROM suppressions WHERE dest_key = ? AND token_id = ? ORDER BY seq DESC LIMIT ?)`,
  );
  const expireQ = db.prepare<[number]>('DELETE FROM suppressions WHERE at < ?');
  const recentQ = db
    .prepare<[string, number, number, number], string>(
      'SELECT json FROM suppressions WHERE dest_key = ? AND token_id = ? AND at >= ? ORDER BY seq DESC LIMIT ?',
    )
    .pluck(true);
  const recordTx = db.transaction((records: readonly StoredSuppression[]) => {
    const pairs = new Map<string, [string, number]>();
    let newest = 0;
    for (const r of records) {
      const dk = destinationKey(r.destination);
      insQ.run(dk, r.tokenId, r.at, JSON.stringify(r));
      pairs.set(`${dk}#${r.tokenId}`, [dk, r.tokenId]);
      newest = Math.max(newest, r.at);
    }
    for (const [dk, t] of pairs.values()) trimQ.run(dk, t, dk, t, SUPPRESSIONS_KEPT);
    expireQ.run(newest - SUPPRESSION_TTL_MS);
  });
  return {
    async record(records) {
      if (records.length === 0) return;
      tick();
      recordTx.immediate(records);
    },
    async recent(destination, tokenId, limit, now) {
      tick();
      const rows = recentQ.all(
        destinationKey(destination),
        tokenId,
        now - SUPPRESSION_TTL_MS,
        Math.max(0, Math.min(limit, SUPPRESSIONS_KEPT)),
      );
      const out: StoredSuppression[] = [];
      for (const r of rows) {
        const v = parseJson(r);
        if (typeof v === 'object' && v !== null) out.push(v as StoredSuppression);
      }
      return out;
    },
  };
}
