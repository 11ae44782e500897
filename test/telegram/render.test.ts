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
      /^⏰ Held during your quiet hours or mute:\n\n👀 <b>SOL<\/b>/,
    );
    expect(renderAlert(msg([level()])).parts[0]).toMatch(/^👀 <b>SOL<\/b>/);
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
