import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '#src/domain/view.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { DEFAULT_SCENARIO } from '#src/market/index.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { buildRow } from '#src/watchlist/rows.js';
import { footnote, tableLines } from '#src/watchlist/table.js';
import { makeApp, subscribe, type TestApp, TOK } from '../app/helpers.js';
import { decodePng } from '../support/png.js';

const NOW = Date.UTC(2026, 11, 6, 8);
const en = translatorFor('en');
const view: TokenView = {
  tokenId: 1,
  symbol: 'SOL',
  name: 'Solana',
  price: 150,
  priceSource: { label: 'Binance SOL/USDT', ageMs: 3000 },
  levels: [
    { level: 170, side: 'resistance', strength: 90, distancePct: 13.33 },
    { level: 160, side: 'resistance', strength: 40, distancePct: 6.67 },
    { level: 155, side: 'resistance', strength: 70, distancePct: 3.33 },
    { level: 140, side: 'support', strength: 80, distancePct: -6.67 },
  ],
  daily: { signal: 1, trend: 1, date: '2026-12-05T00:00:00Z' },
  metrics: { SHARPE: 1.234 },
  grade: { signal: 'Buy', grade: 78.4 },
};
const history = [{ t: NOW - 86_400_000 + 60_000, price: 120 }];

describe('watchlist rows, table and footnote', () => {
  it('a complete row: price with source and age, 24h change, signal and date, grade, nearest strong levels, Sharpe', () => {
    const row = buildRow({ tokenId: 1, symbol: 'SOL', view, history, unavailable: [], now: NOW });
    const [head, line] = tableLines([row], en);
    expect(head).toMatch(
      /^Token\s+Price\s+Source\s+24h\s+Daily signal\s+Grade\s+Support\s+Resistance\s+Sharpe$/,
    );
    expect(line).toMatch(
      /^SOL\s+\$150\.00\s+Binance 3s\s+\+25\.00%\s+bull 2026-12-05\s+78\s+\$140\.00 -6\.67%\s+\$155\.00 \+3\.33%\s+1\.23$/,
    );
    expect(footnote([row], en)).toBeUndefined();
  });

  it('unknown data shows — with the reason in one footnote (plan, no data, stale)', () => {
    const stale = buildRow({
      tokenId: 1,
      symbol: 'SOL',
      view: { ...view, priceSource: { label: 'Token Metrics', ageMs: 3 * 3_600_000 } },
      history: [],
      unavailable: ['grade'],
      now: NOW,
    });
    const none = buildRow({
      tokenId: 2,
      symbol: 'DOGE',
      view: undefined,
      history: [],
      unavailable: ['grade'],
      now: NOW,
    });
    const lines = tableLines([stale, none], en);
    expect(lines[1]).toMatch(/^SOL\s+—\s+—\s+—/);
    expect(lines[2]?.split(/\s{2,}/).filter((c) => c === '—').length).toBeGreaterThanOrEqual(7);
    expect(footnote([stale, none], en)).toBe(
      '— not on this API plan: grade · no data yet: SOL 24h change; DOGE price, 24h change, daily signal, support, resistance, Sharpe · stale: SOL price 3h old.',
    );
  });
});

describe('/watchlist through the app (console platform, SQLite)', () => {
  let store: Store;
  let t: TestApp;
  beforeEach(async () => {
    store = openSqliteStore({ file: ':memory:' });
    t = await makeApp(store);
    await t.app.start();
  });
  afterEach(async () => {
    await t.app.stop();
    await store.close();
  });

  it('one row per followed token with the stored numbers, and a PNG card with charts on', async () => {
    const me = { platform: 'console', kind: 'dm', id: 'console-user' } as const;
    await subscribe(store, me, TOK.SOL);
    await subscribe(store, me, TOK.ETH);
    await t.step(0);
    await t.step(1);
    const reply = await t.console.runLine('/watchlist');
    expect(reply?.title).toBe('Watchlist of you (2 tokens)');
    const table = reply?.table ?? [];
    const sol = table.find((l) => l.startsWith('SOL'));
    const eth = table.find((l) => l.startsWith('ETH'));
    // The replay's step-1 prices (src/market/replay/scenario.ts): SOL 182, ETH 3,290.
    const price = (id: number) => DEFAULT_SCENARIO.tokens.find((x) => x.id === id)?.price[1];
    expect(price(TOK.SOL.id)).toBe(182);
    expect(sol).toMatch(/^SOL\s+\$182\.00\s+/);
    expect(eth).toMatch(/^ETH\s+\$3,290\.00\s+/);
    expect(sol).toMatch(/bull|bear|flat/);
    expect(reply?.image?.filename).toBe('watchlist.png');
    const png = decodePng(Buffer.from(reply?.image?.png ?? []));
    expect(png.width).toBe(800);
    expect(png.height).toBeGreaterThan(100);
  });

  it('a place that follows nothing says so', async () => {
    const reply = await t.console.runLine('/watchlist');
    expect(reply?.lines.join(' ')).toMatch(/Nothing is followed by you yet/);
  });
});

describe('watchlist escaping', () => {
  it('symbols from the API reach Telegram and Discord escaped, and the card stays a valid SVG', async () => {
    const { renderReply: telegramReply } = await import('#src/platforms/telegram/render.js');
    const { renderReply: discordReply } = await import('#src/platforms/discord/render.js');
    const { renderCard } = await import('#src/watchlist/card.js');
    const { fontOutliner } = await import('#src/charts/index.js');
    const evil = '<b>X&`';
    const row = buildRow({
      tokenId: 9,
      symbol: evil,
      view: { ...view, symbol: evil },
      history,
      unavailable: [],
      now: NOW,
    });
    const table = [...tableLines([row], en)];
    const tg = telegramReply(
      { kind: 'info', title: 'Watchlist <i>', lines: [], table },
      undefined,
    ).parts.join('');
    expect(tg).toContain('&lt;b&gt;X&amp;`');
    expect(tg).not.toContain('<b>X');
    expect(tg).toContain('Watchlist &lt;i&gt;');
    const dc = discordReply({ kind: 'info', title: 'Watchlist', lines: [], table });
    expect(dc.embeds?.[0]?.description).not.toContain('`X');
    expect(dc.embeds?.[0]?.description?.startsWith('```')).toBe(true);
    const png = renderCard(
      { title: 'Watchlist <svg onload=1> & "x"', rows: [{ symbol: evil, price: 1, points: [] }], to: NOW },
      fontOutliner(),
    );
    expect(decodePng(Buffer.from(png)).width).toBe(800);
  });
});
