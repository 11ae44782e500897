import type Database from 'better-sqlite3';
import { type Destination, destinationKey } from '../../domain/types.js';
import {
  type StoredSuppression,
  SUPPRESSION_TTL_MS,
  SUPPRESSIONS_KEPT,
  type SuppressionStore,
} from '../ports.js';
import { parseJson } from '../shared.js';

/** Groups kept per token (newest first); with SUPPRESSION_TTL_MS, what bounds the table. */
export const GROUPS_PER_TOKEN = 200;

/**
 * Suppression records, grouped: the records of one batch that say the same thing about one event (token,
 * event, kind, reason, until, by, time) are one row listing their destinations. An alert held back by
 * cooldown for 100 destinations is one row, not 100 rows with their index entries and a trim per pair
 * (the largest cost of a streamed alert that changed nothing). `recent` reads the token's groups newest
 * first and keeps those naming the destination, at most SUPPRESSIONS_KEPT. Each token keeps its newest
 * GROUPS_PER_TOKEN groups, each for SUPPRESSION_TTL_MS.
 */
export function sqliteSuppressions(db: Database.Database, tick: () => void): SuppressionStore {
  const insQ = db.prepare<[number, number, string, string]>(
    'INSERT INTO suppression_groups (token_id, at, dests, json) VALUES (?, ?, ?, ?)',
  );
  const trimQ = db.prepare<[number, number, number]>(
    `DELETE FROM suppression_groups WHERE token_id = ? AND seq < (
       SELECT seq FROM suppression_groups WHERE token_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
  );
  const expireQ = db.prepare<[number]>('DELETE FROM suppression_groups WHERE at < ?');
  const recentQ = db.prepare<[number, number, string, number], { json: string; dest: string }>(
    `SELECT g.json AS json, d.value ->> 1 AS dest FROM suppression_groups AS g, json_each(g.dests) AS d
     WHERE g.token_id = ? AND g.at >= ? AND d.value ->> 0 = ? ORDER BY g.seq DESC LIMIT ?`,
  );
  const recordTx = db.transaction((records: readonly StoredSuppression[]) => {
    const groups = new Map<string, { rec: Omit<StoredSuppression, 'destination'>; dests: unknown[] }>();
    let newest = 0;
    for (const r of records) {
      const { destination, ...rest } = r;
      const key = JSON.stringify(rest);
      const g = groups.get(key) ?? { rec: rest, dests: [] };
      g.dests.push([destinationKey(destination), destination]);
      groups.set(key, g);
      newest = Math.max(newest, r.at);
    }
    const tokens = new Set<number>();
    for (const [json, g] of groups) {
      insQ.run(g.rec.tokenId, g.rec.at, JSON.stringify(g.dests), json);
      tokens.add(g.rec.tokenId);
    }
    for (const t of tokens) trimQ.run(t, t, GROUPS_PER_TOKEN - 1);
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
      const n = Math.max(0, Math.min(limit, SUPPRESSIONS_KEPT));
      const rows = recentQ.all(tokenId, now - SUPPRESSION_TTL_MS, destinationKey(destination), n);
      const out: StoredSuppression[] = [];
      for (const r of rows) {
        const rec = parseJson(r.json);
        const dest = parseJson(r.dest);
        if (typeof rec === 'object' && rec !== null && typeof dest === 'object' && dest !== null)
          out.push({ ...(rec as Omit<StoredSuppression, 'destination'>), destination: dest as Destination });
      }
      return out;
    },
  };
}
