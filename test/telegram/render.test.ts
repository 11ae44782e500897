import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { AlertEvent, LevelEvent } from '#src/domain/types.js';
import { escapeAttr, escapeHtml, link, splitHtml, stripTags } from '#src/platforms/telegram/html.js';
import {
  alertKeyboard,
  renderAlert,
  renderEvent,
  renderReply,
  replyToast,
} from '#src/platforms/telegram/render.js';
import { CAPTION_LIMIT, stepsOf } from '#src/platforms/telegram/sender.js';
import { checkHtml } from '../fakes/telegram-fake.js';

const level = (over: Partial<LevelEvent> = {}): LevelEvent => ({
  id: 'e1',
  kind: 'level_approach',
  tokenId: 11111,
  symbol: 'SOL',
  name: 'Solana',
  at: 0,
  priority: 1,
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  distancePct: 1.8667,
  strength: 82,
  proximityPct: 2,
  url: 'https://app.tokenmetrics.com/en/solana',
  ...over,
});

const msg = (events: AlertEvent[], origin: 'tick' | 'held' = 'tick'): OutboundMessage => ({
  id: 'm1',
  destination: { platform: 'telegram', kind: 'dm', id: '42' },
  events,
  createdAt: 0,
  origin,
});

describe('escaping', () => {
  it.each([
    ['<b>&</b>', '&lt;b&gt;&amp;&lt;/b&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['plain 🚀', 'plain 🚀'],
  ])('escapeHtml(%s)', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
    expect(stripTags(escapeHtml(input))).toBe(input);
  });

  it('escapes quotes in attributes and refuses non-http links', () => {
    expect(escapeAttr('a"b<')).toBe('a&quot;b&lt;');
    expect(link('x', 'https://e.com/?q="><b>')).toBe('<a href="https://e.com/?q=&quot;&gt;&lt;b&gt;">x</a>');
    expect(link('<x>', 'javascript:alert(1)')).toBe('&lt;x&gt;');
    expect(link('x', undefined)).toBe('x');
  });
});

describe('renderEvent', () => {
  it('level approach: icon, bold symbol, headline, name link; then the facts', () => {
    const [head, body] = renderEvent(level());
    expect(head).toBe(
      '👀 <b>SOL</b> approaching resistance $150.00 · <a href="https://app.tokenmetrics.com/en/solana">Solana</a>',
    );
    expect(body).toBe('Price $147.20 · Level $150.00 (resistance) · Distance 1.87% · Strength 82/100');
  });

  it('the same wording as the description for every kind; a token without a name gets a chart link', () => {
    const flip = renderEvent({
      id: 'f',
      tokenId: 11111,
      symbol: 'SOL',
      name: 'SOL',
      at: 0,
      priority: 1,
      url: 'https://app.tokenmetrics.com/en/solana',
      kind: 'signal_flip',
      timeframe: 'daily',
      from: -1,
      to: 1,
      price: 0.00001234,
    });
    expect(flip).toEqual([
      '🟢 <b>SOL</b> daily signal flipped bearish → bullish · <a href="https://app.tokenmetrics.com/en/solana">chart</a>',
      'Price $0.00001234',
    ]);
    const { url: _url, ...noLink } = level({ kind: 'level_touch' });
    const touch = renderEvent(noLink);
    expect(touch[0]).toBe('🎯 <b>SOL</b> touching resistance $150.00 · Solana');
  });

  it('sharpe cross shows value and threshold', () => {
    const lines = renderEvent({
      id: 'e2',
      kind: 'metric_cross',
      tokenId: 1,
      symbol: 'BTC',
      name: 'Bitcoin',
      at: 0,
      priority: 1,
      metric: 'SHARPE',
      direction: 'down',
      value: 0.42,
      previous: 1.3,
      threshold: 1,
    });
    expect(lines[0]).toBe('📉 <b>BTC</b> Sharpe crossed below 1 · Bitcoin');
    expect(lines[1]).toBe('Sharpe 0.42 · Threshold 1 · Previous 1.3');
  });

  it('escapes every API string (symbol, name, grade labels)', () => {
    const lines = renderEvent({
      id: 'e3',
      kind: 'grade_change',
      tokenId: 2,
      symbol: '<b>X</b>',
      name: 'A & <i>B</i>',
      at: 0,
      priority: 1,
      from: 'Buy',
      to: '<script>',
    });
    const html = lines.join('\n');
    expect(html).toContain('<b>&lt;b&gt;X&lt;/b&gt;</b>');
    expect(html).toContain('A &amp; &lt;i&gt;B&lt;/i&gt;');
    expect(html).toContain('&lt;script&gt;');
    expect(checkHtml(html)).toBeUndefined();
  });
});

