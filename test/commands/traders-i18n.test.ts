/**
 * The trader commands (/levels, /signal, /chart, /stats, /why, /alert, /backtest) in every shipped
 * language: the words come from the catalog, the numbers traders read (`$150.00`, `+5.36%`) and the
 * condition keywords stay the same strings, the /stats table stays aligned, every id the code builds
 * exists, and markup a user typed is still plain text that the platforms escape.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBacktest } from '#commands/backtest.js';
import { parsePriceAlert } from '#commands/price-alert-parse.js';
import { statsReply, statsTable } from '#commands/stats.js';
import { kindText, outcomeLabel } from '#commands/trader-text.js';
import type { CommandDeps } from '#commands/types.js';
import { OUTCOME_KINDS, type Outcome } from '#src/domain/outcome.js';
import type { AlertEventKind } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import type { KindStats } from '#src/engine/outcome-stats.js';
import { bundledCatalog, translatorFor } from '#src/i18n/catalog.js';
import { LOCALES, type Locale } from '#src/i18n/locales.js';
import { renderReply as discordReply } from '#src/platforms/discord/render.js';
import { renderReply } from '#src/platforms/telegram/render.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { call, fakeMarket, makeCtx, makeDeps, memoryCommandStore, NOW, say, text } from './fakes.js';

const OTHERS = ['es', 'pt-BR', 'ru'] as const satisfies readonly Locale[];

const SOL: TokenView = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  price: 142.37,
  updatedAt: NOW - 5 * 60_000,
  levels: [
    { level: 150, side: 'resistance', strength: 72, distancePct: 5.36 },
    { level: 138.5, side: 'support', strength: 64.4, distancePct: -2.7181 },
  ],
  daily: { signal: 1, trend: 1, date: '2026-11-27T00:00:00.000Z' },
  hourly: { signal: 0, position: -1, timestamp: '2026-11-28T11:00:00Z' },
  metrics: { SHARPE: 1.23456 },
  priceSource: { label: 'Binance SOL/USDT', ageMs: 12_000 },
};

const marketDeps = () => makeDeps(memoryCommandStore(), { market: fakeMarket(new Map([[3988, SOL]])) });

describe.each(OTHERS)('/levels and /signal in %s', (locale) => {
  const t = translatorFor(locale);

  it('word the reply in the language and keep prices, percentages and dates as in English', async () => {
    const en = await call(makeCtx(), marketDeps(), 'levels', { symbol: 'SOL' });
    const r = await call(makeCtx({ clientLocale: locale }), marketDeps(), 'levels', { symbol: 'SOL' });
    expect(r.title).toBe(t('levels-title', { symbol: 'SOL' }));
    expect(r.lines).toContain(t('levels-resistance-above'));
    expect(r.lines).toContain(t('levels-support-below'));
    expect(r.lines[0]).toBe(
      t('market-price-source', {
        price: '$142.37',
        source: 'Binance SOL/USDT',
        age: t('market-age-seconds', { n: 12 }),
      }),
    );
    for (const same of [
      '$142.37',
      '$150.00',
      '+5.36%',
      '$138.50',
      '-2.72%',
      '72/100',
      '2026-11-28 11:55 UTC',
    ]) {
      expect(text(en)).toContain(same);
      expect(text(r)).toContain(same);
    }
    expect(text(r)).not.toContain('Resistance above');
    expect(text(r)).not.toContain(' away');
  });

  it('translate the signal words (users still type the English ones)', async () => {
    const r = await call(makeCtx({ clientLocale: locale }), marketDeps(), 'signal', { symbol: 'SOL' });
    const bull = t('market-signal', { value: 'bullish' });
    expect(bull).not.toBe('bullish');
    expect(r.lines).toContain(t('signal-daily', { trend: bull, signal: bull, date: '2026-11-27' }));
    expect(text(r)).toContain('1.23');
    expect(text(r)).not.toMatch(/\bbullish\b|\bbearish\b/);
  });

  it('/chart without charts and an unknown token answer in the language', async () => {
    const r = await call(makeCtx({ clientLocale: locale }), marketDeps(), 'chart', { symbol: 'SOL' });
    expect(text(r)).toContain(t('chart-unavailable'));
  });
});

/** A scored kind's stats with a best and worst move (the table shows only symbol and move). */
function scored(kind: KindStats['kind'], decided: number, median: number): KindStats {
  const o = (move: number) => ({ symbol: 'SOL', move }) as unknown as Outcome;
  return {
    kind,
    count: decided + 2,
    decided,
    hits: Math.round(decided * 0.6),
    hitRate: 0.6,
    open: 2,
    undecided: 0,
    median,
    best: o(12.3),
    worst: o(-4.5),
    tooSmall: decided < 10,
    scored: true,
  };
}

const STATS: KindStats[] = [
  scored('daily_flip', 25, 3.1),
  scored('hourly_flip', 4, -0.5),
  scored('approach', 120, 1.25),
  scored('breakout', 12, 7),
  { kind: 'sharpe', count: 3, decided: 0, hits: 0, open: 0, undecided: 0, tooSmall: false, scored: false },
];

