import { describe, expect, it } from 'vitest';
import {
  type AlertDescription,
  demoFact,
  describeAlert,
  describeDigest,
  describeMessage,
  factLine,
  metricLabel,
} from '#src/delivery/describe.js';
import type { AlertEvent, LevelEvent, SignalFlipEvent } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';

const EN = { t: translatorFor('en') };

const AT = Date.UTC(2026, 10, 28, 12);
const base = { id: 'e', tokenId: 1, symbol: 'SOL', name: 'Solana', at: AT, priority: 1 } as const;
const level = (over: Partial<LevelEvent> = {}): LevelEvent => ({
  ...base,
  kind: 'level_approach',
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  distancePct: 1.8667,
  strength: 82.4,
  proximityPct: 2,
  ...over,
});
const flip = (over: Partial<SignalFlipEvent> = {}): SignalFlipEvent => ({
  ...base,
  kind: 'signal_flip',
  timeframe: 'daily',
  from: -1,
  to: 1,
  ...over,
});
/** What a level event of this version carries: the price's time and source, the levels either side. */
const stamped = {
  priceAt: AT - 28 * 60_000,
  priceSource: 'Binance SOL/USDT',
  beyond: { level: 162.4, strength: 70.2 },
  behind: { level: 140, strength: 65 },
} as const;
const levelFacts = (price: string) => [
  { label: 'Price', value: price },
  { label: 'Level', value: '$150.00 (resistance)' },
  { label: 'Distance', value: '1.87%' },
  { label: 'Strength', value: '82/100' },
];

type Case = {
  name: string;
  event: AlertEvent;
  want: Pick<AlertDescription, 'headline' | 'icon' | 'tone' | 'facts'>;
};