describe('renderAlert', () => {
  it('puts mute/unsubscribe buttons under the alert, ≤ 64 bytes each', () => {
    const r = renderAlert(msg([level()]));
    expect(r.parts).toHaveLength(1);
    expect(r.keyboard?.inline_keyboard).toEqual([
      [
        { text: '🔕 Mute SOL 1d', callback_data: 'mute:11111:1d' },
        { text: 'Unsubscribe SOL', callback_data: 'unsub:11111' },
      ],
    ]);
  });

  it('one button row per distinct token, at most three', () => {
    const events = [1, 2, 2, 3, 4, 5].map((t) => level({ tokenId: t, symbol: `T${t}` }));
    const kb = alertKeyboard(events);
    expect(kb?.inline_keyboard.map((row) => row[1]?.text)).toEqual([
      'Unsubscribe T1',
      'Unsubscribe T2',
      'Unsubscribe T3',
    ]);
  });

  it('held digests say so', () => {
    expect(renderAlert(msg([level()], 'held')).parts[0]).toMatch(
      /^⏰ Held during your quiet hours or mute:\n\n<i>00:00 UTC<\/i> · 👀 <b>SOL<\/b>/,
    );
    expect(renderAlert(msg([level()])).parts[0]).toMatch(/^👀 <b>SOL<\/b>/);
  });

  it('each item of a held digest starts with its own time, in the destination zone when it has one', () => {
    const sent = Date.UTC(2026, 10, 28, 7);
    const events = [
      level({ at: Date.UTC(2026, 10, 27, 22, 15) }),
      level({ id: 'e2', kind: 'level_touch', at: Date.UTC(2026, 10, 28, 1, 40) }),
    ];
    const held = { ...msg(events, 'held'), createdAt: sent };
    const heads = (r: { parts: readonly string[] }) =>
      (r.parts[0] ?? '').split('\n').filter((l) => l.includes('<b>SOL</b>'));
    expect(heads(renderAlert(held)).map((l) => l.slice(0, l.indexOf(' · ')))).toEqual([
      '<i>Nov 27 22:15 UTC</i>',
      '<i>01:40 UTC</i>',
    ]);
    expect(heads(renderAlert({ ...held, tz: 'Europe/Berlin' }))[0]).toMatch(
      /^<i>Nov 27 23:15 GMT\+1<\/i> · 👀/,
    );
    // A digest of one tick has no per-item time: they all happened now.
    expect(heads(renderAlert({ ...held, origin: 'tick' }))[0]).toMatch(/^👀 /);
  });

  it('a full level alert (price stamp, target, fails-below) fits a photo caption, every string escaped', () => {
    const e = level({
      symbol: '<b>S&P</b>',
      name: 'A & <i>B</i>',
      priceAt: Date.UTC(2026, 10, 28, 14, 32),
      priceSource: 'Kraken <SOL>&USD',
      at: Date.UTC(2026, 10, 28, 14, 33),
      beyond: { level: 162.4, strength: 70 },
      behind: { level: 140, strength: 65 },
    });
    const r = renderAlert(msg([e]));
    const html = r.parts[0] ?? '';
    expect(html).toContain(
      'Price $147.20 (14:32 UTC, Kraken &lt;SOL&gt;&amp;USD) · Level $150.00 (resistance) · Distance 1.87% · ' +
        'Strength 82/100 · Target $162.40 (resistance, 70/100) · Fails below $140.00 (support, 65/100)',
    );
    expect(html).toContain('<b>&lt;b&gt;S&amp;P&lt;/b&gt;</b>');
    expect(checkHtml(html)).toBeUndefined();
    expect(r.parts).toHaveLength(1);
    expect(stripTags(html).length).toBeLessThanOrEqual(CAPTION_LIMIT);
    const png = new Uint8Array([1]);
    expect(stepsOf(r, { png, filename: 'c.png', eventId: e.id } as never)).toEqual([
      { photo: { png, filename: 'c.png' }, text: html },
    ]);
  });

  it('flips show the signal date, trader and TM grade', () => {
    const lines = renderEvent({
      id: 'f2',
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      at: Date.UTC(2026, 10, 28, 12),
      priority: 1,
      kind: 'signal_flip',
      timeframe: 'daily',
      from: -1,
      to: 1,
      price: 140,
      priceAt: Date.UTC(2026, 10, 28, 11, 55),
      signalTime: '2026-11-28',
      traderGrade: 63.24,
      tmGrade: 71,
    });
    expect(lines[1]).toBe(
      'Price $140.00 (11:55 UTC, Token Metrics) · Signal date 2026-11-28 · Trader grade 63.2 · TM grade 71',
    );
  });

  it('splits a 10,000+ character digest on line boundaries, every part valid HTML ≤ 4096', () => {
    const events = Array.from({ length: 80 }, (_, i) =>
      level({ id: `e${i}`, name: `Token & <${i}> 🚀`.repeat(2) }),
    );
    const r = renderAlert(msg(events));
    const whole = events.flatMap((e, i) => (i > 0 ? ['', ...renderEvent(e)] : renderEvent(e))).join('\n');
    expect(whole.length).toBeGreaterThan(10_000);
    expect(r.parts.length).toBeGreaterThanOrEqual(3);
    for (const p of r.parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(checkHtml(p)).toBeUndefined();
    }
    // Nothing lost, nothing cut: the parts re-join (blank separator lines aside) to the same lines.
    const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
    expect(r.parts.flatMap(lines)).toEqual(lines(whole));
  });
});

