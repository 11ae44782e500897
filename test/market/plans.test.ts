/**
 * The client on real plans: refused endpoints, "Data not found", long Retry-After, lowercase fields,
 * cut pages, endpoints that ignore comma lists, key rotation, and the credit ledger.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataKind } from '#src/domain/market.js';
import { createTokenMetricsSource, type TokenMetricsSourceOptions } from '#src/market/index.js';
import { createMetrics } from '#src/obs/metrics.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { bigScenario, captureLogger } from './helpers.js';

const KEY = `tm-${randomUUID()}`;
const ALL: DataKind[] = ['price', 'daily', 'hourly', 'levels', 'quant', 'grade'];
const MAIN = [3375, 3306, 3988, 3378];
const T0 = Date.UTC(2026, 11, 1, 12);

let fake: FakeTokenMetrics | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await fake?.close();
  fake = undefined;
});

async function setup(
  extra: Partial<TokenMetricsSourceOptions> = {},
  fakeOpts: Partial<Parameters<typeof startFakeTokenMetrics>[0]> = {},
) {
  const clock = { now: T0 };
  fake ??= await startFakeTokenMetrics({ apiKey: KEY, now: () => clock.now, ...fakeOpts });
  const store: Store = openSqliteStore({ file: ':memory:' });
  const metrics = createMetrics();
  const log = captureLogger();
  const make = (o: Partial<TokenMetricsSourceOptions> = {}) => {
    const s = createTokenMetricsSource({
      apiKey: KEY,
      baseUrl: (fake as FakeTokenMetrics).url,
      metrics,
      logger: log.logger,
      store,
      now: () => clock.now,
      sleep: async () => {},
      random: () => 0.5,
      ...extra,
      ...o,
    });
    closers.push(() => s.close());
    return s;
  };
  closers.push(() => store.close());
  return { fake: fake as FakeTokenMetrics, source: make(), make, clock, store, metrics, log };
}

const hits = (f: FakeTokenMetrics, endpoint: string) => f.calls.filter((c) => c.endpoint === endpoint);

async function ledgerTotal(store: Store, at = T0): Promise<number> {
  const m = await store.credits.get(new Date(at).toISOString().slice(0, 7));
  return [...m.values()].reduce((a, b) => a + b, 0);
}

describe('a plan without one endpoint (403)', () => {
  it('disables that endpoint alone, says so once, and re-probes it after 6 hours', async () => {
    const { fake, source, clock, metrics, log } = await setup();
    fake.refuse('/resistance-support');
    const failed: string[] = [];
    const obs = await source.fetch({
      tokenIds: MAIN,
      kinds: ALL,
      onKindError: (k) => failed.push(k),
    });
    expect(failed).toEqual(['levels']);
    expect(obs.get(3375)?.price).toBeDefined();
    expect(obs.get(3375)?.grade).toBeDefined();
    expect(obs.get(3375)?.levels).toBeUndefined();
    expect(source.unavailableKinds()).toEqual(['levels']);
    expect(source.health().down[0]).toMatchObject({ endpoint: '/resistance-support', status: 403 });
    const up = await metrics.registry.getSingleMetric('tokenwatch_tm_endpoint_up')?.get();
    expect(up?.values.find((v) => v.labels.endpoint === '/resistance-support')?.value).toBe(0);
    expect(up?.values.find((v) => v.labels.endpoint === '/price')?.value).toBe(1);

    clock.now += 60_000;
    await source.fetch({ tokenIds: MAIN, kinds: ALL });
    expect(hits(fake, '/resistance-support')).toHaveLength(1); // skipped: no credit spent
    expect(hits(fake, '/price')).toHaveLength(2);
    expect(log.lines.filter((l) => l.includes('refused /resistance-support'))).toHaveLength(1);

    clock.now += 6 * 3_600_000;
    // Every asked kind failed: the fetch throws (the tick logs it); the probe was one request.
    await expect(source.fetch({ tokenIds: MAIN, kinds: ['levels'] })).rejects.toMatchObject({ code: 'auth' });
    expect(hits(fake, '/resistance-support')).toHaveLength(2); // the probe
    expect(log.lines.filter((l) => l.includes('refused /resistance-support'))).toHaveLength(1);
  });

  it('a plan upgrade is picked up by the probe: the endpoint comes back', async () => {
    const { fake, source, clock } = await setup({ reprobeMs: 60_000 });
    fake.refuse('/tm-grade', 401);
    await source.fetch({ tokenIds: MAIN, kinds: ['grade', 'price'] });
    expect(source.unavailableKinds()).toEqual(['grade']);
    fake.allow('/tm-grade');
    clock.now += 30_000;
    await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(hits(fake, '/tm-grade')).toHaveLength(1); // not yet
    clock.now += 31_000;
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(hits(fake, '/tm-grade')).toHaveLength(2);
    expect(obs.get(3375)?.grade).toBeDefined();
    expect(source.health().down).toEqual([]);
  });
});

describe('errors back off where they happen', () => {
  it('"Data not found" for one token backs that token off exponentially; the others go on', async () => {
    const { fake, source, clock } = await setup();
    fake.noData('/tm-grade', [3378]);
    const ids = (n: number) => hits(fake, '/tm-grade')[n]?.query.token_id;
    let obs = await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(obs.get(3375)?.grade).toBeDefined();
    expect(obs.get(3378)?.grade).toBeUndefined();
    clock.now += 60_000;
    await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(ids(1)).toBe('3375,3306,3988'); // 3378 waits 15 min
    clock.now += 15 * 60_000;
    await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(ids(2)).toBe(MAIN.join(','));
    clock.now += 16 * 60_000; // second miss: 30 min
    await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(ids(3)).toBe('3375,3306,3988');
    clock.now += 15 * 60_000;
    obs = await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(ids(4)).toBe(MAIN.join(','));
    expect(obs.get(3306)?.grade).toBeDefined();
  });

  it('a whole endpoint answering 404 "Data not found" is not asked again every tick', async () => {
    const { fake, source, clock } = await setup();
    fake.noData('/quantmetrics');
    for (let i = 0; i < 10; i++) {
      await source.fetch({ tokenIds: MAIN, kinds: ['quant', 'price'] });
      clock.now += 60_000;
    }
    // First tick: the batch and one probe alone; then nothing until the 15-minute backoff ends.
    expect(hits(fake, '/quantmetrics')).toHaveLength(2);
    expect(hits(fake, '/price')).toHaveLength(10);
  });

  it('429 with Retry-After: 120 is honoured across ticks and across a restart', async () => {
    const { fake, source, make, clock } = await setup();
    fake.failNext(429, { retryAfterSec: 120 });
    const failed: string[] = [];
    await expect(
      source.fetch({ tokenIds: MAIN, kinds: ['price'], onKindError: (k) => failed.push(k) }),
    ).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(failed).toEqual(['price']);
    clock.now += 60_000;
    // Skipped without a request (no error thrown for a skip: nothing failed this time).
    expect((await source.fetch({ tokenIds: MAIN, kinds: ['price'] })).size).toBe(0);
    const restarted = make();
    await restarted.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(hits(fake, '/price')).toHaveLength(1);
    clock.now += 61_000;
    const obs = await restarted.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(hits(fake, '/price')).toHaveLength(2);
    expect(obs.get(3375)?.price).toBeDefined();
  });

  it('5xx retries share one bounded budget per fetch', async () => {
    const { fake, source } = await setup({ retryBudget: 2, maxRetries: 3 });
    fake.failNext(503, { times: 20 });
    const failed: string[] = [];
    await source
      .fetch({ tokenIds: MAIN, kinds: ['price', 'grade'], onKindError: (k) => failed.push(k) })
      .catch(() => undefined);
    // price: 1 + 2 retries (budget spent); grade: 1 attempt, no retry left.
    expect(fake.calls).toHaveLength(4);
  });
});

describe('ask for what fits', () => {
  it('lowercase field names parse exactly like UPPERCASE ones', async () => {
    const upper = await setup();
    const a = await upper.source.fetch({ tokenIds: MAIN, kinds: ALL });
    await upper.fake.close();
    fake = undefined;
    const lower = await setup({}, { casing: 'lower' });
    const b = await lower.source.fetch({ tokenIds: MAIN, kinds: ALL });
    expect(b.size).toBe(4);
    expect(b).toEqual(a);
  });

  it('a full page that cut rows: the missing tokens are asked, none dropped; batch size learned', async () => {
    const { fake, source, clock } = await setup(
      { pageLimit: 10 },
      { scenario: bigScenario(30), hourlyHistory: 4 },
    );
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const obs = await source.fetch({ tokenIds: ids, kinds: ['hourly'] });
    expect([...obs.values()].filter((o) => o.hourly).length).toBe(30);
    const first = fake.calls.length;
    clock.now += 3_600_000;
    await source.fetch({ tokenIds: ids, kinds: ['hourly'] });
    const sizes = fake.calls.slice(first).map((c) => c.query.token_id?.split(',').length);
    expect(sizes.every((n) => n === 2)).toBe(true); // 4 rows a token → 2 tokens fill a page of 10
    expect(sizes).toHaveLength(15);
  });

  it('daily signals: the smallest window holding the newest row, batches that fit one page', async () => {
    const { fake, source, clock } = await setup({}, { scenario: bigScenario(150), step: 1 });
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const obs = await source.fetch({ tokenIds: ids, kinds: ['daily'] });
    expect(obs.size).toBe(150);
    // yesterday..today = 2 rows a token → 50 tokens a call, one page each.
    expect(fake.calls.map((c) => `${c.query.token_id?.split(',').length}:${c.query.startDate}`)).toEqual([
      '50:2026-11-30',
      '50:2026-11-30',
      '50:2026-11-30',
    ]);
    clock.now += 3_600_000;
    fake.calls.length = 0;
    await source.fetch({ tokenIds: ids, kinds: ['daily'] });
    // Today's row already seen: a one-day window, 100 tokens a call.
    expect(fake.calls.map((c) => `${c.query.token_id?.split(',').length}:${c.query.startDate}`)).toEqual([
      '100:2026-12-01',
      '50:2026-12-01',
    ]);
  });

  it('an endpoint that ignores all but the first id is learned and then asked one by one', async () => {
    const { fake, source, clock } = await setup();
    fake.firstIdOnly('/tm-grade');
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    for (const id of MAIN) expect(obs.get(id)?.grade).toBeDefined();
    expect(hits(fake, '/tm-grade').map((c) => c.query.token_id)).toEqual([
      MAIN.join(','),
      '3306',
      '3988',
      '3378',
    ]);
    clock.now += 60_000;
    fake.calls.length = 0;
    await source.fetch({ tokenIds: MAIN, kinds: ['grade'] });
    expect(hits(fake, '/tm-grade').map((c) => c.query.token_id)).toEqual(MAIN.map(String));
  });
});

describe('key rotation', () => {
  it('a 401 re-reads the key file once and goes on with the new key, nothing disabled', async () => {
    const next = `tm-${randomUUID()}`;
    let file = KEY;
    const { fake, source } = await setup({ readKey: () => file });
    fake.setApiKey(next);
    file = next;
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(obs.size).toBe(4);
    expect(fake.calls.map((c) => c.status)).toEqual([401, 200]);
    expect(source.health().down).toEqual([]);
  });

  it('reloadKey (SIGHUP) uses the rotated key and re-probes refused endpoints at once', async () => {
    const next = `tm-${randomUUID()}`;
    let file = KEY;
    const { fake, source, clock } = await setup({ readKey: () => file });
    fake.setApiKey(next);
    await source.fetch({ tokenIds: MAIN, kinds: ['price'] }).catch(() => undefined);
    expect(source.unavailableKinds()).toEqual(['price']); // the file still held the old key
    file = next;
    expect(source.reloadKey()).toBe(true);
    clock.now += 60_000;
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(obs.size).toBe(4);
    expect(fake.calls.at(-1)).toMatchObject({ authorized: true, status: 200 });
    expect(source.health().down).toEqual([]);
  });
});

describe('credit ledger', () => {
  it('equals the calls the fake counted, exactly: pages, retries, refusals, 429s, timeouts, directory', async () => {
    const { fake, source, store, clock } = await setup(
      { headersTimeoutMs: 150, pageLimit: 10 },
      { scenario: bigScenario(40), hourlyHistory: 3 },
    );
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    fake.refuse('/quantmetrics');
    fake.firstIdOnly('/tm-grade');
    fake.noData('/resistance-support', [1, 2, 3]);
    fake.failNext(500);
    fake.hangNext();
    await source.fetch({ tokenIds: ids, kinds: ALL });
    fake.failNext(429, { retryAfterSec: 120 });
    await expect(source.search('T', 3)).rejects.toMatchObject({ code: 'rate_limited' });
    await source.search('T', 3);
    clock.now += 60_000;
    await source.fetch({ tokenIds: ids, kinds: ALL });
    await source.resolve('NOPE');
    expect(fake.calls.length).toBeGreaterThan(20);
    expect(await ledgerTotal(store)).toBe(fake.calls.length);
    const used = source.credits().used;
    expect(used).toBe(fake.calls.length);
  });

  it('never sends a request once the month budget is spent; a new month starts from zero', async () => {
    const { fake, source, clock, log } = await setup({ monthlyCalls: 5 });
    for (let i = 0; i < 10; i++) {
      await source.fetch({ tokenIds: MAIN, kinds: ALL }).catch(() => undefined);
      clock.now += 60_000;
    }
    expect(fake.calls).toHaveLength(5);
    expect(log.lines.filter((l) => l.includes('monthly budget is spent'))).toHaveLength(1);
    clock.now = Date.UTC(2027, 0, 1, 0, 1);
    await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(fake.calls).toHaveLength(6);
  });
});
