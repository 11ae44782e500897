import { describe, expect, it } from 'vitest';
import { dedup } from '#src/delivery/plan/index.js';
import type { AlertEvent } from '#src/domain/types.js';
import { flip, grade, ids, SOL } from '../plan-fixtures.js';
import { ctxOf, recorded } from './helpers.js';

describe('rule 2: dedup (table)', () => {
  const cases: Array<{ name: string; events: AlertEvent[]; planned: string[]; kept: string[] }> = [
    {
      name: 'nothing planned before',
      events: [flip(SOL, 'f1'), grade(SOL, 'g1')],
      planned: [],
      kept: ['f1', 'g1'],
    },
    {
      name: 'an event already planned',
      events: [flip(SOL, 'f1'), grade(SOL, 'g1')],
      planned: ['f1'],
      kept: ['g1'],
    },
    { name: 'every event planned', events: [flip(SOL, 'f1')], planned: ['f1', 'x'], kept: [] },
    {
      name: 'planned ids of other events do nothing',
      events: [flip(SOL, 'f1')],
      planned: ['x'],
      kept: ['f1'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = ctxOf();
    expect(ids(dedup(c.events, new Set(c.planned), ctx))).toEqual(c.kept);
    const dropped = c.events.filter((e) => !c.kept.includes(e.id)).map((e) => `${e.id}:dedup`);
    expect(recorded(ctx.sink)).toEqual(dropped);
    expect(ctx.sink.counts).toEqual(dropped.length > 0 ? { dedup: dropped.length } : {});
  });
});
