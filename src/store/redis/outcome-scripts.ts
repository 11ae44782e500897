/**
 * Lua scripts of the outcome store (issues 12 and 18). They take no KEYS of their own (KEYS[1] only
 * routes the call to the namespace's slot on Redis Cluster) and derive every name from two bases:
 * ARGV[1] `base` (keys.ts: `out`, `outat`, `outtok:<token>`, `outopen:<token>`) and ARGV[2] `tb`, the
 * summaries of one SUMMARY_VERSION (outcomes.ts):
 * - `tb cx`                           hash eventId → the tally written with the record
 * - `tb sum:<scope>:d:<day>`          hash field → count: the summed tallies of one day
 * - `tb sum:<scope>:b:<day>`          the same for the block of BLOCK_DAYS days starting that day
 * - `tb cells:<scope>:d|b`            sorted set of the days / blocks that have sums
 * - `tb bin:<scope>:<kind>:<bin>`     sorted set of `eventId \0 move` by `at`: the decided outcomes of a bin
 * where scope is a token id or `*` (all tokens). A tally is the text of `encodeTally`
 * (src/engine/outcome-tally.ts): `tokenId at day block kind bin move field…`, split here on spaces;
 * the scripts only add, subtract and rank what it says, so what counts is decided in TypeScript alone.
 */

/** apply(tb, id, tally, sign): adds (1) or subtracts (-1) a tally to the sums of its token and of all tokens. */
const APPLY = `
local function words(s)
  local w = {}
  for x in string.gmatch(s, '%S+') do w[#w + 1] = x end
  return w
end
local function apply(tb, id, tally, sign)
  local w = words(tally)
  if #w < 7 then return end
  local at, kind, bin, move = w[2], w[5], w[6], w[7]
  for _, scope in ipairs({w[1], '*'}) do
    if #w > 7 then
      for _, cell in ipairs({{'d', w[3]}, {'b', w[4]}}) do
        local key = tb .. 'sum:' .. scope .. ':' .. cell[1] .. ':' .. cell[2]
        for i = 8, #w do
          if redis.call('HINCRBY', key, w[i], sign) == 0 then redis.call('HDEL', key, w[i]) end
        end
        local index = tb .. 'cells:' .. scope .. ':' .. cell[1]
        if sign > 0 then
          redis.call('ZADD', index, cell[2], cell[2])
        elseif redis.call('EXISTS', key) == 0 then
          redis.call('ZREM', index, cell[2])
        end
      end
    end
    if bin ~= '-' then
      local key = tb .. 'bin:' .. scope .. ':' .. kind .. ':' .. bin
      if sign > 0 then redis.call('ZADD', key, at, id .. '\\0' .. move)
      else redis.call('ZREM', key, id .. '\\0' .. move) end
    end
  end
end
`;

/**
 * ARGV: base, tb, nAdd, then 6 per record: id, tokenId, at, open (1/0), json, tally. The first nAdd
 * records are written only when the id is absent (HSETNX). A record written replaces its old tally in
 * the sums by its new one.
 */
export const OUTCOMES_SAVE = `${APPLY}
local base, tb = ARGV[1], ARGV[2]
local nAdd = tonumber(ARGV[3])
local n = 0
for i = 4, #ARGV, 6 do
  local id, tok, at, open, json, tally = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  local write = true
  if n < nAdd then
    write = redis.call('HSETNX', base .. 'out', id, json) == 1
  else
    redis.call('HSET', base .. 'out', id, json)
  end
  n = n + 1
  if write then
    local old = redis.call('HGET', tb .. 'cx', id)
    if old and old ~= tally then
      local was = string.match(old, '^(%S+)')
      if was and was ~= tok then
        redis.call('ZREM', base .. 'outtok:' .. was, id)
        redis.call('SREM', base .. 'outopen:' .. was, id)
      end
    end
    redis.call('ZADD', base .. 'outat', at, id)
    redis.call('ZADD', base .. 'outtok:' .. tok, at, id)
    if open == '1' then
      redis.call('SADD', base .. 'outopen:' .. tok, id)
    else
      redis.call('SREM', base .. 'outopen:' .. tok, id)
    end
    -- An open outcome stepped by a price keeps its tally: nothing to move in the sums.
    if old ~= tally then
      if old then apply(tb, id, old, -1) end
      apply(tb, id, tally, 1)
      redis.call('HSET', tb .. 'cx', id, tally)
    end
  end
end
return n
`;

