import type Database from 'better-sqlite3';
import { type AlertEvent, type Destination, destinationKey } from '../../domain/types.js';
import type { HoldStore, MarkStore, RateCounterStore, TickLock } from '../ports.js';
import { parseDestination, parseJson, plainDestination, ttl } from '../shared.js';

/** Expired rows are swept every this many writes, inside the writing transaction. */
const SWEEP_EVERY = 200;

/** Marks expire by the caller's clock (`now`), which keeps tests and replays deterministic. */
export function sqliteMarks(db: Database.Database, tick: () => void): MarkStore {
  let writes = 0;
  const hasQ = db.prepare<[string, number], { key: string }>(
    'SELECT key FROM marks WHERE key IN (SELECT value FROM json_each(?)) AND expires_at > ?',
  );
  const setQ = db.prepare<[string, number]>(
    'INSERT INTO marks (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at',
  );
  const claimQ = db.prepare<[string, number, number], { key: string }>(
    `INSERT INTO marks (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE
     SET expires_at = excluded.expires_at WHERE marks.expires_at <= ? RETURNING key`,
  );
  const sweepQ = db.prepare<[number]>('DELETE FROM marks WHERE expires_at <= ?');
  const sweep = (now: number) => {
    writes++;
    if (writes % SWEEP_EVERY === 0) sweepQ.run(now);
  };
  const setTx = db.transaction((marks: ReadonlyArray<{ key: string; ttlMs: number }>, now: number) => {
    for (const m of marks) setQ.run(m.key, now + ttl(m.ttlMs));
    sweep(now);
  });
  const claimTx = db.transaction((marks: ReadonlyArray<{ key: string; ttlMs: number }>, now: number) => {
    const won = new Set<string>();
    for (const m of marks) if (claimQ.get(m.key, now + ttl(m.ttlMs), now)) won.add(m.key);
    sweep(now);
    return won;
  });
  return {
    async has(keys, now) {
      if (keys.length === 0) return new Set();
      tick();
      return new Set(hasQ.all(JSON.stringify(keys), now).map((r) => r.key));
    },
    async set(marks, now) {
      if (marks.length === 0) return;
      tick();
      setTx.immediate(marks, now);
    },
    async claim(marks, now) {
      if (marks.length === 0) return new Set();
      tick();
      return claimTx.immediate(marks, now);
    },
  };
}

/** First claim of a slot wins until it expires; a second claim (even by the same owner) loses. */
export function sqliteTickLock(db: Database.Database, tick: () => void): TickLock {
  let claims = 0;
  const claimQ = db.prepare<[string, string, number, number], { owner: string }>(
    `INSERT INTO tick_slots (slot, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (slot) DO UPDATE
     SET owner = excluded.owner, expires_at = excluded.expires_at WHERE tick_slots.expires_at <= ? RETURNING owner`,
  );
  const sweepQ = db.prepare<[number]>('DELETE FROM tick_slots WHERE expires_at <= ?');
  const claimTx = db.transaction((slot: string, owner: string, ttlMs: number, now: number) => {
    const won = claimQ.get(slot, owner, now + ttl(ttlMs), now) !== undefined;
    if (++claims % SWEEP_EVERY === 0) sweepQ.run(now);
    return won;
  });
  return {
    async claimSlot(slot, owner, ttlMs, now) {
      tick();
      return claimTx.immediate(slot, owner, ttlMs, now);
    },
  };
}

