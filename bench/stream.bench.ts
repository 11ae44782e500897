/**
 * Live-price benchmark (issue 9), on the SQLite store: 1,000 mapped tokens × 100,000 subscriptions, frames
 * at the rate of the whole Binance market's burst (3,000/s), 1% of them leaving their token's band.
 * - Frame path: CPU per frame through `PricePath` (band check; evaluations through the tick's own steps:
 *   detect → subscribers → plan → enqueue → commit), as a share of one core at 3,000 frames/s, and the
 *   frame-to-enqueue latency (p50/p99) of the frames that were evaluated.
 * - Baseline in the same run: every frame evaluated through those steps (what a bot without bands does).
 * - Token Metrics calls a month for 100 watched tokens at the default cadences, with vs without streams.
 * Targets: CPU ≤ 10% of a core, p99 ≤ 50 ms, ≥ 50× cheaper than the baseline, ≥ 60% fewer calls.
 * Env: BENCH_FRAMES (default 30,000 = 10 s of burst), BENCH_BASELINE_FRAMES (default 1,500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCadence } from '#src/app/fetch-plan.js';
import { evaluateStreamed, streamDetectOptions } from '#src/app/price-eval.js';
import { PricePath, type StreamedPrice } from '#src/app/price-path.js';
import { profilesOf } from '#src/app/profiles.js';
import { writeSnapshot } from '#src/app/snapshot.js';
import { detect } from '#src/engine/index.js';
import type { StreamSource } from '#src/market/streams/feed.js';
import { openSqliteStore } from '#src/store/index.js';
import { seed } from './tick-fixtures.js';

const TOKENS = 1000;
const FRAMES = Number(process.env.BENCH_FRAMES ?? 30_000);
const BASELINE = Number(process.env.BENCH_BASELINE_FRAMES ?? 1_500);
const RATE = 3000;
const HOLD = 30_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const SRC: StreamSource = { exchange: 'binance', label: 'Binance', pair: 'XUSDT', time: T0 };
const tokenIdOf = (i: number) => 100 + i;
const strong = (level: number) => [
  { level: level * 0.999, date: '2025-12-10' },
  { level, date: '2025-11-01' },
  { level: level * 1.001, date: '2025-10-02' },
];

const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-stream-bench-'));
const store = openSqliteStore({ file: join(dir, 'store.db') });
try {
  const subs = await seed(store, { tokens: TOKENS, subs: 100_000, perDest: 5, changing: 0 }, T0);
  // Every token: price 100, strong resistance at 120 and support at 80 (far from both at the default 2%).
  const profiles = profilesOf([]);
  const snaps = new Map<number, ReturnType<typeof writeSnapshot>>();
  for (let i = 0; i < TOKENS; i++) {
    const tokenId = tokenIdOf(i);
    const obs = {
      tokenId,
      symbol: `T${i}`,
      name: `Token ${i}`,
      price: { price: 100 },
      levels: { levels: [...strong(120), ...strong(80)] },
    };
    const { state } = detect(undefined, obs, streamDetectOptions(profiles, HOLD, T0));
    snaps.set(tokenId, writeSnapshot(state, { price: T0 }));
  }
  await store.snapshots.putMany(snaps);
  let enqueued = 0;
  const deps = {
    store,
    outbox: {
      enqueue: async (m: readonly unknown[]) => {
        enqueued += m.length;
      },
    },
    profiles: { load: async () => undefined },
    breakoutHoldMs: HOLD,
  };

  // Frame path. Simulated time advances 1/3000 s per frame; CPU is measured for real.
  let now = T0;
  const latencies: number[] = [];
  const pending: Promise<unknown>[] = [];
  const path = new PricePath({
    now: () => now,
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    detectOptions: (t) => streamDetectOptions(profiles, HOLD, t),
    evaluate: (id, p: StreamedPrice) => {
      const t0 = performance.now();
      const r = evaluateStreamed(deps, id, p, now);
      pending.push(r.then(() => latencies.push(performance.now() - t0)));
      return r;
    },
    onError: (_id, err) => {
      throw err;
    },
  });
  for (const [id, s] of snaps) path.setState(id, s.state as never);
  const outside = new Set<number>();
  const priceFor = (f: number): [number, number] => {
    const tokenId = tokenIdOf((f * 7919) % TOKENS);
    // 1% of frames leave the band: alternately up near the resistance (approach) and back to the middle.
    if (f % 100 === 0) {
      const out = outside.has(tokenId);
      if (out) outside.delete(tokenId);
      else outside.add(tokenId);
      return [tokenId, out ? 100 : 118.5];
    }
    return [tokenId, (outside.has(tokenId) ? 118.5 : 100) + ((f % 13) - 6) * 0.05];
  };
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (let f = 0; f < FRAMES; f++) {
    now = T0 + Math.floor((f * 1000) / RATE);
    const [id, price] = priceFor(f);
    path.onPrice(id, price, SRC);
    if (f % 300 === 0) await Promise.all(pending.splice(0)); // let evaluations finish as they would in 0.1 s
  }
  await Promise.all(pending.splice(0));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - w0;
  const cpuMsPerFrame = (cpu.user + cpu.system) / 1000 / FRAMES;

  // Baseline: every frame evaluated through the tick's steps.
  const b0 = process.cpuUsage();
  for (let f = 0; f < BASELINE; f++) {
    const [id, price] = priceFor(FRAMES + f);
    await evaluateStreamed(deps, id, { price, source: SRC, receivedAt: now }, now);
  }
  const bcpu = process.cpuUsage(b0);
  const baseMsPerFrame = (bcpu.user + bcpu.system) / 1000 / BASELINE;

  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const alone = planCadence({ price: 60_000, hourly: 3_600_000, daily: 21_600_000 }, 10_000, 100, 0);
  const streamed = planCadence({ price: 60_000, hourly: 3_600_000, daily: 21_600_000 }, 10_000, 100, 100);
  const fmt = (n: number, d = 2) => n.toFixed(d);
  const rows: Array<[string, string, string]> = [
    ['frames (1% leaving their band)', String(FRAMES), ''],
    ['subscriptions / tokens', `${subs} / ${TOKENS}`, ''],
    ['evaluations', String(path.evaluations), `${enqueued} messages enqueued`],
    ['CPU per frame, band path', `${fmt(cpuMsPerFrame * 1000, 1)} µs`, ''],
    ['CPU at 3,000 frames/s', `${fmt((cpuMsPerFrame * RATE) / 10)} % of a core`, 'target ≤ 10 %'],
    ['CPU per frame, every frame evaluated (baseline)', `${fmt(baseMsPerFrame * 1000, 1)} µs`, ''],
    ['speed-up vs baseline', `${fmt(baseMsPerFrame / cpuMsPerFrame, 1)}×`, 'target ≥ 50×'],
    ['frame-to-enqueue p50 / p99', `${fmt(q(0.5))} / ${fmt(q(0.99))} ms`, 'target p99 ≤ 50 ms'],
    ['wall time (frames)', `${fmt(wall / 1000)} s`, `${fmt(FRAMES / RATE)} s of market time`],
    [
      'TM calls/month, 100 tokens, polling alone',
      String(alone.monthlyCalls),
      `price every ${Math.round(alone.cadence.price / 60_000)} min`,
    ],
    [
      'TM calls/month, 100 tokens, streamed',
      String(streamed.monthlyCalls),
      `${fmt((1 - streamed.monthlyCalls / alone.monthlyCalls) * 100, 0)} % fewer (target ≥ 60 %); hourly ${Math.round(streamed.cadence.hourly / 60_000)} min, daily ${Math.round(streamed.cadence.daily / 60_000)} min`,
    ],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v, note] of rows) process.stdout.write(`${k.padEnd(w)}  ${v.padStart(16)}  ${note}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
