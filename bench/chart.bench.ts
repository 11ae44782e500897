/**
 * Charts and price alerts (issue 11):
 * - chart render p50/p99 for 7 days of points (targets ≤ 30 ms / ≤ 60 ms), first render apart, with
 *   the old text path (`<text>` shaped by resvg on every render) in the same run for the ratio;
 * - renders per minute when 10,000 destinations get the same token's level alert (target 1);
 * - bytes of price history per token at the retention limit (SQLite row bytes; Redis MEMORY USAGE);
 * - price-alert evaluation cost per price update that crosses nothing: 100,000 alerts on 1,000 tokens
 *   vs 1,000 alerts on 1,000 tokens (target: ratio ~1, i.e. constant in the number of alerts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { buildChartSvg, chartService, fontOutliner, renderChart, svgTextPainter } from '#src/charts/index.js';
import type { PriceAlert } from '#src/domain/price-alerts.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { TokenView } from '#src/domain/view.js';
import { PriceAlertIndex, type PriceUpdate } from '#src/engine/price-index.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import { createVerdicts, describeTarget, NOT_GROWING, type Target } from './verdict.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const v = createVerdicts('chart');
const rows: Array<Record<string, string | number>> = [];
/** A row without a target (context for the rows that have one). */
const info = (metric: string, value: string | number) =>
  rows.push({ metric, value, target: '-', verdict: '' });
/** A row with a target: its verdict is computed from the measured value. */
const check = (metric: string, value: number, target: Target, format: (x: number) => string = String) =>
  rows.push({
    metric,
    value: format(value),
    target: describeTarget(target),
    verdict: v.check(metric, value, target),
  });

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// --- 1. Render time, 7 days: hourly points for days 2..7 and minute points for the last day (what the
// history returns), plus 4 levels and a highlighted one.
const points = [
  ...Array.from({ length: 6 * 24 }, (_, i) => ({
    t: NOW - 7 * 24 * HOUR + i * HOUR,
    price: 180 + 20 * Math.sin(i / 9),
  })),
  ...Array.from({ length: 1440 }, (_, i) => ({
    t: NOW - 24 * HOUR + i * MIN,
    price: 190 + 5 * Math.sin(i / 60) + (i % 7) / 10,
  })),
];
const input = (i: number) => ({
  title: 'SOL · 7d',
  subtitle: 'touch of resistance',
  points,
  levels: [
    { level: 210, strength: 85 },
    { level: 200, strength: 70 },
    { level: 172, strength: 60 },
    { level: 165, strength: 55 },
  ],
  highlight: { level: 200 + (i % 2), strength: 70 },
  // Price now changes from render to render, as it does minute by minute: new digit pairs get measured.
  now: { t: NOW, price: 190 + ((i * 37) % 1000) / 100 },
  from: NOW - 7 * 24 * HOUR,
  to: NOW,
});
// The shipped path (text as cached outlines) and the old one (<text> shaped by resvg on every render),
// interleaved so both see the same machine load.
let t0 = performance.now();
const outliner = fontOutliner();
const first = renderChart(input(0), outliner);
const firstMs = performance.now() - t0;
renderChart(input(0), svgTextPainter);
const RUNS = 150;
const now: number[] = [];
const old: number[] = [];
const build: number[] = [];
const raster: number[] = [];
const encode: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t0 = performance.now();
  renderChart(input(i), outliner);
  now.push(performance.now() - t0);
  t0 = performance.now();
  renderChart(input(i), svgTextPainter);
  old.push(performance.now() - t0);
  // The same render in its three steps: SVG string, resvg parse + rasterise, PNG encoding.
  t0 = performance.now();
  const svg = buildChartSvg(input(i), outliner);
  const t1 = performance.now();
  const img = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const t2 = performance.now();
  img.asPng();
  encode.push(performance.now() - t2);
  raster.push(t2 - t1);
  build.push(t1 - t0);
}
for (const a of [now, old, build, raster, encode]) a.sort((a, b) => a - b);
const ms = (sorted: readonly number[], p: number) => pct(sorted, p).toFixed(1);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
check(`chart render p50, 7d (1,584 points), ms (${RUNS} runs)`, pct(now, 50), { atMost: 30 }, f1);
check('chart render p99, 7d, ms', pct(now, 99), { atMost: 60 }, f1);
info('  old path (<text> shaped per render) p50 / p99, ms', `${ms(old, 50)} / ${ms(old, 99)}`);
check('  ratio old / new, p50', pct(old, 50) / pct(now, 50), { atLeast: 1 }, f2);
check('  ratio old / new, p99', pct(old, 99) / pct(now, 99), { atLeast: 1 }, f2);
// The fastest run is the one least slowed by other processes: about the cost on a quiet machine.
info('  fastest render, new / old path, ms', `${ms(now, 0)} / ${ms(old, 0)}`);
info(
  '  p50 split: build SVG / resvg parse + render / PNG encode, ms',
  `${ms(build, 50)} / ${ms(raster, 50)} / ${ms(encode, 50)}`,
);
info('chart render, first in process (loads resvg, measures glyphs), ms', firstMs.toFixed(1));
info('chart PNG size, KB', (first.png.length / 1024).toFixed(1));

