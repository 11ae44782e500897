import { describe, expect, it } from 'vitest';
import {
  cooldownKey,
  counterKey,
  DEDUP_TTL_MS,
  dedupKey,
  HOUR_MS,
  messageId,
  overCap,
  type PlanInput,
  plan,
  planKeys,
  preparePlan,
  quietUntil,
  releaseKey,
} from '#src/delivery/plan/index.js';
import { type AlertEvent, destinationKey, type Settings, type Subscription } from '#src/domain/types.js';
import { parentScope } from '#src/store/ports.js';
import {
  BTC,
  chan,
  cross,
  dm,
  flip,
  grade,
  group,
  ids,
  level,
  SOL,
  sub,
  subsByToken,
  T0,
} from './plan-fixtures.js';

const DM = destinationKey(dm);

function input(
  events: AlertEvent[],
  subs: Subscription[],
  extra: Partial<Omit<PlanInput, 'events' | 'subscribers'>> = {},
): PlanInput {
  return {
    events,
    subscribers: subsByToken(subs),
    settings: new Map(),
    marks: new Set(),
    held: [],
    counters: new Map(),
    now: T0,
    ...extra,
  };
}

describe('plan: filtering and suppression (table)', () => {
  const cases: Array<{
    name: string;
    events: AlertEvent[];
    subs?: Subscription[];
    settings?: Record<string, Settings>;
    marks?: string[];
    now?: number;
    sent: string[];
    suppressed?: Record<string, number>;
  }> = [
    { name: 'default subscription gets a daily flip', events: [flip(SOL, 'f1')], sent: ['f1'] },
    {
      name: 'hourly flips only for subscribers of hourly',
      events: [flip(SOL, 'h1', 'hourly')],
      sent: [],
    },
    {
      name: 'type list filters',
      events: [flip(SOL, 'f1'), grade(SOL, 'g1')],
      subs: [sub(dm, SOL, ['grade'])],
      sent: ['g1'],
    },
    {
      name: 'level events only for the own proximity profile',
      events: [level(SOL, 'a2', 'level_approach'), level(SOL, 'a3', 'level_approach', { proximityPct: 3 })],
      settings: { [DM]: { proximityPct: 3 } },
      sent: ['a3'],
    },
    {
      name: 'weak levels below minStrength are not sent',
      events: [level(SOL, 'weak', 'level_approach', { strength: 30 }), level(SOL, 'ok', 'level_touch')],
      sent: ['ok'],
    },
    {
      name: 'sharpe crossings only for the own threshold',
      events: [cross(SOL, 'x1', 1), cross(SOL, 'x15', 1.5)],
      settings: { [DM]: { sharpeThreshold: 1.5 } },
      sent: ['x15'],
    },
    {
      name: 'dedup mark suppresses',
      events: [flip(SOL, 'f1'), grade(SOL, 'g1')],
      marks: [dedupKey('f1')],
      sent: ['g1'],
      suppressed: { dedup: 1 },
    },
    {
      name: 'dedup is per event: a repeated tick skips it for every destination',
      events: [flip(SOL, 'f1')],
      subs: [sub(dm, SOL), sub(chan, SOL), sub(group, SOL)],
      marks: [dedupKey('f1')],
      sent: [],
      suppressed: { dedup: 3 },
    },
    {
      name: 'cooldown per token and kind',
      events: [flip(SOL, 'f1'), level(SOL, 'b1', 'level_breakout')],
      marks: [cooldownKey(DM, SOL.tokenId, 'flip_daily'), cooldownKey(DM, SOL.tokenId, 'level_approach')],
      sent: ['b1'],
      suppressed: { cooldown: 1 },
    },
    {
      name: 'breakout inhibits approach and touch of the same level, not of another level',
      events: [
        level(SOL, 'a1', 'level_approach'),
        level(SOL, 't1', 'level_touch'),
        level(SOL, 'b1', 'level_breakout'),
        level(SOL, 'a2', 'level_approach', { level: 120 }),
      ],
      sent: ['b1', 'a2'],
      suppressed: { inhibited: 2 },
    },
    {
      name: 'per-token mute drops that token only',
      events: [flip(SOL, 'f1'), flip(BTC, 'f2')],
      subs: [sub(dm, SOL), sub(dm, BTC)],
      settings: { [DM]: { tokenMutes: { [String(SOL.tokenId)]: T0 + 1000 } } },
      sent: ['f2'],
      suppressed: { token_muted: 1 },
    },
    {
      name: 'expired token mute does nothing',
      events: [flip(SOL, 'f1')],
      settings: { [DM]: { tokenMutes: { [String(SOL.tokenId)]: T0 - 1 } } },
      sent: ['f1'],
    },
    {
      name: 'mute in drop mode drops',
      events: [flip(SOL, 'f1')],
      settings: { [DM]: { mutedUntil: T0 + HOUR_MS, muteMode: 'drop' } },
      sent: [],
      suppressed: { muted_dropped: 1 },
    },
    {
      name: 'mute in hold mode holds',
      events: [flip(SOL, 'f1')],
      settings: { [DM]: { mutedUntil: T0 + HOUR_MS } },
      sent: [],
      suppressed: { muted: 1 },
    },
  ];
  it.each(cases)('$name', (c) => {
    const p = plan(
      input(c.events, c.subs ?? [sub(dm, SOL)], {
        settings: new Map(Object.entries(c.settings ?? {})),
        marks: new Set(c.marks ?? []),
        ...(c.now !== undefined ? { now: c.now } : {}),
      }),
    );
    expect(p.messages.flatMap((m) => ids(m.events)).sort()).toEqual([...c.sent].sort());
    expect(p.suppressed).toEqual(c.suppressed ?? {});
  });
});

