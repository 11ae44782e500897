import type Database from 'better-sqlite3';
import { type AlertEvent, type Destination, destinationKey } from '../../domain/types.js';
import type { HoldStore, MarkStore, TickLock } from '../ports.js';
import { parseDestination, parseJson, plainDestination, ttl } from '../shared.js';

/** Expired rows are swept every this many writes, inside the writing transaction. */
const SWEEP_EVERY = 200;
/** Above this many distinct expiries in one `marks.set`, one ordered statement beats one per expiry. */
const MAX_EXPIRY_GROUPS = 8;

/** Marks expire by the caller's clock (`now`), which keeps tests and replays deterministic. */
export function sqliteMarks(db: Database.Database, tick: () => void): MarkStore {
  let writes = 0;
  // Plucked: the keys come back as plain strings, no row object per hit.
  const hasQ = db
    .prepare<[string, number], string>(
      'SELECT key FROM marks WHERE key IN (SELECT value FROM json_each(?)) AND expires_at > ?',
    )
    .pluck(true);
  // One statement per call over a JSON array of [key, expiresAt] pairs: rows are processed in array order,
  // so a key given twice behaves as two consecutive single writes did (last set wins).
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const setQ = db.prepare<[string]>(
    `INSERT INTO marks (key, expires_at) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  // Fast path for the common call (distinct keys, a few distinct ttls): one statement per expiry over a
  // plain JSON array of keys, which SQLite walks ~20% faster than pairs it has to take apart.
  const setSameQ = db.prepare<[number, string]>(
    `INSERT INTO marks (key, expires_at) SELECT value, ? FROM json_each(?) WHERE true
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  const expQ = db.prepare<[string, number], { key: string; expires_at: number }>(
    'SELECT key, expires_at FROM marks WHERE key IN (SELECT value FROM json_each(?)) AND expires_at > ?',
  );
  const sweepQ = db.prepare<[number]>('DELETE FROM marks WHERE expires_at <= ?');
  const sweep = (now: number) => {
    writes++;
    if (writes % SWEEP_EVERY === 0) sweepQ.run(now);
  };
  const pairs = (marks: ReadonlyArray<{ key: string; ttlMs: number }>, now: number): string =>
    JSON.stringify(marks.map((m) => [m.key, now + ttl(m.ttlMs)]));
  const setTx = db.transaction((marks: ReadonlyArray<{ key: string; ttlMs: number }>, now: number) => {
    const byExpiry = new Map<number, string[]>();
    const seen = new Set<string>();
    for (const m of marks) {
      seen.add(m.key);
      const at = now + ttl(m.ttlMs);
      const list = byExpiry.get(at);
      if (list) list.push(m.key);
      else byExpiry.set(at, [m.key]);
    }
    // A repeated key must keep "last write wins", which only the ordered pairs form guarantees.
    if (seen.size === marks.length && byExpiry.size <= MAX_EXPIRY_GROUPS) {
      for (const [at, keys] of byExpiry) setSameQ.run(at, JSON.stringify(keys));
    } else setQ.run(pairs(marks, now));
    sweep(now);
  });
  return {
    async has(keys, now) {
      if (keys.length === 0) return new Set();
      tick();
      return new Set(hasQ.all(JSON.stringify(keys), now));
    },
    async set(marks, now) {
      if (marks.length === 0) return;
      tick();
      setTx.immediate(marks, now);
    },
    async expiries(keys, now) {
      const out = new Map<string, number>();
      if (keys.length === 0) return out;
      tick();
      for (const r of expQ.all(JSON.stringify(keys), now)) out.set(r.key, r.expires_at);
      return out;
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
  const ownerQ = db.prepare<[string, number], { owner: string }>(
    'SELECT owner FROM tick_slots WHERE slot = ? AND expires_at > ?',
  );
  const releaseQ = db.prepare<[string, string]>('DELETE FROM tick_slots WHERE slot = ? AND owner = ?');
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
    async ownerOf(slot, now) {
      tick();
      return ownerQ.get(slot, now)?.owner;
    },
    async releaseSlot(slot, owner) {
      tick();
      return releaseQ.run(slot, owner).changes > 0;
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
