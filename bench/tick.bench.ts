/**
 * Tick benchmark: 1,000 tokens × 100,000 subscriptions, 5% of tokens changing per tick, on the SQLite and
 * the Redis store. The tick is assembled as createApp assembles it (profile tracker and users' price
 * alerts on the same store), and every store call it makes is traced (bench/store-trace.ts), the
 * profile tracker's tick-metadata read and the price-alert revision read included. Prints per-tick CPU
 * ms, store round trips (all, and how many ran one after the other), RSS, digest economy, and the
 * speed-up over two naive loops measured in the same run:
 * - full scan (the target's baseline): a bot without a token-level diff walks ALL subscriptions each tick
 *   and makes one awaited store call per subscription (its cooldown mark); listing them is one bulk call.
 *   Bounded: a fixed sample is timed first and, when the whole scan would exceed ~20 s, the total is
 *   extrapolated linearly from it (the table says so).
 * - affected only (no target, shown for honesty): the same per-subscription calls, but only for the
 *   subscribers of the tokens that changed in the last tick.
 * Targets, on both stores: ≤ 250 ms CPU, ≤ 16 store round trips of which ≤ 10 in sequence (docs/how-it-works.md,
 * "How a tick works": 10 in sequence; beside them the tick-meta read, the price-alert revision, the due holds
 * and up to three trust calls), ≤ 200 MB RSS, ≥ 20× the full-scan naive loop, digest economy ≤ 1.05.
 * BENCH_BASELINE=<git ref> also runs this harness on that ref's src/ in the same run (bench/tick-child.ts)
 * and prints this checkout ÷ baseline: median CPU per tick (both implementations' ticks interleaved in
 * one process, so other load hits both alike) and RSS within 10 %, round trips no more.
 * Env: BENCH_TOKENS, BENCH_SUBS, BENCH_TICKS, REDIS_URL (default redis://127.0.0.1:6379), BENCH_PHASES=1
 * (per-phase ms and memory per tick on stderr), BENCH_NAIVE=0 (skip the naive loops, for profiling).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { dedupKey, scopesOf } from '#src/delivery/plan/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { DATA_KINDS, type DataKind } from '#src/domain/market.js';
import { destinationKey, type Subscription } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { PriceWatch } from '#src/pipeline/price-watch.js';
import { createProfileTracker } from '#src/pipeline/profiles.js';
import { createTicker } from '#src/pipeline/tick.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { traceStoreCalls } from './store-trace.js';
import { baselineChild, type Child, currentChild, runChild } from './tick-child.js';
import { type Load, seed, syntheticMarket } from './tick-fixtures.js';
import { median, type Pair, printAgainstBaseline, printTargets, type Row } from './tick-report.js';
import { createVerdicts } from './verdict.js';

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

/**
 * Affected-only naive loop over the same work as the last tick: per token one subscribers call, per
 * subscription one settings read per scope, one dedup check and one mark write, each awaited in turn.
 */
