import { afterEach, describe, expect, it } from 'vitest';
import type { TokenObservation } from '#src/domain/market.js';
import {
  createReplaySource,
  createTokenMetricsSource,
  DEFAULT_SCENARIO,
  SCENARIO_MARKS as M,
} from '#src/market/index.js';
import { createMetrics } from '#src/obs/metrics.js';
import { startFakeTokenMetrics } from '../fakes/tm-server.js';
import { counterValue } from './helpers.js';

const ALL = ['price', 'daily', 'hourly', 'levels', 'quant', 'grade'] as const;
const BTC = 3375;
const ETH = 3306;
const SOL = 3988;
const DOGE = 3378;
const MAIN = [BTC, ETH, SOL, DOGE];
const ANCHOR = Date.parse('2026-03-10T15:00:00Z');
const DAY = 86_400_000;

async function at(step: number, tokenIds = MAIN) {
  const src = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR, startStep: step });
  return src.fetch({ tokenIds, kinds: ALL });
}
async function get(step: number, id: number): Promise<TokenObservation> {
  const o = (await at(step)).get(id);
  if (!o) throw new Error(`no observation for ${id} at ${step}`);
  return o;
}
const price = async (step: number, id: number) => (await get(step, id)).price?.price ?? Number.NaN;
const distPct = (p: number, level: number) => (Math.abs(p - level) / level) * 100;

/** Raw levels of a token that form a cluster: ≥3 within 1 % of each other. */
async function cluster(id: number) {
  const levels = (await get(0, id)).levels?.levels ?? [];
  for (const l of levels) {
    const members = levels.filter((m) => m.level >= l.level && m.level <= l.level * 1.01);
    if (members.length >= 3) return members;
  }
  return [];
}

describe('replay source mechanics', () => {
  it('has 30 steps, setStep clamps, advance stops at the end', () => {
    const src = createReplaySource();
    expect(src.steps).toBe(30);
    expect(src.step).toBe(0);
    src.setStep(99);
    expect(src.step).toBe(29);
    expect(src.advance()).toBe(false);
    src.setStep(-3);
    expect(src.step).toBe(0);
    expect(src.advance()).toBe(true);
    expect(src.step).toBe(1);
  });

  it('serves only what was asked', async () => {
    const src = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
    const obs = await src.fetch({ tokenIds: [SOL], kinds: ['price'] });
    expect([...obs.keys()]).toEqual([SOL]);
    expect(obs.get(SOL)).toEqual({
      tokenId: SOL,
      symbol: 'SOL',
      name: 'Solana',
      price: { price: 180 },
    });
    // Once the directory is loaded its link names the token too.
    await src.resolve('SOL');
    expect((await src.fetch({ tokenIds: [SOL], kinds: ['price'] })).get(SOL)?.url).toBe(
      'https://app.tokenmetrics.com/en/solana',
    );
  });

  it('resolves symbols like the live directory (duplicate BTC → 3375)', async () => {
    const src = createReplaySource();
    expect((await src.resolve('btc'))?.tokenId).toBe(BTC);
    expect((await src.search('S', 5)).map((t) => t.symbol)).toEqual(['SOL']);
    expect((await src.byId(DOGE))?.name).toBe('Dogecoin');
  });

  it('the baseline has every kind for every main token', async () => {
    const obs = await at(0);
    for (const id of MAIN) {
      for (const kind of ALL) expect(obs.get(id)?.[kind], `${id} ${kind}`).toBeDefined();
    }
  });
});

