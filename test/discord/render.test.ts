import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '#src/domain/types.js';
import {
  COLOURS,
  DISCORD_LIMITS,
  embedLength,
  eventEmbed,
  renderAlert,
  renderNotice,
  renderReply,
  safeUrl,
} from '#src/platforms/discord/render.js';
import { AT, breakout, CHANNEL, DM, digest } from './helpers.js';

/** A breakout with every fact this version adds: price stamp, target and where it fails. */
const full = (i: number, over: Parameters<typeof breakout>[1] = {}) =>
  breakout(i, {
    priceAt: AT - 60_000,
    priceSource: 'Binance TOK/USDT',
    beyond: { level: 162.4, strength: 70 },
    behind: { level: 140, strength: 65 },
    ...over,
  });

const base = { id: 'e', tokenId: 1, symbol: 'SOL', name: 'Solana', at: 0, priority: 1 } as const;

describe('eventEmbed', () => {
  const cases: ReadonlyArray<{ name: string; event: AlertEvent; colour: number; fields: string[] }> = [
    {
      name: 'breakout up',
      event: breakout(0),
      colour: COLOURS.up,
      fields: ['Price', 'Level', 'Distance', 'Strength'],
    },
    {
      name: 'breakout down',
      event: breakout(0, { direction: 'down', side: 'support' }),
      colour: COLOURS.down,
      fields: ['Price', 'Level', 'Distance', 'Strength'],
    },
    {
      name: 'approach',
      event: breakout(0, { kind: 'level_approach' }),
      colour: COLOURS.near,
      fields: ['Price', 'Level', 'Distance', 'Strength'],
    },
    {
      name: 'touch',
      event: breakout(0, { kind: 'level_touch', direction: 'down' }),
      colour: COLOURS.near,
      fields: ['Price', 'Level', 'Distance', 'Strength'],
    },
    {
      name: 'bullish flip',
      event: { ...base, kind: 'signal_flip', timeframe: 'daily', from: -1, to: 1, price: 140 },
      colour: COLOURS.up,
      fields: ['Price'],
    },
    {
      name: 'bearish flip',
      event: { ...base, kind: 'signal_flip', timeframe: 'hourly', from: 1, to: -1 },
      colour: COLOURS.down,
      fields: [],
    },
    {
      name: 'sharpe up',
      event: {
        ...base,
        kind: 'metric_cross',
        metric: 'SHARPE',
        direction: 'up',
        value: 1.2,
        threshold: 1,
        previous: 0.9,
      },
      colour: COLOURS.up,
      fields: ['Sharpe', 'Threshold', 'Previous'],
    },
    {
      name: 'sharpe down',
      event: { ...base, kind: 'metric_cross', metric: 'SHARPE', direction: 'down', value: 0.8, threshold: 1 },
      colour: COLOURS.down,
      fields: ['Sharpe', 'Threshold'],
    },
  ];
  it.each(cases)('$name: colour and fields', ({ event, colour, fields }) => {
    const e = eventEmbed(event);
    expect(e.color).toBe(colour);
    expect((e.fields ?? []).map((f) => f.name)).toEqual(fields);
    expect(e.title).toContain(event.symbol);
  });

  it('breakout carries price, level, distance, strength and the token link', () => {
    const e = eventEmbed(breakout(0));
    const v = Object.fromEntries((e.fields ?? []).map((f) => [f.name, f.value]));
    expect(v).toEqual({
      Price: '$153.20',
      Level: '$150.00 (resistance)',
      Distance: '2.13%',
      Strength: '80/100',
    });
    expect(e.title).toBe('TOK0 broke above resistance $150.00');
    expect(e.url).toBe('https://app.tokenmetrics.com/sol');
  });

  it.each([
    [breakout(0, { kind: 'level_approach' }), 'TOK0 approaching resistance $150.00'],
    [breakout(0, { kind: 'level_touch' }), 'TOK0 touching resistance $150.00'],
    [
      { ...base, kind: 'signal_flip', timeframe: 'daily', from: -1, to: 1 } as AlertEvent,
      'SOL daily signal flipped bearish → bullish',
    ],
    [
      {
        ...base,
        kind: 'metric_cross',
        metric: 'SHARPE',
        direction: 'up',
        value: 1.2,
        threshold: 1,
      } as AlertEvent,
      'SOL Sharpe crossed above 1',
    ],
    [
      { ...base, kind: 'grade_change', from: 'Neutral', to: 'Buy', grade: 71.26 } as AlertEvent,
      'SOL TM grade signal Neutral → Buy',
    ],
  ])('title is the description: %#', (event, title) => {
    const e = eventEmbed(event);
    expect(e.title).toBe(title);
    expect(e.timestamp).toBe(new Date(event.at).toISOString());
  });

  it('a micro-cap level keeps its significant digits', () => {
    const e = eventEmbed(breakout(0, { level: 0.00001234, price: 0.0000128 }));
    expect(e.title).toBe('TOK0 broke above resistance $0.00001234');
    expect(e.fields?.[0]).toEqual({ name: 'Price', value: '$0.0000128', inline: true });
  });

  it('escapes markdown in API strings and drops non-http links', () => {
    const e = eventEmbed(
      breakout(0, { symbol: '**X**', name: '_evil_ @everyone', url: 'javascript:alert(1)' }),
    );
    expect(e.title).toBe('\\*\\*X\\*\\* broke above resistance $150.00');
    // Footers do not render markdown: escaping would show backslashes, so the name stays as is.
    expect(e.footer?.text).toBe('_evil_ @everyone · tokenwatch');
    expect(e.url).toBeUndefined();
    expect(safeUrl('https://x.y/z')).toBe('https://x.y/z');
    expect(safeUrl('not a url')).toBeUndefined();
  });
});

