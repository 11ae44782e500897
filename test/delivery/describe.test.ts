import { describe, expect, it } from 'vitest';
import {
  type AlertDescription,
  describeAlert,
  describeDigest,
  factLine,
  HELD_NOTE,
  metricLabel,
} from '#src/delivery/describe.js';
import type { AlertEvent, LevelEvent } from '#src/domain/types.js';

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
    const d = describeAlert(event);
    expect(d).toMatchObject(want);
    expect(d).toMatchObject({ kind: event.kind, tokenId: 1, subject: 'SOL', name: 'Solana', at: AT });
    expect(d.link).toBeUndefined();
    expect(d.image).toBeUndefined();
  });

  it('passes the link through unchecked (each platform filters it) and leaves API strings unescaped', () => {
    const d = describeAlert(level({ symbol: '<b>*X*</b>', url: 'javascript:alert(1)' }));
    expect(d.subject).toBe('<b>*X*</b>');
    expect(d.link).toBe('javascript:alert(1)');
  });
});

describe('describeDigest', () => {
  it('one token: its symbol and name; several: the count and symbols in order', () => {
    const one = describeDigest([level(), level({ id: 'b', kind: 'level_touch' })], 'tick');
    expect(one).toMatchObject({ summary: 'SOL (Solana)', count: '2 alerts' });
    expect(one.heldNote).toBeUndefined();
    expect(one.alerts.map((a) => a.kind)).toEqual(['level_approach', 'level_touch']);
    const many = describeDigest([level(), level({ symbol: 'BTC', tokenId: 2 }), level()], 'tick');
    expect(many.summary).toBe('3 alerts · SOL, BTC');
  });

  it('held digests carry the held note; a single alert is "1 alert"', () => {
    expect(describeDigest([level()], 'held')).toMatchObject({ heldNote: HELD_NOTE, count: '1 alert' });
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
  ])('metricLabel(%s) = %s', (m, want) => {
    expect(metricLabel(m)).toBe(want);
  });
});