describe('DEFAULT_SCENARIO tells the story SCENARIO_MARKS names', () => {
  it('SOL: strong resistance cluster, approach, touch, breakout, then away', async () => {
    const members = await cluster(SOL);
    expect(members.length).toBeGreaterThanOrEqual(3);
    const ages = members.map((m) => (ANCHOR - Date.parse(m.date)) / DAY);
    expect(Math.min(...ages)).toBeLessThanOrEqual(180);
    const lo = Math.min(...members.map((m) => m.level));
    const hi = Math.max(...members.map((m) => m.level));
    const mid = (lo + hi) / 2;
    for (let s = 0; s < M.solApproach; s++) expect(distPct(await price(s, SOL), lo)).toBeGreaterThan(2);
    expect(await price(M.solApproach, SOL)).toBeLessThan(lo);
    expect(distPct(await price(M.solApproach, SOL), mid)).toBeLessThan(2);
    const touch = await price(M.solTouch, SOL);
    expect(touch).toBeLessThan(lo);
    expect(distPct(touch, mid)).toBeLessThanOrEqual(0.25);
    expect(await price(M.solCross, SOL)).toBeGreaterThan(hi);
    expect(distPct(await price(M.solBreakout, SOL), hi)).toBeGreaterThan(2);
    for (let s = M.solBreakout + 1; s < 30; s++) {
      const p = await price(s, SOL);
      if (!Number.isNaN(p)) expect(distPct(p, hi)).toBeGreaterThan(2);
    }
  });

  it('ETH: approaches a strong support cluster at ethApproach only', async () => {
    const members = await cluster(ETH);
    expect(members.length).toBeGreaterThanOrEqual(3);
    const hi = Math.max(...members.map((m) => m.level));
    expect(distPct(await price(M.ethApproach - 1, ETH), hi)).toBeGreaterThan(2);
    const p = await price(M.ethApproach, ETH);
    expect(p).toBeGreaterThan(hi);
    expect(distPct(p, hi)).toBeLessThan(2);
  });

  it('DOGE: comes within 2 % of a single, old (weak) level', async () => {
    const levels = (await get(0, DOGE)).levels?.levels ?? [];
    const weak = levels.find((l) => distPct(0.492, l.level) < 2);
    expect(weak).toBeDefined();
    expect(levels.filter((l) => weak && distPct(l.level, weak.level) <= 1)).toHaveLength(1);
    expect((ANCHOR - Date.parse(weak?.date ?? '')) / DAY).toBeGreaterThan(365);
    expect(distPct(await price(M.dogeWeakApproach, DOGE), 0.5)).toBeLessThan(2);
    expect(await cluster(DOGE)).toEqual([]);
  });

  it('BTC daily trend flips bullish → bearish at btcDailyFlip, with a newer date', async () => {
    const before = (await get(M.btcDailyFlip - 1, BTC)).daily;
    const after = (await get(M.btcDailyFlip, BTC)).daily;
    expect(before).toMatchObject({ trend: 1 });
    expect(after).toMatchObject({ trend: -1, signal: -1 });
    expect(Date.parse(after?.date ?? '')).toBeGreaterThan(Date.parse(before?.date ?? ''));
    const ethBefore = (await get(M.btcDailyFlip - 1, ETH)).daily;
    const ethAfter = (await get(M.btcDailyFlip, ETH)).daily;
    expect(ethAfter?.trend).toBe(ethBefore?.trend);
  });

  it('ETH hourly position flips at ethHourlyFlip', async () => {
    expect((await get(M.ethHourlyFlip - 1, ETH)).hourly?.position).toBe(1);
    expect((await get(M.ethHourlyFlip, ETH)).hourly?.position).toBe(-1);
    expect((await get(M.ethHourlyFlip + 1, ETH)).hourly?.position).toBe(-1);
  });

  it('BTC Sharpe crosses 1.0 up at sharpeCross, then wobbles within ±0.1', async () => {
    const sharpe = async (s: number) => (await get(s, BTC)).quant?.metrics.SHARPE;
    expect(await sharpe(M.sharpeCross - 1)).toBeLessThan(1);
    expect(await sharpe(M.sharpeCross)).toBeGreaterThan(1);
    for (let s = M.sharpeCross + 1; s < 30; s++) {
      const v = await sharpe(s);
      expect(v).toBeGreaterThan(0.9);
      expect(v).toBeLessThan(1.1);
    }
  });

  it('SOL grade Buy → Strong Buy at solGradeChange', async () => {
    expect((await get(M.solGradeChange - 1, SOL)).grade?.signal).toBe('Buy');
    expect((await get(M.solGradeChange, SOL)).grade?.signal).toBe('Strong Buy');
  });

  it.each([
    ['badPriceString', M.badPriceString, DOGE, 'price', '/price'],
    ['badPriceNegative', M.badPriceNegative, ETH, 'price', '/price'],
    ['badQuantMissingId', M.badQuantMissingId, BTC, 'quant', '/quantmetrics'],
    ['badPriceMissing', M.badPriceMissing, SOL, 'price', '/price'],
    ['badGradeEmpty', M.badGradeEmpty, DOGE, 'grade', '/tm-grade'],
  ] as const)('%s: dropped, counted, no data for that token', async (_name, step, id, kind, endpoint) => {
    const metrics = createMetrics();
    const src = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR, startStep: step, metrics });
    const obs = await src.fetch({ tokenIds: MAIN, kinds: ALL });
    expect(obs.get(id)?.[kind]).toBeUndefined();
    expect(await counterValue(metrics.invalidRows, { endpoint })).toBe(1);
    expect(await counterValue(metrics.invalidRows)).toBe(1);
  });

  it('badHourlySignal: the bad newest row is dropped; the previous hour is what remains', async () => {
    const metrics = createMetrics();
    const src = createReplaySource(DEFAULT_SCENARIO, {
      anchorMs: ANCHOR,
      startStep: M.badHourlySignal,
      metrics,
    });
    const obs = await src.fetch({ tokenIds: [BTC], kinds: ['hourly'] });
    const prevHour = ANCHOR - (29 - (M.badHourlySignal - 1)) * 3_600_000;
    expect(Date.parse(obs.get(BTC)?.hourly?.timestamp ?? '')).toBe(prevHour);
    expect(await counterValue(metrics.invalidRows, { endpoint: '/hourly-trading-signals' })).toBe(1);
  });

  it('badLevelItem: only the bad item is dropped', async () => {
    const levels = (await get(M.badLevelItem, ETH)).levels?.levels.map((l) => l.level);
    expect(levels).toEqual([2990, 3000, 3010, 3600]);
  });

  it('good steps drop nothing', async () => {
    const metrics = createMetrics();
    const src = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR, metrics });
    for (const s of [0, 1, 2, 6, 7, 9, 10, 12, 14, 16, 18, 29]) {
      src.setStep(s);
      await src.fetch({ tokenIds: MAIN, kinds: ALL });
    }
    expect(await counterValue(metrics.invalidRows)).toBe(0);
  });
});

describe('replay and the fake server agree', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it.each([0, M.solTouch, M.badPriceNegative, M.ethHourlyFlip, 29])(
    'step %i gives the same observations',
    async (step) => {
      const fake = await startFakeTokenMetrics({ apiKey: 'k-123456', anchorMs: ANCHOR, step });
      const live = createTokenMetricsSource({ apiKey: 'k-123456', baseUrl: fake.url, now: () => ANCHOR });
      close = async () => {
        await live.close();
        await fake.close();
      };
      const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR, startStep: step });
      const a = await live.fetch({ tokenIds: MAIN, kinds: ALL });
      const b = await replay.fetch({ tokenIds: MAIN, kinds: ALL });
      expect(a).toEqual(b);
    },
  );
});