describe('the facts a trader acts on', () => {
  it('price with its time and source, target and fails-below: one field each, markdown escaped', () => {
    const e = eventEmbed(full(0, { priceSource: 'Kraken *SOL*_USD`' }));
    expect(e.fields).toEqual([
      { name: 'Price', value: '$153.20 (11:59 UTC, Kraken \\*SOL\\*\\_USD\\`)', inline: true },
      { name: 'Level', value: '$150.00 (resistance)', inline: true },
      { name: 'Distance', value: '2.13%', inline: true },
      { name: 'Strength', value: '80/100', inline: true },
      { name: 'Target', value: '$162.40 (resistance, 70/100)', inline: true },
      { name: 'Fails below', value: '$140.00 (support, 65/100)', inline: true },
    ]);
  });

  it('a destination zone writes the price time in it', () => {
    const [part] = renderAlert({ ...digest([full(0)], CHANNEL), tz: 'Asia/Tokyo' });
    expect(part?.embeds?.[0]?.fields?.[0]?.value).toBe('$153.20 (20:59 GMT+9, Binance TOK/USDT)');
  });

  it('a held digest: each embed carries its own event time (Discord shows it in the reader zone)', () => {
    const times = [AT - 9 * 3_600_000, AT - 3_600_000];
    const [part] = renderAlert({
      ...digest(
        times.map((at, i) => full(i, { at })),
        CHANNEL,
      ),
      origin: 'held',
    });
    expect(part?.embeds?.map((e) => e.timestamp)).toEqual(times.map((t) => new Date(t).toISOString()));
  });
});

