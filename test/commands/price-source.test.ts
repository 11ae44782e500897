import { describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';

const EN = translatorFor('en');

import { levelsLines, signalLines } from '#commands/market.js';
import { ageText } from '#commands/trader-text.js';
import type { TokenView } from '#src/domain/view.js';

const BASE: TokenView = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  price: 150.12,
  levels: [{ level: 155, side: 'resistance', strength: 80, distancePct: 3.25 }],
  daily: { signal: 1, trend: 1, date: '2026-11-27' },
};

describe('price source and age in /levels and /signal', () => {
  it.each<[string, TokenView['priceSource'], string[]]>([
    [
      'a live stream',
      { label: 'Binance SOL/USDT', ageMs: 1_000 },
      ['Price: $150.12 (Binance SOL/USDT, 1 s ago)'],
    ],
    [
      'the polled price',
      { label: 'Token Metrics', ageMs: 240_000 },
      ['Price: $150.12 (Token Metrics, 4 min ago)'],
    ],
    [
      'an ambiguous mapping says so',
      {
        label: 'Token Metrics',
        ageMs: 60_000,
        note: { kind: 'ambiguous', disagree: [], refused: [] },
      },
      [
        'Price: $150.12 (Token Metrics, 1 min ago)',
        'No live stream: the exchange price differs from Token Metrics (see docs/how-it-works.md, Live prices).',
      ],
    ],
    ['no source known', undefined, ['Price: $150.12']],
  ])('%s', (_n, priceSource, head) => {
    const view: TokenView = priceSource ? { ...BASE, priceSource } : BASE;
    expect(levelsLines(view, EN).slice(0, head.length)).toEqual(head);
    expect(signalLines(view, EN)?.slice(0, head.length)).toEqual(head);
  });

  it('/signal with only a price (and its source) has nothing to show', () => {
    const { daily: _d, ...priceOnly } = BASE;
    expect(
      signalLines(
        { ...priceOnly, priceSource: { label: 'Token Metrics', ageMs: 0, note: { kind: 'forbidden' } } },
        EN,
      ),
    ).toBeUndefined();
  });

  it.each([
    [0, '0 s ago'],
    [59_400, '59 s ago'],
    [240_000, '4 min ago'],
    [7_200_000, '2 h ago'],
    [3 * 86_400_000, '3 d ago'],
  ])('the age of %d ms reads %s', (ms, want) => {
    expect(ageText(EN, ms)).toBe(want);
  });
});
