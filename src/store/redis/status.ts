import { destinationKey } from '../../domain/types.js';
import type { DestinationStatus, DestinationStatusStore } from '../ports.js';
import { parseStatus } from '../shared.js';
import { chunks, type RedisCtx } from './client.js';

/** HMGET replies as strings, keeping positions (a missing field is null). */
function positional(v: unknown): Array<string | null> {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : null)) : [];
}

/**
 * Destination status: a field of the `status` hash exists only while the destination is inactive.
 * Deactivate/reactivate also move the destination's subscriptions out of / back into the `tsub`
 * hashes (Lua, atomically), which is why they take the destination's `dsub` key.
 */
export function redisDestinationStatus(r: RedisCtx): DestinationStatusStore {
  const k = r.keys;
  return {
    async deactivate(destination, reason, now) {
      const key = destinationKey(destination);
      const status: DestinationStatus = { active: false, reason, since: now, noticePending: true };
      await r.script('deactivate', k.dsub(key), k.status, k.base, key, JSON.stringify(status));
    },
    async reactivate(destination) {
      const key = destinationKey(destination);
      await r.script('reactivate', k.dsub(key), k.status, k.base, key);
    },
    async status(destinations) {
      const out = new Map<string, DestinationStatus>();
      const keys = [...new Set(destinations.map(destinationKey))];
      if (keys.length === 0) return out;
      const parts = chunks(keys);
      const res = await r.pipeline((p) => {
        for (const part of parts) p.hmget(k.status, ...part);
      });
      const values = res.flatMap((v) => positional(v));
      keys.forEach((key, i) => {
        const st = parseStatus(values[i]);
        if (st) out.set(key, st);
      });
      return out;
    },
    async clearNotice(destination) {
      await r.script('clearNotice', k.status, destinationKey(destination));
    },
  };
}
