import type Database from 'better-sqlite3';
import { destinationKey } from '../../domain/types.js';
import type { DeactivationReason, DestinationStatus, DestinationStatusStore } from '../ports.js';

interface StatusRow {
  dest_key: string;
  reason: string;
  since: number;
  notice_pending: number;
}

/** Destination status over one SQLite connection: a `dest_status` row exists only while inactive. */
export function sqliteDestinationStatus(db: Database.Database, tick: () => void): DestinationStatusStore {
  const deactivateQ = db.prepare(
    `INSERT INTO dest_status (dest_key, reason, since, notice_pending) VALUES (?, ?, ?, 1)
     ON CONFLICT (dest_key) DO UPDATE SET reason = excluded.reason, since = excluded.since, notice_pending = 1`,
  );
  const reactivateQ = db.prepare<[string]>('DELETE FROM dest_status WHERE dest_key = ?');
  const statusQ = db.prepare<[string], StatusRow>(
    'SELECT * FROM dest_status WHERE dest_key IN (SELECT value FROM json_each(?))',
  );
  const clearNoticeQ = db.prepare<[string]>('UPDATE dest_status SET notice_pending = 0 WHERE dest_key = ?');

  return {
    async deactivate(destination, reason: DeactivationReason, now) {
      tick();
      deactivateQ.run(destinationKey(destination), reason, now);
    },
    async reactivate(destination) {
      tick();
      reactivateQ.run(destinationKey(destination));
    },
    async status(destinations) {
      const out = new Map<string, DestinationStatus>();
      if (destinations.length === 0) return out;
      tick();
      for (const r of statusQ.all(JSON.stringify(destinations.map(destinationKey)))) {
        out.set(r.dest_key, {
          active: false,
          reason: r.reason as DeactivationReason,
          since: r.since,
          noticePending: r.notice_pending === 1,
        });
      }
      return out;
    },
    async clearNotice(destination) {
      tick();
      clearNoticeQ.run(destinationKey(destination));
    },
  };
}
