import type { PriceAlert } from '../../domain/price-alerts.js';
import { destinationKey, type TokenId } from '../../domain/types.js';
import { HISTORY, type PriceAlertStore, type PriceHistoryStore, type PriceSample } from '../price-ports.js';
import { alertJson, buckets, compareAlerts, mergeSeries, newAlertId, parseAlert } from '../price-shared.js';
import { StoreError } from '../shared.js';
import type { RedisCtx } from './client.js';

/**
 * Issue 11 keys (P = `${keyPrefix}v1:`, see keys.ts):
 * - `P ph:m:<tokenId>` / `P ph:h:<tokenId>`: sorted sets of minute / hour buckets, score = bucket
 *   start, member `<t>:<price>` (one member per bucket).
 * - `P pa:d:<destKey>` / `P pa:t:<tokenId>`: hashes id → alert JSON, plus `~<id>` → lastFiredAt.
 * - `P pa:ids`: hash id → `<repeat>|<tokenId>|<destKey>`; `P pa:tokens`: set of tokens with alerts;
 *   `P pa:rev`: revision counter.
 * Scripts run with EVAL (small, rare) and derive keys from P like scripts.ts does.
 */
const phKey = (base: string, res: 'm' | 'h', id: TokenId) => `${base}ph:${res}:${id}`;

/** KEYS: pairs (minuteKey, hourKey) per sample; ARGV: minute, hour, price per sample, then the two retentions. */
const RECORD = `
local n = #KEYS / 2
local keepM = tonumber(ARGV[#ARGV - 1])
local keepH = tonumber(ARGV[#ARGV])
for i = 1, n do
  local mk, hk = KEYS[2 * i - 1], KEYS[2 * i]
  local m, h, p = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
  redis.call('ZREMRANGEBYSCORE', mk, m, m)
  redis.call('ZADD', mk, m, m .. ':' .. p)
  redis.call('ZREMRANGEBYSCORE', hk, h, h)
  redis.call('ZADD', hk, h, h .. ':' .. p)
end
for i = 1, #KEYS do
  local top = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
  if top[2] then
    local keep = (i % 2 == 1) and keepM or keepH
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. (tonumber(top[2]) - keep))
  end
end
return 1`;

/** KEYS[1] hour key; ARGV: keep, then hour, price pairs. Adds buckets that are empty, inside the retention. */
const SEED = `
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local newest = tonumber(top[2] or ARGV[2])
if not top[2] then
  for i = 2, #ARGV, 2 do newest = math.max(newest, tonumber(ARGV[i])) end
end
local low = newest - tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  local h = ARGV[i]
  if tonumber(h) >= low and redis.call('ZCOUNT', KEYS[1], h, h) == 0 then
    redis.call('ZADD', KEYS[1], h, h .. ':' .. ARGV[i + 1])
  end
end
return 1`;

function parseMembers(members: unknown): PriceSample[] {
  if (!Array.isArray(members)) return [];
  const out: PriceSample[] = [];
  for (const m of members) {
    if (typeof m !== 'string') continue;
    const i = m.indexOf(':');
    const t = Number(m.slice(0, i));
    const price = Number(m.slice(i + 1));
    if (Number.isFinite(t) && price > 0) out.push({ t, price });
  }
  return out;
}

export function redisPriceHistory(r: RedisCtx): PriceHistoryStore {
  const base = r.keys.base;
  return {
    async record(samples) {
      const keys: string[] = [];
      const args: Array<string | number> = [];
      for (const s of samples) {
        const b = buckets(s);
        if (!b) continue;
        keys.push(phKey(base, 'm', s.tokenId), phKey(base, 'h', s.tokenId));
        args.push(b.minute, b.hour, String(s.price));
      }
      if (keys.length === 0) return;
      args.push(HISTORY.minuteKeepMs, HISTORY.hourKeepMs);
      await r.call((c) => c.eval(RECORD, keys.length, ...keys, ...args));
    },
    async seedHourly(entries) {
      const calls: Array<{ key: string; args: Array<string | number> }> = [];
      for (const { tokenId, points } of entries) {
        const args: Array<string | number> = [HISTORY.hourKeepMs];
        for (const p of points) {
          const b = buckets(p);
          if (b) args.push(b.hour, String(p.price));
        }
        if (args.length > 1) calls.push({ key: phKey(base, 'h', tokenId), args });
      }
      if (calls.length === 0) return;
      // One pipeline: every token's seed script in one round trip.
      await r.pipeline((p) => {
        for (const c of calls) p.eval(SEED, 1, c.key, ...c.args);
      });
    },
    async range(tokenId, from, to) {
      const [hours, minutes] = await r.pipeline((p) => {
        p.zrangebyscore(phKey(base, 'h', tokenId), from, to);
        p.zrangebyscore(phKey(base, 'm', tokenId), from, to);
      });
      return mergeSeries(parseMembers(hours), parseMembers(minutes));
    },
    async rangeMany(tokenIds, from, to) {
      const ids = [...new Set(tokenIds)];
      const out = new Map<TokenId, PriceSample[]>();
      if (ids.length === 0) return out;
      const res = await r.pipeline((p) => {
        for (const id of ids) {
          p.zrangebyscore(phKey(base, 'h', id), from, to);
          p.zrangebyscore(phKey(base, 'm', id), from, to);
        }
      });
      for (const [i, id] of ids.entries()) {
        out.set(id, mergeSeries(parseMembers(res[2 * i]), parseMembers(res[2 * i + 1])));
      }
      return out;
    },
  };
}

