import { describe, expect, it } from 'vitest';
import { cooldown, cooldownKey } from '#src/delivery/plan/index.js';
import { type AlertEvent, destinationKey } from '#src/domain/types.js';
import { BTC, dm, flip, ids, level, SOL } from '../plan-fixtures.js';
import { ctxOf, recorded } from './helpers.js';

const DM = destinationKey(dm);

describe('rule 4: cooldown (table)', () => {
  const cases: Array<{
    name: string;
    events: AlertEvent[];
    marks: string[];
    cooldownSec?: number;
    kept: string[];
    coolMarks: string[];
  }> = [
    {
      name: 'no marks: everything passes and gets a mark',
      events: [flip(SOL, 'f1'), level(SOL, 'a1', 'level_approach')],
      marks: [],
      kept: ['f1', 'a1'],
      coolMarks: [cooldownKey(DM, SOL.tokenId, 'flip_daily'), cooldownKey(DM, SOL.tokenId, 'level_approach')],
    },
    {
      name: 'marked kind held back; a breakout is its own kind',
      events: [level(SOL, 'a1', 'level_approach'), level(SOL, 'b1', 'level_breakout')],
      marks: [cooldownKey(DM, SOL.tokenId, 'level_approach')],
      kept: ['b1'],
      coolMarks: [cooldownKey(DM, SOL.tokenId, 'level_breakout')],
    },
    {
      name: 'per token: another token is not held back',
      events: [flip(SOL, 'f1'), flip(BTC, 'f2')],
      marks: [cooldownKey(DM, SOL.tokenId, 'flip_daily')],
      kept: ['f2'],
      coolMarks: [cooldownKey(DM, BTC.tokenId, 'flip_daily')],
    },
    {
      name: 'daily and hourly flips are separate kinds',
      events: [flip(SOL, 'f1'), flip(SOL, 'h1', 'hourly')],
      marks: [cooldownKey(DM, SOL.tokenId, 'flip_daily')],
      kept: ['h1'],
      coolMarks: [cooldownKey(DM, SOL.tokenId, 'flip_hourly')],
    },
    {
      name: 'two events of one kind share one mark',
      events: [level(SOL, 'a1', 'level_approach'), level(SOL, 'a2', 'level_approach', { level: 120 })],
      marks: [],
      kept: ['a1', 'a2'],
      coolMarks: [cooldownKey(DM, SOL.tokenId, 'level_approach')],
    },
    {
      name: 'cooldown 0 sets no marks',
      events: [flip(SOL, 'f1')],
      marks: [],
      cooldownSec: 0,
      kept: ['f1'],
      coolMarks: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = ctxOf({ cooldownSec: c.cooldownSec ?? 600 });
    const r = cooldown(c.events, new Set(c.marks), ctx);
    expect(ids(r.accepted)).toEqual(c.kept);
    expect(r.coolMarks).toEqual(c.coolMarks.map((key) => ({ key, ttlMs: (c.cooldownSec ?? 600) * 1000 })));
    const held = c.events.filter((e) => !c.kept.includes(e.id)).map((e) => `${e.id}:cooldown`);
    expect(recorded(ctx.sink)).toEqual(held);
  });
});