export function sqliteHolds(db: Database.Database, tick: () => void): HoldStore {
  const destQ = db.prepare<[string, string, number]>(
    `INSERT INTO hold_dest (dest_key, destination, release_at) VALUES (?, ?, ?) ON CONFLICT (dest_key)
     DO UPDATE SET destination = excluded.destination, release_at = excluded.release_at`,
  );
  const eventQ = db.prepare<[string, string]>('INSERT INTO hold_events (dest_key, event) VALUES (?, ?)');
  const dueQ = db.prepare<[number, number], { dest_key: string; destination: string }>(
    'SELECT dest_key, destination FROM hold_dest WHERE release_at <= ? ORDER BY release_at, dest_key LIMIT ?',
  );
  const eventsQ = db.prepare<[string], { dest_key: string; event: string }>(
    'SELECT dest_key, event FROM hold_events WHERE dest_key IN (SELECT value FROM json_each(?)) ORDER BY seq',
  );
  const delDestQ = db.prepare<[string]>(
    'DELETE FROM hold_dest WHERE dest_key IN (SELECT value FROM json_each(?))',
  );
  const delEventsQ = db.prepare<[string]>(
    'DELETE FROM hold_events WHERE dest_key IN (SELECT value FROM json_each(?))',
  );
  type Entry = { destination: Destination; events: readonly AlertEvent[]; releaseAt: number };
  const holdTx = db.transaction((entries: ReadonlyArray<Entry>) => {
    for (const e of entries) {
      if (e.events.length === 0) continue;
      const key = destinationKey(e.destination);
      destQ.run(key, JSON.stringify(plainDestination(e.destination)), e.releaseAt);
      for (const ev of e.events) eventQ.run(key, JSON.stringify(ev));
    }
  });
  const dueTx = db.transaction((now: number, limit: number) => {
    const dests = dueQ.all(now, limit);
    const byKey = new Map<string, AlertEvent[]>();
    const order: Array<{ key: string; destination: Destination }> = [];
    for (const r of dests) {
      const destination = parseDestination(parseJson(r.destination));
      if (!destination) continue;
      order.push({ key: r.dest_key, destination });
      byKey.set(r.dest_key, []);
    }
    if (order.length === 0) return [];
    for (const r of eventsQ.all(JSON.stringify(order.map((o) => o.key)))) {
      const ev = parseJson(r.event);
      // Events are only ever written by hold(); a corrupt one is skipped, not fatal.
      if (ev && typeof ev === 'object') byKey.get(r.dest_key)?.push(ev as AlertEvent);
    }
    return order.map((o) => ({ destination: o.destination, events: byKey.get(o.key) ?? [] }));
  });
  const releaseTx = db.transaction((keys: string) => {
    delDestQ.run(keys);
    delEventsQ.run(keys);
  });
  return {
    async hold(entries) {
      if (entries.length === 0) return;
      tick();
      holdTx.immediate(entries);
    },
    async due(now, limit) {
      if (limit <= 0) return [];
      tick();
      return dueTx.deferred(now, Math.floor(limit));
    },
    async release(destinations) {
      if (destinations.length === 0) return;
      tick();
      releaseTx.immediate(JSON.stringify(destinations.map(destinationKey)));
    },
  };
}

export function sqliteCounters(db: Database.Database, tick: () => void): RateCounterStore {
  let writes = 0;
  const incQ = db.prepare<[string, number, number, number], { count: number }>(
    `INSERT INTO counters (key, window_start, count, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING count`,
  );
  const getQ = db.prepare<[string, number], { key: string; count: number }>(
    'SELECT key, count FROM counters WHERE key IN (SELECT value FROM json_each(?)) AND window_start = ?',
  );
  // Windows that ended before the current one started are no longer read by anyone.
  const sweepQ = db.prepare<[number]>('DELETE FROM counters WHERE expires_at <= ?');
  const incTx = db.transaction(
    (keys: readonly string[], windowStart: number, windowMs: number, by: number) => {
      const out = new Map<string, number>();
      for (const k of keys) out.set(k, incQ.get(k, windowStart, by, windowStart + windowMs)?.count ?? 0);
      if (++writes % SWEEP_EVERY === 0) sweepQ.run(windowStart);
      return out;
    },
  );
  return {
    async increment(keys, windowStart, windowMs, by = 1) {
      if (keys.length === 0) return new Map();
      tick();
      return incTx.immediate(keys, windowStart, windowMs, by);
    },
    async get(keys, windowStart) {
      const out = new Map<string, number>(keys.map((k) => [k, 0]));
      if (keys.length === 0) return out;
      tick();
      for (const r of getQ.all(JSON.stringify(keys), windowStart)) out.set(r.key, r.count);
      return out;
    },
  };
}