/** Appends the values of these fields of `hash` to `out`, 5,000 per HMGET (Lua's unpack limit). */
const HMGET_ALL = `
local function hmgetAll(hash, ids, out)
  for k = 1, #ids, 5000 do
    local part = {}
    for j = k, math.min(k + 4999, #ids) do part[#part + 1] = ids[j] end
    local vals = redis.call('HMGET', hash, unpack(part))
    for j = 1, #vals do if vals[j] then out[#out + 1] = vals[j] end end
  end
end
`;

/** ARGV: base, tokenIds… Returns the JSON of every open outcome of those tokens. */
export const OUTCOMES_OPEN = `${HMGET_ALL}
local base = ARGV[1]
local out = {}
for i = 2, #ARGV do
  hmgetAll(base .. 'out', redis.call('SMEMBERS', base .. 'outopen:' .. ARGV[i]), out)
end
return out
`;

/** ARGV: base, since, tokenId ('' = all). Outcome JSON with at >= since, by at then id. */
export const OUTCOMES_SINCE = `${HMGET_ALL}
local base = ARGV[1]
local key = base .. 'outat'
if ARGV[3] ~= '' then key = base .. 'outtok:' .. ARGV[3] end
local out = {}
hmgetAll(base .. 'out', redis.call('ZRANGEBYSCORE', key, ARGV[2], '+inf'), out)
return out
`;

/**
 * ARGV: base, tb, scope, since, daysFrom, daysTo, blocksFrom, partialTo ('' = no partial day). What
 * /stats reads of a window (`windowCells`), in one atomic step, as { sums, requests, picks }:
 * - sums, a flat field, count list: the sums of the days in [daysFrom, daysTo) and of the blocks from
 *   blocksFrom on, plus the tallies of the records in [since, partialTo);
 * - requests, 5 per pick (kind, bin, order, rank, role): what `pickRequests` (outcome-stats.ts) asks
 *   for, computed the same way here: per kind with decided outcomes, the first of its lowest bin
 *   ascending (worst), the first of its highest bin descending (best), and the middle one or two;
 * - picks: for each request, the JSON of the rank-th outcome of the bin with at >= since by move, then
 *   at, then id (false: none).
 * Returns false (nil) while some record has no tally (written before summaries existed): the caller
 * summarises those first.
 */
export const OUTCOMES_WINDOW = `${APPLY}${HMGET_ALL}
local base, tb, scope, since = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('HLEN', tb .. 'cx') ~= redis.call('ZCARD', base .. 'outat') then return false end
local sums, order = {}, {}
local function add(f, n)
  local v = sums[f]
  if v == nil then
    order[#order + 1] = f
    sums[f] = n
  else
    sums[f] = v + n
  end
end
local function cells(level, from, to)
  for _, start in ipairs(redis.call('ZRANGEBYSCORE', tb .. 'cells:' .. scope .. ':' .. level, from, to)) do
    local kv = redis.call('HGETALL', tb .. 'sum:' .. scope .. ':' .. level .. ':' .. start)
    for i = 1, #kv, 2 do add(kv[i], tonumber(kv[i + 1])) end
  end
end
cells('d', ARGV[5], '(' .. ARGV[6])
cells('b', ARGV[7], '+inf')
if ARGV[8] ~= '' then
  local index = base .. 'outat'
  if scope ~= '*' then index = base .. 'outtok:' .. scope end
  local tallies = {}
  hmgetAll(tb .. 'cx', redis.call('ZRANGEBYSCORE', index, since, '(' .. ARGV[8]), tallies)
  for _, t in ipairs(tallies) do
    local w = words(t)
    for i = 8, #w do add(w[i], 1) end
  end
end
local flat, kinds, kindOrder = {}, {}, {}
for _, f in ipairs(order) do
  local n = sums[f]
  if n ~= 0 then
    flat[#flat + 1] = f
    flat[#flat + 1] = n
    local kind, bin = string.match(f, '^([^|]*)|b|(.+)$')
    if kind and n > 0 then
      local k = kinds[kind]
      if not k then
        k = { d = 0, bins = {} }
        kinds[kind] = k
        kindOrder[#kindOrder + 1] = kind
      end
      k.bins[#k.bins + 1] = { tonumber(bin), n }
      k.d = k.d + n
    end
  end
end
-- As pickRequests: the bin holding a rank, and the rank inside it.
local function locate(bins, rank)
  local below = 0
  for _, b in ipairs(bins) do
    if rank < below + b[2] then return b[1], rank - below end
    below = below + b[2]
  end
end
local requests = {}
local function ask(kind, bin, dir, rank, role)
  if bin then
    for _, v in ipairs({ kind, bin, dir, rank, role }) do requests[#requests + 1] = v end
  end
end
for _, kind in ipairs(kindOrder) do
  local k = kinds[kind]
  table.sort(k.bins, function(a, b) return a[1] < b[1] end)
  ask(kind, k.bins[1][1], 'asc', 0, 'worst')
  ask(kind, k.bins[#k.bins][1], 'desc', 0, 'best')
  local lowBin, lowRank = locate(k.bins, math.floor((k.d - 1) / 2))
  ask(kind, lowBin, 'asc', lowRank, 'low')
  if k.d % 2 == 0 then
    local highBin, highRank = locate(k.bins, math.floor(k.d / 2))
    ask(kind, highBin, 'asc', highRank, 'high')
  end
end
local picks = {}
for r = 1, #requests, 5 do
  local key = tb .. 'bin:' .. scope .. ':' .. requests[r] .. ':' .. requests[r + 1]
  -- By at, then member bytes: 'id\\0move' orders as the id does, so list position is the tie order.
  local members = redis.call('ZRANGEBYSCORE', key, since, '+inf')
  local list = {}
  for i, m in ipairs(members) do
    local z = string.find(m, '\\0', 1, true)
    list[i] = { tonumber(string.sub(m, z + 1)), i, string.sub(m, 1, z - 1) }
  end
  local desc = requests[r + 2] == 'desc'
  table.sort(list, function(a, b)
    if a[1] ~= b[1] then
      if desc then return a[1] > b[1] end
      return a[1] < b[1]
    end
    return a[2] < b[2]
  end)
  local e = list[requests[r + 3] + 1]
  picks[#picks + 1] = (e and redis.call('HGET', base .. 'out', e[3])) or false
end
return { flat, requests, picks }
`;

