import { ALERT_TYPES } from '../../domain/types.js';

/**
 * Lua scripts for the Redis store: each keeps several keys consistent in one atomic round trip.
 * Scripts derive some key names from the prefix (ARGV base), so the store needs a single Redis
 * server (not Cluster). Key names follow keys.ts.
 *
 * Subscription JSON is always written by the store with a fixed field order:
 *   {"tokenId":N,"symbol":S,"types":[..],"createdAt":N,"destination":{..}}
 * Inside JSON strings every `"` is escaped, so `,"types":[` and `,"destination":` can only be the field
 * separators. Scripts splice types/destination by position instead of re-encoding with cjson, which
 * keeps every other byte (and number precision) exactly as JS wrote it.
 */
const PRELUDE = `
local ORDER = {${ALERT_TYPES.map((t) => `'${t}'`).join(',')}}
local function split(json)
  if type(json) ~= 'string' then return nil end
  local i = string.find(json, ',"types":[', 1, true)
  if not i then return nil end
  local j = string.find(json, '],"createdAt":', i, true)
  if not j then return nil end
  local k = string.find(json, ',"destination":', j, true)
  if not k then return nil end
  return { head = string.sub(json, 1, i + 9), types = string.sub(json, i + 10, j - 1),
    created = string.sub(json, j + 14, k - 1), dest = string.sub(json, k + 15, -2) }
end
local function typeset(p, set)
  set = set or {}
  for t in string.gmatch(p.types, '"([%w_]+)"') do set[t] = true end
  return set
end
local function canon(set)
  local out = {}
  for _, t in ipairs(ORDER) do if set[t] then out[#out + 1] = '"' .. t .. '"' end end
  return out
end
local function join(p, types, created, dest)
  return p.head .. table.concat(types, ',') .. '],"createdAt":' .. created .. ',"destination":' .. dest .. '}'
end
local function psubkey(base, destJson)
  local ok, d = pcall(cjson.decode, destJson)
  if ok and type(d) == 'table' and type(d.parentId) == 'string' and type(d.platform) == 'string' then
    return base .. 'psub:' .. d.platform .. ':' .. d.parentId
  end
  return nil
end
local function unwatch(base, tok)
  if redis.call('HLEN', base .. 'tsub:' .. tok) == 0 then redis.call('SREM', base .. 'watched', tok) end
end
`;

/**
 * KEYS: dsub, status. ARGV: base, destKey, tokenId, newJson (types = requested, createdAt = now), psubKey|''.
 * Merges types with the stored subscription (keeps its createdAt). Returns the stored JSON.
 */
export const SUBSCRIBE = `${PRELUDE}
local base, destKey, tok, json, psub = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local old = split(redis.call('HGET', KEYS[1], tok))
if old then
  local p = split(json)
  json = join(p, canon(typeset(old, typeset(p))), old.created, p.dest)
  local oldPsub = psubkey(base, old.dest)
  if oldPsub and oldPsub ~= psub then redis.call('HDEL', oldPsub, destKey .. '#' .. tok) end
end
redis.call('HSET', KEYS[1], tok, json)
if psub ~= '' then redis.call('HSET', psub, destKey .. '#' .. tok, json) end
if redis.call('HEXISTS', KEYS[2], destKey) == 0 then
  redis.call('HSET', base .. 'tsub:' .. tok, destKey, json)
  redis.call('SADD', base .. 'watched', tok)
end
return json
`;

/**
 * KEYS: dsub. ARGV: base, destKey, tokenId, [type...]. No types: remove the subscription.
 * Returns 1 if something changed.
 */
export const UNSUBSCRIBE = `${PRELUDE}
local base, destKey, tok = ARGV[1], ARGV[2], ARGV[3]
local raw = redis.call('HGET', KEYS[1], tok)
if not raw then return 0 end
local old = split(raw)
local tsub = base .. 'tsub:' .. tok
local field = destKey .. '#' .. tok
local psub = old and psubkey(base, old.dest)
if old and #ARGV > 3 then
  local set = typeset(old)
  local changed = false
  for i = 4, #ARGV do
    if set[ARGV[i]] then set[ARGV[i]] = nil; changed = true end
  end
  if not changed then return 0 end
  local left = canon(set)
  if #left > 0 then
    local json = join(old, left, old.created, old.dest)
    redis.call('HSET', KEYS[1], tok, json)
    if psub then redis.call('HSET', psub, field, json) end
    if redis.call('HEXISTS', tsub, destKey) == 1 then redis.call('HSET', tsub, destKey, json) end
    return 1
  end
end
redis.call('HDEL', KEYS[1], tok)
if psub then redis.call('HDEL', psub, field) end
redis.call('HDEL', tsub, destKey)
unwatch(base, tok)
return 1
`;

/** KEYS: dsub, status. ARGV: base, destKey, statusJson. Takes the destination's subscriptions out of tsub. */
export const DEACTIVATE = `${PRELUDE}
local base, destKey = ARGV[1], ARGV[2]
if redis.call('HEXISTS', KEYS[2], destKey) == 0 then
  for _, tok in ipairs(redis.call('HKEYS', KEYS[1])) do
    redis.call('HDEL', base .. 'tsub:' .. tok, destKey)
    unwatch(base, tok)
  end
end
redis.call('HSET', KEYS[2], destKey, ARGV[3])
return 1
`;