/** The column each cell ends at (right-aligned columns) or starts at (the first), by code points. */
function columnEdges(row: string): number[] {
  const cps = Array.from(row);
  const edges: number[] = [];
  for (let i = 1; i < cps.length; i++) {
    if (cps[i] === ' ' && cps[i + 1] === ' ' && cps[i - 1] !== ' ') edges.push(i);
  }
  return edges;
}

describe.each(LOCALES)('/stats table in %s', (locale) => {
  const t = translatorFor(locale);

  it('stays aligned: every scored row as wide as the header, columns ending at the same places', () => {
    const rows = statsTable(STATS, false, t);
    const width = (s: string) => Array.from(s).length;
    const scoredRows = rows.slice(1, 5);
    for (const r of scoredRows) expect(width(r)).toBe(width(rows[0] ?? ''));
    // Right-aligned columns end where the header's do: the gaps (two spaces) fall at the same places.
    const header = columnEdges(rows[0] ?? '');
    expect(header.length).toBe(5);
    for (const r of scoredRows) expect(columnEdges(r).slice(-4)).toEqual(header.slice(-4));
    expect(rows[1]?.startsWith(outcomeLabel(t, 'daily_flip'))).toBe(true);
    expect(rows[5]).toContain(t('stats-recorded'));
  });

  it('keeps numbers and percentages the same strings as in English', () => {
    const en = statsTable(STATS, false, translatorFor('en')).join('\n');
    const here = statsTable(STATS, false, t).join('\n');
    for (const same of ['+3.1%', '-0.5%', '+1.3%', '+12.3% SOL', '-4.5% SOL', '60%', '120']) {
      expect(en).toContain(same);
      expect(here).toContain(same);
    }
  });

  it('fits a Discord embed whole: the longer legend leaves room for the full table', () => {
    const r = statsReply(STATS, undefined, '90d', false, t);
    const embed = discordReply(r).embeds?.[0];
    expect(Array.from(embed?.description ?? '').length).toBeLessThanOrEqual(4096);
    for (const row of r.table ?? []) expect(embed?.description).toContain(row);
  });

  it('words the title, legend and notes', () => {
    const r = statsReply(STATS, undefined, '30d', false, t);
    expect(r.title).toBe(t('stats-title', { name: t('stats-all-tokens'), window: '30d' }));
    expect(r.lines[0]).toBe(t('stats-legend-hit'));
    expect(r.lines.at(-1)).toBe(t('stats-open', { count: 8 }));
    expect(r.lines.join('\n')).toContain(`${outcomeLabel(t, 'hourly_flip')} (4)`);
  });
});

it('/stats in ru: Cyrillic labels padded to the same width as the header (one column per letter)', () => {
  const rows = statsTable(STATS, false, translatorFor('ru'));
  expect(rows[0]).toMatch(/^Тип/);
  expect(rows[1]).toMatch(/^Дневная смена +\d/);
  const w = rows.slice(0, 5).map((r) => Array.from(r).length);
  expect(new Set(w).size).toBe(1);
  // The label column is padded to the longest label, so the counts line up.
  const countAt = rows
    .slice(1, 5)
    .map((r) => Array.from(r).findIndex((ch, i, a) => /\d/.test(ch) && a[i - 1] === ' '));
  const ends = rows.slice(1, 5).map((r, i) => {
    const cps = Array.from(r);
    let j = countAt[i] ?? 0;
    while (/\d/.test(cps[j] ?? '')) j++;
    return j;
  });
  expect(new Set(ends).size).toBe(1);
});

describe('every id the trader commands build at run time exists in every language', () => {
  const kinds: AlertEventKind[] = [
    'signal_flip',
    'level_approach',
    'level_touch',
    'level_breakout',
    'metric_cross',
    'grade_change',
    'price_alert',
  ];
  it.each(LOCALES)('%s', (locale) => {
    const t = translatorFor(locale);
    const catalog = bundledCatalog();
    for (const k of OUTCOME_KINDS) expect(outcomeLabel(t, k)).not.toBe('');
    for (const k of kinds) {
      for (const form of ['short', 'long'] as const) {
        expect(kindText(t, k, {}, form)).not.toBe('');
        expect(kindText(t, k, { timeframe: 'daily' }, form)).not.toBe('');
        expect(kindText(t, k, { metric: 'MAX_DRAWDOWN' }, form)).not.toBe('');
      }
    }
    for (const id of ['quiet', 'muted', 'token-muted', 'rate-cap']) {
      expect(catalog.has(locale, `why-reason-${id}`)).toBe(true);
      expect(catalog.has(locale, `why-reason-${id}-until`)).toBe(true);
    }
  });
});

