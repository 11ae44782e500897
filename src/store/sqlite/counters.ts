import type Database from 'better-sqlite3';
import type { RateCounterStore } from '../ports.js';
import { parseJson } from '../shared.js';

/** Log rows of ended windows are deleted every this many increments. */
const SWEEP_EVERY = 200;

/**
 * Rate counters as an append-only log, summed in memory. An increment writes ONE row at the end of the
 * table, holding its keys and amounts, however many keys it counts: a tick's or an alert's fan-out to
 * 100 destinations used to upsert 100 rows of a table ordered by key, dirtying one random page each (the
 * largest store cost of a streamed alert). A window's totals are read from its log rows once per process
 * and kept up to date by the increments; the SQLite store belongs to one process (design.md), so they are
 * the table's totals. A window is forgotten, in memory and on disk, once it has ended.
 */
export function sqliteCounters(db: Database.Database, tick: () => void): RateCounterStore {
  let writes = 0;
  const appendQ = db.prepare<[number, number, string]>(
    'INSERT INTO counter_log (window_start, expires_at, deltas) VALUES (?, ?, ?)',
  );
  const windowQ = db
    .prepare<[number], string>('SELECT deltas FROM counter_log WHERE window_start = ?')
    .pluck();
  // Windows that ended before the current one started are no longer read by anyone.
  const sweepQ = db.prepare<[number]>('DELETE FROM counter_log WHERE expires_at <= ?');
  const windows = new Map<number, { totals: Map<string, number>; expiresAt: number }>();

  const readWindow = (windowStart: number): Map<string, number> => {
    const totals = new Map<string, number>();
    for (const raw of windowQ.all(windowStart)) {
      const deltas = parseJson(raw);
      if (!Array.isArray(deltas)) continue;
      for (const d of deltas) {
        if (Array.isArray(d) && typeof d[0] === 'string' && typeof d[1] === 'number')
          totals.set(d[0], (totals.get(d[0]) ?? 0) + d[1]);
      }
    }
    return totals;
  };
  /** The window's totals, read from its log rows the first time this process counts in it. */
  const totalsOf = (windowStart: number, expiresAt: number): Map<string, number> => {
    const known = windows.get(windowStart);
    if (known) return known.totals;
    const totals = readWindow(windowStart);
    windows.set(windowStart, { totals, expiresAt });
    return totals;
  };
  const forgetEnded = (now: number) => {
    for (const [start, w] of windows) if (w.expiresAt <= now) windows.delete(start);
  };
  const incTx = db.transaction(
    (deltas: ReadonlyMap<string, number>, windowStart: number, windowMs: number) => {
      const expiresAt = windowStart + windowMs;
      const totals = totalsOf(windowStart, expiresAt);
      appendQ.run(windowStart, expiresAt, JSON.stringify([...deltas]));
      if (++writes % SWEEP_EVERY === 0) {
        sweepQ.run(windowStart);
        forgetEnded(windowStart);
      }
      return totals;
    },
  );
  return {
    async increment(keys, windowStart, windowMs, by = 1) {
      if (keys.length === 0) return new Map();
      tick();
      // A key given n times adds n × by, reported once (first occurrence order), as n single increments.
      const deltas = new Map<string, number>();
      for (const k of keys) deltas.set(k, (deltas.get(k) ?? 0) + by);
      const totals = incTx.immediate(deltas, windowStart, windowMs);
      // Memory follows the log only once the row is committed.
      const out = new Map<string, number>();
      for (const [k, n] of deltas) {
        const next = (totals.get(k) ?? 0) + n;
        totals.set(k, next);
        out.set(k, next);
      }
      return out;
    },
    async get(keys, windowStart) {
      const out = new Map<string, number>(keys.map((k) => [k, 0]));
      if (keys.length === 0) return out;
      tick();
      const totals = windows.get(windowStart)?.totals ?? readWindow(windowStart);
      for (const k of keys) out.set(k, totals.get(k) ?? 0);
      return out;
    },
  };
}
