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