const cases: Case[] = [
  {
    name: 'approach',
    event: level(),
    want: {
      headline: 'approaching resistance $150.00',
      icon: '👀',
      tone: 'near',
      facts: levelFacts('$147.20'),
    },
  },
  {
    name: 'touch (moving down)',
    event: level({ kind: 'level_touch', direction: 'down', price: 150.1 }),
    want: { headline: 'touching resistance $150.00', icon: '🎯', tone: 'near', facts: levelFacts('$150.10') },
  },
  {
    name: 'breakout up',
    event: level({ kind: 'level_breakout', price: 153.2 }),
    want: {
      headline: 'broke above resistance $150.00',
      icon: '🚀',
      tone: 'up',
      facts: levelFacts('$153.20'),
    },
  },
  {
    name: 'breakout down through support, a micro-cap price',
    event: level({
      kind: 'level_breakout',
      direction: 'down',
      side: 'support',
      level: 0.00001234,
      price: 0.0000119,
      distancePct: 3.57,
      strength: 60,
    }),
    want: {
      headline: 'broke below support $0.00001234',
      icon: '📉',
      tone: 'down',
      facts: [
        { label: 'Price', value: '$0.0000119' },
        { label: 'Level', value: '$0.00001234 (support)' },
        { label: 'Distance', value: '3.57%' },
        { label: 'Strength', value: '60/100' },
      ],
    },
  },
  {
    name: 'daily flip to bullish with price',
    event: { ...base, kind: 'signal_flip', timeframe: 'daily', from: -1, to: 1, price: 64210.5 },
    want: {
      headline: 'daily signal flipped bearish → bullish',
      icon: '🟢',
      tone: 'up',
      facts: [{ label: 'Price', value: '$64,210.50' }],
    },
  },
  {
    name: 'hourly flip to bearish without price',
    event: { ...base, kind: 'signal_flip', timeframe: 'hourly', from: 1, to: -1 },
    want: { headline: 'hourly signal flipped bullish → bearish', icon: '🔴', tone: 'down', facts: [] },
  },
  {
    name: 'flip to neutral',
    event: { ...base, kind: 'signal_flip', timeframe: 'daily', from: 1, to: 0 },
    want: { headline: 'daily signal flipped bullish → neutral', icon: '⚪', tone: 'neutral', facts: [] },
  },
  {
    name: 'approach with the price stamp, the target beyond and where it fails',
    event: level(stamped),
    want: {
      headline: 'approaching resistance $150.00',
      icon: '👀',
      tone: 'near',
      facts: [
        { label: 'Price', value: '$147.20 (11:32 UTC, Binance SOL/USDT)' },
        ...levelFacts('').slice(1),
        { label: 'Target', value: '$162.40 (resistance, 70/100)' },
        { label: 'Fails below', value: '$140.00 (support, 65/100)' },
      ],
    },
  },
  {
    name: 'breakdown through support: target below, fails above; polled price says Token Metrics',
    event: level({
      kind: 'level_breakout',
      direction: 'down',
      side: 'support',
      level: 140,
      price: 139.1,
      distancePct: 0.64,
      strength: 65,
      priceAt: AT,
      beyond: { level: 120.5, strength: 55 },
      behind: { level: 150, strength: 82 },
    }),
    want: {
      headline: 'broke below support $140.00',
      icon: '📉',
      tone: 'down',
      facts: [
        { label: 'Price', value: '$139.10 (12:00 UTC, Token Metrics)' },
        { label: 'Level', value: '$140.00 (support)' },
        { label: 'Distance', value: '0.64%' },
        { label: 'Strength', value: '65/100' },
        { label: 'Target', value: '$120.50 (support, 55/100)' },
        { label: 'Fails above', value: '$150.00 (resistance, 82/100)' },
      ],
    },
  },
  {
    name: 'touch with only a level behind (nothing strong beyond)',
    event: level({ kind: 'level_touch', behind: { level: 140, strength: 65 } }),
    want: {
      headline: 'touching resistance $150.00',
      icon: '🎯',
      tone: 'near',
      facts: [...levelFacts('$147.20'), { label: 'Fails below', value: '$140.00 (support, 65/100)' }],
    },
  },
  {
    name: 'daily flip: price stamp, the row date, trader and TM grade',
    event: flip({
      price: 64210.5,
      priceAt: AT - 86_400_000,
      signalTime: '2026-11-28T00:00:00.000Z',
      traderGrade: 63.24,
      tmGrade: 71.26,
    }),
    want: {
      headline: 'daily signal flipped bearish → bullish',
      icon: '🟢',
      tone: 'up',
      facts: [
        { label: 'Price', value: '$64,210.50 (Nov 27 12:00 UTC, Token Metrics)' },
        { label: 'Signal date', value: '2026-11-28' },
        { label: 'Trader grade', value: '63.2' },
        { label: 'TM grade', value: '71.3' },
      ],
    },
  },
  {
    name: 'hourly flip: the signal hour, in UTC; no price known',
    event: flip({ timeframe: 'hourly', from: 1, to: -1, signalTime: '2026-11-28T11:00:00Z' }),
    want: {
      headline: 'hourly signal flipped bullish → bearish',
      icon: '🔴',
      tone: 'down',
      facts: [{ label: 'Signal hour', value: '11:00 UTC' }],
    },
  },
  {
    name: 'an hourly timestamp without a zone is UTC (not the host zone)',
    event: flip({ timeframe: 'hourly', signalTime: '2026-11-28T09:00:00' }),
    want: {
      headline: 'hourly signal flipped bearish → bullish',
      icon: '🟢',
      tone: 'up',
      facts: [{ label: 'Signal hour', value: '09:00 UTC' }],
    },
  },
  {
    name: 'a signal time that does not parse is shown as given',
    event: flip({ timeframe: 'hourly', signalTime: 'yesterday-ish' }),
    want: {
      headline: 'hourly signal flipped bearish → bullish',
      icon: '🟢',
      tone: 'up',
      facts: [{ label: 'Signal hour', value: 'yesterday-ish' }],
    },
  },
  {
    name: 'Sharpe crossing down',
    event: {
      ...base,
      kind: 'metric_cross',
      metric: 'SHARPE',
      direction: 'down',
      value: 0.42,
      previous: 1.3,
      threshold: 1,
    },
    want: {
      headline: 'Sharpe crossed below 1',
      icon: '📉',
      tone: 'down',
      facts: [
        { label: 'Sharpe', value: '0.42' },
        { label: 'Threshold', value: '1' },
        { label: 'Previous', value: '1.3' },
      ],
    },
  },
  {
    name: 'other metric crossing up',
    event: {
      ...base,
      kind: 'metric_cross',
      metric: 'MAX_DRAWDOWN',
      direction: 'up',
      value: -0.2,
      threshold: -0.25,
    },
    want: {
      headline: 'max drawdown crossed above -0.25',
      icon: '📈',
      tone: 'up',
      facts: [
        { label: 'max drawdown', value: '-0.2' },
        { label: 'Threshold', value: '-0.25' },
      ],
    },
  },
  {
    name: 'grade change to buy',
    event: { ...base, kind: 'grade_change', from: 'Neutral', to: 'Buy', grade: 71.26 },
    want: {
      headline: 'TM grade signal Neutral → Buy',
      icon: '🏷️',
      tone: 'up',
      facts: [{ label: 'TM grade', value: '71.3' }],
    },
  },
  {
    name: 'grade change to sell, no grade',
    event: { ...base, kind: 'grade_change', from: 'Buy', to: 'Strong Sell' },
    want: { headline: 'TM grade signal Buy → Strong Sell', icon: '🏷️', tone: 'down', facts: [] },
  },
  {
    name: 'grade change to hold',
    event: { ...base, kind: 'grade_change', from: 'Buy', to: 'Neutral' },
    want: { headline: 'TM grade signal Buy → Neutral', icon: '🏷️', tone: 'neutral', facts: [] },
  },
];