describe('plan: digests and ordering', () => {
  it('one message per destination, priority first, deterministic id', () => {
    const events: AlertEvent[] = [
      grade(SOL, 'g'),
      level(SOL, 'a', 'level_approach', { level: 120 }),
      flip(SOL, 'f'),
    ];
    events.push(level(SOL, 'b', 'level_breakout'), cross(SOL, 'x'), flip(BTC, 'fb'));
    // Equal priority (two daily flips): by symbol, BTC before SOL.
    const p = plan(input(events, [sub(dm, SOL), sub(dm, BTC), sub(chan, SOL)]));
    expect(p.messages).toHaveLength(2);
    const toDm = p.messages.find((m) => m.destination.id === dm.id);
    expect(toDm && ids(toDm.events)).toEqual(['b', 'fb', 'f', 'x', 'g', 'a']);
    expect(toDm?.id).toBe(messageId(DM, ['a', 'b', 'f', 'fb', 'g', 'x']));
    expect(toDm?.id).toMatch(/^m[0-9a-f]{24}$/);
    expect(p.counterKeys.sort()).toEqual([counterKey(destinationKey(chan)), counterKey(DM)].sort());
    // Same input again → same ids.
    const again = plan(input(events, [sub(dm, SOL), sub(dm, BTC), sub(chan, SOL)]));
    expect(again.messages.map((m) => m.id)).toEqual(p.messages.map((m) => m.id));
  });

  it('digest economy: N events for one destination → 1 message', () => {
    const toks = Array.from({ length: 30 }, (_, i) => ({
      tokenId: 1000 + i,
      symbol: `T${i}`,
      name: `T${i}`,
    }));
    const p = plan(
      input(
        toks.map((t) => flip(t, `f${t.tokenId}`)),
        toks.map((t) => sub(dm, t)),
      ),
    );
    expect(p.messages).toHaveLength(1);
    expect(p.messages[0]?.events).toHaveLength(30);
  });

  it('sets dedup marks (1 day) and cooldown marks (cooldownSec) for what it sends', () => {
    const p = plan(
      input([flip(SOL, 'f1'), level(SOL, 'a1', 'level_approach')], [sub(dm, SOL)], {
        settings: new Map([[DM, { cooldownSec: 600 }]]),
      }),
    );
    expect(p.marks).toEqual(
      expect.arrayContaining([
        { key: dedupKey('f1'), ttlMs: DEDUP_TTL_MS },
        { key: dedupKey('a1'), ttlMs: DEDUP_TTL_MS },
        { key: cooldownKey(DM, SOL.tokenId, 'flip_daily'), ttlMs: 600_000 },
        { key: cooldownKey(DM, SOL.tokenId, 'level_approach'), ttlMs: 600_000 },
      ]),
    );
    expect(p.marks).toHaveLength(4);
  });

  it('channel settings inherit the server default and override it field by field', () => {
    const settings = new Map<string, Settings>([
      [parentScope('discord', '77'), { proximityPct: 3, sharpeThreshold: 1.5 }],
      [destinationKey(chan), { sharpeThreshold: 2 }],
    ]);
    const events = [
      level(SOL, 'a2', 'level_approach'),
      level(SOL, 'a3', 'level_approach', { proximityPct: 3 }),
      cross(SOL, 'x15', 1.5),
      cross(SOL, 'x2', 2),
    ];
    const p = plan(input(events, [sub(chan, SOL)], { settings }));
    expect(ids(p.messages[0]?.events ?? []).sort()).toEqual(['a3', 'x2']);
  });

  it('falls back to the default profile when the engine did not run the destination profile', () => {
    const events = [level(SOL, 'a2', 'level_approach'), cross(SOL, 'x1', 1)];
    const p = plan(
      input(events, [sub(dm, SOL)], {
        settings: new Map([[DM, { proximityPct: 4, sharpeThreshold: 1.7 }]]),
        profiles: { proximityPcts: [2], sharpeThresholds: [1] },
      }),
    );
    expect(ids(p.messages[0]?.events ?? []).sort()).toEqual(['a2', 'x1']);
  });

  it('planKeys lists dedup, cooldown and release keys', () => {
    const keys = planKeys({
      events: [flip(SOL, 'f1'), flip(SOL, 'f2')],
      subscribers: subsByToken([sub(dm, SOL)]),
      settings: new Map(),
      held: [{ destination: group, events: [grade(BTC, 'g0')] }],
      now: T0,
    });
    expect(keys.sort()).toEqual(
      [
        dedupKey('f1'),
        dedupKey('f2'),
        cooldownKey(DM, SOL.tokenId, 'flip_daily'),
        releaseKey(destinationKey(group), 'g0'),
      ].sort(),
    );
  });
});

