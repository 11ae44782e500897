import { describe, expect, it } from 'vitest';
import {
  type DestinationFacts,
  explainDestination,
  explainSuppression,
  HOUR_MS,
  type RunningCooldown,
} from '#src/delivery/plan/index.js';
import { classOf, cooldownClass, cooldownClasses, cooldownKey } from '#src/delivery/plan/keys.js';
import { scopesOf } from '#src/delivery/plan/settings.js';
import { type AlertEvent, destinationKey, type Settings } from '#src/domain/types.js';
import type { StoredSuppression } from '#src/store/ports.js';
import { BTC, chan, cross, dm, flip, grade, level, SOL, T0 } from '../plan-fixtures.js';

const DM = destinationKey(dm);
const MIN = 60_000;
const ck = (cls: string, tokenId: number = SOL.tokenId) => cooldownKey(DM, tokenId, cls);

describe('cooldownClasses: every class cooldownClass can give', () => {
  it.each([
    {
      metrics: [],
      want: ['flip_daily', 'flip_hourly', 'level_approach', 'level_touch', 'level_breakout', 'grade_change'],
    },
    {
      metrics: ['SHARPE'],
      want: [
        'flip_daily',
        'flip_hourly',
        'level_approach',
        'level_touch',
        'level_breakout',
        'cross_SHARPE',
        'grade_change',
      ],
    },
    {
      metrics: ['SHARPE', 'MAX_DRAWDOWN', 'SHARPE'],
      want: [
        'flip_daily',
        'flip_hourly',
        'level_approach',
        'level_touch',
        'level_breakout',
        'cross_SHARPE',
        'cross_MAX_DRAWDOWN',
        'grade_change',
      ],
    },
  ])('metrics $metrics', ({ metrics, want }) => {
    expect(cooldownClasses(metrics).map((c) => c.cls)).toEqual(want);
  });

  it("lists each event's own class with its kind and detail (a new metric included), never a price alert's", () => {
    const drawdown: AlertEvent = { ...cross(SOL, 'd'), metric: 'MAX_DRAWDOWN' };
    const events: AlertEvent[] = [
      flip(SOL, 'f'),
      flip(SOL, 'h', 'hourly'),
      level(SOL, 'a', 'level_approach'),
      level(SOL, 't', 'level_touch'),
      level(SOL, 'b', 'level_breakout'),
      cross(SOL, 'x'),
      drawdown,
      grade(SOL, 'g'),
    ];
    const listed = cooldownClasses(['SHARPE', 'MAX_DRAWDOWN']);
    for (const e of events) {
      const hits = listed.filter((c) => c.cls === cooldownClass(e));
      expect(hits.map((c) => c.kind)).toEqual([e.kind]);
    }
    expect(listed.find((c) => c.cls === 'flip_hourly')?.detail).toEqual({ timeframe: 'hourly' });
    expect(listed.find((c) => c.cls === 'cross_MAX_DRAWDOWN')?.detail).toEqual({ metric: 'MAX_DRAWDOWN' });
    expect(listed.some((c) => c.kind === 'price_alert')).toBe(false);
    // The class strings are the mark keys' last part: pinned, a change would orphan running cooldowns.
    expect(classOf('price_alert', 'a1')).toBe('price_a1');
    expect(classOf('level_touch')).toBe('level_touch');
  });
});

function facts(over: Partial<DestinationFacts> & { own?: Settings } = {}): DestinationFacts {
  const { own, ...rest } = over;
  return {
    destination: dm,
    tokenId: SOL.tokenId,
    metrics: ['SHARPE'],
    types: ['levels'],
    settings: new Map(own ? [[DM, own]] : []),
    expiries: new Map(),
    sentThisHour: 0,
    suppressions: [],
    now: T0,
    ...rest,
  };
}

const utcQuiet = { start: '12:00', end: '15:00', tz: 'UTC' };