/** KEYS: d, t, ids, tokens, rev. ARGV: id, json, max, meta, tokenId. Returns {1} | {0, count} | {-1} (id clash). */
const ADD = `
local n = redis.call('HLEN', KEYS[1])
local count = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(f, 1, 1) ~= '~' then count = count + 1 end
end
if count >= tonumber(ARGV[3]) then return {0, count} end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return {-1} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[5])
redis.call('INCR', KEYS[5])
return {1}`;

/** Shared by REMOVE and FIRED: deletes alert `id` whose meta is `meta`. */
const DELETE_FN = `
local function drop(base, id, meta)
  local sep1 = string.find(meta, '|', 1, true)
  local sep2 = string.find(meta, '|', sep1 + 1, true)
  local tok = string.sub(meta, sep1 + 1, sep2 - 1)
  local dest = string.sub(meta, sep2 + 1)
  redis.call('HDEL', base .. 'pa:d:' .. dest, id, '~' .. id)
  redis.call('HDEL', base .. 'pa:t:' .. tok, id, '~' .. id)
  redis.call('HDEL', base .. 'pa:ids', id)
  if redis.call('HLEN', base .. 'pa:t:' .. tok) == 0 then redis.call('SREM', base .. 'pa:tokens', tok) end
end`;

/** ARGV: base, id, destKey. */
const REMOVE = `${DELETE_FN}
local base = ARGV[1]
local meta = redis.call('HGET', base .. 'pa:ids', ARGV[2])
if not meta then return 0 end
local sep1 = string.find(meta, '|', 1, true)
local sep2 = string.find(meta, '|', sep1 + 1, true)
if string.sub(meta, sep2 + 1) ~= ARGV[3] then return 0 end
drop(base, ARGV[2], meta)
redis.call('INCR', base .. 'pa:rev')
return 1`;

/** ARGV: base, at, ids... Returns the ids that existed. */
const FIRED = `${DELETE_FN}
local base = ARGV[1]
local out = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  local meta = redis.call('HGET', base .. 'pa:ids', id)
  if meta then
    table.insert(out, id)
    if string.sub(meta, 1, 6) == 'every|' then
      local sep1 = string.find(meta, '|', 1, true)
      local sep2 = string.find(meta, '|', sep1 + 1, true)
      redis.call('HSET', base .. 'pa:t:' .. string.sub(meta, sep1 + 1, sep2 - 1), '~' .. id, ARGV[2])
      redis.call('HSET', base .. 'pa:d:' .. string.sub(meta, sep2 + 1), '~' .. id, ARGV[2])
    else
      drop(base, id, meta)
    end
  end
end
if #out > 0 then redis.call('INCR', base .. 'pa:rev') end
return out`;

/** A hash of alerts (id → JSON, `~id` → lastFiredAt) as alerts. */
function fromHash(h: unknown): PriceAlert[] {
  if (typeof h !== 'object' || h === null) return [];
  const rec = h as Record<string, string>;
  const out: PriceAlert[] = [];
  for (const [id, json] of Object.entries(rec)) {
    if (id.startsWith('~')) continue;
    const last = rec[`~${id}`];
    const a = parseAlert(id, json, last === undefined ? undefined : Number(last));
    if (a) out.push(a);
  }
  return out.sort(compareAlerts);
}

export function redisPriceAlerts(r: RedisCtx): PriceAlertStore {
  const base = r.keys.base;
  const dKey = (destKey: string) => `${base}pa:d:${destKey}`;
  const tKey = (id: TokenId) => `${base}pa:t:${id}`;
  return {
    async add(spec, max) {
      const destKey = destinationKey(spec.destination);
      const json = alertJson(spec);
      const meta = `${spec.repeat}|${spec.tokenId}|${destKey}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = newAlertId();
        const res = (await r.call((c) =>
          c.eval(
            ADD,
            5,
            dKey(destKey),
            tKey(spec.tokenId),
            `${base}pa:ids`,
            `${base}pa:tokens`,
            `${base}pa:rev`,
            id,
            json,
            max,
            meta,
            spec.tokenId,
          ),
        )) as number[];
        if (res[0] === 0) return { ok: false, reason: 'limit', count: Number(res[1] ?? max) };
        if (res[0] === 1) {
          const alert = parseAlert(id, json);
          if (!alert) throw new StoreError('price alert did not round-trip', false);
          return { ok: true, alert };
        }
      }
      throw new StoreError('could not pick a free price alert id', true);
    },
    async list(destination) {
      return fromHash(await r.call((c) => c.hgetall(dKey(destinationKey(destination)))));
    },
    async remove(destination, id) {
      const res = await r.call((c) => c.eval(REMOVE, 1, `${base}pa`, base, id, destinationKey(destination)));
      return res === 1;
    },
    async byTokens(tokenIds) {
      const out = new Map<TokenId, PriceAlert[]>();
      const ids = [...new Set(tokenIds)];
      if (ids.length === 0) return out;
      const res = await r.pipeline((p) => {
        for (const id of ids) p.hgetall(tKey(id));
      });
      ids.forEach((id, i) => {
        const list = fromHash(res[i]);
        if (list.length > 0) out.set(id, list);
      });
      return out;
    },
    async tokens() {
      const members = await r.call((c) => c.smembers(`${base}pa:tokens`));
      return members
        .map(Number)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
    },
    async fired(ids, at) {
      if (ids.length === 0) return new Set();
      const res = await r.call((c) => c.eval(FIRED, 1, `${base}pa`, base, at, ...new Set(ids)));
      return new Set(Array.isArray(res) ? res.map(String) : []);
    },
    async revision() {
      return Number((await r.call((c) => c.get(`${base}pa:rev`))) ?? 0);
    },
  };
}
