import type Database from 'better-sqlite3';
import type { Outcome } from '../../domain/outcome.js';
import type { OutcomeStore } from '../ports.js';
import { parseOutcomes } from '../shared.js';

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
