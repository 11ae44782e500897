import type { Redis } from 'ioredis';
import type { RateLimit } from './options.js';

/**
 * Per-chat pacing (Telegram: 1 msg/s per chat, 20 msg/min per group) so that we never provoke a 429.
 * One send per chat at a time, and the gap restarts from its completion (`release`), because the
 * platform saw the request at some unknown point between start and completion (a cold connection or an
 * event-loop stall can delay it).
 *
 * Two numbers per chat: `last`, when the previous send into the chat started (authoritative: no send starts
 * less than `interval` after it), and `cursor`, the end of the slots already handed out. A message that
 * finds the chat busy reserves the next slot (cursor) and is parked until then ("owned"); when it comes
 * back it only has to respect `last`. Reservations spread the sends out so that parked messages rarely
 * collide; the `last` check keeps the gap even when a parked message comes back late.
 */
export interface ChatPacer {
  /**
   * `go` true: send now; the chat stays busy until `release` (or `leaseMs`, if this process dies).
   * Otherwise park the message until `at` (epoch ms), owning a slot.
   */
  claim(
    chat: string,
    intervalMs: number,
    now: number,
    owned: boolean,
    leaseMs: number,
  ): Promise<{ go: boolean; at: number }>;
  /** The send finished at `now`: no send into the chat before `until` (also a chat-scoped 429). */
  release(chat: string, until: number, intervalMs: number, now: number): Promise<void>;
}

export interface ChatState {
  /** Start of the latest send, or (after it finished) the time from which the next gap counts. */
  readonly last: number;
  /** End of the slots handed out to parked messages. */
  readonly cursor: number;
  /** A send is in flight until then (a lease, in case its process dies). */
  readonly busy: number;
}

const NONE = -1e15;

/** The pacing rule, shared by the in-process pacer and mirrored by the Lua script below. */
export function claimChat(
  s: ChatState | undefined,
  now: number,
  interval: number,
  owned: boolean,
  leaseMs: number,
): { go: boolean; at: number; next: ChatState } {
  const last = s?.last ?? NONE;
  const cursor = s?.cursor ?? NONE;
  const busy = s?.busy ?? NONE;
  const free = now - last >= interval && now >= busy;
  if (free && (owned || cursor <= now)) {
    return {
      go: true,
      at: now,
      next: { last: now, cursor: Math.max(cursor, now + interval), busy: now + leaseMs },
    };
  }
  const earliest =
    now < busy ? Math.max(last + interval, now + interval / 2) : Math.max(last + interval, now);
  if (owned) return { go: false, at: earliest, next: { last, cursor, busy } };
  const slot = Math.max(cursor, earliest);
  return { go: false, at: slot, next: { last, cursor: slot + interval, busy } };
}

export function releaseChat(s: ChatState | undefined, until: number, interval: number): ChatState {
  const last = s?.last ?? NONE;
  const cursor = s?.cursor ?? NONE;
  return { last: Math.max(last, until - interval), cursor: Math.max(cursor, until), busy: NONE };
}

/** Single-process pacer (memory and SQLite backends). `free` peeks without taking anything. */
export function memoryChatPacer(): ChatPacer & {
  free(chat: string, intervalMs: number, now: number, owned: boolean): boolean;
} {
  const chats = new Map<string, ChatState>();
  return {
    free(chat, interval, now, owned) {
      return claimChat(chats.get(chat), now, interval, owned, 0).go;
    },
    async claim(chat, interval, now, owned, leaseMs) {
      const r = claimChat(chats.get(chat), now, interval, owned, leaseMs);
      chats.set(chat, r.next);
      return { go: r.go, at: r.at };
    },
    async release(chat, until, interval) {
      chats.set(chat, releaseChat(chats.get(chat), until, interval));
    },
  };
}

// KEYS[1] = pace key (hash: last, cursor, busy). ARGV = now, interval, owned(0/1), leaseMs. Returns {go, at}.
const CLAIM_LUA = `
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '-1e15')
local cursor = tonumber(redis.call('HGET', KEYS[1], 'cursor') or '-1e15')
local busy = tonumber(redis.call('HGET', KEYS[1], 'busy') or '-1e15')
local now = tonumber(ARGV[1]); local interval = tonumber(ARGV[2]); local owned = ARGV[3] == '1'
local lease = tonumber(ARGV[4])
if now - last >= interval and now >= busy and (owned or cursor <= now) then
  cursor = math.max(cursor, now + interval)
  redis.call('HSET', KEYS[1], 'last', now, 'cursor', cursor, 'busy', now + lease)
  redis.call('PEXPIRE', KEYS[1], math.floor(math.max(cursor - now, lease) + interval + 60000))
  return {1, now}
end
local earliest = math.max(last + interval, now)
if now < busy then earliest = math.max(last + interval, now + interval / 2) end
if owned then return {0, math.floor(earliest)} end
local slot = math.max(cursor, earliest)
redis.call('HSET', KEYS[1], 'cursor', slot + interval)
redis.call('PEXPIRE', KEYS[1], math.floor(math.max(slot - now, 0) + interval + 60000))
return {0, math.floor(slot)}
`;