// --- 2. 10,000 destinations, one token's alert, one minute.
const sqlite = openSqliteStore({ file: ':memory:' });
await sqlite.priceHistory.record(points.map((p) => ({ tokenId: 1, ...p })));
const view: TokenView = { tokenId: 1, symbol: 'SOL', name: 'Solana', price: 195, updatedAt: NOW, levels: [] };
const svc = chartService({ history: sqlite.priceHistory, view: async () => view, painter: outliner });
t0 = performance.now();
for (let i = 0; i < 10_000; i++) {
  await svc.levelChart({
    tokenId: 1,
    symbol: 'SOL',
    level: 200,
    strength: 70,
    caption: 'touch',
    at: NOW + (i % 60) * 900,
  });
}
check('renders for 10,000 destinations in one minute', svc.cache.renders(), { equals: 1 });
info('  their total time, ms', (performance.now() - t0).toFixed(0));

// --- 3. Bytes of history per token at the retention limit: 30 days of minute samples for each of
// HISTORY_TOKENS tokens in a SQLite file, measured with dbstat (the pages of the price_history table: rows,
// record headers, b-tree cells and the free space in its pages), and Redis MEMORY USAGE of a token's keys.
const HISTORY_TOKENS = 10;
const monthOf = (tokenId: number) =>
  Array.from({ length: 30 * 1440 }, (_, i) => ({
    tokenId,
    t: NOW - 30 * 24 * HOUR + i * MIN,
    price: 100 + ((i + tokenId) % 97) / 7,
  }));
const historyDir = mkdtempSync(join(tmpdir(), 'tokenwatch-chart-bench-'));
try {
  const file = join(historyDir, 'history.db');
  const onDisk = openSqliteStore({ file });
  let kept = 0;
  for (let k = 0; k < HISTORY_TOKENS; k++) {
    const full = monthOf(100 + k);
    for (let i = 0; i < full.length; i += 2000) await onDisk.priceHistory.record(full.slice(i, i + 2000));
    kept = Math.max(kept, (await onDisk.priceHistory.range(100 + k, 0, NOW * 2)).length);
  }
  await onDisk.close();
  const db = new Database(file, { readonly: true });
  try {
    const stat = db
      .prepare(
        "SELECT sum(pgsize) AS bytes, sum(payload) AS payload FROM dbstat WHERE name = 'price_history'",
      )
      .get() as { bytes: number; payload: number };
    const { n } = db.prepare('SELECT count(*) AS n FROM price_history').get() as { n: number };
    check('history points kept per token (30 d of minute samples)', kept, { atMost: 2160 });
    info(
      `history bytes per token, SQLite (dbstat pages ÷ ${HISTORY_TOKENS} tokens)`,
      Math.round(stat.bytes / HISTORY_TOKENS),
    );
    info('  SQLite row payload, bytes per point (dbstat payload ÷ rows)', (stat.payload / n).toFixed(1));
  } finally {
    db.close();
  }
} finally {
  rmSync(historyDir, { recursive: true, force: true });
}
const redisUrl = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
try {
  await client.connect();
  const prefix = `twbench:${process.pid}:`;
  const redis = await openRedisStore({ client, keyPrefix: prefix });
  const full = monthOf(7);
  for (let i = 0; i < full.length; i += 2000) await redis.priceHistory.record(full.slice(i, i + 2000));
  const m = (await client.call('MEMORY', 'USAGE', `${prefix}v1:ph:m:7`)) as number;
  const h = (await client.call('MEMORY', 'USAGE', `${prefix}v1:ph:h:7`)) as number;
  info('history bytes per token, Redis (MEMORY USAGE)', m + h);
  await deleteRedisPrefix(client, prefix);
} catch (err) {
  // Not measured is a miss: the bench needs a Redis (REDIS_URL) like the tick and delivery benches.
  const why = (err as Error).message;
  rows.push({
    metric: 'history bytes per token, Redis',
    value: `not measured: ${why.slice(0, 40)}`,
    target: 'measured',
    verdict: v.fail('history bytes per token, Redis', why),
  });
} finally {
  client.disconnect();
}
await sqlite.close();