describe('plan: quiet hours, mutes, holds and the hourly cap', () => {
  const berlinNight = { start: '22:00', end: '07:00', tz: 'Europe/Berlin' };
  const G = destinationKey(group);
  const at = (iso: string) => Date.parse(iso);

  it.each([
    { name: 'before the window', now: '2026-01-15T20:59:00Z', until: undefined },
    { name: 'at the start (22:00 Berlin)', now: '2026-01-15T21:00:00Z', until: '2026-01-16T06:00:00Z' },
    { name: 'across midnight', now: '2026-01-15T23:30:00Z', until: '2026-01-16T06:00:00Z' },
    { name: 'just before the end', now: '2026-01-16T05:59:30Z', until: '2026-01-16T06:00:00Z' },
    { name: 'at the end', now: '2026-01-16T06:00:00Z', until: undefined },
    { name: 'summer time (UTC+2)', now: '2026-07-01T20:30:00Z', until: '2026-07-02T05:00:00Z' },
  ])('quietUntil Europe/Berlin 22:00-07:00: $name', ({ now, until }) => {
    expect(quietUntil(berlinNight, at(now))).toBe(until === undefined ? undefined : at(until));
  });

  it('non-wrapping window, empty window and unknown zone', () => {
    expect(quietUntil({ start: '12:00', end: '14:00', tz: 'UTC' }, at('2026-01-15T13:00:00Z'))).toBe(
      at('2026-01-15T14:00:00Z'),
    );
    expect(
      quietUntil({ start: '12:00', end: '12:00', tz: 'UTC' }, at('2026-01-15T12:00:00Z')),
    ).toBeUndefined();
    expect(quietUntil({ start: '00:00', end: '23:59', tz: 'Mars/Olympus' }, T0)).toBeUndefined();
  });

  it('holds during quiet hours across midnight and releases one held digest after', () => {
    const settings = new Map<string, Settings>([[G, { quietHours: berlinNight }]]);
    const night = at('2026-01-15T23:30:00Z');
    const p = plan(input([flip(SOL, 'f1'), grade(SOL, 'g1')], [sub(group, SOL)], { settings, now: night }));
    expect(p.messages).toEqual([]);
    expect(p.suppressed).toEqual({ quiet_hours: 2 });
    expect(p.holds).toEqual([
      {
        destination: group,
        events: [flip(SOL, 'f1'), grade(SOL, 'g1')],
        releaseAt: at('2026-01-16T06:00:00Z'),
      },
    ]);
    expect(p.marks.map((m) => m.key)).toContain(dedupKey('f1'));

    // Morning: the held events are due; one message, origin 'held', released afterwards.
    const morning = at('2026-01-16T06:01:00Z');
    const held = [{ destination: group, events: [flip(SOL, 'f1'), grade(SOL, 'g1')] }];
    const q = plan(input([], [], { settings, now: morning, held }));
    expect(q.messages).toHaveLength(1);
    expect(q.messages[0]?.origin).toBe('held');
    // The quiet-hours zone is the destination's zone: the digest's times are written in it.
    expect(q.messages[0]?.tz).toBe(berlinNight.tz);
    expect(ids(q.messages[0]?.events ?? [])).toEqual(['f1', 'g1']);
    expect(q.release).toEqual([group]);
    expect(q.marks.map((m) => m.key).sort()).toEqual([releaseKey(G, 'f1'), releaseKey(G, 'g1')]);

    // A crash after enqueue but before release: the release marks keep it from going out twice.
    const r = plan(
      input([], [], { settings, now: morning, held, marks: new Set(q.marks.map((m) => m.key)) }),
    );
    expect(r.messages).toEqual([]);
    expect(r.release).toEqual([group]);
  });

  it('a held digest drops approach/touch made stale by a later breakout of the same level', () => {
    const hour = 3_600_000;
    const atHour = <E extends AlertEvent>(e: E, h: number): E => ({ ...e, at: T0 + h * hour });
    const events = [
      atHour(level(SOL, 'a1', 'level_approach'), 0),
      atHour(level(SOL, 't1', 'level_touch'), 1),
      atHour(level(SOL, 'b1', 'level_breakout'), 2),
      // Re-armed and approached again after the breakout: still news.
      atHour(level(SOL, 'a2', 'level_approach'), 5),
      atHour(level(SOL, 'x1', 'level_approach', { level: 120 }), 0),
    ];
    const p = plan(input([], [], { now: T0 + 8 * hour, held: [{ destination: dm, events }] }));
    expect(p.messages).toHaveLength(1);
    expect(ids(p.messages[0]?.events ?? []).sort()).toEqual(['a2', 'b1', 'x1']);
    expect(p.suppressed.inhibited).toBe(2);
    expect(p.release).toEqual([dm]);
  });

  it('due held events stay held while still muted, merged with new ones when free', () => {
    const held = [{ destination: dm, events: [grade(SOL, 'g0')] }];
    const muted = plan(
      input([flip(SOL, 'f1')], [sub(dm, SOL)], {
        held,
        settings: new Map([[DM, { mutedUntil: T0 + HOUR_MS }]]),
      }),
    );
    expect(muted.messages).toEqual([]);
    expect(muted.release).toEqual([]);
    expect(muted.holds).toEqual([{ destination: dm, events: [flip(SOL, 'f1')], releaseAt: T0 + HOUR_MS }]);

    const free = plan(input([flip(SOL, 'f2')], [sub(dm, SOL)], { held }));
    expect(ids(free.messages[0]?.events ?? [])).toEqual(['f2', 'g0']);
    expect(free.messages[0]?.origin).toBe('tick');
    expect(free.release).toEqual([dm]);
  });

  it('mute in drop mode still marks dedup so the events never come back', () => {
    const p = plan(
      input([flip(SOL, 'f1')], [sub(dm, SOL)], {
        settings: new Map([[DM, { mutedUntil: T0 + HOUR_MS, muteMode: 'drop' }]]),
      }),
    );
    expect(p.holds).toEqual([]);
    expect(p.marks).toEqual([{ key: dedupKey('f1'), ttlMs: DEDUP_TTL_MS }]);
  });

  it('over the hourly cap, events are held to the next hour, not dropped', () => {
    const p = plan(
      input([flip(SOL, 'f1')], [sub(dm, SOL)], {
        settings: new Map([[DM, { maxPerHour: 3 }]]),
        counters: new Map([[counterKey(DM), 3]]),
        now: T0 + 10 * 60_000,
      }),
    );
    expect(p.messages).toEqual([]);
    expect(p.suppressed).toEqual({ rate_cap: 1 });
    expect(p.holds).toEqual([{ destination: dm, events: [flip(SOL, 'f1')], releaseAt: T0 + HOUR_MS }]);
    // The tick counts first and plans again only when a total went over a cap.
    const prepared = preparePlan({
      events: [flip(SOL, 'f1')],
      subscribers: subsByToken([sub(dm, SOL)]),
      settings: new Map([[DM, { maxPerHour: 3 }]]),
      held: [],
      now: T0,
    });
    expect(overCap(prepared, new Map([[counterKey(DM), 3]]))).toBe(false);
    expect(overCap(prepared, new Map([[counterKey(DM), 4]]))).toBe(true);
    const under = plan(
      input([flip(SOL, 'f1')], [sub(dm, SOL)], {
        settings: new Map([[DM, { maxPerHour: 3 }]]),
        counters: new Map([[counterKey(DM), 2]]),
      }),
    );
    expect(under.messages).toHaveLength(1);
  });
});
