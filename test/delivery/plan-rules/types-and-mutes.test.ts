import { describe, expect, it } from 'vitest';
import { subscribedTypes, tokenMutes } from '#src/delivery/plan/index.js';
import {
  type AlertEvent,
  type AlertType,
  DEFAULT_SETTINGS,
  type EffectiveSettings,
} from '#src/domain/types.js';
import { BTC, cross, flip, grade, ids, level, SOL, T0 } from '../plan-fixtures.js';
import { ctxOf, recorded } from './helpers.js';

const ALL: AlertType[] = ['signal', 'levels', 'risk', 'grade'];

describe('rule 1, types: subscribedTypes (table)', () => {
  const cases: Array<{
    name: string;
    event: AlertEvent;
    types?: AlertType[];
    eff?: Partial<EffectiveSettings>;
    profiles?: { proximityPcts: number[]; sharpeThresholds: number[] };
    want: 'yes' | 'no' | 'below_minstrength';
  }> = [
    { name: 'daily flip, default types', event: flip(SOL, 'f'), want: 'yes' },
    { name: 'hourly flip needs the hourly type', event: flip(SOL, 'h', 'hourly'), want: 'no' },
    {
      name: 'hourly flip with the hourly type',
      event: flip(SOL, 'h', 'hourly'),
      types: ['hourly'],
      want: 'yes',
    },
    { name: 'type not subscribed', event: grade(SOL, 'g'), types: ['signal'], want: 'no' },
    { name: 'level of the own proximity', event: level(SOL, 'a', 'level_approach'), want: 'yes' },
    {
      name: 'level of another proximity',
      event: level(SOL, 'a', 'level_approach', { proximityPct: 3 }),
      want: 'no',
    },
    {
      name: 'level below minstrength',
      event: level(SOL, 'w', 'level_touch', { strength: 30 }),
      want: 'below_minstrength',
    },
    {
      name: 'minstrength is the destination setting',
      event: level(SOL, 'w', 'level_touch', { strength: 30 }),
      eff: { minStrength: 20 },
      want: 'yes',
    },
    {
      name: 'proximity profile the engine did not run falls back to the default',
      event: level(SOL, 'a', 'level_approach'),
      eff: { proximityPct: 4 },
      profiles: { proximityPcts: [2], sharpeThresholds: [1] },
      want: 'yes',
    },
    {
      name: 'proximity profile the engine ran is used as is',
      event: level(SOL, 'a', 'level_approach'),
      eff: { proximityPct: 4 },
      profiles: { proximityPcts: [2, 4], sharpeThresholds: [1] },
      want: 'no',
    },
    { name: 'sharpe crossing of the own threshold', event: cross(SOL, 'x', 1), want: 'yes' },
    { name: 'sharpe crossing of another threshold', event: cross(SOL, 'x', 1.5), want: 'no' },
    {
      name: 'sharpe threshold the engine did not run falls back to the default',
      event: cross(SOL, 'x', 1),
      eff: { sharpeThreshold: 1.7 },
      profiles: { proximityPcts: [2], sharpeThresholds: [1] },
      want: 'yes',
    },
  ];
  it.each(cases)('$name', (c) => {
    const eff = { ...DEFAULT_SETTINGS, ...c.eff };
    expect(subscribedTypes(c.event, c.types ?? ALL, eff, c.profiles)).toBe(c.want);
  });
});

describe('rule 1, mutes: tokenMutes (table)', () => {
  const cases: Array<{
    name: string;
    events: AlertEvent[];
    mutes: Record<string, number> | null;
    kept: string[];
    records: string[];
  }> = [
    {
      name: 'no mutes',
      events: [flip(SOL, 'f1'), flip(BTC, 'f2')],
      mutes: null,
      kept: ['f1', 'f2'],
      records: [],
    },
    {
      name: 'muted token dropped until the mute ends',
      events: [flip(SOL, 'f1'), flip(BTC, 'f2')],
      mutes: { [String(SOL.tokenId)]: T0 + 1000 },
      kept: ['f2'],
      records: [`f1:token_muted@${T0 + 1000}`],
    },
    {
      name: 'expired mute does nothing',
      events: [flip(SOL, 'f1')],
      mutes: { [String(SOL.tokenId)]: T0 },
      kept: ['f1'],
      records: [],
    },
    {
      name: 'repeated ids kept once',
      events: [flip(SOL, 'f1'), flip(SOL, 'f1'), grade(SOL, 'g1')],
      mutes: null,
      kept: ['f1', 'g1'],
      records: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = ctxOf({ tokenMutes: c.mutes });
    expect(ids(tokenMutes(c.events, ctx))).toEqual(c.kept);
    expect(recorded(ctx.sink)).toEqual(c.records);
    expect(ctx.sink.counts.token_muted ?? 0).toBe(c.records.length);
  });
});
