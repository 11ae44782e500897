/**
 * Tick benchmark: 1,000 tokens × 100,000 subscriptions, 5% of tokens changing per tick, on the SQLite and
 * the Redis store. Prints per-tick CPU ms, store round trips, RSS, digest economy, and the speed-up over
 * two naive loops measured in the same run:
 * - full scan (the target's baseline): a bot without a token-level diff walks ALL subscriptions each tick
 *   and makes one awaited store call per subscription (its cooldown mark); listing them is one bulk call.
 *   Bounded: a fixed sample is timed first and, when the whole scan would exceed ~20 s, the total is
 *   extrapolated linearly from it (the table says so).
 * - affected only (no target, shown for honesty): the same per-subscription calls, but only for the
 *   subscribers of the tokens that changed in the last tick.
 * Targets: ≤ 250 ms CPU, ≤ 14 Redis round trips (10 in sequence; the tick-meta read and up to three outcome/suppression calls beside others), ≤ 200 MB RSS, ≥ 20× the full-scan naive loop.
 * Env: BENCH_TOKENS, BENCH_SUBS, BENCH_TICKS, REDIS_URL (default redis://127.0.0.1:6379), BENCH_PHASES=1
 * (per-phase ms and memory per tick on stderr), BENCH_NAIVE=0 (skip the naive loops, for profiling).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { dedupKey, scopesOf } from '#src/delivery/plan/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { DATA_KINDS, type DataKind } from '#src/domain/market.js';
import { destinationKey, type Subscription } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createProfileTracker } from '#src/pipeline/profiles.js';
import { createTicker } from '#src/pipeline/tick.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import { countStoreCalls } from '#src/store/instrumented.js';
import type { Store } from '#src/store/ports.js';
import { type Load, seed, syntheticMarket } from './tick-fixtures.js';

const load: Load = {
  tokens: Number(process.env.BENCH_TOKENS ?? 1000),
  subs: Number(process.env.BENCH_SUBS ?? 100_000),
  perDest: 5,
  changing: 0.05,
};
const TICKS = Number(process.env.BENCH_TICKS ?? 8);
/**
 * Ordinary ticks run (and not measured) after the silent baseline tick, so JIT compilation and the
 * garbage the first ticks leave behind are not charged to the measured ones: the bot ticks once a minute,
 * so steady state is what it lives in. The worst measured tick is printed too.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

interface Row {
  store: string;
  cpuMs: number;
  cpuMaxMs?: number;
  wallMs: number;
  /** Store port calls per tick (countStoreCalls): each is one batched round trip by the ports' contract. */
  roundTrips: number;
  rssMb: number;
  messages: number;
  news: number;
  /** Affected-subscriptions-only naive loop, ms. */
  naiveMs: number;
  /** Full-scan naive loop, ms (extrapolated when `scanMeasured < scanTotal`). */
  scanMs: number;
  scanMeasured: number;
  scanTotal: number;
}

/** Subscriptions timed before deciding whether the full scan would fit the time budget. */
const SCAN_SAMPLE = 10_000;
/** The full scan is extrapolated from the sample when it would take longer than this. */
const SCAN_BUDGET_MS = 20_000;

/**
 * The naive full scan: every subscription, one awaited `marks.has` for its cooldown mark. Listing the
 * subscriptions (watched tokens, then their subscribers) is not timed as per-subscription work but is
 * included in the total, as a naive bot would pay it every tick too.
 */
async function naiveScan(
  store: Store,
  now: number,
): Promise<{ ms: number; measured: number; total: number }> {
  const t0 = performance.now();
  const byToken = await store.subscriptions.subscribersOf(await store.subscriptions.watchedTokens());
  const listMs = performance.now() - t0;
  const subs: Subscription[] = [];
  for (const list of byToken.values()) for (const s of list) subs.push(s);
  byToken.clear();
  const check = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = subs[i];
      if (s) await store.marks.has([`naive:cool:${destinationKey(s.destination)}:${s.tokenId}`], now);
    }
  };
  const sample = Math.min(SCAN_SAMPLE, subs.length);
  const s0 = performance.now();
  await check(0, sample);
  const sampleMs = performance.now() - s0;
  const projected = sample === 0 ? 0 : (sampleMs * subs.length) / sample;
  if (projected > SCAN_BUDGET_MS) return { ms: listMs + projected, measured: sample, total: subs.length };
  const r0 = performance.now();
  await check(sample, subs.length);
  return { ms: listMs + sampleMs + (performance.now() - r0), measured: subs.length, total: subs.length };
}

