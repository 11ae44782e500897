import { describe, expect, it } from 'vitest';
import { pingsOf } from '#src/delivery/plan/rules.js';
import { Suppressions } from '#src/delivery/plan/suppressions.js';
import {
  type AlertEvent,
  DEFAULT_SETTINGS,
  type Destination,
  type EffectiveSettings,
  pingKindOf,
} from '#src/domain/types.js';
import { renderAlert } from '#src/platforms/discord/render.js';

const channel: Destination = { platform: 'discord', kind: 'channel', id: '10', parentId: '1' };
const base = { symbol: 'SOL', name: 'Solana', at: 0, priority: 50 };
const breakout = (id: string, tokenId: number): AlertEvent => ({
  ...base,
  id,
  tokenId,
  kind: 'level_breakout',
  level: 100,
  side: 'resistance',
  direction: 'up',
  price: 101,
  distancePct: 1,
  strength: 80,
  proximityPct: 2,
});
const flip = (id: string, tokenId: number, timeframe: 'daily' | 'hourly'): AlertEvent => ({
  ...base,
  id,
  tokenId,
  kind: 'signal_flip',
  timeframe,
  from: -1,
  to: 1,
});
const touch: AlertEvent = { ...(breakout('t', 1) as object), kind: 'level_touch' } as AlertEvent;

const ctx = (eff: Partial<EffectiveSettings>, destination = channel) => ({
  destination,
  destKey: 'k',
  eff: { ...DEFAULT_SETTINGS, ...eff },
  now: 0,
  sink: new Suppressions(),
});

describe('role pings in the plan', () => {
  it.each([
    ['level_breakout', 'breakout'],
    ['level_touch', 'touch'],
  ] as const)('%s pings as %s', (kind, want) => {
    expect(pingKindOf({ ...breakout('x', 1), kind } as AlertEvent)).toBe(want);
  });
  it('daily and hourly flips are flip and hourly', () => {
    expect(pingKindOf(flip('a', 1, 'daily'))).toBe('flip');
    expect(pingKindOf(flip('a', 1, 'hourly'))).toBe('hourly');
  });

  it('a digest pings each role once, only for the kinds pingon lists', () => {
    const roles = { '1': '111', '2': '222' };
    const events = [breakout('a', 1), flip('b', 1, 'daily'), touch, flip('c', 2, 'hourly')];
    expect(pingsOf(events, ctx({ pingRoles: roles }))).toEqual({ pings: ['111'] });
    expect(pingsOf(events, ctx({ pingRoles: roles, pingOn: ['hourly', 'touch'] }))).toEqual({
      pings: ['111', '222'],
    });
    expect(pingsOf(events, ctx({ pingRoles: roles, pingOn: [] }))).toEqual({});
    expect(pingsOf(events, ctx({ pingRoles: null }))).toEqual({});
    // Never outside Discord.
    const tg: Destination = { platform: 'telegram', kind: 'group', id: '-5', parentId: '-5' };
    expect(pingsOf(events, ctx({ pingRoles: roles }, tg))).toEqual({});
  });

  it('the Discord body mentions the roles once and allows exactly them', () => {
    const bodies = renderAlert({
      id: 'm',
      destination: channel,
      events: [breakout('a', 1), flip('b', 1, 'daily')],
      createdAt: 0,
      origin: 'tick',
      pings: ['111'],
    });
    expect(bodies[0]?.content).toMatch(/^<@&111> /);
    expect(bodies[0]?.content?.match(/<@&/g)).toHaveLength(1);
    expect(bodies[0]?.allowed_mentions).toEqual({ parse: [], roles: ['111'] });
    const plain = renderAlert({
      id: 'n',
      destination: channel,
      events: [touch],
      createdAt: 0,
      origin: 'tick',
    });
    expect(plain[0]?.allowed_mentions).toEqual({ parse: [] });
  });
});