describe('explainDestination (table)', () => {
  it.each([
    {
      name: 'defaults: followed for levels, nothing holds, cap 0 of 20',
      f: facts(),
      want: {
        followed: ['levels'],
        notFollowed: ['signal', 'hourly', 'risk', 'grade'],
        cooldownMs: 3600_000,
        cooldowns: [],
        cap: { sent: 0, limit: 20 },
        suppressions: [],
      },
      absent: ['mute', 'tokenMutedUntil', 'quietHours', 'hold'],
    },
    {
      name: 'not followed here: every type missing',
      f: facts({ types: undefined }),
      want: { followed: undefined, notFollowed: ['signal', 'hourly', 'levels', 'risk', 'grade'] },
    },
    {
      name: 'a mute in hold mode lasts to the end of the quiet hours open then',
      f: facts({ own: { mutedUntil: T0 + HOUR_MS, quietHours: utcQuiet } }),
      want: {
        mute: { until: T0 + HOUR_MS, mode: 'hold' },
        quietHours: { hours: utcQuiet, openUntil: T0 + 3 * HOUR_MS },
        hold: { reason: 'muted', until: T0 + 3 * HOUR_MS },
      },
    },
    {
      name: 'a mute in drop mode drops',
      f: facts({ own: { mutedUntil: T0 + HOUR_MS, muteMode: 'drop' } }),
      want: { hold: { reason: 'muted_dropped', until: T0 + HOUR_MS } },
    },
    {
      name: 'an ended mute and closed quiet hours: nothing holds',
      f: facts({ own: { mutedUntil: T0 - 1, quietHours: { start: '20:00', end: '06:00', tz: 'UTC' } } }),
      want: { quietHours: { hours: { start: '20:00', end: '06:00', tz: 'UTC' } } },
      absent: ['mute', 'hold'],
    },
    {
      name: 'at the hourly cap: held to the next hour',
      f: facts({ sentThisHour: 20 }),
      want: { cap: { sent: 20, limit: 20 }, hold: { reason: 'rate_cap', until: T0 + HOUR_MS } },
    },
    {
      name: 'a cap of 0 still lets one through (the rule takes at least 1)',
      f: facts({ own: { maxPerHour: 0 }, sentThisHour: 1 }),
      want: { cap: { sent: 1, limit: 1 }, hold: { reason: 'rate_cap', until: T0 + HOUR_MS } },
    },
    {
      name: "this token's mute, while it runs; another token's is not this one's",
      f: facts({ own: { tokenMutes: { [SOL.tokenId]: T0 + HOUR_MS, [BTC.tokenId]: T0 + 2 * HOUR_MS } } }),
      want: { tokenMutedUntil: T0 + HOUR_MS },
    },
    {
      name: 'a token mute that ended is not shown',
      f: facts({ own: { tokenMutes: { [SOL.tokenId]: T0 } } }),
      absent: ['tokenMutedUntil'],
    },
  ])('$name', ({ f, want, absent }) => {
    const x = explainDestination(f);
    if (want) expect(x).toMatchObject(want);
    for (const k of absent ?? []) expect(x).not.toHaveProperty(k);
  });

  it('running cooldowns per planner class, with when each began; expired and other tokens left out', () => {
    const x = explainDestination(
      facts({
        own: { cooldownSec: 1800 },
        metrics: ['SHARPE', 'MAX_DRAWDOWN'],
        expiries: new Map([
          [ck('flip_hourly'), T0 + 10 * MIN],
          [ck('cross_MAX_DRAWDOWN'), T0 + 20 * MIN],
          [ck('level_touch'), T0], // ends now: not running
          [ck('level_approach', BTC.tokenId), T0 + 5 * MIN],
        ]),
      }),
    );
    expect(x.cooldownMs).toBe(1800_000);
    expect(x.cooldowns).toEqual([
      {
        cls: 'flip_hourly',
        kind: 'signal_flip',
        detail: { timeframe: 'hourly' },
        until: T0 + 10 * MIN,
        since: T0 - 20 * MIN,
      },
      {
        cls: 'cross_MAX_DRAWDOWN',
        kind: 'metric_cross',
        detail: { metric: 'MAX_DRAWDOWN' },
        until: T0 + 20 * MIN,
        since: T0 - 10 * MIN,
      },
    ]);
  });

  it("a channel takes its server's defaults (settings resolved like the planner's)", () => {
    const [parent] = scopesOf(chan);
    const x = explainDestination({
      ...facts(),
      destination: chan,
      settings: new Map([[parent as string, { cooldownSec: 60, maxPerHour: 3 }]]),
    });
    expect(x.cooldownMs).toBe(60_000);
    expect(x.cap).toEqual({ sent: 0, limit: 3 });
  });
});

