/**
 * `/watchlist` and the daily brief (issue 20), one run:
 * - `/watchlist` for 25 tokens on SQLite and Redis: the data (stored views in one read, the price 24 h
 *   ago per token) p50/p99, target p99 ≤ 50 ms; the card render (25 sparklines, resvg) p99 ≤ 60 ms; the
 *   same data for 1 token in the same run as the baseline of the ratio.
 * - 10,000 destinations with a brief at the same local minute over 1,000 distinct token sets (SQLite
 *   store, SQLite outbox, as a single instance runs): CPU to prepare and enqueue ≤ 30 s, wall time
 *   ≤ 60 s (all enqueued within the minute), RSS growth ≤ 150 MB; then every message's card as the
 *   senders ask for it at send time: drawn once per distinct set and minute (renders = 1,000), and the
 *   CPU of prepare, enqueue and cards together ≤ 30 s.
 * Needs Redis at REDIS_URL / TEST_REDIS_URL (default redis://127.0.0.1:6379) for the Redis rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { fontOutliner, renderChart } from '#src/charts/index.js';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { TokenObservation } from '#src/domain/market.js';
import type { Destination, TokenId } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { createDetector, type TokenState, viewOf } from '#src/engine/index.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { readSnapshot } from '#src/pipeline/snapshot.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore, type Store } from '#src/store/index.js';
import { runBriefs } from '#src/watchlist/briefs.js';
import { renderCard } from '#src/watchlist/card.js';
import { messagePictures } from '#src/watchlist/pictures.js';
import { type WatchlistToken, watchlistService } from '#src/watchlist/service.js';
import { createVerdicts, describeTarget, type Target } from './verdict.js';

const NOW = Date.UTC(2026, 11, 7, 7, 0); // 08:00 in Berlin
const MIN = 60_000;
const HOUR = 3_600_000;
const v = createVerdicts('watchlist');
const rows: Array<Record<string, string | number>> = [];
const info = (metric: string, value: string | number) =>
  rows.push({ metric, value, target: '-', verdict: '' });
const check = (
  metric: string,
  value: number,
  target: Target,
  format: (x: number) => string = (x) => x.toFixed(1),
) =>
  rows.push({
    metric,
    value: format(value),
    target: describeTarget(target),
    verdict: v.check(metric, value, target),
  });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/** A token's engine state from a fixture observation (levels around its price, signal, grade, Sharpe). */
function stateOf(tokenId: TokenId, price: number): TokenState {
  const obs: TokenObservation = {
    tokenId,
    symbol: `T${tokenId}`,
    name: `Token ${tokenId}`,
    price: { price },
    daily: { signal: tokenId % 2 === 0 ? 1 : -1, trend: 1, date: '2026-12-06' },
    levels: {
      levels: [0.9, 0.95, 1.06, 1.12].flatMap((f) =>
        ['2026-10-02', '2026-11-01', '2026-11-20'].map((date, i) => ({
          level: price * f * (1 + (i - 1) * 0.001),
          date,
        })),
      ),
    },
    quant: { metrics: { SHARPE: (tokenId % 30) / 10 } },
    grade: { signal: 'Buy', grade: 40 + (tokenId % 50) },
  };
  const detector = createDetector({ proximityPcts: [2], sharpeThresholds: [1] });
  const { state } = detector.detect(undefined, obs, NOW - MIN);
  if (!state) throw new Error('no state');
  return state;
}

/** 7 days: hourly points, then minute points for the last `minuteHours` hours (what the history keeps). */
function history(tokenId: TokenId, price: number, minuteHours: number) {
  const out: Array<{ tokenId: number; t: number; price: number }> = [];
  for (let h = 7 * 24; h > minuteHours; h--)
    out.push({ tokenId, t: NOW - h * HOUR, price: price * (1 + 0.03 * Math.sin(h / 7)) });
  for (let m = minuteHours * 60; m > 0; m--)
    out.push({ tokenId, t: NOW - m * MIN, price: price * (1 + 0.01 * Math.sin(m / 50)) });
  return out;
}

async function seed(store: Store, ids: readonly TokenId[], minuteHours: number): Promise<void> {
  const snaps = new Map<TokenId, unknown>();
  for (const id of ids) snaps.set(id, { layout: 2, state: stateOf(id, 10 + id), fetchedAt: {} });
  await store.snapshots.putMany(snaps);
  const points = ids.flatMap((id) => history(id, 10 + id, minuteHours));
  for (let i = 0; i < points.length; i += 5000) await store.priceHistory.record(points.slice(i, i + 5000));
}

