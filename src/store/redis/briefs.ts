import { destinationKey } from '../../domain/types.js';
import type { BriefStore } from '../ports.js';
import { parseBrief, plainDestination } from '../shared.js';
import type { RedisCtx } from './client.js';

/** Daily briefs: one hash, field = destination key, value = `{destination, schedule}` JSON. */
export function redisBriefs(r: RedisCtx): BriefStore {
  const key = `${r.keys.base}briefs`;
  return {
    async set(destination, schedule) {
      const record = { destination: plainDestination(destination), schedule };
      await r.call((c) => c.hset(key, destinationKey(destination), JSON.stringify(record)));
    },
    async clear(destination) {
      return (await r.call((c) => c.hdel(key, destinationKey(destination)))) > 0;
    },
    async get(destination) {
      return parseBrief(await r.call((c) => c.hget(key, destinationKey(destination))))?.schedule;
    },
    async all() {
      const out = [];
      for (const v of await r.call((c) => c.hvals(key))) {
        const b = parseBrief(v);
        if (b) out.push(b);
      }
      return out;
    },
  };
}
