import type { OutboundMessage } from '#src/delivery/ports.js';
import type { AlertEvent, Destination, LevelEvent } from '#src/domain/types.js';

export const AT = Date.UTC(2026, 10, 28, 12, 0, 0);

export function breakout(i = 0, over: Partial<LevelEvent> = {}): LevelEvent {
  return {
    id: `ev-${i}`,
    kind: 'level_breakout',
    tokenId: 1000 + i,
    symbol: `TOK${i}`,
    name: `Token number ${i}`,
    at: AT,
    priority: 50,
    url: 'https://app.tokenmetrics.com/sol',
    level: 150,
    side: 'resistance',
    direction: 'up',
    price: 153.2,
    distancePct: 2.13,
    strength: 80,
    proximityPct: 2,
    ...over,
  };
}

export function digest(
  events: readonly AlertEvent[],
  destination: Destination,
  id = 'msg-1',
): OutboundMessage {
  return { id, destination, events, createdAt: AT, origin: 'tick' };
}

export const CHANNEL: Destination = { platform: 'discord', kind: 'channel', id: '222', parentId: '111' };
export const DM: Destination = { platform: 'discord', kind: 'dm', id: '333' };
