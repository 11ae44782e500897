import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketError } from '#src/domain/market.js';
import { createTokenMetricsSource, type TokenMetricsSourceOptions } from '#src/market/index.js';
import { createMetrics } from '#src/obs/metrics.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { bigScenario, captureLogger, counterValue } from './helpers.js';

// Built at run time so nothing shaped like a real key is committed.
const KEY = `tm-${randomUUID()}`;
const ALL = ['price', 'daily', 'hourly', 'levels', 'quant', 'grade'] as const;
const MAIN = [3375, 3306, 3988, 3378];

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
  fake = await startFakeTokenMetrics({ apiKey: KEY, ...fakeOpts });
  const waits: number[] = [];
  const metrics = createMetrics();
  const log = captureLogger();
  const source = createTokenMetricsSource({
    apiKey: KEY,
    baseUrl: fake.url,
    metrics,
    logger: log.logger,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    backoffBaseMs: 100,
    ...extra,
  });
  closers.push(() => source.close());
  return { fake, source, waits, metrics, log };
}

describe('Token Metrics client against the fake server', () => {
  it('reports a kind that failed while others succeeded, and still returns the others', async () => {
    // The first endpoint asked (price) answers 500 on every attempt; the later kinds succeed.
    const { fake, source } = await setup({ maxRetries: 1 });
    fake.failNext(500, { times: 2 });
    const failed: string[] = [];
    const obs = await source.fetch({
      tokenIds: MAIN,
      kinds: ['price', 'daily'],
      onKindError: (kind, err) => failed.push(`${kind}:${err.retryable}`),
    });
    expect(failed).toEqual(['price:true']);
    expect(obs.get(3375)?.price).toBeUndefined();
    expect(obs.get(3375)?.daily).toBeDefined();
  });

  it('fetches every kind, coerces string numbers and accepts SYMBOL/NAME spellings', async () => {
    const { fake, source } = await setup();
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ALL });
    expect([...obs.keys()].sort()).toEqual([...MAIN].sort());
    const eth = obs.get(3306);
    expect(eth?.price?.price).toBe(3300); // served as the string "3300"
    expect(eth?.symbol).toBe('ETH');
    expect(eth?.hourly).toMatchObject({ signal: 0, position: 1 });
    expect(eth?.levels?.levels.map((l) => l.level)).toEqual([2990, 3000, 3010, 3600]);
    const doge = obs.get(3378);
    expect(doge?.quant?.metrics.SHARPE).toBe(0.5); // quant row uses SYMBOL/NAME and string numbers
    expect(doge?.grade).toEqual({ signal: 'Sell', grade: 35.2, momentum: 'Losing Momentum' });
    const btc = obs.get(3375);
    expect(btc?.daily).toMatchObject({ signal: 0, trend: 1 });
    expect(btc?.url).toBe('https://app.tokenmetrics.com/en/bitcoin');
    // One call per endpoint: 4 tokens fit one batch and one page.
    expect(fake.calls.map((c) => c.endpoint).sort()).toEqual([
      '/hourly-trading-signals',
      '/price',
      '/quantmetrics',
      '/resistance-support',
      '/tm-grade',
      '/trading-signals',
    ]);
    expect(fake.calls.every((c) => c.authorized && c.query.token_id === MAIN.join(','))).toBe(true);
    expect(fake.calls.find((c) => c.endpoint === '/trading-signals')?.query.startDate).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });

  it('keeps the newest dated row per token even when the API lists it second', async () => {
    const { fake, source } = await setup();
    fake.setStep(6);
    const obs = await source.fetch({ tokenIds: [3375], kinds: ['daily', 'hourly'] });
    expect(obs.get(3375)?.daily).toMatchObject({ signal: -1, trend: -1 });
    const hourlyTs = obs.get(3375)?.hourly?.timestamp ?? '';
    expect(Date.parse(hourlyTs)).toBe(fake.anchorMs - 23 * 3_600_000);
  });

  it('batches more than 100 tokens into comma lists of at most 100', async () => {
    const { fake, source } = await setup({}, { scenario: bigScenario(250) });
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const obs = await source.fetch({ tokenIds: ids, kinds: ['price'] });
    expect(obs.size).toBe(250);
    expect(obs.get(250)?.price?.price).toBe(259);
    const sizes = fake.calls.map((c) => c.query.token_id?.split(',').length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(fake.calls.every((c) => c.query.limit === '100' && c.query.page === '1')).toBe(true);
  });

  it.each([
    [3, 3378, 'price', '/price'],
    [4, 3306, 'price', '/price'],
    [11, 3988, 'price', '/price'],
    [13, 3378, 'grade', '/tm-grade'],
  ] as const)('step %i: the bad row of %i is dropped and counted', async (step, id, kind, endpoint) => {
    const { fake, source, metrics, log } = await setup();
    fake.setStep(step);
    const obs = await source.fetch({ tokenIds: MAIN, kinds: [kind] });
    expect(obs.get(id)?.[kind]).toBeUndefined();
    expect(obs.size).toBe(3);
    expect(await counterValue(metrics.invalidRows, { endpoint })).toBe(1);
    expect(log.lines.some((l) => l.includes('dropped by validation'))).toBe(true);
  });

  it('a token whose row failed validation is not backed off as "no data": the next fetch asks for it', async () => {
    const { fake, source } = await setup({}, { step: 4 }); // step 4: ETH's price is -3250
    const bad = await source.fetch({ tokenIds: [3306, 3375], kinds: ['price'] });
    expect(bad.get(3306)?.price).toBeUndefined();
    expect(bad.get(3375)?.price).toBeDefined();
    fake.setStep(5);
    const next = await source.fetch({ tokenIds: [3306, 3375], kinds: ['price'] });
    expect(next.get(3306)?.price?.price).toBe(3240);
  });

  it('a quant row without TOKEN_ID is dropped, the others are kept', async () => {
    const { fake, source, metrics } = await setup();
    fake.setStep(5);
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['quant'] });
    expect(obs.get(3375)).toBeUndefined();
    expect(obs.get(3988)?.quant?.metrics.SHARPE).toBe(1.6);
    expect(await counterValue(metrics.invalidRows, { endpoint: '/quantmetrics' })).toBe(1);
  });

  it('429 with Retry-After waits that long, then succeeds', async () => {
    const { fake, source, waits } = await setup();
    fake.failNext(429, { retryAfterSec: 2 });
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(obs.get(3375)?.price?.price).toBe(95000);
    expect(waits).toEqual([2000]);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('429 without Retry-After backs off exponentially with jitter', async () => {
    const { fake, source, waits } = await setup();
    fake.failNext(429, { times: 3 });
    await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    // base 100, random 0.5: step/2 + 0.5 × step/2 for steps 100, 200, 400.
    expect(waits).toEqual([75, 150, 300]);
  });

  it('a Retry-After beyond maxRetryWaitMs is not slept on: retryable error with retryAfterMs', async () => {
    const { fake, source, waits } = await setup({ maxRetryWaitMs: 10_000 });
    fake.failNext(429, { retryAfterSec: 3600 });
    await expect(source.fetch({ tokenIds: MAIN, kinds: ['price'] })).rejects.toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 3_600_000,
    });
    expect(waits).toEqual([]);
  });

  it('500 is retried, then succeeds', async () => {
    const { fake, source, waits } = await setup();
    fake.failNext(500, { times: 2 });
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(obs.size).toBe(4);
    expect(fake.calls.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(waits).toHaveLength(2);
  });

  it('5xx retries are bounded, then a retryable server error', async () => {
    const { fake, source } = await setup({ maxRetries: 2 });
    fake.failNext(503, { times: 5 });
    await expect(source.fetch({ tokenIds: MAIN, kinds: ['price'] })).rejects.toMatchObject({
      code: 'server',
      retryable: true,
    });
    expect(fake.calls).toHaveLength(3);
  });

  it.each([
    ['garbage', (f: FakeTokenMetrics) => f.garbageNext()],
    ['success:false', (f: FakeTokenMetrics) => f.successFalseNext('quota exceeded')],
  ])('%s → bad_response, not retried', async (_name, arrange) => {
    const { fake, source } = await setup();
    arrange(fake);
    const err = await source.fetch({ tokenIds: MAIN, kinds: ['price'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketError);
    expect(err).toMatchObject({ code: 'bad_response' });
    expect(fake.calls).toHaveLength(1);
  });

  it('when one kind fails the others are still returned', async () => {
    const { fake, source } = await setup({ maxRetries: 0 });
    fake.failNext(500);
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price', 'grade'] });
    expect(obs.get(3988)?.price).toBeUndefined();
    expect(obs.get(3988)?.grade?.signal).toBe('Buy');
  });

  it('a server that never answers times out, retries, then succeeds', async () => {
    const { fake, source } = await setup({ headersTimeoutMs: 150, bodyTimeoutMs: 150 });
    fake.hangNext();
    const obs = await source.fetch({ tokenIds: MAIN, kinds: ['price'] });
    expect(obs.size).toBe(4);
    expect(fake.calls.map((c) => c.status)).toEqual([0, 200]);
  });

  it('persistent timeouts end in a retryable timeout error', async () => {
    const { fake, source } = await setup({ headersTimeoutMs: 100, maxRetries: 1 });
    fake.hangNext(5);
    await expect(source.fetch({ tokenIds: MAIN, kinds: ['price'] })).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(fake.calls).toHaveLength(2);
  });

  it('resolves symbols through /tokens once a day, picking the real BTC among duplicates', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { fake, source } = await setup({ directory: { now: () => now } });
    expect((await source.resolve('btc'))?.tokenId).toBe(3375);
    expect((await source.resolve('SOL'))?.name).toBe('Solana');
    expect((await source.search('d', 5)).map((t) => t.symbol)).toEqual(['DOGE']);
    expect(fake.calls.filter((c) => c.endpoint === '/tokens')).toHaveLength(1);
    now += 86_400_000;
    await source.resolve('ETH');
    expect(fake.calls.filter((c) => c.endpoint === '/tokens')).toHaveLength(2);
  });

  it('an abort during a backoff wait ends the call with a retryable error', async () => {
    const ac = new AbortController();
    // Aborted once the backoff wait has begun (not after a fixed delay: on a loaded machine the first
    // call could still be in flight then, and that is a different path).
    const { fake, source } = await setup({
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
          setTimeout(() => ac.abort(), 5);
        }),
    });
    fake.failNext(500);
    const pending = source.fetch({ tokenIds: MAIN, kinds: ['price'] }, ac.signal);
    await expect(pending).rejects.toMatchObject({ code: 'network', retryable: true });
    expect(fake.calls).toHaveLength(1);
  });

  it('never logs the API key', async () => {
    const { fake, source, log } = await setup();
    fake.failNext(500);
    fake.successFalseNext(`bad key ${KEY}`);
    await source.fetch({ tokenIds: MAIN, kinds: ['price', 'daily'] }).catch(() => undefined);
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.join('')).not.toContain(KEY);
  });
});
