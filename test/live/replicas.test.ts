import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '#commands/types.js';
import { type App, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import type { FetchRequest } from '#src/domain/market.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import type { StreamsStatus } from '#src/ops/status/sources.js';
import { type ConsolePlatform, createConsolePlatform } from '#src/platforms/console/index.js';
import { deleteRedisPrefix, openRedisStore, redisClientOf } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { dm, subscribe, TOK } from '../app/helpers.js';
import { binanceFormat } from '../fakes/exchange-binance.js';
import { FakeExchange, until } from '../fakes/exchange-server.js';
import { recordingMarket } from '../support/live-app.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * Two replicas on one Redis prefix, a local Binance. Replica A holds the streams (the lease, 1 s periods
 * here); replica B's ticks poll no price for the token A streams, its /levels shows the streamed source,
 * and both status pages show the lease. Then A loses Redis (a crash, as far as the others can tell): its
 * live set stops counting, B polls again, takes the lease within 30 s and streams itself.
 */
const SOL = TOK.SOL.id;
const STATUS = `replicas-${randomBytes(8).toString('hex')}`;
const prefix = `tw-test-replicas-${randomBytes(4).toString('hex')}:`;
const admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await deleteRedisPrefix(admin, prefix);
  admin.disconnect();
});

interface Replica {
  readonly app: App;
  readonly store: Store;
  readonly console: ConsolePlatform;
  readonly calls: FetchRequest[];
}

const base = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: base });

