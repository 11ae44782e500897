import type { DailyBudgetStore, PollOffsetStore } from '../replica-ports.js';
import type { RedisCtx } from './client.js';

// KEYS[1] offset key. ARGV from, to. Moves only from the value the caller saw (unset reads as 0).
const ADVANCE_LUA = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

// KEYS[1] day hash. ARGV key, amount, cap, ttlMs. Returns {granted, total}.
const TAKE_LUA = `
local total = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local amount = tonumber(ARGV[2])
if total + amount > tonumber(ARGV[3]) then return {0, total} end
total = redis.call('HINCRBY', KEYS[1], ARGV[1], amount)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, total}
`;

// KEYS[1] day hash. ARGV key, amount. Never below 0.
const GIVE_BACK_LUA = `
local total = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if total <= 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], math.max(0, total - tonumber(ARGV[2])))
return 1
`;

/** A day's totals are kept 8 days (a week of history on /status). */
const DAY_TTL_MS = 8 * 86_400_000;

/** Offsets: one string per name (`P offset:<name>`), compare-and-set by a Lua script. */
export function redisPollOffsets(r: RedisCtx): PollOffsetStore {
  const key = (name: string) => `${r.keys.base}offset:${name}`;
  return {
    async get(name) {
      const v = await r.call((c) => c.get(key(name)));
      return v === null ? undefined : Number(v);
    },
    async advance(name, from, to) {
      if (!(to > from)) return false;
      const res = await r.call((c) => c.eval(ADVANCE_LUA, 1, key(name), Math.trunc(from), Math.trunc(to)));
      return res === 1;
    },
  };
}

/** Budgets: one hash per UTC day (`P budget:<day>`, field = key), checked and added by a Lua script. */
export function redisDailyBudgets(r: RedisCtx): DailyBudgetStore {
  const key = (day: string) => `${r.keys.base}budget:${day}`;
  return {
    async take(day, k, amount, cap) {
      const res = (await r.call((c) =>
        c.eval(TAKE_LUA, 1, key(day), k, Math.max(1, Math.trunc(amount)), Math.trunc(cap), DAY_TTL_MS),
      )) as [number, number];
      return { granted: res[0] === 1, total: Number(res[1]) };
    },
    async giveBack(day, k, amount) {
      await r.call((c) => c.eval(GIVE_BACK_LUA, 1, key(day), k, Math.max(0, Math.trunc(amount))));
    },
    async get(day, k) {
      return Number((await r.call((c) => c.hget(key(day), k))) ?? 0);
    },
  };
}
