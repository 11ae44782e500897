import { describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';

const EN = translatorFor('en');

import { levelsLines, signalLines } from '#commands/index.js';
import type { TokenView } from '#src/domain/view.js';
import { call, fakeMarket, makeCtx, makeDeps, memoryCommandStore, NOW, text } from './fakes.js';

const SOL: TokenView = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  price: 142.37,
  updatedAt: NOW - 5 * 60_000,
  levels: [
    { level: 180, side: 'resistance', strength: 90, distancePct: 26.43 },
    { level: 150, side: 'resistance', strength: 72, distancePct: 5.36 },
    { level: 145, side: 'resistance', strength: 20, distancePct: 1.85 },
    { level: 138.5, side: 'support', strength: 64.4, distancePct: -2.7181 },
    { level: 120, side: 'support', strength: 55, distancePct: -15.71 },
  ],
  daily: { signal: 1, trend: 1, date: '2026-11-27T00:00:00.000Z' },
  hourly: { signal: 0, position: -1, timestamp: '2026-11-28T11:00:00Z' },
  metrics: { SHARPE: 1.23456, VOLATILITY: 0.5 },
  grade: { signal: 'Buy', grade: 71.25 },
};

const PRICE_ONLY: TokenView = { tokenId: 3375, symbol: 'BTC', name: 'Bitcoin', price: 64210.5, levels: [] };

const deps = () =>
  makeDeps(memoryCommandStore(), {
    market: fakeMarket(
      new Map([
        [3988, SOL],
        [3375, PRICE_ONLY],
      ]),
    ),
  });

describe('/levels and /signal', () => {
  it('GIVEN SOL data THEN strong levels each side, nearest first, with distance and strength', async () => {
    const r = await call(makeCtx({ platform: 'discord' }), deps(), 'levels', { symbol: 'sol' });
    expect(r.title).toBe('SOL levels');
    expect(r.ephemeral).toBe(true);
    expect(r.lines).toEqual([
      'Price: $142.37',
      'Resistance above:',
      '  $150.00  +5.36% away · strength 72/100',
      '  $180.00  +26.43% away · strength 90/100',
      'Support below:',
      '  $138.50  -2.72% away · strength 64/100',
      '  $120.00  -15.71% away · strength 55/100',
      'Updated 2026-11-28 11:55 UTC',
    ]);
  });

  it('GIVEN SOL data THEN /signal shows trend, date, hourly position, grade and Sharpe', async () => {
    const r = await call(makeCtx(), deps(), 'signal', { symbol: 'SOL' });
    expect(r.lines).toEqual([
      'Price: $142.37',
      'Daily: trend bullish, signal bullish (2026-11-27)',
      'Hourly: position bearish, signal neutral (2026-11-28T11:00)',
      'TM grade: Buy (71.3)',
      'Sharpe: 1.23',
      'Updated 2026-11-28 11:55 UTC',
    ]);
  });

  it.each([
    ['levels', 'ETH'],
    ['signal', 'ETH'],
    ['signal', 'BTC'],
  ])('GIVEN /%s %s without data THEN "no data yet — subscribe"', async (name, symbol) => {
    const r = await call(makeCtx(), deps(), name, { symbol });
    expect(r.kind).toBe('info');
    expect(text(r)).toMatch(new RegExp(`No data for ${symbol} yet: subscribe and I'll start watching it`));
  });

  it('GIVEN price but no levels THEN the price and a no-strong-levels line', async () => {
    const r = await call(makeCtx(), deps(), 'levels', { symbol: 'BTC' });
    expect(r.lines).toEqual(['Price: $64,210.50', 'No strong levels (strength ≥ 50) right now.']);
  });

  it('GIVEN an unknown token THEN the friendly unknown reply', async () => {
    const r = await call(makeCtx(), deps(), 'levels', { symbol: 'NOPE' });
    expect(text(r)).toMatch(/I don't know the token NOPE/);
  });
});

describe('/levels and /signal use the project formatter', () => {
  it('GIVEN a micro-cap token THEN prices keep four significant digits', () => {
    const view: TokenView = {
      tokenId: 1,
      symbol: 'PEPE',
      name: 'Pepe',
      price: 0.0000123456,
      levels: [{ level: 0.00001301, side: 'resistance', strength: 77.6, distancePct: 5.3821 }],
      daily: { signal: 1, trend: 1, date: '2026-11-28' },
    };
    expect(levelsLines(view, EN)).toEqual([
      'Price: $0.00001235',
      'Resistance above:',
      '  $0.00001301  +5.38% away · strength 78/100',
      'Support below:',
      '  none',
    ]);
    expect(signalLines(view, EN)).toEqual([
      'Price: $0.00001235',
      'Daily: trend bullish, signal bullish (2026-11-28)',
    ]);
  });
});