async function bench(kind: 'sqlite' | 'redis', store: Store): Promise<Row> {
  const market = syntheticMarket(load);
  const enqueued: OutboundMessage[] = [];
  const every = Object.fromEntries(DATA_KINDS.map((k) => [k, 0])) as Record<DataKind, number>;
  // The ticker sees a counting wrapper: each port call is one batched round trip by the ports' contract.
  const counted = countStoreCalls(store);
  const ticker = createTicker({
    store: counted,
    market,
    profiles: createProfileTracker({ store, logger: silentLogger() }),
    outbox: {
      async enqueue(ms) {
        enqueued.push(...ms);
      },
    },
    logger: silentLogger(),
    metrics: createMetrics(),
    owner: 'bench',
    slotMs: MIN,
    cadence: () => every,
  });
  // Warm-up: the baseline tick (first sight is silent, includes the profile scan) and WARMUP ordinary ticks.
  for (let i = 0; i <= WARMUP; i++) {
    market.tick = i;
    await ticker.run(T0 + i * MIN);
  }

  const rows: Row[] = [];
  for (let i = WARMUP + 1; i < WARMUP + 1 + TICKS; i++) {
    market.tick = i;
    enqueued.length = 0;
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    const calls0 = counted.calls();
    const r = await ticker.run(T0 + i * MIN);
    const storeCalls = counted.calls() - calls0;
    const wallMs = performance.now() - w0;
    const cpu = process.cpuUsage(cpu0);
    if (process.env.BENCH_PHASES)
      console.error(
        kind,
        `cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} (sys ${(cpu.system / 1000).toFixed(0)}) wall ${wallMs.toFixed(0)}`,
        JSON.stringify(r.phases, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)),
        JSON.stringify(process.memoryUsage(), (_k, v) =>
          typeof v === 'number' ? Math.round(v / 2 ** 20) : v,
        ),
      );
    if (r.outcome !== 'ran') throw new Error(`tick ${i}: ${r.outcome} ${r.error ?? ''}`);
    rows.push({
      store: kind,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
      roundTrips: storeCalls,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      messages: r.messages,
      news: r.destinationsWithNews,
      naiveMs: 0,
      scanMs: 0,
      scanMeasured: 0,
      scanTotal: 0,
    });
  }

  // BENCH_NAIVE=0 skips both naive loops (for profiling the ticks alone).
  const skipNaive = process.env.BENCH_NAIVE === '0';
  const scan = skipNaive
    ? { ms: 0, measured: 0, total: 0 }
    : await naiveScan(store, T0 + (WARMUP + TICKS + 1) * MIN);

  // Affected-only naive loop over the same work as the last tick: per token one subscribers call, per subscription one
  // settings read per scope, one dedup check and one mark write, each awaited in turn.
  const changed = [...new Set(enqueued.flatMap((m) => m.events.map((e) => e.tokenId)))];
  const events = new Map(enqueued.flatMap((m) => m.events.map((e) => [e.tokenId, e] as const)));
  const n0 = performance.now();
  for (const tokenId of skipNaive ? [] : changed) {
    const subs = (await store.subscriptions.subscribersOf([tokenId])).get(tokenId) ?? [];
    const e = events.get(tokenId);
    if (!e) continue;
    for (const s of subs) {
      for (const scope of scopesOf(s.destination)) await store.settings.get(scope);
      const key = `naive:${destinationKey(s.destination)}:${dedupKey(e.id)}`;
      await store.marks.has([key], T0);
      await store.marks.set([{ key, ttlMs: 60_000 }], T0);
    }
  }
  const naiveMs = performance.now() - n0;
  const avg = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const max = (f: (r: Row) => number) => Math.max(...rows.map(f));
  return {
    store: kind,
    cpuMs: avg((r) => r.cpuMs),
    cpuMaxMs: max((r) => r.cpuMs),
    wallMs: avg((r) => r.wallMs),
    roundTrips: max((r) => r.roundTrips),
    rssMb: max((r) => r.rssMb),
    messages: avg((r) => r.messages),
    news: avg((r) => r.news),
    naiveMs,
    scanMs: scan.ms,
    scanMeasured: scan.measured,
    scanTotal: scan.total,
  };
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISS';
}

/** Where a backend's data lives between the seed and the measure process. */
interface Target {
  readonly kind: 'sqlite' | 'redis';
  /** SQLite file, or Redis key prefix. */
  readonly where: string;
}

async function openTarget(t: Target): Promise<Store> {
  return t.kind === 'sqlite'
    ? openSqliteStore({ file: t.where })
    : openRedisStore({ url: REDIS_URL, keyPrefix: t.where });
}