describe('splitHtml', () => {
  it('cuts an over-long single line as text, never inside an entity or an emoji', () => {
    const line = `<b>x</b> ${'a&b🚀'.repeat(2500)}`; // ~12,500 units on one line
    const parts = splitHtml(line, 4096);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(checkHtml(p)).toBeUndefined();
      expect(p).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate at the end
      expect(p).not.toMatch(/^[\uDC00-\uDFFF]/); // no lone low surrogate at the start
    }
    expect(stripTags(parts.join(''))).toBe(stripTags(line));
    expect(parts.join('').match(/🚀/gu)?.length).toBe(2500);
  });

  it('keeps short text in one part', () => {
    expect(splitHtml('a\nb', 4096)).toEqual(['a\nb']);
  });
});

describe('renderReply', () => {
  it('escapes title and lines; errors get a marker', () => {
    const r = renderReply({ kind: 'error', lines: ['"<b>x</b>" is not a token symbol.'] }, 'Bot');
    expect(r.parts).toEqual(['⚠️ "&lt;b&gt;x&lt;/b&gt;" is not a token symbol.']);
    const t = renderReply({ kind: 'ok', title: 'A & B', lines: ['1 < 2'] }, 'Bot');
    expect(t.parts).toEqual(['<b>A &amp; B</b>\n1 &lt; 2']);
  });

  it('a deep link payload becomes a URL button to the private chat', () => {
    const r = renderReply({ kind: 'info', lines: ['x'], deepLinkPayload: 'sub_SOL' }, 'TokenWatchBot');
    expect(r.keyboard?.inline_keyboard).toEqual([
      [{ text: '💬 Continue in a private chat', url: 'https://t.me/TokenWatchBot?start=sub_SOL' }],
    ]);
    // Invalid payloads (Telegram allows A-Z a-z 0-9 _ -, ≤ 64) or an unknown username: no button.
    expect(
      renderReply({ kind: 'info', lines: ['x'], deepLinkPayload: 'a b' }, 'Bot').keyboard,
    ).toBeUndefined();
    expect(
      renderReply({ kind: 'info', lines: ['x'], deepLinkPayload: 'sub_SOL' }, undefined).keyboard,
    ).toBeUndefined();
  });

  it('toast text is plain and ≤ 200 characters', () => {
    expect(replyToast({ kind: 'ok', lines: ['x'.repeat(500)] }).length).toBeLessThanOrEqual(200);
    expect(replyToast({ kind: 'ok', lines: ['Muted SOL'] })).toBe('Muted SOL');
  });
});

describe('reply tables (/stats)', () => {
  it('renders the table as one <pre> block with every cell escaped', () => {
    const r = renderReply(
      { kind: 'info', title: 'Alert outcomes', lines: ['note <b>'], table: ['Kind  n', 'A&B   <1>'] },
      undefined,
    );
    const html = r.parts.join('');
    expect(html).toContain('<pre>Kind  n\nA&amp;B   &lt;1&gt;</pre>');
    expect(html).toContain('note &lt;b&gt;');
    expect(checkHtml(html)).toBeUndefined();
  });
});
