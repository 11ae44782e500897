import type Database from 'better-sqlite3';
import type { Settings, SettingsPatch, TokenId } from '../../domain/types.js';
import type { SettingsStore, SnapshotStore, TickMetaStore } from '../ports.js';
import { mergeSettings, parseJson, parseSettings } from '../shared.js';

/** Settings per scope as one JSON object each. Corrupt rows read as absent. */
export function sqliteSettings(db: Database.Database, tick: () => void): SettingsStore {
  const getQ = db.prepare<[string], { json: string }>('SELECT json FROM settings WHERE scope = ?');
  const putQ = db.prepare<[string, string]>(
    'INSERT INTO settings (scope, json) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET json = excluded.json',
  );
  const manyQ = db.prepare<[string], { scope: string; json: string }>(
    'SELECT scope, json FROM settings WHERE scope IN (SELECT value FROM json_each(?))',
  );
  const updateTx = db.transaction((scope: string, patch: SettingsPatch) => {
    // A corrupt stored value is replaced by the patch rather than blocking every future update.
    const merged = mergeSettings(parseSettings(getQ.get(scope)?.json), patch);
    putQ.run(scope, JSON.stringify(merged));
    return merged;
  });
  return {
    async get(scope) {
      tick();
      return parseSettings(getQ.get(scope)?.json);
    },
    async update(scope, patch) {
      tick();
      return updateTx.immediate(scope, patch);
    },
    async getMany(scopes) {
      const out = new Map<string, Settings>();
      if (scopes.length === 0) return out;
      tick();
      for (const r of manyQ.all(JSON.stringify(scopes))) {
        const s = parseSettings(r.json);
        if (s) out.set(r.scope, s);
      }
      return out;
    },
  };
}

/** The one tick metadata record (row id 1) as opaque JSON. A corrupt row reads as absent. */
export function sqliteTickMeta(db: Database.Database, tick: () => void): TickMetaStore {
  const getQ = db.prepare<[], { json: string }>('SELECT json FROM tick_meta WHERE id = 1');
  const putQ = db.prepare<[string]>(
    'INSERT INTO tick_meta (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
  );
  return {
    async get() {
      tick();
      const row = getQ.get();
      return row === undefined ? undefined : parseJson(row.json);
    },
    async put(meta) {
      const json = JSON.stringify(meta);
      if (json === undefined) return;
      tick();
      putQ.run(json);
    },
  };
}

/** Engine state per token as opaque JSON. Corrupt rows read as absent (the engine re-baselines). */
export function sqliteSnapshots(db: Database.Database, tick: () => void): SnapshotStore {
  const manyQ = db.prepare<[string], { token_id: number; json: string }>(
    'SELECT token_id, json FROM snapshots WHERE token_id IN (SELECT value FROM json_each(?))',
  );
  const putQ = db.prepare<[number, string]>(
    'INSERT INTO snapshots (token_id, json) VALUES (?, ?) ON CONFLICT (token_id) DO UPDATE SET json = excluded.json',
  );
  const putTx = db.transaction((states: ReadonlyMap<TokenId, unknown>) => {
    for (const [id, state] of states) {
      const json = JSON.stringify(state);
      if (json !== undefined) putQ.run(id, json);
    }
  });
  return {
    async getMany(tokenIds) {
      const out = new Map<TokenId, unknown>();
      if (tokenIds.length === 0) return out;
      tick();
      for (const r of manyQ.all(JSON.stringify(tokenIds))) {
        const v = parseJson(r.json);
        if (v !== undefined) out.set(r.token_id, v);
      }
      return out;
    },
    async putMany(states) {
      if (states.size === 0) return;
      tick();
      putTx.immediate(states);
    },
  };
}
