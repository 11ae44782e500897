import type { Redis } from 'ioredis';
import type { Platform } from '../../domain/types.js';
import type { RateLimit } from '../ports.js';
import type { PaidLane } from './paid.js';

// KEYS[1] sorted set: member per send, scored with its end (in flight: the time its lease runs out).
// ARGV now, windowMs, max, member, inFlightUntil. Returns 0 when a slot was taken, else ms to wait.
const CLAIM_LUA = `
local now = tonumber(ARGV[1]); local win = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[5], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.floor(tonumber(ARGV[5]) - now + win))
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.min(50, math.floor(tonumber(oldest[2]) + win - now)))
`;

// KEYS[1] the same set. ARGV member, end time. Only a member still there (not pruned) is updated.
const END_LUA = `return redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])`;

export type SlotDecision =
  | { readonly kind: 'free' | 'paid'; end(): Promise<void> }
  | { readonly kind: 'wait'; readonly ms: number };

/**
 * Free and paid slots shared by every replica when paid sending is configured for a platform (BullMQ's
 * own limiter knows one rate only), as the platform sees them: a send may start while fewer than the
 * limit are in flight or finished within the last second (the SQLite outbox's SendWindow, kept in a Redis
 * sorted set). Requests that a busy replica releases late therefore never reach the platform bunched.
 * Free: 1.15 × the free budget (Telegram: 28 of 30 per second). Paid: 99 % of the paid ceiling (the count is exact, so the margin only covers clock skew). A send
 * takes a free slot when one is left; else a paid one while the lane wants it (backlog long enough,
 * budget left); else it waits.
 */
export function redisSlots(o: {
  readonly redis: Redis;
  readonly prefix: string;
  readonly platform: Platform;
  readonly free: RateLimit;
  readonly lane: PaidLane;
  /** Messages waiting or delayed for the platform (the queue's counts). */
  readonly backlog: () => Promise<number>;
  /** How long a send may stay in flight before its slot counts as ended (the send timeout + 1 s). */
  readonly inFlightMs: number;
}): (now: number) => Promise<SlotDecision> {
  let cached = { at: Number.NEGATIVE_INFINITY, n: 0 };
  let seq = 0;
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const freeMax = Math.max(1, Math.floor(((o.free.max * 1000) / o.free.durationMs) * 1.15));
  const paidMax = Math.floor(o.lane.ceiling * 0.99);
  const claim = async (kind: 'free' | 'paid', max: number, now: number) => {
    const key = `${o.prefix}:${kind}:${o.platform}`;
    const member = `${tag}-${seq++}`;
    const wait = Number(await o.redis.eval(CLAIM_LUA, 1, key, now, 1000, max, member, now + o.inFlightMs));
    const end = async () => {
      await o.redis.eval(END_LUA, 1, key, member, Date.now());
    };
    return { ok: wait === 0, nextMs: wait, end };
  };
  // The free window was full until then (as this replica last saw it): don't ask again before, one round
  // trip less per paid send.
  let freeFullUntil = Number.NEGATIVE_INFINITY;
  return async (now) => {
    const free =
      now >= freeFullUntil ? await claim('free', freeMax, now) : { ok: false, nextMs: freeFullUntil - now };
    if (free.ok && 'end' in free) return { kind: 'free', end: free.end };
    freeFullUntil = now + free.nextMs;
    if (now - cached.at >= 500) cached = { at: now, n: await o.backlog() };
    if (!o.lane.wanted(cached.n, o.free)) return { kind: 'wait', ms: free.nextMs };
    const paid = await claim('paid', paidMax, now);
    if (paid.ok) return { kind: 'paid', end: paid.end };
    return { kind: 'wait', ms: Math.min(free.nextMs, paid.nextMs) };
  };
}
