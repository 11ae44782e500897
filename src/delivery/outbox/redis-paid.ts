import type { Redis } from 'ioredis';
import type { Platform } from '../../domain/types.js';
import type { RateLimit } from '../ports.js';
import type { PaidLane } from './paid.js';

// KEYS[1] window counter. ARGV ttlMs. Returns the count after this claim.
const CLAIM_LUA = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

export type SlotDecision =
  | { readonly kind: 'free' }
  | { readonly kind: 'paid' }
  | { readonly kind: 'wait'; readonly ms: number };

/**
 * Free and paid slots shared by every replica when paid sending is configured for a platform (BullMQ's
 * own limiter knows one rate only). Fixed windows in Redis: the free rate's (`free`), and the paid
 * ceiling's (`lane.rate`). A send takes a free slot when one is left in the current window; else a paid
 * slot while the lane wants it (backlog long enough, budget left); else it waits for the next window.
 */
export function redisSlots(o: {
  readonly redis: Redis;
  readonly prefix: string;
  readonly platform: Platform;
  readonly free: RateLimit;
  readonly lane: PaidLane;
  /** Messages waiting or delayed for the platform (the queue's counts). */
  readonly backlog: () => Promise<number>;
}): (now: number) => Promise<SlotDecision> {
  let cached = { at: Number.NEGATIVE_INFINITY, n: 0 };
  const claim = async (kind: 'free' | 'paid', limit: RateLimit, now: number) => {
    const w = Math.floor(now / limit.durationMs);
    const n = Number(
      await o.redis.eval(CLAIM_LUA, 1, `${o.prefix}:${kind}:${o.platform}:${w}`, limit.durationMs * 2),
    );
    return { ok: n <= limit.max, nextMs: (w + 1) * limit.durationMs - now };
  };
  return async (now) => {
    const free = await claim('free', o.free, now);
    if (free.ok) return { kind: 'free' };
    if (now - cached.at >= 500) cached = { at: now, n: await o.backlog() };
    if (!o.lane.wanted(cached.n, o.free)) return { kind: 'wait', ms: Math.max(1, free.nextMs) };
    const paid = await claim('paid', o.lane.rate, now);
    if (paid.ok) return { kind: 'paid' };
    return { kind: 'wait', ms: Math.max(1, Math.min(free.nextMs, paid.nextMs)) };
  };
}
