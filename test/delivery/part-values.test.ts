import { describe, expect, it } from 'vitest';
import { describeAlert, factLine } from '#src/delivery/describe.js';
import { partValueWords } from '#src/delivery/describe-price.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { PartValue, PriceAlertEvent } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { LOCALES } from '#src/i18n/locales.js';
import { SOL, T0 } from './plan-fixtures.js';

/**
 * Issue 22: a fired alert's parts keep their values as data and are worded in the reader's language at
 * render time (one wording with /why); an event queued before that, holding English words, reads as before.
 */
const en = translatorFor('en');

describe('partValueWords', () => {
  it.each<[PartValue, string]>([
    [{ kind: 'none' }, 'no data yet'],
    [{ kind: 'price', price: 211.5 }, '$211.50'],
    [{ kind: 'move', pct: 5.45, from: 211 }, '+5.45% from $211.00'],
    [{ kind: 'near', side: 'support', level: 120, awayPct: 0.8333 }, 'support $120.00, +0.83% away'],
    [{ kind: 'near-none', side: 'resistance', pct: 2 }, 'no strong resistance within 2%'],
    [{ kind: 'signal', value: 1 }, 'bullish'],
    [{ kind: 'signal', value: -1 }, 'bearish'],
    [{ kind: 'number', value: 74, digits: 1 }, '74'],
  ])('English: %o → %s', (v, want) => {
    expect(partValueWords(v, en)).toBe(want);
  });

  it('every language words every kind, with the numbers as English writes them', () => {
    const values: PartValue[] = [
      { kind: 'none' },
      { kind: 'move', pct: 5.45, from: 211 },
      { kind: 'near', side: 'support', level: 120, awayPct: 0.8333 },
      { kind: 'near-none', side: 'resistance', pct: 2 },
      { kind: 'signal', value: 1 },
    ];
    for (const locale of LOCALES) {
      const t = translatorFor(locale);
      for (const v of values) {
        const text = partValueWords(v, t);
        expect(text, `${locale} ${v.kind}`).not.toBe('');
        if (locale !== 'en') expect(text, `${locale} ${v.kind}`).not.toBe(partValueWords(v, en));
      }
      expect(partValueWords({ kind: 'move', pct: 5.45, from: 211 }, t)).toContain('+5.45%');
      expect(partValueWords({ kind: 'move', pct: 5.45, from: 211 }, t)).toContain('$211.00');
    }
  });
});

const combined = (parts: PriceAlertEvent['parts']): PriceAlertEvent => ({
  ...SOL,
  id: 'p1',
  kind: 'price_alert',
  at: T0,
  priority: 85,
  alertId: 'a1',
  destination: { platform: 'telegram', kind: 'dm', id: '42' },
  condition: conditionOf([
    { kind: 'above', price: 210 },
    { kind: 'signal', timeframe: 'daily', value: 'bullish' },
  ]),
  ...(parts ? { parts } : {}),
  repeat: 'once',
  price: 211,
  source: 'poll',
});

describe('a fired combined alert', () => {
  const event = combined([
    { part: 'above $210.00', reading: { kind: 'price', price: 211 } },
    { part: 'signal bullish', reading: { kind: 'signal', value: 1 } },
  ]);

  it('words each part in the reader language; the parts as typed stay the same', () => {
    const line = (locale: (typeof LOCALES)[number]) =>
      factLine(describeAlert(event, { t: translatorFor(locale) }).facts);
    expect(line('en')).toContain('✓ signal bullish bullish');
    expect(line('ru')).toContain(
      `✓ signal bullish ${partValueWords({ kind: 'signal', value: 1 }, translatorFor('ru'))}`,
    );
    expect(line('es')).toContain(
      `✓ signal bullish ${partValueWords({ kind: 'signal', value: 1 }, translatorFor('es'))}`,
    );
    for (const locale of LOCALES) expect(line(locale)).toContain('✓ above $210.00 $211.00');
  });

  it('an event queued before issue 22 (English words) reads as it did', () => {
    const legacy = combined([
      { part: 'above $210.00', value: '$211.00' },
      { part: 'signal bullish', value: 'bullish' },
    ]);
    expect(factLine(describeAlert(legacy, { t: en }).facts)).toContain('✓ signal bullish bullish');
  });
});
