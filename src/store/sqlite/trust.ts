import type Database from 'better-sqlite3';
import type { Outcome } from '../../domain/outcome.js';
import { destinationKey } from '../../domain/types.js';
import {
  type OutcomeStore,
  type StoredSuppression,
  SUPPRESSION_TTL_MS,
  SUPPRESSIONS_KEPT,
  type SuppressionStore,
} from '../ports.js';
import { parseJson, parseOutcomes } from '../shared.js';

/** Outcomes, one row per event id; `open` rows are indexed by token. */
export function sqliteOutcomes(db: Database.Database, tick: () => void): OutcomeStore {
  const row = (o: Outcome) =>
    [o.id, o.tokenId, o.at, o.status === 'open' ? 1 : 0, JSON.stringify(o)] as const;
  const addQ = db.prepare<readonly [string, number, number, number, string]>(
    'INSERT INTO outcomes (id, token_id, at, open, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const putQ = db.prepare<readonly [string, number, number, number, string]>(
    `INSERT INTO outcomes (id, token_id, at, open, json) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET open = excluded.open, json = excluded.json`,
  );
  const openQ = db
    .prepare<[string], string>(
      'SELECT json FROM outcomes WHERE open = 1 AND token_id IN (SELECT value FROM json_each(?))',
    )
    .pluck(true);
  const sinceQ = db
    .prepare<[number], string>('SELECT json FROM outcomes WHERE at >= ? ORDER BY at')
    .pluck(true);
  const sinceTokQ = db
    .prepare<[number, number], string>('SELECT json FROM outcomes WHERE token_id = ? AND at >= ? ORDER BY at')
    .pluck(true);
  const pruneQ = db.prepare<[number]>('DELETE FROM outcomes WHERE at < ?');
  const saveTx = db.transaction((add: readonly Outcome[], update: readonly Outcome[]) => {
    for (const o of add) addQ.run(row(o));
    for (const o of update) putQ.run(row(o));
  });
  return {
    async save(add, update) {
      if (add.length === 0 && update.length === 0) return;
      tick();
      saveTx.immediate(add, update);
    },
    async openOf(tokenIds) {
      if (tokenIds.length === 0) return [];
      tick();
      return parseOutcomes(openQ.all(JSON.stringify(tokenIds)));
    },
    async since(since, tokenId) {
      tick();
      return parseOutcomes(tokenId === undefined ? sinceQ.all(since) : sinceTokQ.all(tokenId, since));
    },
    async prune(before) {
      tick();
      return pruneQ.run(before).changes;
    },
  };
}

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