describe.each(OTHERS)('condition parse errors in %s', (locale) => {
  const t = translatorFor(locale);
  it.each([
    ['move 5%', 'move 5% 1h'],
    ['sideways 5', 'near support 2%'],
    ['grade > 70', 'grade >= 70'],
    ['above 210 and signal bulish', 'signal bullish'],
    ['move 5% 30d', '1m'],
    ['above 210 and below 200', 'above $210.00 and below $200.00'],
  ])('%s: in the language, with the typed keywords in English', (raw, keyword) => {
    const en = parsePriceAlert(raw, translatorFor('en'));
    const r = parsePriceAlert(raw, t);
    expect(r.ok).toBe(false);
    if (r.ok || en.ok) return;
    expect(r.error).not.toBe(en.error);
    expect(r.error).toContain(keyword);
  });

  it('accepts the same English keywords in every language', () => {
    const r = parsePriceAlert('above 210 and signal bullish every', t);
    expect(r.ok && r.value.condition.text).toBe('above $210.00 and signal bullish');
    expect(parseBacktest('above 210 14d', t)).toEqual({ ok: false, error: t('backtest-period') });
  });
});

describe.each(OTHERS)('/alert, /alerts, /backtest and /why replies in %s', (locale) => {
  let store: Store;
  let deps: CommandDeps;
  const t = translatorFor(locale);
  beforeEach(() => {
    store = openSqliteStore({ file: ':memory:' });
    deps = makeDeps(store, { store, market: fakeMarket(new Map([[3988, { ...SOL, price: 200 }]])) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('sets, lists and deletes a price alert in the language, prices unchanged', async () => {
    const ctx = makeCtx({ clientLocale: locale });
    const set = await say(ctx, deps, '/alert SOL above 210');
    expect(set.kind).toBe('ok');
    expect(set.lines[0]).toMatch(new RegExp(`SOL above \\$210\\.00 \\(${t('pricealert-once')}\\)`));
    expect(set.lines).toContain(t('pricealert-price-now', { price: '$200.00' }));
    const list = await say(ctx, deps, '/alerts');
    expect(list.title).toBe(t('pricealert-list-title', { place: 'dm', count: '1/20' }));
    const id = /^([a-z0-9]{6}) /.exec(list.lines[0] ?? '')?.[1] ?? '';
    const del = await say(ctx, deps, `/alert delete ${id}`);
    expect(del.lines).toEqual([t('pricealert-deleted', { id })]);
  });

  it('/backtest and /why answer in the language', async () => {
    const ctx = makeCtx({ clientLocale: locale });
    const bt = await say(ctx, deps, '/backtest SOL above 210');
    expect(bt.title).toBe(t('backtest-title', { symbol: 'SOL', condition: 'above $210.00', period: '7d' }));
    const why = await say(ctx, deps, '/why SOL');
    expect(why.title).toBe(t('why-title', { symbol: 'SOL', place: 'dm' }));
    expect(why.lines).toContain(t('why-mute-off'));
    expect(why.lines).toContain(t('why-alerts-none', { symbol: 'SOL' }));
    expect(text(why)).not.toContain('Mute: off');
  });

  it('markup from the API in a placeholder stays plain text in the reply and is escaped by the platform', async () => {
    const view: TokenView = { ...SOL, priceSource: { label: '<b>x</b> & co', ageMs: 0 } };
    const d = makeDeps(memoryCommandStore(), { market: fakeMarket(new Map([[3988, view]])) });
    const r = await call(makeCtx({ clientLocale: locale }), d, 'levels', { symbol: 'SOL' });
    expect(r.lines[0]).toContain('<b>x</b> & co');
    const html = renderReply(r, undefined).parts.join('\n');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; co');
    expect(html).not.toContain('<b>x</b>');
  });

  it('titles stay within the Discord and Telegram limits', async () => {
    const long = 'X'.repeat(160);
    for (const title of [
      t('why-title', { symbol: 'ABCDEFGHIJ', place: 'channel' }),
      t('stats-title', { name: t('stats-all-tokens'), window: '90d' }),
      t('backtest-title', { symbol: 'ABCDEFGHIJ', condition: long.slice(0, 120), period: '30d' }),
    ]) {
      expect(Array.from(title).length).toBeLessThanOrEqual(256);
    }
  });
});

describe('the language never changes what a condition means', () => {
  const words = fc.constantFrom(
    'above',
    'below',
    'move',
    'near',
    'support',
    'resistance',
    'signal',
    'hourly',
    'bullish',
    'bearish',
    'grade',
    'sharpe',
    '>=',
    '<=',
    'and',
    'once',
    'every',
    '210',
    '5%',
    '1h',
    '30s',
    '7d',
    '<b>',
    'é',
  );
  it('parsePriceAlert and parseBacktest: same verdict and value in every language, a non-empty error', () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 9 }), (ws) => {
        const raw = ws.join(' ');
        const en = parsePriceAlert(raw, translatorFor('en'));
        const enBt = parseBacktest(raw, translatorFor('en'));
        for (const locale of OTHERS) {
          const r = parsePriceAlert(raw, translatorFor(locale));
          expect(r.ok).toBe(en.ok);
          if (r.ok && en.ok) expect(r.value).toEqual(en.value);
          if (!r.ok) expect(r.error.trim().length).toBeGreaterThan(0);
          const bt = parseBacktest(raw, translatorFor(locale));
          expect(bt.ok).toBe(enBt.ok);
          if (!bt.ok) expect(bt.error.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
