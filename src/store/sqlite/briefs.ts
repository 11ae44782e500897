import type Database from 'better-sqlite3';
import { destinationKey } from '../../domain/types.js';
import type { BriefStore } from '../ports.js';
import { parseBrief, plainDestination } from '../shared.js';

/** Daily briefs: one row per destination key. */
export function sqliteBriefs(db: Database.Database, tick: () => void): BriefStore {
  const putQ = db.prepare<[string, string]>(
    'INSERT INTO briefs (dest_key, json) VALUES (?, ?) ON CONFLICT (dest_key) DO UPDATE SET json = excluded.json',
  );
  const delQ = db.prepare<[string]>('DELETE FROM briefs WHERE dest_key = ?');
  const getQ = db.prepare<[string], { json: string }>('SELECT json FROM briefs WHERE dest_key = ?');
  const allQ = db.prepare<[], { json: string }>('SELECT json FROM briefs');
  return {
    async set(destination, schedule) {
      tick();
      const record = { destination: plainDestination(destination), schedule };
      putQ.run(destinationKey(destination), JSON.stringify(record));
    },
    async clear(destination) {
      tick();
      return delQ.run(destinationKey(destination)).changes > 0;
    },
    async get(destination) {
      tick();
      return parseBrief(getQ.get(destinationKey(destination))?.json)?.schedule;
    },
    async all() {
      tick();
      const out = [];
      for (const r of allQ.all()) {
        const b = parseBrief(r.json);
        if (b) out.push(b);
      }
      return out;
    },
  };
}
