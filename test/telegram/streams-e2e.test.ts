import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchRequest } from '#src/domain/market.js';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { until } from '../fakes/exchange-server.js';
import { type LiveWorld, startLiveWorld } from '../support/live-app.js';

/**
 * Live prices end to end: telegram-test-api + the whole app + a local Binance. SOL (replay data: strong
 * resistance cluster at 199.6/200/200.4) streams from SOLUSDT; the exchange moves it to the level, wicks
 * above it once, then holds above it: one approach message, exactly one breakout, no Token Metrics price
 * call for SOL while the stream is live; then the exchange dies and polling takes over without duplicates.
 */
const TOKEN = '5550002:e2e-streams-token';
const CHAT = 434343;
const SOL = 3988;

let w: LiveWorld;
beforeAll(async () => {
  w = await startLiveWorld({
    botToken: TOKEN,
    chat: CHAT,
    pairs: [
      { base: 'SOL', quote: 'USDT' },
      { base: 'BTC', quote: 'USDT' },
    ],
    env: { BREAKOUT_HOLD: '1s' },
  });
}, 30_000);
afterAll(async () => {
  await w?.close();
});
const botTexts = () => w.botTexts();
const waitForCount = (n: number, ms?: number) => w.waitForCount(n, ms);
const tick = () => w.tick();
const push = (price: number) => w.push(SOL, 'SOLUSDT', price);

const pricedSol = (reqs: FetchRequest[]) =>
  reqs.some((r) => r.kinds.includes('price') && r.tokenIds.includes(SOL));

describe('live prices end to end (telegram-test-api + a local Binance)', () => {
  const client = () =>
    w.server.getClient(TOKEN, {
      chatId: CHAT,
      userId: CHAT,
      type: 'private',
      firstName: 'Ada',
      timeout: 5000,
    });

  it('approach, a wick, a held breakout; no TM price call while live; polling takes over', async () => {
    const c = client();
    // telegram-test-api has no sendPhoto: this user reads text alerts (charts are tested on our own fake).
    await w.app.store.settings.update(`telegram:dm:${CHAT}`, { charts: false });
    await c.sendCommand(c.makeCommand('/subscribe SOL'));
    expect((await waitForCount(1))[0]).toContain('Subscribed you to SOL');

    w.replay.setStep(SCENARIO_MARKS.baseline); // SOL at 180, resistance cluster ~200
    expect(pricedSol(await tick())).toBe(true); // the baseline polls everything
    await until(() => w.binance.clients.some((x) => x.pairs.has('SOLUSDT')), 10_000, 'SOLUSDT subscribed');
    await push(180.4); // within 3% of Token Metrics' 180: the mapping is accepted
    await until(() => w.app.prices?.service.isLive(SOL) === true, 5_000, 'SOL live');

    // /levels names the source.
    await c.sendCommand(c.makeCommand('/levels SOL'));
    expect((await waitForCount(2))[1]).toMatch(/Price: \$180\.40 \(Binance SOL\/USDT, \d+ s ago\)/);

    // A tick while the stream is live asks Token Metrics for no SOL price (REFRESH_PRICE is 1 s).
    await push(181);
    expect(pricedSol(await tick())).toBe(false);

    // Within 2% of the cluster: one approach, seconds after the frame, at the streamed price.
    await push(197);
    const approach = (await waitForCount(3))[2] ?? '';
    expect(approach).toMatch(/SOL approaching resistance \$\d+\.\d\d/);
    expect(approach).toContain('$197.00');
    // The alert names where and when the price came from: the exchange pair and its quote time.
    expect(approach).toMatch(/Price \$197\.00 \((\w{3} \d{1,2} )?\d\d:\d\d UTC, Binance SOL\/USDT\)/);

    // A one-frame wick above the level (past the 0.5% buffer), then back: no breakout.
    await push(201.6);
    await push(199.1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(botTexts()).toHaveLength(3);

    // Held above for BREAKOUT_HOLD (1 s): exactly one breakout, even with more frames above.
    await push(201.7);
    const breakout = (await waitForCount(4, 6_000))[3] ?? '';
    expect(breakout).toMatch(/SOL broke above resistance \$\d+\.\d\d/);
    await push(202.2);
    await push(202.9);
    await new Promise((r) => setTimeout(r, 300));
    expect(botTexts()).toHaveLength(4);
    expect(botTexts().filter((t) => /broke above/.test(t))).toHaveLength(1);

    // Streamed prices feed the charts' history (the wiring does this once a minute; here at once).
    await w.app.prices?.recordHistory();
    const history = await w.app.store.priceHistory.range(SOL, Date.now() - 3_600_000, Date.now() + 60_000);
    expect(history.at(-1)?.price).toBe(202.9);

    // The exchange dies: after the live window the tick polls SOL again, and nothing is alerted twice.
    await w.binance.stop();
    await until(() => w.app.prices?.service.isLive(SOL) === false, 5_000, 'stream no longer live');
    w.replay.setStep(SCENARIO_MARKS.solBreakout); // Token Metrics: 205.5, above the broken level
    expect(pricedSol(await tick())).toBe(true);
    expect(pricedSol(await tick())).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(botTexts()).toHaveLength(4);
  }, 60_000);
});
