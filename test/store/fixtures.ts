/** Destinations and events shared by the store tests. */
import type { AlertEvent, Destination } from '#src/domain/types.js';

export const guild = '900';
export const chan = (id: string, parentId = guild): Destination => ({
  platform: 'discord',
  kind: 'channel',
  id,
  parentId,
});
export const dm = (id: string): Destination => ({ platform: 'telegram', kind: 'dm', id });
export const tgGroup = (id: string): Destination => ({
  platform: 'telegram',
  kind: 'group',
  id,
  parentId: id,
});

export function gradeEvent(id: string, tokenId = 1): AlertEvent {
  return {
    id,
    kind: 'grade_change',
    tokenId,
    symbol: 'BTC',
    name: 'Bitcoin',
    at: 1_700_000_000_000,
    priority: 2,
    from: 'B',
    to: 'A',
  };
}

/**
 * Expiry tests: a key written with SHORT_TTL_MS must still be there when read right after the write (on
 * Redis the expiry runs on the server's clock from the write: only a stall of a whole SHORT_TTL_MS
 * between two calls, far beyond what a loaded 2-core machine shows, could expire it early), and is gone
 * after the test sleeps PAST_TTL_MS (the sleep starts after the write, so the server's clock has passed
 * the expiry too). The stores that take `now` are read at `t0 + PAST_TTL_MS`.
 */
export const SHORT_TTL_MS = 1500;
export const PAST_TTL_MS = SHORT_TTL_MS + 200;
