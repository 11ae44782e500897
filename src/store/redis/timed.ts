import { type AlertEvent, type Destination, destinationKey } from '../../domain/types.js';
import type { HoldStore, MarkStore, RateCounterStore, TickLock } from '../ports.js';
import { parseDestination, parseJson, plainDestination, ttl } from '../shared.js';
import { chunks, type RedisCtx } from './client.js';
import { mgetMany } from './state.js';

/**
 * Marks expire by the Redis server's clock (PX), not by `now`: with several replicas the server is
 * the one clock they share. `now` is accepted for the port's sake.
 */
export function redisMarks(r: RedisCtx): MarkStore {
  const k = r.keys;
  return {
    async has(keys) {
      const uniq = [...new Set(keys)];
      if (uniq.length === 0) return new Set();
      const values = await mgetMany(
        r,
        uniq.map((key) => k.mark(key)),
      );
      return new Set(uniq.filter((_, i) => values[i] !== null && values[i] !== undefined));
    },
    async set(marks) {
      if (marks.length === 0) return;
      await r.bulk(
        'marksSet',
        marks.map((m) => k.mark(m.key)),
        marks.map((m) => ttl(m.ttlMs)),
      );
    },
    async expiries(keys, now) {
      const out = new Map<string, number>();
      const uniq = [...new Set(keys)];
      if (uniq.length === 0) return out;
      const res = await r.pipeline((p) => {
        for (const key of uniq) p.pttl(k.mark(key));
      });
      // PTTL counts from the server's clock; the caller's `now` anchors it to the app's clock.
      uniq.forEach((key, i) => {
        const left = res[i];
        if (typeof left === 'number' && left > 0) out.set(key, now + left);
      });
      return out;
    },
  };
}

/** SET NX PX: the first claim of a slot wins until it expires (by the server clock). */
export function redisTickLock(r: RedisCtx): TickLock {
  return {
    async claimSlot(slot, owner, ttlMs) {
      const res = await r.call((c) => c.set(r.keys.tick(slot), owner, 'PX', ttl(ttlMs), 'NX'));
      return res === 'OK';
    },
    async ownerOf(slot) {
      return (await r.call((c) => c.get(r.keys.tick(slot)))) ?? undefined;
    },
    async releaseSlot(slot, owner) {
      return (await r.script('slotRelease', r.keys.tick(slot), owner)) === 1;
    },
  };
}

/**
 * Held events: a list per destination, plus a sorted set of destinations by release time and a hash
 * of their full Destination (parentId included). `hold` and `release` are one MULTI each; `due` is
 * one Lua call. Events appended between `due` and `release` would be released unseen, so callers run
 * both inside one tick (the tick lock makes that single-writer).
 */
export function redisHolds(r: RedisCtx): HoldStore {
  const k = r.keys;
  return {
    async hold(entries) {
      const live = entries.filter((e) => e.events.length > 0);
      if (live.length === 0) return;
      await r.transaction((p) => {
        for (const e of live) {
          const key = destinationKey(e.destination);
          p.rpush(k.hold(key), ...e.events.map((ev) => JSON.stringify(ev)));
          p.zadd(k.holdDue, e.releaseAt, key);
          p.hset(k.holdDest, key, JSON.stringify(plainDestination(e.destination)));
        }
      });
    },
    async due(now, limit) {
      if (limit <= 0) return [];
      const res = await r.script('holdsDue', k.holdDue, k.holdDest, k.base, now, Math.floor(limit));
      const out: Array<{ destination: Destination; events: AlertEvent[] }> = [];
      if (!Array.isArray(res)) return out;
      for (const row of res) {
        if (!Array.isArray(row)) continue;
        const [, destJson, events] = row as [unknown, unknown, unknown];
        const destination = parseDestination(parseJson(typeof destJson === 'string' ? destJson : undefined));
        if (!destination) continue;
        const list: AlertEvent[] = [];
        for (const ev of Array.isArray(events) ? events : []) {
          const v = parseJson(typeof ev === 'string' ? ev : undefined);
          if (v && typeof v === 'object') list.push(v as AlertEvent);
        }
        out.push({ destination, events: list });
      }
      return out;
    },
    async release(destinations) {
      const keys = [...new Set(destinations.map(destinationKey))];
      if (keys.length === 0) return;
      await r.transaction((p) => {
        for (const part of chunks(keys)) {
          p.unlink(...part.map((key) => k.hold(key)));
          p.zrem(k.holdDue, ...part);
          p.hdel(k.holdDest, ...part);
        }
      });
    },
  };
}

/** INCRBY + PEXPIRE per key in one Lua call; a counter lives two windows past its last increment. */
export function redisCounters(r: RedisCtx): RateCounterStore {
  const k = r.keys;
  return {
    async increment(keys, windowStart, windowMs, by = 1) {
      const out = new Map<string, number>();
      if (keys.length === 0) return out;
      const names = keys.map((key) => k.counter(windowStart, key));
      const res = await r.bulk('countersIncr', names, [], [Math.trunc(by), ttl(windowMs * 2)]);
      keys.forEach((key, i) => {
        out.set(key, Number(res[i]));
      });
      return out;
    },
    async get(keys, windowStart) {
      const out = new Map<string, number>(keys.map((key) => [key, 0]));
      const uniq = [...new Set(keys)];
      if (uniq.length === 0) return out;
      const values = await mgetMany(
        r,
        uniq.map((key) => k.counter(windowStart, key)),
      );
      uniq.forEach((key, i) => {
        const n = Number(values[i] ?? 0);
        out.set(key, Number.isFinite(n) ? n : 0);
      });
      return out;
    },
  };
}