/** The app's view source (src/app/parts.ts buildWatchlist) without live prices. */
function serviceOver(store: Store) {
  return watchlistService({
    history: store.priceHistory,
    unavailable: () => [],
    async views(ids) {
      const raw = await store.snapshots.getMany(ids);
      const out = new Map<number, TokenView>();
      for (const [id, snap] of raw) {
        const state = readSnapshot(snap).state;
        if (state) out.set(id, { ...viewOf(state), priceSource: { label: 'Token Metrics', ageMs: 60_000 } });
      }
      return out;
    },
  });
}

const tokensOf = (ids: readonly number[]): WatchlistToken[] =>
  ids.map((id) => ({ tokenId: id, symbol: `T${id}` }));

// --- 1. /watchlist for 25 tokens, both stores.
async function watchlistRows(label: string, store: Store): Promise<void> {
  const ids = Array.from({ length: 25 }, (_, i) => 1000 + i);
  await seed(store, ids, 24);
  const service = serviceOver(store);
  const time = async (tokens: WatchlistToken[], n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await service.content(tokens, NOW, translatorFor('en'));
      out.push(performance.now() - t0);
    }
    return out;
  };
  await time(tokensOf(ids), 5); // warm-up
  const many = await time(tokensOf(ids), 200);
  const one = await time(tokensOf(ids.slice(0, 1)), 200);
  info(`${label}: /watchlist data, 25 tokens, p50 ms`, pct(many, 50).toFixed(2));
  check(`${label}: /watchlist data, 25 tokens, p99 ms`, pct(many, 99), { atMost: 50 }, (x) => x.toFixed(2));
  info(`${label}: /watchlist data, 1 token, p99 ms (baseline)`, pct(one, 99).toFixed(2));
  info(`${label}: 25 tokens / 1 token (p99)`, (pct(many, 99) / pct(one, 99)).toFixed(1));
  // The card: rows and 7 days of points read per token, then the render. First render apart (glyphs).
  const painter = fontOutliner();
  const content = await service.content(tokensOf(ids), NOW, translatorFor('en'));
  const points = await Promise.all(ids.map((id) => store.priceHistory.range(id, NOW - 7 * 24 * HOUR, NOW)));
  const cardRows = content.rows.map((r, i) => ({
    symbol: r.symbol,
    ...('value' in r.price ? { price: r.price.value.usd } : {}),
    ...('value' in r.support ? { support: r.support.value.level } : {}),
    ...('value' in r.resistance ? { resistance: r.resistance.value.level } : {}),
    points: points[i] ?? [],
  }));
  // Interleaved with a 7-day token chart (/chart, 800×400) as the baseline of the ratio; the card's
  // wall time and its CPU time (resvg renders on this thread: CPU time leaves out waiting for a core
  // another process holds, which wall time on a shared machine does not).
  const renders: number[] = [];
  const cpuMs: number[] = [];
  const charts: number[] = [];
  const chartInput = (i: number) => ({
    title: `T1000 · 7d ${i}`,
    points: points[0] ?? [],
    levels: [],
    from: NOW - 7 * 24 * HOUR,
    to: NOW,
  });
  renderChart(chartInput(0), painter);
  for (let i = 0; i < 101; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    renderCard({ title: `Watchlist · run ${i}`, rows: cardRows, to: NOW }, painter);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const t1 = performance.now();
    renderChart(chartInput(i), painter);
    if (i > 0) {
      renders.push(wall);
      cpuMs.push((c.user + c.system) / 1000);
      charts.push(performance.now() - t1);
    }
  }
  info(`${label}: card render, 25 tokens, p50 ms`, pct(renders, 50).toFixed(1));
  check(`${label}: card render, 25 tokens, p99 ms`, pct(renders, 99), { atMost: 60 });
  info(
    `${label}: card render CPU time p50 / p99, ms`,
    `${pct(cpuMs, 50).toFixed(1)} / ${pct(cpuMs, 99).toFixed(1)}`,
  );
  info(`${label}: card / 7-day chart render (p50)`, (pct(renders, 50) / pct(charts, 50)).toFixed(2));
  const cards: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await service.card(tokensOf(ids), NOW + i * MIN); // a new minute: a miss each time
    cards.push(performance.now() - t0);
  }
  info(`${label}: card with its reads (service.card miss), p99 ms`, pct(cards, 99).toFixed(1));
}