// --- 4. Price alert evaluation per non-crossing update.
function alerts(perToken: number, tokens: number, windows: readonly number[]): PriceAlert[] {
  const out: PriceAlert[] = [];
  for (let t = 0; t < tokens; t++) {
    for (let i = 0; i < perToken; i++) {
      const kind = (i + t) % 3;
      out.push({
        id: `${t}-${i}`,
        destination: { platform: 'telegram', kind: 'dm', id: String(i) },
        tokenId: t,
        symbol: `T${t}`,
        condition: conditionOf([
          kind === 0
            ? { kind: 'above', price: 110 + i }
            : kind === 1
              ? { kind: 'below', price: 90 - (i % 80) }
              : { kind: 'move', pct: 5 + (i % 20), windowMs: windows[i % windows.length] as number },
        ]),
        repeat: 'once',
        createdAt: 0,
      });
    }
  }
  return out;
}
function evalCost(index: PriceAlertIndex, tokens: number): number {
  const updates = 400_000;
  const base = (at: number, t: number): PriceUpdate => ({
    tokenId: t,
    prev: 100 + ((at - 1) % 5) / 10,
    now: 100 + (at % 5) / 10,
    at,
    moves: () => ({
      before: { pct: 0.1, from: { t: 0, price: 100 } },
      now: { pct: 0.2, from: { t: 0, price: 100 } },
    }),
    cooldownMs: () => HOUR,
  });
  let hits = 0;
  for (let i = 0; i < 20_000; i++) hits += index.evaluate(base(i, i % tokens)).length;
  const start = performance.now();
  for (let i = 0; i < updates; i++) hits += index.evaluate(base(i, i % tokens)).length;
  const ns = ((performance.now() - start) * 1e6) / updates;
  if (hits !== 0) throw new Error(`expected no crossings, got ${hits}`);
  return ns;
}
const oneWindow = [HOUR];
const indexes = [
  new PriceAlertIndex(alerts(1, 1000, oneWindow)),
  new PriceAlertIndex(alerts(100, 1000, oneWindow)),
  new PriceAlertIndex(alerts(100, 1000, [HOUR, 4 * HOUR, 24 * HOUR])),
];
// Interleaved and the best of three each, as in price-alert-frames.bench.ts: the machine is shared, and
// a run slowed by other load on one side only would read as growth with the number of alerts.
const best = [Infinity, Infinity, Infinity];
for (let round = 0; round < 3; round++)
  for (const [k, index] of indexes.entries()) best[k] = Math.min(best[k] ?? Infinity, evalCost(index, 1000));
const [small, big, bigWindows] = best as [number, number, number];
info('price-alert eval, non-crossing update, 1,000 alerts / 1,000 tokens, ns', small.toFixed(0));
info('price-alert eval, non-crossing update, 100,000 alerts / 1,000 tokens, ns', big.toFixed(0));
check('  ratio 100k / 1k (constant in the number of alerts)', big / small, NOT_GROWING, f2);
info(
  '  100k alerts with 3 move windows per token, ns (cost follows windows, not alerts)',
  bigWindows.toFixed(0),
);
info('machine load average (1 min) / cores', `${loadavg()[0]?.toFixed(1)} / ${cpus().length}`);

console.table(rows);
v.finish();