// KEYS[1] = pace key. ARGV = until, interval, now.
const RELEASE_LUA = `
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '-1e15')
local cursor = tonumber(redis.call('HGET', KEYS[1], 'cursor') or '-1e15')
local untilMs = tonumber(ARGV[1]); local interval = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
last = math.max(last, untilMs - interval); cursor = math.max(cursor, untilMs)
redis.call('HSET', KEYS[1], 'last', last, 'cursor', cursor, 'busy', -1e15)
redis.call('PEXPIRE', KEYS[1], math.floor(math.max(cursor - now, 0) + interval + 60000))
return 1
`;

/**
 * Pacer shared by every replica: one Redis hash per chat, updated by a Lua script (atomic, one round
 * trip). Times come from the caller's clock; replicas are expected to run NTP-synced clocks.
 */
export function redisChatPacer(redis: Redis, prefix: string): ChatPacer {
  const key = (chat: string) => `${prefix}:pace:${chat}`;
  return {
    async claim(chat, interval, now, owned, leaseMs) {
      const r = (await redis.eval(CLAIM_LUA, 1, key(chat), now, interval, owned ? 1 : 0, leaseMs)) as [
        number,
        number,
      ];
      return { go: r[0] === 1, at: Number(r[1]) };
    },
    async release(chat, until, interval, now) {
      await redis.eval(RELEASE_LUA, 1, key(chat), until, interval, now);
    },
  };
}

/**
 * In-process global pacer (memory and SQLite backends; Redis mode uses BullMQ's limiter instead). Evenly
 * spaced slots of durationMs/max; a late process may catch up by at most max/2 slots, so any sliding
 * window of durationMs holds at most 1.5·max sends (Telegram: 25/s budget, ≤ 27.5 in any second).
 */
export class GlobalPacer {
  private cursor = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private readonly interval: number;
  private readonly burst: number;
  constructor(limit: RateLimit | undefined) {
    this.interval = limit ? limit.durationMs / limit.max : 0;
    this.burst = limit ? Math.max(1, Math.floor(limit.max / 2)) : 0;
  }
  /** Stop handing out slots until `until` (a global 429). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
  /** Ms to wait before the next send may start; reserves that slot. */
  take(now: number): number {
    const start = Math.max(now, this.pausedUntil);
    if (this.interval === 0) return start - now;
    const t = Math.max(this.cursor, start - this.burst * this.interval);
    this.cursor = t + this.interval;
    return Math.max(0, t - now);
  }
  /** Takes the next slot only if it is due now (no wait); false leaves the pacer unchanged. */
  tryTake(now: number): boolean {
    if (now < this.pausedUntil) return false;
    if (this.interval === 0) return true;
    const t = Math.max(this.cursor, now - this.burst * this.interval);
    if (t > now) return false;
    this.cursor = t + this.interval;
    return true;
  }
  /** Ms until the domain may send again after a pause (0 if not paused). */
  pausedFor(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }
}

/**
 * The platform's view of our rate, whatever our event loop does: a send may start only while fewer than
 * `max` sends are in flight or finished within the last `windowMs`. The platform sees each request at
 * some moment between its start and its completion, so any window of `windowMs` at the platform holds at
 * most `max` requests, however late (a CPU-starved process, a stalled loop) they left or arrived. The
 * start-time pacers alone cannot promise that: requests started evenly can arrive bunched.
 */
export class SendWindow {
  private inflight = 0;
  private readonly done: number[] = [];
  private head = 0;
  constructor(
    private readonly max: number,
    private readonly windowMs = 1000,
  ) {}
  /** 0: start now (counted in flight until `end`); else ms to wait before asking again. */
  tryStart(now: number): number {
    while (this.head < this.done.length && (this.done[this.head] ?? 0) <= now - this.windowMs) this.head++;
    if (this.head > 1024) {
      this.done.splice(0, this.head);
      this.head = 0;
    }
    const recent = this.done.length - this.head;
    if (this.inflight + recent < this.max) {
      this.inflight++;
      return 0;
    }
    const oldest = this.done[this.head];
    return oldest === undefined ? 5 : Math.max(1, oldest + this.windowMs - now);
  }
  /** The send started by `tryStart` finished (answered, failed or timed out) at `now`. */
  end(now: number): void {
    this.inflight = Math.max(0, this.inflight - 1);
    this.done.push(now);
  }
}

/** The guard's size for a budget: 15 % above it (our pacers keep to the budget; this only stops bursts). */
export function sendWindowFor(limit: RateLimit): SendWindow {
  return new SendWindow(Math.max(1, Math.floor(((limit.max * 1000) / limit.durationMs) * 1.15)), 1000);
}