async function naiveAffected(store: Store, enqueued: readonly OutboundMessage[]): Promise<number> {
  const changed = [...new Set(enqueued.flatMap((m) => m.events.map((e) => e.tokenId)))];
  const events = new Map(enqueued.flatMap((m) => m.events.map((e) => [e.tokenId, e] as const)));
  const n0 = performance.now();
  for (const tokenId of changed) {
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
  return performance.now() - n0;
}

interface TickSample {
  cpuMs: number;
  wallMs: number;
  roundTrips: number;
  inSequence: number;
  calls: string[];
  rssMb: number;
  messages: number;
  news: number;
}

/** One tick after another on a ticker assembled as createApp assembles it, warmed up first. */
export interface TickRunner {
  run(i: number): Promise<TickSample>;
  /** What the last tick enqueued. */
  readonly enqueued: readonly OutboundMessage[];
}

/**
 * Builds the ticker on `store` and runs the warm-up: tick `from` (first sight is silent, includes the
 * profile scan) and WARMUP ordinary ticks. Measured ticks follow from `from + WARMUP + 1`, one minute apart.
 */
export async function tickRunner(kind: string, store: Store, from: number): Promise<TickRunner> {
  const market = syntheticMarket(load);
  const enqueued: OutboundMessage[] = [];
  const every = Object.fromEntries(DATA_KINDS.map((k) => [k, 0])) as Record<DataKind, number>;
  // Everything the tick reaches the store through is traced, as createApp wires it: the ticker, the
  // profile tracker (tick-meta read and write) and the price-alert watch (revision read).
  const traced = traceStoreCalls(store);
  const ticker = createTicker({
    store: traced,
    market,
    profiles: createProfileTracker({ store: traced, logger: silentLogger() }),
    priceWatch: new PriceWatch({ alerts: traced.priceAlerts, history: traced.priceHistory }),
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
  const run = async (i: number): Promise<TickSample> => {
    market.tick = i;
    enqueued.length = 0;
    traced.reset();
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    const r = await ticker.run(T0 + i * MIN);
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
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
      roundTrips: traced.calls(),
      inSequence: traced.inSequence(),
      calls: traced.steps().map((step) => step.join(' + ')),
      rssMb: process.memoryUsage().rss / 2 ** 20,
      messages: r.messages,
      news: r.destinationsWithNews,
    };
  };
  for (let i = from; i <= from + WARMUP; i++) await run(i);
  return { run, enqueued };
}

/**
 * JS heap and external memory after a full garbage collection, MB: what the process keeps between ticks
 * (state, caches, the store's client), which does not depend on when the collector last ran.
 */
function retainedAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

async function bench(kind: 'sqlite' | 'redis', store: Store): Promise<Row> {
  const runner = await tickRunner(kind, store, 0);
  const samples: TickSample[] = [];
  for (let i = WARMUP + 1; i < WARMUP + 1 + TICKS; i++) samples.push(await runner.run(i));
  const retainedMb = retainedAfterGc(); // before the naive loops, which a baseline run skips

  // BENCH_NAIVE=0 skips both naive loops (for profiling the ticks alone, and for a baseline run).
  const skipNaive = process.env.BENCH_NAIVE === '0';
  const scan = skipNaive
    ? { ms: 0, measured: 0, total: 0 }
    : await naiveScan(store, T0 + (WARMUP + TICKS + 1) * MIN);
  const naiveMs = skipNaive ? 0 : await naiveAffected(store, runner.enqueued);
  const avg = (f: (s: TickSample) => number) => samples.reduce((a, s) => a + f(s), 0) / samples.length;
  const max = (f: (s: TickSample) => number) => Math.max(...samples.map(f));
  const busiest = samples.reduce((a, s) => (s.roundTrips > a.roundTrips ? s : a));
  return {
    store: kind,
    cpuMs: avg((s) => s.cpuMs),
    cpuMedianMs: median(samples.map((s) => s.cpuMs)),
    cpuMaxMs: max((s) => s.cpuMs),
    wallMs: avg((s) => s.wallMs),
    roundTrips: busiest.roundTrips,
    inSequence: max((s) => s.inSequence),
    calls: busiest.calls,
    rssMb: max((s) => s.rssMb),
    retainedMb,
    messages: avg((s) => s.messages),
    news: avg((s) => s.news),
    naiveMs,
    scanMs: scan.ms,
    scanMeasured: scan.measured,
    scanTotal: scan.total,
  };
}

/** Ticks of the interleaved comparison, each implementation (BENCH_PAIR_TICKS). */
const PAIR_TICKS = Number(process.env.BENCH_PAIR_TICKS ?? 20);
/** The interleaved ticks run at later slots than the measure phase's (its slot claims are still held). */
const PAIR_FROM = 1000;

/**
 * This checkout's ticker and the baseline's (imported from its bundle) in one process, each on its own
 * store measured before, ticks alternating (ABBA, so neither always runs right after the other's
 * garbage): machine load and GC timing hit both alike, so the CPU ratio is about the code.
 */
async function runPair(now: Target, base: Target, bundle: string): Promise<Pair> {
  const lib = (await import(pathToFileURL(bundle).href)) as typeof import('./tick.bench.js');
  const a = await openTarget(now, 'measure');
  const b = await lib.openTarget(base, 'measure');
  try {
    const runners = [await tickRunner(now.kind, a, PAIR_FROM), await lib.tickRunner(base.kind, b, PAIR_FROM)];
    const cpu: [number[], number[]] = [[], []];
    for (let k = 0; k < PAIR_TICKS; k++) {
      const i = PAIR_FROM + WARMUP + 1 + k;
      const order = k % 4 === 0 || k % 4 === 3 ? [0, 1] : [1, 0];
      for (const j of order) cpu[j as 0 | 1].push((await (runners[j] as TickRunner).run(i)).cpuMs);
    }
    return { now: cpu[0], base: cpu[1] };
  } finally {
    await a.close();
    await b.close();
  }
}

/** Where a backend's data lives between the seed and the measure process. */
export interface Target {
  readonly kind: 'sqlite' | 'redis';
  /** SQLite file, or Redis key prefix. */
  readonly where: string;
}

export async function openTarget(t: Target, phase: 'seed' | 'measure'): Promise<Store> {
  if (t.kind === 'sqlite') return openSqliteStore({ file: t.where });
  // Seeding queues thousands of writes at once: on a loaded machine the last wait longer than the
  // production 3 s bound. The measured ticks keep the production default.
  return openRedisStore({
    url: REDIS_URL,
    keyPrefix: t.where,
    ...(phase === 'seed' ? { commandTimeoutMs: 120_000 } : {}),
  });
}

/** Child process work: seed the store, measure ticks on it (a fresh process: RSS is the tick's own), or the pair. */
async function runPhase(t: Target, phase: string): Promise<void> {
  if (phase === 'pair') {
    const base = JSON.parse(process.env.BENCH_BASE_TARGET ?? '') as Target;
    const pair = await runPair(t, base, process.env.BENCH_BASE_BUNDLE ?? '');
    console.log(`RESULT ${JSON.stringify(pair)}`);
    return;
  }
  const store = await openTarget(t, phase === 'seed' ? 'seed' : 'measure');
  try {
    if (phase === 'seed') {
      const started = performance.now();
      const seeded = await seed(store, load, T0 - MIN);
      console.log(`RESULT ${JSON.stringify({ seeded })}`);
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

/** The RESULT line of one phase in a child. */
function result<T>(child: Child, t: Target, phase: string, env: Record<string, string> = {}): T {
  const out = runChild(child, { ...env, BENCH_TARGET: JSON.stringify(t), BENCH_PHASE: phase });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${child.label} ${t.kind} ${phase}: no result`);
  return JSON.parse(line.slice('RESULT '.length)) as T;
}

/** Fresh data for one backend: a SQLite file or a Redis key prefix, removed by `drop`. */
function newTarget(kind: 'sqlite' | 'redis', dir: string): Target {
  return {
    kind,
    where:
      kind === 'sqlite'
        ? join(dir, `${randomBytes(4).toString('hex')}.db`)
        : `tw-bench-${randomBytes(4).toString('hex')}:`,
  };
}

interface Measured {
  now: Row;
  base?: { row: Row; pair: Pair };
}

/**
 * One backend: this checkout seeded and measured in fresh processes; with a baseline, the baseline the
 * same way (no naive loops), then both implementations interleaved in one process on their own stores.
 */
async function runBackend(current: Child, baseline: Child | undefined, kind: 'sqlite' | 'redis') {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-bench-'));
  const targets: Target[] = [];
  try {
    const t = newTarget(kind, dir);
    targets.push(t);
    result(current, t, 'seed');
    const out: Measured = { now: result<Row>(current, t, 'measure') };
    if (baseline?.bundle) {
      const b = newTarget(kind, dir);
      targets.push(b);
      result(baseline, b, 'seed');
      const row = result<Row>(baseline, b, 'measure', { BENCH_NAIVE: '0' });
      const pair = result<Pair>(current, t, 'pair', {
        BENCH_BASE_TARGET: JSON.stringify(b),
        BENCH_BASE_BUNDLE: baseline.bundle,
      });
      out.base = { row, pair };
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const redis = targets.filter((x) => x.kind === 'redis');
    if (redis.length > 0) {
      const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
      for (const x of redis) await deleteRedisPrefix(admin, x.where);
      admin.disconnect();
    }
  }
}

async function main() {
  const v = createVerdicts('tick');
  const current = await currentChild();
  const ref = process.env.BENCH_BASELINE;
  let baseline: Child | undefined;
  if (ref) {
    try {
      baseline = await baselineChild(ref);
    } catch (err) {
      v.fail(`baseline ${ref}`, (err as Error).message);
    }
  }
  const measured: Measured[] = [];
  try {
    for (const kind of ['sqlite', 'redis'] as const) measured.push(await runBackend(current, baseline, kind));
  } finally {
    current.dispose();
    baseline?.dispose();
  }
  console.log(
    `\nTick benchmark: ${load.tokens} tokens × ${load.subs} subscriptions, ${load.changing * 100}% of tokens changing per tick, ${TICKS} measured ticks after ${WARMUP} warm-up ticks (cpu: mean per tick)`,
  );
  printTargets(
    v,
    measured.map((m) => m.now),
    SCAN_BUDGET_MS,
  );
  if (baseline)
    printAgainstBaseline(
      v,
      baseline.label,
      measured.flatMap((m) => (m.base ? [{ now: m.now, base: m.base.row, pair: m.base.pair }] : [])),
    );
  else
    console.log(
      '\n(no baseline: BENCH_BASELINE=<git ref> adds this checkout ÷ that ref, measured in the same run)',
    );
  console.log(`load average (1 min) / cores at the end: ${loadavg()[0]?.toFixed(1)} / ${cpus().length}`);
  v.finish();
}

// Run as a script (the bench, or one of its child phases), not when the pair imports a baseline bundle.
if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  const child = process.env.BENCH_TARGET;
  const phase = process.env.BENCH_PHASE;
  (child && phase ? runPhase(JSON.parse(child) as Target, phase) : main()).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