describe('describeAlert: every event kind worded once', () => {
  it.each(cases)('$name', ({ event, want }) => {
    const d = describeAlert(event, EN);
    expect(d).toMatchObject(want);
    expect(d).toMatchObject({ kind: event.kind, tokenId: 1, subject: 'SOL', name: 'Solana', at: AT });
    expect(d.link).toBeUndefined();
    expect(d.image).toBeUndefined();
  });

  it('on replay data the polled price says so, and the demo fact comes last', () => {
    const d = describeAlert(level({ priceAt: AT, demo: true }), EN);
    expect(d.facts[0]?.value).toBe('$147.20 (12:00 UTC, demo replay)');
    expect(d.facts.at(-1)).toEqual(demoFact(EN.t));
  });

  it('passes the link through unchecked (each platform filters it) and leaves API strings unescaped', () => {
    const d = describeAlert(level({ symbol: '<b>*X*</b>', url: 'javascript:alert(1)' }), EN);
    expect(d.subject).toBe('<b>*X*</b>');
    expect(d.link).toBe('javascript:alert(1)');
  });
});

describe('times in the destination zone', () => {
  it('the price time and the signal hour use tz; an unknown zone falls back to UTC', () => {
    const e = flip({ timeframe: 'hourly', price: 147.2, priceAt: AT, signalTime: '2026-11-28T11:00:00Z' });
    expect(describeAlert(e, { tz: 'Europe/Berlin', t: EN.t }).facts).toEqual([
      { label: 'Price', value: '$147.20 (13:00 GMT+1, Token Metrics)' },
      { label: 'Signal hour', value: '12:00 GMT+1' },
    ]);
    expect(describeAlert(e, { tz: 'Mars/Olympus', t: EN.t }).facts[0]?.value).toBe(
      '$147.20 (12:00 UTC, Token Metrics)',
    );
  });

  it('the date shows when the day differs in that zone, not in UTC', () => {
    // 23:30 UTC on Nov 27 is 00:30 on Nov 28 in Berlin, the alert's own day there.
    const e = level({ priceAt: Date.UTC(2026, 10, 27, 23, 30) });
    expect(describeAlert(e, EN).facts[0]?.value).toBe('$147.20 (Nov 27 23:30 UTC, Token Metrics)');
    expect(describeAlert(e, { tz: 'Europe/Berlin', t: EN.t }).facts[0]?.value).toBe(
      '$147.20 (00:30 GMT+1, Token Metrics)',
    );
  });
});

describe('describeDigest', () => {
  it('one token: its symbol and name; several: the count and symbols in order', () => {
    const one = describeDigest([level(), level({ id: 'b', kind: 'level_touch' })], 'tick', { t: EN.t });
    expect(one).toMatchObject({ summary: 'SOL (Solana)', count: '2 alerts' });
    expect(one.heldNote).toBeUndefined();
    expect(one.alerts.map((a) => a.kind)).toEqual(['level_approach', 'level_touch']);
    const many = describeDigest([level(), level({ symbol: 'BTC', tokenId: 2 }), level()], 'tick', {
      t: EN.t,
    });
    expect(many.summary).toBe('3 alerts · SOL, BTC');
  });

  it('held digests carry the held note; a single alert is "1 alert"', () => {
    expect(describeDigest([level()], 'held', { t: EN.t })).toMatchObject({
      heldNote: 'Held during your quiet hours or mute',
      count: '1 alert',
    });
  });

  it('a held digest gives each item its own time (the date when not the send day); a tick digest none', () => {
    const night = Date.UTC(2026, 10, 27, 22, 15);
    const events = [level({ at: night }), level({ id: 'b', kind: 'level_touch', at: AT - 3_600_000 })];
    const held = describeDigest(events, 'held', { now: AT + 60_000, t: EN.t });
    expect(held.alerts.map((a) => a.time)).toEqual(['Nov 27 22:15 UTC', '11:00 UTC']);
    expect(held.alerts.map((a) => a.at)).toEqual([night, AT - 3_600_000]);
    // Sent at 22:00 New York time on Nov 27: the night event is "today" there, though not in UTC.
    const sent = Date.UTC(2026, 10, 28, 3);
    const zoned = describeMessage({
      events: events.slice(0, 1),
      origin: 'held',
      createdAt: sent,
      tz: 'America/New_York',
    });
    expect(zoned.alerts.map((a) => a.time)).toEqual(['17:15 EST']);
    expect(
      describeMessage({ events: events.slice(0, 1), origin: 'held', createdAt: sent }).alerts[0]?.time,
    ).toBe('Nov 27 22:15 UTC');
    expect(describeDigest(events, 'tick', { t: EN.t }).alerts.map((a) => a.time)).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('helpers', () => {
  it('factLine joins label and value', () => {
    expect(factLine(levelFacts('$147.20'))).toBe(
      'Price $147.20 · Level $150.00 (resistance) · Distance 1.87% · Strength 82/100',
    );
    expect(factLine([])).toBe('');
  });
  it.each([
    ['SHARPE', 'Sharpe'],
    ['sharpe', 'Sharpe'],
    ['MAX_DRAWDOWN', 'max drawdown'],
    ['NEW_FIELD_X', 'new field x'], // not in the catalog: its words, lower case
  ])('metricLabel(%s) = %s', (m, want) => {
    expect(metricLabel(m, translatorFor('en'))).toBe(want);
  });
});
