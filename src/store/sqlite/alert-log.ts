import type Database from 'better-sqlite3';
import { destinationKey } from '../../domain/types.js';
import { ALERT_LOG_RETENTION_MS, type AlertLogStore, type LoggedAlert } from '../alert-log-ports.js';
import { parseLogged } from '../alert-log-shared.js';

/** Delivered alerts per destination (migration "alert_log" in schema.ts). */
export function sqliteAlertLog(db: Database.Database, tick: () => void): AlertLogStore {
  const insert = db.prepare<[string, string, number, string]>(
    'INSERT OR IGNORE INTO alert_log (dest_key, event_id, at, json) VALUES (?, ?, ?, ?)',
  );
  const prune = db.prepare<[string, number]>('DELETE FROM alert_log WHERE dest_key = ? AND at < ?');
  const listQ = db.prepare<[string, number, number], { json: string }>(
    'SELECT json FROM alert_log WHERE dest_key = ? AND at >= ? ORDER BY at, event_id LIMIT ?',
  );
  const recordTx = db.transaction((key: string, alerts: readonly LoggedAlert[], now: number) => {
    for (const a of alerts) insert.run(key, a.eventId, a.at, JSON.stringify(a));
    prune.run(key, now - ALERT_LOG_RETENTION_MS);
  });
  return {
    async record(destination, alerts, now) {
      tick();
      recordTx(destinationKey(destination), alerts, now);
    },
    async list(destination, since, limit) {
      tick();
      return listQ.all(destinationKey(destination), since, limit).flatMap((r) => {
        const a = parseLogged(r.json);
        return a ? [a] : [];
      });
    },
  };
}