const rec = (over: Partial<StoredSuppression>): StoredSuppression => ({
  destination: dm,
  tokenId: SOL.tokenId,
  symbol: 'SOL',
  kind: 'level_touch',
  eventId: 'e1',
  reason: 'cooldown',
  at: T0 - 5 * MIN,
  ...over,
});

const run = (cls: string, kind: RunningCooldown['kind'], since: number, until: number, detail?: object) =>
  ({ cls, kind, since, until, ...(detail ? { detail } : {}) }) as RunningCooldown;

const RUNNING: RunningCooldown[] = [
  run('flip_daily', 'signal_flip', T0 - 10 * MIN, T0 + 50 * MIN, { timeframe: 'daily' }),
  run('flip_hourly', 'signal_flip', T0 - 30 * MIN, T0 + 30 * MIN, { timeframe: 'hourly' }),
  run('level_touch', 'level_touch', T0 - 40 * MIN, T0 + 20 * MIN),
];

describe('explainSuppression (table)', () => {
  it.each([
    {
      name: 'a cooldown: the running one of its kind that had begun by then',
      s: rec({}),
      want: { until: T0 + 20 * MIN, cooldowns: 1 },
    },
    {
      name: 'a cooldown from before the running one began: that one ended',
      s: rec({ at: T0 - 50 * MIN }),
      want: { until: undefined, cooldowns: 0 },
    },
    {
      name: 'a flip while both timeframes cool down: both, no end claimed',
      s: rec({ kind: 'signal_flip', at: T0 - 5 * MIN }),
      want: { until: undefined, cooldowns: 2 },
    },
    {
      name: 'a flip when only the hourly one had begun: hourly, with its end',
      s: rec({ kind: 'signal_flip', at: T0 - 20 * MIN }),
      want: { until: T0 + 30 * MIN, cooldowns: 1, detail: { timeframe: 'hourly' } },
    },
    {
      name: 'a recorded end is kept as is',
      s: rec({ until: T0 + 2 * MIN }),
      want: { until: T0 + 2 * MIN, cooldowns: 0 },
    },
    {
      name: 'quiet hours with their end',
      s: rec({ reason: 'quiet_hours', until: T0 + HOUR_MS }),
      want: { until: T0 + HOUR_MS, cooldowns: 0 },
    },
    {
      name: "a crossing on a token watched on one metric: that metric's",
      s: rec({ kind: 'metric_cross', reason: 'quiet_hours', until: T0 }),
      want: { until: T0, cooldowns: 0, detail: { metric: 'SHARPE' } },
    },
    {
      name: 'a crossing on a token watched on two metrics: not told',
      s: rec({ kind: 'metric_cross', reason: 'dedup' }),
      metrics: ['SHARPE', 'MAX_DRAWDOWN'],
      want: { until: undefined, cooldowns: 0 },
    },
  ])('$name', ({ s, metrics, want }) => {
    const x = explainSuppression(s, RUNNING, metrics ?? ['SHARPE']);
    expect(x.record).toBe(s);
    expect(x.until).toBe(want.until);
    expect(x.cooldowns).toHaveLength(want.cooldowns);
    expect(x.detail).toEqual(want.detail);
  });
});
