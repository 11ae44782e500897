import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBacktest } from '#commands/backtest.js';
import type { CommandDeps } from '#commands/types.js';
import type { TokenState } from '#src/engine/index.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { makeCtx, makeDeps, NOW, say, text } from './fakes.js';

const HOUR = 3_600_000;
const SOL = 3988;
const STATE = {
  v: 1,
  tokenId: SOL,
  symbol: 'SOL',
  name: 'Solana',
  updatedAt: NOW,
  price: { value: 215, at: NOW },
  levels: {
    at: NOW,
    items: [{ key: '200', level: 200, count: 3, newest: '2026-11-01', strength: 80, phases: {} }],
  },
} as TokenState;

describe('/backtest', () => {
  let store: Store;
  let deps: CommandDeps;
  beforeEach(async () => {
    store = openSqliteStore({ file: ':memory:' });
    deps = makeDeps(store, { market: { view: async () => undefined, state: async () => STATE } });
    // Ten days of hourly closes: 200 most of the time, 212 for three hours twice (days 2 and 5).
    const samples = [];
    for (let h = 240; h >= 1; h--) {
      const day = Math.floor(h / 24);
      const up = (day === 2 || day === 5) && h % 24 < 3;
      samples.push({ tokenId: SOL, t: NOW - h * HOUR, price: up ? 212 : 200 });
    }
    await store.priceHistory.record(samples);
  });
  afterEach(() => store.close());

  it('answers how often it would have fired, when, what followed, and the sample size; creates nothing', async () => {
    const r = await say(makeCtx(), deps, '/backtest sol above 210 30d');
    expect(r.kind).toBe('ok');
    expect(r.title).toBe('Backtest: SOL above $210.00, last 30d');
    const lines = text(r).split('\n');
    expect(lines.some((l) => /^Replayed 240 price points of SOL from /.test(l))).toBe(true);
    expect(lines).toContain('It would have fired 2 times:');
    expect(
      lines.filter((l) => /^ {2}.* at \$212\.00 · 1 h after 0\.00% · 24 h after -5\.66%$/.test(l)),
    ).toHaveLength(2);
    expect(lines).toContain('After 24 h: mean -5.66%, up 0 of 2 (sample 2)');
    expect(lines.at(-1)).toBe('No alert was created. To set it: /alert SOL above $210.00');
    expect(await store.priceAlerts.list({ platform: 'telegram', kind: 'dm', id: '42' })).toEqual([]);
  });

  it('defaults to 7 days, and says which Token Metrics parts it could not replay', async () => {
    const r = await say(makeCtx(), deps, '/backtest SOL above 210 and signal bullish');
    expect(r.title).toBe('Backtest: SOL above $210.00 and signal bullish, last 7d');
    const t = text(r);
    expect(t).toContain('Not replayed: signal bullish. tokenwatch keeps only the latest TM grade and Sharpe');
    expect(t).toContain('It would have fired 2 times:');
    const near = text(await say(makeCtx(), deps, '/backtest SOL near support 1%'));
    expect(near).toContain("near parts are judged against today's strong levels.");
    expect(near).toContain('It would have fired 2 times:');
  });

  it('replays the daily signal from the stored flips: only the firing while it was bullish counts', async () => {
    // Bearish until a flip to bullish 4 days ago: of the two crossings (days 5 and 2 ago), only day 2's.
    const flip = {
      id: 'flip1',
      tokenId: SOL,
      symbol: 'SOL',
      kind: 'daily_flip' as const,
      at: NOW - 4 * 24 * HOUR,
      dir: 1 as const,
      until: NOW + 3 * 24 * HOUR,
      status: 'open' as const,
    };
    await store.outcomes.save([flip], []);
    const t = text(await say(makeCtx(), deps, '/backtest SOL above 210 and signal bullish'));
    expect(t).toContain('The daily signal replays from 1 stored flip in the period.');
    expect(t).not.toContain('Not replayed');
    expect(t).toContain('It would have fired 1 time:');
    // Without any flip stored, today's signal counts throughout (bullish here).
    const bullish = { ...STATE, daily: { signal: 0, trend: 1, date: '2026-11-28', at: NOW } } as TokenState;
    const d2 = { ...deps, market: { view: async () => undefined, state: async () => bullish } };
    const h = text(await say(makeCtx(), d2, '/backtest SOL above 210 and hourly bullish'));
    expect(h).toContain('Not replayed: hourly bullish.'); // no hourly signal known at all
    const store2 = openSqliteStore({ file: ':memory:' });
    await store2.priceHistory.record(
      (await store.priceHistory.range(SOL, 0, NOW)).map((p) => ({ tokenId: SOL, ...p })),
    );
    const d3 = { ...d2, store: store2 };
    const n = text(await say(makeCtx(), d3, '/backtest SOL above 210 and signal bullish'));
    expect(n).toContain(
      "The daily signal: no flip stored in the period, so today's (bullish) counts throughout.",
    );
    expect(n).toContain('It would have fired 2 times:');
    await store2.close();
  });

  it('bad input gets a clear answer and reads nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/backtest', /Missing symbol|Which token/],
      ['/backtest SOL', /what to test/],
      ['/backtest SOL above 210 90d', /Pick 7d or 30d/],
      ['/backtest SOL above 210 and grade > 5', /Part 2 .*Compare with >= or <=/],
      ['/backtest SOL grade >= 70', /Nothing in grade >= 70 can be replayed/],
    ];
    for (const [cmd, want] of cases) expect(text(await say(makeCtx(), deps, cmd))).toMatch(want);
    const bare = makeDeps({
      subscriptions: store.subscriptions,
      destinations: store.destinations,
      settings: store.settings,
    });
    const none = await say(makeCtx(), bare, '/backtest SOL above 1');
    expect(text(none)).toContain('not available');
  });

  it('a trailing 7d belongs to the condition when it must (move 5% 7d)', () => {
    const a = parseBacktest('move 5% 7d', translatorFor('en'));
    expect(a.ok && [a.value.condition.text, a.value.period]).toEqual(['move 5% 1w', '7d']);
    const b = parseBacktest('move 5% 1d 30d', translatorFor('en'));
    expect(b.ok && [b.value.condition.text, b.value.period]).toEqual(['move 5% 1d', '30d']);
  });
});