const dir = mkdtempSync(join(tmpdir(), 'tw-watchlist-bench-'));
try {
  const sqlite = openSqliteStore({ file: join(dir, 'wl.db') });
  await watchlistRows('SQLite', sqlite);
  await sqlite.close();
  const redisUrl = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `twbench-wl:${process.pid}:`;
  try {
    await client.connect();
    const redis = await openRedisStore({ client, keyPrefix: prefix });
    await watchlistRows('Redis', redis);
  } catch (err) {
    const why = (err as Error).message;
    rows.push({
      metric: 'Redis: /watchlist',
      value: `not measured: ${why.slice(0, 40)}`,
      target: 'measured',
      verdict: v.fail('Redis /watchlist', why),
    });
  } finally {
    await deleteRedisPrefix(client, prefix).catch(() => 0);
    client.disconnect();
  }

  // --- 2. 10,000 briefs at one local minute, 1,000 distinct token sets (of 5 from 200 tokens).
  const store = openSqliteStore({ file: join(dir, 'briefs.db') });
  const pool = Array.from({ length: 200 }, (_, i) => 2000 + i);
  await seed(store, pool, 0);
  let seedRnd = 42;
  const rnd = () => {
    seedRnd = (seedRnd * 1103515245 + 12345) % 2 ** 31;
    return seedRnd / 2 ** 31;
  };
  const sets: number[][] = [];
  const seen = new Set<string>();
  while (sets.length < 1000) {
    const s = new Set<number>();
    while (s.size < 5) s.add(pool[Math.floor(rnd() * pool.length)] ?? 2000);
    const ids = [...s].sort((a, b) => a - b);
    const key = ids.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    sets.push(ids);
  }
  const dests: Destination[] = Array.from({ length: 10_000 }, (_, i) => ({
    platform: 'telegram',
    kind: 'dm',
    id: String(100_000 + i),
  }));
  for (const [i, d] of dests.entries()) {
    for (const id of sets[i % 1000] ?? [])
      await store.subscriptions.subscribe(d, id, `T${id}`, ['levels'], NOW - 86_400_000);
    await store.briefs.set(d, { time: '08:00', tz: 'Europe/Berlin', createdAt: NOW - 86_400_000 });
  }
  const outbox = createOutbox({ kind: 'sqlite', file: join(dir, 'outbox.db'), senders: new Map(), store });
  const captured: OutboundMessage[] = [];
  const service = serviceOver(store);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 20);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const report = await runBriefs(
    {
      store,
      watchlist: service,
      outbox: {
        enqueue: async (ms) => {
          captured.push(...ms);
          await outbox.enqueue(ms);
        },
      },
    },
    NOW,
  );
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  rssMax = Math.max(rssMax, process.memoryUsage().rss);
  const prepareCpuS = (cpu.user + cpu.system) / 1e6;
  check('briefs: enqueued (of 10,000 due)', report.enqueued, { equals: 10_000 }, String);
  check('briefs: token sets prepared', report.sets, { equals: 1000 }, String);
  check('briefs: CPU to prepare and enqueue, s', prepareCpuS, { atMost: 30 }, (x) => x.toFixed(2));
  check('briefs: wall time to enqueue all, s', wall / 1000, { atMost: 60 }, (x) => x.toFixed(2));
  check('briefs: RSS growth while preparing, MB', (rssMax - rss0) / 2 ** 20, { atMost: 150 });
  // Send time: every message asks for its card; each distinct set is drawn once in this minute.
  const pictures = messagePictures(async () => undefined, service);
  const cpu1 = process.cpuUsage();
  for (let i = 0; i < captured.length; i += 200)
    await Promise.all(captured.slice(i, i + 200).map((m) => pictures(m)));
  const cardCpu = process.cpuUsage(cpu1);
  clearInterval(sampler);
  const cardCpuS = (cardCpu.user + cardCpu.system) / 1e6;
  check('briefs: cards drawn for 10,000 messages', service.renders(), { equals: 1000 }, String);
  info(
    'briefs: cards drawn per message (baseline 1 per message)',
    (service.renders() / captured.length).toFixed(2),
  );
  info('briefs: CPU of the cards, s', cardCpuS.toFixed(2));
  check('briefs: CPU prepare + enqueue + cards, s', prepareCpuS + cardCpuS, { atMost: 30 }, (x) =>
    x.toFixed(2),
  );
  check(
    'briefs: a second run in the same minute enqueues',
    (await runBriefs({ store, watchlist: service, outbox }, NOW + 1000)).enqueued,
    { equals: 0 },
    String,
  );
  await outbox.close();
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

info('machine load average (1 min) / cores', `${loadavg()[0]?.toFixed(1)} / ${cpus().length}`);
console.table(rows);
v.finish();
