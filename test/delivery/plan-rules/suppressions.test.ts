import { describe, expect, it } from 'vitest';
import { dedupKey, HOUR_MS, plan, Suppressions } from '#src/delivery/plan/index.js';
import { type AlertEvent, destinationKey, type Settings, type Subscription } from '#src/domain/types.js';
import { chan, dm, flip, level, SOL, sub, subsByToken, T0 } from '../plan-fixtures.js';

const DM = destinationKey(dm);

function planOf(
  events: AlertEvent[],
  subs: Subscription[],
  settings: Record<string, Settings>,
  marks: string[] = [],
) {
  return plan({
    events,
    subscribers: subsByToken(subs),
    settings: new Map(Object.entries(settings)),
    marks: new Set(marks),
    held: [],
    counters: new Map(),
    now: T0,
  });
}

describe('suppression records (for /why)', () => {
  it.each([
    {
      name: 'muted, with the time it ends',
      settings: { [DM]: { mutedUntil: T0 + HOUR_MS } },
      events: [flip(SOL, 'f1')],
      want: [{ eventId: 'f1', reason: 'muted', until: T0 + HOUR_MS }],
    },
    {
      name: 'below minstrength: recorded, not counted',
      settings: {},
      events: [level(SOL, 'w1', 'level_touch', { strength: 10 })],
      want: [{ eventId: 'w1', reason: 'below_minstrength' }],
    },
    {
      name: 'inhibited by a breakout',
      settings: {},
      events: [level(SOL, 'a1', 'level_approach'), level(SOL, 'b1', 'level_breakout')],
      want: [{ eventId: 'a1', reason: 'inhibited', by: 'level_breakout' }],
    },
  ])('$name', (c) => {
    const p = planOf(c.events, [sub(dm, SOL)], c.settings);
    expect(p.suppressions).toEqual(
      c.want.map((w) => ({
        destination: dm,
        tokenId: SOL.tokenId,
        symbol: 'SOL',
        kind: c.events[0]?.kind,
        ...w,
      })),
    );
    expect(p.suppressionsOmitted).toBe(0);
  });

  it('counts and records agree per destination', () => {
    const p = planOf([flip(SOL, 'f1')], [sub(dm, SOL), sub(chan, SOL)], {}, [dedupKey('f1')]);
    expect(p.suppressed).toEqual({ dedup: 2 });
    expect(p.suppressions.map((r) => [r.destination.id, r.reason])).toEqual([
      [chan.id, 'dedup'],
      [dm.id, 'dedup'],
    ]);
  });

  it('records are bounded; counts stay complete', () => {
    const s = new Suppressions(2);
    for (const id of ['a', 'b', 'c']) s.add(dm, flip(SOL, id), 'cooldown');
    expect(s.records.map((r) => r.eventId)).toEqual(['a', 'b']);
    expect(s.omitted).toBe(1);
    expect(s.counts).toEqual({ cooldown: 3 });
  });
});