describe('renderAlert limits', () => {
  it('40 full-fact alerts still split within 10 embeds and 6,000 characters per message', () => {
    const parts = renderAlert(
      digest(
        Array.from({ length: 40 }, (_, i) => full(i)),
        CHANNEL,
      ),
    );
    expect(parts.flatMap((p) => p.embeds ?? [])).toHaveLength(40);
    for (const p of parts) {
      expect((p.embeds ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect((p.embeds ?? []).reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    }
  });

  it('a digest of 40 events splits into messages of ≤ 10 embeds and ≤ 6,000 chars', () => {
    const events = Array.from({ length: 40 }, (_, i) => breakout(i));
    const parts = renderAlert(digest(events, CHANNEL));
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.flatMap((p) => p.embeds ?? [])).toHaveLength(40);
    for (const p of parts) {
      expect((p.embeds ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect((p.embeds ?? []).reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect((p.content ?? '').length).toBeLessThanOrEqual(2000);
      expect(p.allowed_mentions).toEqual({ parse: [] });
      expect(p.components).toBeUndefined(); // no buttons in channels
    }
    expect(parts[0]?.content).toBe(`40 alerts (1/${parts.length})`);
    expect(parts[1]?.content).toBe(`(2/${parts.length})`);
  });

  it('a single alert has no header; a held digest says why it comes late', () => {
    expect(renderAlert(digest([breakout(0)], CHANNEL))[0]?.content).toBeUndefined();
    const held = renderAlert({ ...digest([breakout(0), breakout(1)], CHANNEL), origin: 'held' });
    expect(held[0]?.content).toBe('Held during your quiet hours or mute: 2 alerts');
  });

  it('huge API strings are cut so that the 6,000 total still holds', () => {
    const long = 'N'.repeat(5000);
    const events = Array.from({ length: 12 }, (_, i) =>
      full(i, { name: long, symbol: 'S'.repeat(300), priceSource: 'P'.repeat(3000) }),
    );
    const parts = renderAlert(digest(events, CHANNEL));
    for (const p of parts) {
      const total = (p.embeds ?? []).reduce((n, e) => n + embedLength(e), 0);
      expect(total).toBeLessThanOrEqual(6000);
      for (const e of p.embeds ?? []) expect((e.title ?? '').length).toBeLessThanOrEqual(256);
    }
    expect(parts.flatMap((p) => p.embeds ?? [])).toHaveLength(12);
  });

  it('DM alerts get Mute 1d and Unsubscribe buttons per token', () => {
    const [part] = renderAlert(digest([breakout(7), breakout(7, { id: 'x' }), breakout(8)], DM));
    const ids = (part?.components ?? []).flatMap((row) =>
      row.components.map((c) => ('custom_id' in c ? c.custom_id : '')),
    );
    expect(ids).toEqual(['mute:1007:1d', 'unsub:1007', 'mute:1008:1d', 'unsub:1008']);
  });
});

describe('replies and notices', () => {
  it('escapes markdown and never pings', () => {
    const r = renderReply({
      kind: 'error',
      title: 'Bad *input*',
      lines: ['"@everyone ||x||" is not a symbol'],
    });
    expect(r.content).toContain('Bad \\*input\\*');
    expect(r.content).toContain('\\|\\|x\\|\\|');
    expect(r.allowedMentions).toEqual({ parse: [] });
    const n = renderNotice('x'.repeat(5000));
    expect(n.content?.length).toBeLessThanOrEqual(2000);
    expect(n.allowed_mentions).toEqual({ parse: [] });
  });

  it('reply buttons become action rows of at most 5', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ label: `b${i}`, action: `unsub:${i}` }));
    const r = renderReply({ kind: 'ok', lines: ['done'], buttons });
    expect(r.components.map((row) => row.components.length)).toEqual([5, 2]);
  });
});

describe('reply tables (/stats)', () => {
  it('renders a table reply as an embed with the table in a code block that cannot be closed early', () => {
    const r = renderReply({
      kind: 'info',
      title: 'Alert *outcomes*',
      lines: ['a _note_'],
      table: ['Kind  n', 'x```y  1'],
    });
    expect(r.content).toBe('');
    const e = r.embeds?.[0];
    expect(e?.title).toBe('Alert \\*outcomes\\*');
    expect(e?.color).toBe(COLOURS.info);
    expect(e?.description).toBe('a \\_note\\_\n```\nKind  n\nxˋˋˋy  1\n```');
    // Replies without a table stay plain content.
    expect(renderReply({ kind: 'ok', lines: ['done'] }).embeds).toBeUndefined();
  });
});
