import { destinationKey } from '../../domain/types.js';
import { StoreError } from '../shared.js';
import type { Webhook, WebhookStore } from '../webhook-ports.js';
import { byAge, newWebhookId, parseWebhook, webhookJson } from '../webhook-shared.js';
import type { RedisCtx } from './client.js';

/*
 * Layout (P = the store's `…v1:` base):
 * - `P wh:d:<destKey>` hash webhook id → webhook JSON (a destination's webhooks)
 * - `P wh:ids`         hash webhook id → destKey (get by id, and id uniqueness)
 * - `P wh:dests`       set of destKeys with at least one webhook: the delivery fan-out asks it first
 *   (one SMISMEMBER), so destinations without webhooks cost no read of their own
 */

// KEYS: wh:d:<destKey>, wh:ids, wh:dests. ARGV: id, json, max, destKey. → {1} added, {0, n} limit, {2} id taken.
const ADD = `
local n = redis.call('HLEN', KEYS[1])
if n >= tonumber(ARGV[3]) then return {0, n} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[4]) == 0 then return {2} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
return {1}
`;
// KEYS: wh:d:<destKey>, wh:ids, wh:dests. ARGV: id, destKey. → 1 removed, 0 not this destination's.
const REMOVE = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
return 1
`;
// KEYS: wh:ids. ARGV: id, base. → JSON or false (the destination hash is derived from the stored key).
const GET = `
local dest = redis.call('HGET', KEYS[1], ARGV[1])
if not dest then return false end
return redis.call('HGET', ARGV[2] .. 'wh:d:' .. dest, ARGV[1])
`;

export function redisWebhooks(r: RedisCtx): WebhookStore {
  const base = r.keys.base;
  const dKey = (destKey: string) => `${base}wh:d:${destKey}`;
  const ids = `${base}wh:ids`;
  const dests = `${base}wh:dests`;
  const fromHash = (h: Record<string, string>) =>
    Object.entries(h)
      .flatMap(([id, json]) => {
        const w = parseWebhook(id, json);
        return w ? [w] : [];
      })
      .sort(byAge);
  return {
    async add(spec, max) {
      const destKey = destinationKey(spec.destination);
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = newWebhookId();
        const res = (await r.call((c) =>
          c.eval(ADD, 3, dKey(destKey), ids, dests, id, webhookJson(spec), max, destKey),
        )) as number[];
        if (res[0] === 0) return { ok: false, reason: 'limit', count: Number(res[1] ?? max) };
        if (res[0] === 1) return { ok: true, webhook: { id, ...spec } };
      }
      throw new StoreError('could not pick a free webhook id', true);
    },
    async list(destination) {
      return fromHash(await r.call((c) => c.hgetall(dKey(destinationKey(destination)))));
    },
    async get(id) {
      const json = (await r.call((c) => c.eval(GET, 1, ids, id, base))) as string | null;
      return json ? parseWebhook(id, json) : undefined;
    },
    async remove(destination, id) {
      const key = destinationKey(destination);
      const res = await r.call((c) => c.eval(REMOVE, 3, dKey(key), ids, dests, id, key));
      return res === 1;
    },
    async count() {
      return await r.call((c) => c.hlen(ids));
    },
    async byDestinations(destKeys) {
      const out = new Map<string, Webhook[]>();
      const all = [...new Set(destKeys)];
      if (all.length === 0) return out;
      const member = (await r.call((c) => c.smismember(dests, ...all))) as number[];
      const keys = all.filter((_, i) => member[i] === 1);
      if (keys.length === 0) return out;
      const res = (await r.pipeline((p) => {
        for (const k of keys) p.hgetall(dKey(k));
      })) as Array<Record<string, string>>;
      keys.forEach((k, i) => {
        const list = fromHash(res[i] ?? {});
        if (list.length > 0) out.set(k, list);
      });
      return out;
    },
  };
}
