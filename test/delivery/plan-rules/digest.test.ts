import { describe, expect, it } from 'vitest';
import { digest, messageId, releaseKey } from '#src/delivery/plan/index.js';
import { type AlertEvent, destinationKey } from '#src/domain/types.js';
import { BTC, dm, flip, grade, ids, level, SOL, T0 } from '../plan-fixtures.js';
import { ctxOf, recorded } from './helpers.js';

const DM = destinationKey(dm);

describe('rule 7: digest (table)', () => {
  const cases: Array<{
    name: string;
    accepted: AlertEvent[];
    held?: AlertEvent[];
    marks?: string[];
    events: string[] | null;
    released?: string[];
    origin?: 'tick' | 'held';
    records?: string[];
  }> = [
    { name: 'nothing to send', accepted: [], events: null },
    {
      name: 'one message, priority first, then symbol',
      accepted: [grade(SOL, 'g'), flip(SOL, 'f'), flip(BTC, 'fb'), level(SOL, 'b', 'level_breakout')],
      events: ['b', 'fb', 'f', 'g'],
      origin: 'tick',
    },
    {
      name: 'held events alone: origin held',
      accepted: [],
      held: [grade(SOL, 'g0'), flip(SOL, 'f0')],
      events: ['f0', 'g0'],
      released: ['g0', 'f0'],
      origin: 'held',
    },
    {
      name: 'held events merged with new ones',
      accepted: [flip(SOL, 'f1')],
      held: [grade(SOL, 'g0')],
      events: ['f1', 'g0'],
      released: ['g0'],
      origin: 'tick',
    },
    {
      name: 'held events already released by a crashed tick are not sent twice',
      accepted: [],
      held: [grade(SOL, 'g0')],
      marks: [releaseKey(DM, 'g0')],
      events: null,
      released: [],
    },
    {
      name: 'a held approach is inhibited by a newer breakout in the digest',
      accepted: [level(SOL, 'b1', 'level_breakout')],
      held: [{ ...level(SOL, 'a0', 'level_approach'), at: T0 - 3_600_000 }],
      events: ['b1'],
      released: ['a0'],
      origin: 'tick',
      records: ['a0:inhibited<level_breakout'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = ctxOf();
    const r = digest(c.accepted, c.held ?? [], new Set(c.marks ?? []), ctx);
    expect(ids(r.released)).toEqual(c.released ?? []);
    expect(recorded(ctx.sink)).toEqual(c.records ?? []);
    if (c.events === null) {
      expect(r.message).toBeUndefined();
      return;
    }
    expect(ids(r.message?.events ?? [])).toEqual(c.events);
    expect(r.message?.origin).toBe(c.origin);
    expect(r.message?.id).toBe(messageId(DM, c.events));
    expect(r.message?.destination).toEqual(dm);
    expect(r.message?.createdAt).toBe(T0);
  });
});