/** Child process work: seed the store, or measure ticks on it (fresh process: RSS is the tick's own). */
async function runPhase(t: Target, phase: 'seed' | 'measure'): Promise<void> {
  const store = await openTarget(t);
  try {
    if (phase === 'seed') {
      const started = performance.now();
      await seed(store, load, T0 - MIN);
      process.stderr.write(
        `${t.kind}: seeded ${load.subs} subscriptions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } else {
      console.log(`RESULT ${JSON.stringify(await bench(t.kind, store))}`);
    }
  } finally {
    await store.close();
  }
}

/**
 * The command that runs this file as a child. tsx's loader alone costs ~70 MB of RSS, which would drown
 * the tick's own footprint, so the file is bundled once with esbuild (tsx's own compiler, dependencies left
 * external) and run on plain node; tsx is the fallback.
 */
async function childCommand(): Promise<[string, string[]]> {
  const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
  try {
    const esbuild = await import('esbuild');
    const outfile = join(
      import.meta.dirname,
      '..',
      'node_modules',
      '.cache',
      'tokenwatch-bench',
      'tick.bench.mjs',
    );
    await esbuild.build({
      entryPoints: [import.meta.filename],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return [process.execPath, [outfile]];
  } catch {
    return [tsx, [import.meta.filename]];
  }
}

function runChild(cmd: [string, string[]], t: Target, phase: 'seed' | 'measure'): string {
  const r = spawnSync(cmd[0], cmd[1], {
    env: { ...process.env, BENCH_TARGET: JSON.stringify(t), BENCH_PHASE: phase },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${t.kind} ${phase} failed (exit ${r.status}): ${r.stdout}`);
  return r.stdout;
}

function runBackend(cmd: [string, string[]], t: Target): Row {
  runChild(cmd, t, 'seed');
  const line = runChild(cmd, t, 'measure')
    .split('\n')
    .find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${t.kind}: no result`);
  return JSON.parse(line.slice('RESULT '.length)) as Row;
}

async function main() {
  const child = process.env.BENCH_TARGET;
  const phase = process.env.BENCH_PHASE;
  if (child && (phase === 'seed' || phase === 'measure')) return runPhase(JSON.parse(child) as Target, phase);
  const results: Row[] = [];
  const cmd = await childCommand();
  const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-bench-'));
  try {
    results.push(runBackend(cmd, { kind: 'sqlite', where: join(dir, 'bench.db') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const prefix = `tw-bench-${randomBytes(4).toString('hex')}:`;
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    results.push(runBackend(cmd, { kind: 'redis', where: prefix }));
  } finally {
    await deleteRedisPrefix(admin, prefix);
    admin.disconnect();
  }
  console.log(
    `\nTick benchmark: ${load.tokens} tokens × ${load.subs} subscriptions, ${load.changing * 100}% of tokens changing per tick, ${TICKS} measured ticks after ${WARMUP} warm-up ticks (cpu: mean per tick)`,
  );
  for (const r of results)
    console.log(
      r.scanMeasured < r.scanTotal
        ? `${r.store}: full-scan naive loop EXTRAPOLATED linearly from ${r.scanMeasured} of ${r.scanTotal} subscriptions (would exceed ${SCAN_BUDGET_MS / 1000} s)`
        : `${r.store}: full-scan naive loop measured over all ${r.scanTotal} subscriptions`,
    );
  console.log(
    'naive full scan = one awaited store call per subscription, all subscriptions (target baseline); naive affected = same, only subscribers of changed tokens (no target)',
  );
  console.table(
    results.map((r) => ({
      store: r.store,
      'cpu ms/tick (≤250)': `${r.cpuMs.toFixed(1)} ${verdict(r.cpuMs <= 250)}`,
      'worst tick cpu ms': (r.cpuMaxMs ?? r.cpuMs).toFixed(1),
      'wall ms/tick': r.wallMs.toFixed(1),
      'round trips (≤14)': `${r.roundTrips} ${verdict(r.store !== 'redis' || r.roundTrips <= 14)}`,
      'rss MB (≤200)': `${r.rssMb.toFixed(0)} ${verdict(r.rssMb <= 200)}`,
      'naive full scan ms': `${r.scanMs.toFixed(0)}${r.scanMeasured < r.scanTotal ? ' (extrap.)' : ''}`,
      'speed-up vs full scan (≥20×)': `${(r.scanMs / r.wallMs).toFixed(1)}× ${verdict(r.scanMs / r.wallMs >= 20)}`,
      'naive affected ms': r.naiveMs.toFixed(0),
      'speed-up vs affected (info)': `${(r.naiveMs / r.wallMs).toFixed(1)}×`,
      'messages/tick': r.messages.toFixed(0),
      'digest economy (≤1.05)': `${(r.messages / Math.max(1, r.news)).toFixed(3)} ${verdict(r.messages / Math.max(1, r.news) <= 1.05)}`,
    })),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
