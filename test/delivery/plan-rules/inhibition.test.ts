import { describe, expect, it } from 'vitest';
import { inhibition } from '#src/delivery/plan/index.js';
import type { AlertEvent } from '#src/domain/types.js';
import { BTC, flip, ids, level, SOL, T0 } from '../plan-fixtures.js';
import { ctxOf, recorded } from './helpers.js';

const HOUR = 3_600_000;
const atHour = <E extends AlertEvent>(e: E, h: number): E => ({ ...e, at: T0 + h * HOUR });

describe('rule 3: inhibition (table)', () => {
  const cases: Array<{ name: string; events: AlertEvent[]; kept: string[]; records: string[] }> = [
    { name: 'one event', events: [level(SOL, 'a1', 'level_approach')], kept: ['a1'], records: [] },
    {
      name: 'breakout hides approach and touch of the same level',
      events: [
        level(SOL, 'a1', 'level_approach'),
        level(SOL, 't1', 'level_touch'),
        level(SOL, 'b1', 'level_breakout'),
      ],
      kept: ['b1'],
      records: ['a1:inhibited<level_breakout', 't1:inhibited<level_breakout'],
    },
    {
      name: 'touch hides the approach',
      events: [level(SOL, 'a1', 'level_approach'), level(SOL, 't1', 'level_touch')],
      kept: ['t1'],
      records: ['a1:inhibited<level_touch'],
    },
    {
      name: 'another level, another token and other kinds stay',
      events: [
        level(SOL, 'b1', 'level_breakout'),
        level(SOL, 'a2', 'level_approach', { level: 120 }),
        level(BTC, 'a3', 'level_approach'),
        flip(SOL, 'f1'),
      ],
      kept: ['b1', 'a2', 'a3', 'f1'],
      records: [],
    },
    {
      name: 'in a digest, an approach after the breakout (re-armed) stays, one before goes',
      events: [
        atHour(level(SOL, 'a1', 'level_approach'), 0),
        atHour(level(SOL, 'b1', 'level_breakout'), 2),
        atHour(level(SOL, 'a2', 'level_approach'), 5),
      ],
      kept: ['b1', 'a2'],
      records: ['a1:inhibited<level_breakout'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = ctxOf();
    expect(ids(inhibition(c.events, ctx))).toEqual(c.kept);
    expect(recorded(ctx.sink)).toEqual(c.records);
    expect(ctx.sink.counts.inhibited ?? 0).toBe(c.records.length);
  });
});