async function replica(name: string, binance: FakeExchange): Promise<Replica> {
  const parsed = parseConfig({
    REDIS_URL: TEST_REDIS_URL,
    // Ticks driven by the test in one-second slots; price wanted every second within an unlimited budget,
    // so a skipped price poll can only be the stream's doing.
    TICK_CRON: '0 0 0 1 1 *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
    PRICE_EXCHANGES: 'binance',
    BINANCE_WS_URL: binance.wsUrl,
    BINANCE_REST_URL: binance.httpUrl,
    STATUS_TOKEN: STATUS,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const store = await openRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
  const calls: FetchRequest[] = [];
  const market = recordingMarket(replay, calls);
  const consoleP = createConsolePlatform({ out: new PassThrough().resume(), userId: dm.id });
  const app = await createApp(
    {
      ...parsed.config,
      keyPrefix: prefix,
      outboxKind: 'memory',
      schedule: false,
      instanceId: name,
      priceStreams: true,
      priceLiveMaxAgeMs: 5_000,
      priceLeasePeriodMs: 1_000,
    },
    {
      store,
      market,
      logger: silentLogger(),
      platforms: [consoleP],
    },
  );
  cleanup.push(
    () => app.stop(),
    () => store.close(),
  );
  await app.start();
  return { app, store, console: consoleP, calls };
}

/** One tick in its own one-second slot; returns the market calls it made. */
async function tick(r: Replica) {
  await new Promise((res) => setTimeout(res, 1_050 - (Date.now() % 1000)));
  const from = r.calls.length;
  const report = await r.app.tick();
  return { outcome: report.outcome, calls: r.calls.slice(from) };
}

const priced = (reqs: readonly FetchRequest[], id: number) =>
  reqs.some((q) => q.kinds.includes('price') && q.tokenIds.includes(id));
const pricedSol = (reqs: readonly FetchRequest[]) => priced(reqs, SOL);

async function push(r: Replica, binance: FakeExchange, price: number): Promise<void> {
  await until(
    () => {
      if (r.app.prices?.service.path.last(SOL)?.price === price) return true;
      binance.price('SOLUSDT', price);
      return false;
    },
    5_000,
    `price ${price} received by ${r.app.instanceId}`,
  );
}

async function status(r: Replica): Promise<{ json: { streams: StreamsStatus }; html: string }> {
  const get = (path: string) =>
    fetch(`http://127.0.0.1:${r.app.httpPort}${path}`, { headers: { authorization: `Bearer ${STATUS}` } });
  const json = (await (await get('/status.json')).json()) as { streams: StreamsStatus };
  return { json, html: await (await get('/status')).text() };
}

async function untilAsync(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const levelsText = async (r: Replica, command = '/levels SOL') => {
  const reply = (await r.console.runLine(command)) as Reply;
  return reply.lines.join('\n');
};

describe('live prices on two replicas (Redis)', () => {
  it('the holder shares its live set: the other polls no streamed price, shows the source, takes over', async () => {
    const binance = await new FakeExchange(binanceFormat, [{ base: 'SOL', quote: 'USDT' }]).start();
    cleanup.push(() => binance.stop());
    const a = await replica('replica-a', binance);
    await until(() => a.app.prices?.lease?.holding === true, 5_000, 'A holds the lease');
    const b = await replica('replica-b', binance);
    await subscribe(a.store, dm, TOK.SOL);
    await subscribe(a.store, dm, TOK.BTC); // no Binance pair here: always polled

    // A's first tick polls everything; then SOL streams on A (within 3% of Token Metrics' 180).
    replay.setStep(SCENARIO_MARKS.baseline);
    expect(pricedSol((await tick(a)).calls)).toBe(true);
    await until(() => binance.clients.some((c) => c.pairs.has('SOLUSDT')), 10_000, 'SOLUSDT subscribed');
    await push(a, binance, 180.4);
    await until(() => a.app.prices?.service.isLive(SOL) === true, 5_000, 'SOL live on A');
    await untilAsync(
      async () => (await a.store.livePrices.read(Date.now()))?.live.some((p) => p.tokenId === SOL) === true,
      5_000,
      'A published SOL',
    );

    // B's tick (A does not tick in this slot): no Token Metrics price call for SOL.
    expect(b.app.prices?.lease?.holding).toBe(false);
    const bt = await tick(b);
    expect(bt.outcome).toBe('ran');
    expect(priced(bt.calls, TOK.BTC.id)).toBe(true); // it polled the price that has no stream...
    expect(pricedSol(bt.calls)).toBe(false); // ...and not SOL's
    // B's /levels shows the streamed price and its source.
    expect(await levelsText(b)).toMatch(/\$180\.40 \(Binance SOL\/USDT, \d+ s ago\)/);
    // ...and, for the token the streams cannot serve, the holder's reason, read from the shared set.
    const noPair = 'No live stream: no BTC pair quoted in USD, USDT or USDC on Binance.';
    expect(await levelsText(b, '/levels BTC')).toContain(noPair);
    expect(await levelsText(b, '/why BTC')).toContain(noPair);

    // Both status pages: the streams panel with the lease.
    const sa = await status(a);
    expect(sa.json.streams.lease).toEqual({ held: true, holder: 'replica-a' });
    expect(sa.json.streams.liveTokens).toBe(1);
    expect(sa.json.streams.ambiguousTokens).toBe(0);
    const bx = sa.json.streams.exchanges.find((x) => x.exchange === 'binance');
    expect(bx).toMatchObject({ connected: true, mappedTokens: 1, reconnects: 0 });
    expect(bx?.lastFrameAgeMs).toBeGreaterThanOrEqual(0);
    expect(typeof bx?.framesPerSec).toBe('number');
    expect(sa.html).toContain('held by this replica');
    const sb = await status(b);
    expect(sb.json.streams).toEqual({
      exchanges: [],
      liveTokens: 1,
      ambiguousTokens: 0,
      lease: { held: false, holder: 'replica-a' },
    });
    expect(sb.html).toContain('lease held by <b>replica-a</b>');

    // Both replicas' cron fires for one slot, B's a little first: B yields, the holder runs it (and so
    // keeps its bands and watched set current).
    await new Promise((res) => setTimeout(res, 1_050 - (Date.now() % 1000)));
    const slotAt = Date.now();
    const [rb, ra] = await Promise.all([
      b.app.tick(slotAt),
      new Promise((res) => setTimeout(res, 30)).then(() => a.app.tick(slotAt)),
    ]);
    expect([ra.outcome, rb.outcome]).toEqual(['ran', 'skipped_claimed']);

    // A loses Redis: no renewals, no publications. B polls SOL again and takes the lease within 30 s.
    const diedAt = Date.now();
    redisClientOf(a.store)?.disconnect();
    await until(() => b.app.prices?.lease?.holding === true, 30_000, 'B takes the lease');
    expect(Date.now() - diedAt).toBeLessThanOrEqual(30_000);
    const polled = await tick(b); // B's own stream is not verified yet: SOL is polled
    expect(pricedSol(polled.calls)).toBe(true);
    await until(
      () => binance.clients.length >= 1 && b.app.prices?.service.feed.status(SOL).state === 'pending',
      10_000,
      'B subscribes SOL',
    );
    await push(b, binance, 180.6);
    await until(() => b.app.prices?.service.isLive(SOL) === true, 5_000, 'SOL live on B');
    expect(pricedSol((await tick(b)).calls)).toBe(false);
    expect((await status(b)).json.streams.lease).toEqual({ held: true, holder: 'replica-b' });

    // B stops cleanly: its set is gone at once (the next holder's replicas poll until it streams).
    await untilAsync(
      async () => (await b.store.livePrices.read(Date.now()))?.holder === 'replica-b',
      5_000,
      'B published',
    );
    await b.app.stop();
    expect(await admin.exists(`${prefix}v1:live`)).toBe(0);
  }, 90_000);
});
