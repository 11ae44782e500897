import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '#src/market/index.js';
import { until } from '../fakes/exchange-server.js';
import { type LiveWorld, startLiveWorld } from '../support/live-app.js';

/**
 * Users' own price alerts end to end: telegram-test-api + the whole app + a local Binance that streams
 * SOL only. `/alert SOL above 190` fires from a streamed frame within seconds; `/alert ETH below 3235`
 * fires on the tick that polls the crossing price (ETH has no stream here). Nobody subscribes to
 * either token: the alerts alone make them watched. Each fires exactly once, with its numbers.
 */
const TOKEN = '5550003:e2e-price-alerts-token';
const CHAT = 565656;
const SOL = 3988;
const ETH = 3306;
const ethPrice = (step: number) => DEFAULT_SCENARIO.tokens.find((t) => t.symbol === 'ETH')?.price[step];

let w: LiveWorld;
beforeAll(async () => {
  w = await startLiveWorld({ botToken: TOKEN, chat: CHAT, pairs: [{ base: 'SOL', quote: 'USDT' }] });
}, 30_000);
afterAll(async () => {
  await w?.close();
});
const botTexts = () => w.botTexts();
const waitForCount = (n: number, ms?: number) => w.waitForCount(n, ms);
const tick = () => w.tick();
const push = (price: number) => w.push(SOL, 'SOLUSDT', price);

describe('price alerts end to end (telegram-test-api + a local Binance)', () => {
  it('a streamed frame and a polled price each fire their alert once, with the right numbers', async () => {
    const c = w.server.getClient(TOKEN, {
      chatId: CHAT,
      userId: CHAT,
      type: 'private',
      firstName: 'Ada',
      timeout: 5000,
    });
    await c.sendCommand(c.makeCommand('/alert SOL above 190'));
    expect((await waitForCount(1))[0]).toMatch(/Alert [a-z0-9]{6} set for you: SOL above \$190\.00/);
    await c.sendCommand(c.makeCommand('/alert ETH below 3235'));
    expect((await waitForCount(2))[1]).toMatch(/Alert [a-z0-9]{6} set for you: ETH below \$3,235\.00/);
    expect(botTexts().join('\n')).not.toMatch(/do not send messages yet/);

    w.replay.setStep(0); // SOL 180, ETH 3300
    const first = await tick();
    // Watched only for the alerts: their price, nothing else.
    expect(first.flatMap((r) => r.kinds)).toEqual(['price']);
    expect([...(first[0]?.tokenIds ?? [])].sort()).toEqual([ETH, SOL].sort());
    await until(() => w.binance.clients.some((x) => x.pairs.has('SOLUSDT')), 10_000, 'SOLUSDT subscribed');
    await push(180.4);
    await until(() => w.app.prices?.service.isLive(SOL) === true, 5_000, 'SOL live');

    // Below the target: nothing, and frames inside the band are not evaluated.
    const before = w.app.prices?.service.path.evaluations ?? 0;
    await push(185);
    await push(189.9);
    expect(w.app.prices?.service.path.evaluations).toBe(before);
    expect(botTexts()).toHaveLength(2);

    // The frame that crosses fires within seconds, from the stream.
    await push(190.5);
    const sol = (await waitForCount(3, 5_000))[2] ?? '';
    expect(sol).toContain('SOL above $190.00 (your alert)');
    expect(sol).toMatch(/Price now \$190\.50 \(\d\d:\d\d UTC, live exchange price\)/);
    expect(sol).toContain('Target above $190.00');
    expect(sol).toMatch(/Alert [a-z0-9]{6} · once: removed/);
    // Once: back under and over again sends nothing more.
    await push(188);
    await push(191);
    await new Promise((r) => setTimeout(r, 500));
    expect(botTexts()).toHaveLength(3);

    // ETH (no stream) crosses on a polled price: 3240 at step 5, 3225 at step 6.
    expect([ethPrice(5), ethPrice(6)]).toEqual([3240, 3225]);
    w.replay.setStep(5);
    await tick();
    expect(botTexts()).toHaveLength(3);
    w.replay.setStep(6);
    await tick();
    const eth = (await waitForCount(4))[3] ?? '';
    expect(eth).toContain('ETH below $3,235.00 (your alert)');
    expect(eth).toMatch(/Price now \$3,225\.00 \(\d\d:\d\d UTC, Token Metrics\)/);
    w.replay.setStep(7);
    await tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(botTexts()).toHaveLength(4);
    expect(
      await w.app.store.priceAlerts.list({ platform: 'telegram', kind: 'dm', id: String(CHAT) }),
    ).toEqual([]);
  }, 60_000);
});
