import { destinationKey } from '../../domain/types.js';
import { ALERT_LOG_RETENTION_MS, type AlertLogStore } from '../alert-log-ports.js';
import { parseLogged } from '../alert-log-shared.js';
import type { RedisCtx } from './client.js';

/*
 * Layout (P = the store's `…v1:` base): `P al:h:<destKey>` hash eventId → entry JSON, `P al:z:<destKey>`
 * sorted set eventId by delivery time.
 */

// KEYS: hash, zset. ARGV: cutoff, then (eventId, at, json) triples. Keeps entries already there.
const RECORD = `
for i = 2, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 2]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i])
  end
end
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
end
return 1
`;
// KEYS: hash, zset. ARGV: since, limit. → entry JSON list, oldest first.
const LIST = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(ids))
`;

export function redisAlertLog(r: RedisCtx): AlertLogStore {
  const base = r.keys.base;
  const keys = (destKey: string) => [`${base}al:h:${destKey}`, `${base}al:z:${destKey}`] as const;
  return {
    async record(destination, alerts, now) {
      const [h, z] = keys(destinationKey(destination));
      const args = alerts.flatMap((a) => [a.eventId, a.at, JSON.stringify(a)]);
      // unpack() in HDEL is bounded by Lua's stack: record batches are one message's events.
      await r.call((c) => c.eval(RECORD, 2, h, z, now - ALERT_LOG_RETENTION_MS, ...args));
    },
    async list(destination, since, limit) {
      const [h, z] = keys(destinationKey(destination));
      const rows = (await r.call((c) => c.eval(LIST, 2, h, z, since, limit))) as Array<string | null>;
      return rows.flatMap((json) => {
        const a = json ? parseLogged(json) : undefined;
        return a ? [a] : [];
      });
    },
  };
}