/** KEYS: dsub, status. ARGV: base, destKey. Puts the subscriptions back into tsub. */
export const REACTIVATE = `
local base, destKey = ARGV[1], ARGV[2]
if redis.call('HDEL', KEYS[2], destKey) == 1 then
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    redis.call('HSET', base .. 'tsub:' .. all[i], destKey, all[i + 1])
    redis.call('SADD', base .. 'watched', all[i])
  end
end
return 1
`;

/** KEYS: status. ARGV: destKey. */
export const CLEAR_NOTICE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local ok, st = pcall(cjson.decode, raw)
if not ok or type(st) ~= 'table' then return 0 end
st.noticePending = false
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(st))
return 1
`;

/** Shallow JSON object merge in Lua; `null` in the patch clears a field. Used by settings and rekey. */
const MERGE = `
local function decodeObj(raw)
  if not raw then return nil end
  local ok, v = pcall(cjson.decode, raw)
  if ok and type(v) == 'table' then return v end
  return nil
end
local function merge(base, patch)
  for k, v in pairs(patch) do
    if v == cjson.null then base[k] = nil else base[k] = v end
  end
  return base
end
`;

/** KEYS: settings key. ARGV: patch JSON. Returns the stored JSON. */
export const UPDATE_SETTINGS = `${MERGE}
local patch = decodeObj(ARGV[1]) or {}
local cur = decodeObj(redis.call('GET', KEYS[1])) or {}
local json = cjson.encode(merge(cur, patch))
redis.call('SET', KEYS[1], json)
return json
`;

/**
 * KEYS: dsubFrom, dsubTo, status. ARGV: base, fromKey, toKey, toDestJson, toPsub|'', then settings key
 * pairs (from, to). Moves subscriptions (types merged into any the target has), status and settings.
 */
export const REKEY = `${PRELUDE}${MERGE}
local base, fromKey, toKey, toDest, toPsub = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local st = redis.call('HGET', KEYS[3], fromKey)
local toInactive = redis.call('HEXISTS', KEYS[3], toKey) == 1
if st then
  redis.call('HDEL', KEYS[3], fromKey)
  if not toInactive then
    for _, tok in ipairs(redis.call('HKEYS', KEYS[2])) do
      redis.call('HDEL', base .. 'tsub:' .. tok, toKey)
      unwatch(base, tok)
    end
    redis.call('HSET', KEYS[3], toKey, st)
    toInactive = true
  end
end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local tok, p = all[i], split(all[i + 1])
  local tsub = base .. 'tsub:' .. tok
  redis.call('HDEL', tsub, fromKey)
  if p then
    local oldPsub = psubkey(base, p.dest)
    if oldPsub then redis.call('HDEL', oldPsub, fromKey .. '#' .. tok) end
    local e = split(redis.call('HGET', KEYS[2], tok))
    local json
    if e then json = join(e, canon(typeset(e, typeset(p))), e.created, toDest)
    else json = join(p, canon(typeset(p)), p.created, toDest) end
    redis.call('HSET', KEYS[2], tok, json)
    if toPsub ~= '' then redis.call('HSET', toPsub, toKey .. '#' .. tok, json) end
    if not toInactive then
      redis.call('HSET', tsub, toKey, json)
      redis.call('SADD', base .. 'watched', tok)
    end
  end
  unwatch(base, tok)
end
redis.call('DEL', KEYS[1])
for i = 6, #ARGV, 2 do
  local a = decodeObj(redis.call('GET', ARGV[i]))
  if a then
    local b = decodeObj(redis.call('GET', ARGV[i + 1]))
    redis.call('SET', ARGV[i + 1], cjson.encode(b and merge(a, b) or a))
  end
  redis.call('DEL', ARGV[i])
end
return 1
`;

/**
 * KEYS: holdDue, holdDest. ARGV: base, now, limit. Returns {destKey, destJson, {event...}} per due
 * destination, ordered by releaseAt then key.
 */
export const HOLDS_DUE = `
local out = {}
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, k in ipairs(keys) do
  local dest = redis.call('HGET', KEYS[2], k) or ''
  out[#out + 1] = { k, dest, redis.call('LRANGE', ARGV[1] .. 'hold:' .. k, 0, -1) }
end
return out
`;

/*
 * Bulk scripts take a variable number of keys (the key count is the first argument). One script call
 * costs the client one command instead of thousands of pipelined ones (~5x less client CPU at 5,000 keys).
 */

/**
 * KEYS[1]: the live set. ARGV[1]: the stored JSON's opening up to the holder (`{"holder":"<id>",`).
 * Deletes the set only when that holder wrote it (the store writes the holder first).
 */
export const LIVE_RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS[1]: a tick-lock slot. ARGV[1]: its owner. Deletes the slot only while that owner holds it. */
export const SLOT_RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS: mark keys. ARGV: ttl ms per key. */
export const MARKS_SET = `
for i = 1, #KEYS do redis.call('SET', KEYS[i], '1', 'PX', ARGV[i]) end
return #KEYS
`;

/** KEYS: counter keys. ARGV: by, ttl ms. Returns the new totals. */
export const COUNTERS_INCR = `
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('INCRBY', KEYS[i], ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return out
`;