/** ARGV: base, tb, before, limit. Deletes up to limit outcomes with at < before, their index entries and tallies. */
export const OUTCOMES_PRUNE = `${APPLY}
local base, tb = ARGV[1], ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', base .. 'outat', '-inf', '(' .. ARGV[3], 'LIMIT', 0, tonumber(ARGV[4]))
for _, id in ipairs(ids) do
  local json = redis.call('HGET', base .. 'out', id)
  if json then
    local ok, o = pcall(cjson.decode, json)
    if ok and type(o) == 'table' and o.tokenId then
      redis.call('ZREM', base .. 'outtok:' .. o.tokenId, id)
      redis.call('SREM', base .. 'outopen:' .. o.tokenId, id)
    end
  end
  local tally = redis.call('HGET', tb .. 'cx', id)
  if tally then
    apply(tb, id, tally, -1)
    redis.call('HDEL', tb .. 'cx', id)
  end
  redis.call('HDEL', base .. 'out', id)
  redis.call('ZREM', base .. 'outat', id)
end
return #ids
`;

/**
 * Summarising records written without a tally (an upgrade, or a replica of an older version).
 * ARGV: base, tb, limit. First drops the tallies of records that are gone; then returns up to limit
 * `id, json` pairs of records that have no tally (json '' when the record is missing).
 */
export const OUTCOMES_UNTALLIED = `${APPLY}
local base, tb, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
for _, id in ipairs(redis.call('HKEYS', tb .. 'cx')) do
  if not redis.call('ZSCORE', base .. 'outat', id) then
    apply(tb, id, redis.call('HGET', tb .. 'cx', id), -1)
    redis.call('HDEL', tb .. 'cx', id)
  end
end
local out = {}
for _, id in ipairs(redis.call('ZRANGE', base .. 'outat', 0, -1)) do
  if redis.call('HEXISTS', tb .. 'cx', id) == 0 then
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGET', base .. 'out', id) or ''
    if #out >= 2 * limit then break end
  end
end
return out
`;

/**
 * ARGV: base, tb, then 3 per record: id, json, tally. Adds each tally unless the record changed since
 * its JSON was read, is gone, or has a tally by now (another replica, or a save, was first).
 */
export const OUTCOMES_TALLY = `${APPLY}
local base, tb = ARGV[1], ARGV[2]
local n = 0
for i = 3, #ARGV, 3 do
  local id, json, tally = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('HEXISTS', tb .. 'cx', id) == 0 and redis.call('ZSCORE', base .. 'outat', id)
    and (redis.call('HGET', base .. 'out', id) or '') == json then
    apply(tb, id, tally, 1)
    redis.call('HSET', tb .. 'cx', id, tally)
    n = n + 1
  end
end
return n
`;
