import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { LevelEvent } from '#src/domain/types.js';
import { renderEvent, renderMessage } from '#src/platforms/console/render.js';

const AT = Date.UTC(2026, 10, 28, 7);
const level = (over: Partial<LevelEvent> = {}): LevelEvent => ({
  id: 'e1',
  kind: 'level_approach',
  tokenId: 1,
  symbol: 'SOL',
  name: 'Solana',
  at: AT,
  priority: 1,
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  distancePct: 1.8667,
  strength: 82,
  proximityPct: 2,
  ...over,
});
const msg = (events: LevelEvent[], origin: 'tick' | 'held', tz?: string): OutboundMessage => ({
  id: 'm',
  destination: { platform: 'console', kind: 'dm', id: 'me' },
  events,
  createdAt: AT,
  origin,
  ...(tz === undefined ? {} : { tz }),
});

describe('console rendering', () => {
  it('one line with every fact: price time and source, target and where it fails', () => {
    const line = renderEvent(
      level({
        priceAt: AT - 120_000,
        priceSource: 'OKX SOL/USDT',
        beyond: { level: 162.4, strength: 70 },
        behind: { level: 140, strength: 65 },
      }),
    );
    expect(line).toBe(
      '👀 SOL: approaching resistance $150.00 · Price $147.20 (06:58 UTC, OKX SOL/USDT) · Level $150.00 ' +
        '(resistance) · Distance 1.87% · Strength 82/100 · Target $162.40 (resistance, 70/100) · ' +
        'Fails below $140.00 (support, 65/100)',
    );
  });

  it('a held digest prefixes each line with when it happened; a tick digest does not', () => {
    const events = [level({ at: Date.UTC(2026, 10, 27, 23) }), level({ id: 'b', at: AT - 1_800_000 })];
    expect(renderMessage(msg(events, 'held')).split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}Nov 27 23:00 UTC · 👀 SOL: /),
      expect.stringMatching(/^ {2}06:30 UTC · 👀 SOL: /),
    ]);
    expect(renderMessage(msg(events, 'held', 'Europe/Berlin')).split('\n')[1]).toMatch(
      /^ {2}00:00 GMT\+1 · 👀 SOL: /,
    );
    expect(renderMessage(msg(events, 'tick')).split('\n')[1]).toMatch(/^ {2}👀 SOL: /);
  });
});
