/**
 * Live-price frame path (issue 9), on the SQLite store: 1,000 mapped tokens × 100,000 subscriptions,
 * frames at the rate of the whole Binance market's burst (3,000/s) in real time, 1% of them leaving their
 * token's band. Each frame is a Binance miniTicker text frame: adapter parse → pair lookup → the app's
 * price path (`createPriceWiring`: PricePath band test; evaluations through the same serialisation as the
 * tick, `serial.ts`, and the tick's steps: detect → subscribers → plan → enqueue → commit).
 * - CPU: process CPU time (all threads: GC helpers, kernel) over wall time while the frames stream
 *   (includes the pacing loop's timer wake-ups, shown separately as an idle reference), and per frame.
 *   Three runs of 10 s: two band-exit mixes with frames handed over every 5 ms, and the heavier mix with
 *   the whole second's frames arriving at once (as Binance pushes them), where tokens leaving together
 *   share one evaluation.
 * - Frame-to-enqueue: the app's own metric (PriceService `frameToEnqueue`: frame arrival → evaluation
 *   committed), p50/p99 over the evaluated frames.
 * - Baseline in the same run: a full cron tick (createTicker, every watched token's price polled and
 *   detected, fan-out, plan, enqueue, commit) per frame, the frame's price applied to its token. A handful
 *   of ticks is measured and the cost is extrapolated per frame (one tick per frame).
 * - Token Metrics calls a month for 100 watched tokens at the default cadences, with vs without streams.
 * Targets: CPU ≤ 10% of a core, p99 ≤ 50 ms, ≥ 50× cheaper than a tick per frame, ≥ 60% fewer calls.
 * Env: BENCH_SECONDS (default 10), BENCH_TICKS (default 5), BENCH_PROFILE=<file.cpuprofile> (CPU
 * profile of the frame phase only).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '#src/config/index.js';
import type { DataKind } from '#src/domain/market.js';
import type { TokenId } from '#src/domain/types.js';
import type { TokenState } from '#src/engine/index.js';
import { createPriceWiring } from '#src/live/wiring.js';
import { binance } from '#src/market/streams/binance.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { planCadence } from '#src/pipeline/fetch-plan.js';
import { createProfileTracker, type Profiles } from '#src/pipeline/profiles.js';
import { createSerial } from '#src/pipeline/serial.js';
import { createTicker } from '#src/pipeline/tick.js';
import { openSqliteStore } from '#src/store/index.js';
import { levelMarket, printTable, quantile } from './stream-fixtures.js';
import { seed } from './tick-fixtures.js';
import { createVerdicts } from './verdict.js';

const TOKENS = 1000;
const RATE = 3000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FRAMES = Math.round(SECONDS * RATE);
const TICKS = Number(process.env.BENCH_TICKS ?? 5);
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 60 * MIN; // ticks in the recent past, frames at real time
const tokenIdOf = (i: number): TokenId => 100 + i;
const pairOf = (id: TokenId) => `T${id - 100}USDT`;
/** Price polled every tick, nothing else (a tick per frame is about the price). */
const PRICE_ONLY = { price: 0, daily: 1e15, hourly: 1e15, levels: 1e15, quant: 1e15, grade: 1e15 } as Record<
  DataKind,
  number
>;
/**
 * Frames are handed over in slices: every 5 ms (`smooth`, like socket reads of an even stream) or once a
 * second (`burst`: Binance pushes each pair's miniTicker once a second, so the market arrives together).
 */
type Arrival = 'smooth' | 'burst';
const SLICE_MS: Record<Arrival, number> = { smooth: 5, burst: 1000 };
/** Frames in one 64 KB socket read: a miniTicker frame of the combined stream is about 190 bytes. */
const FRAMES_PER_READ = Math.floor(65_536 / 190);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

/**
 * Frames: 1% leave their band, alternately up near the resistance at 120 (an approach) and back to 100.
 * - `repeat`: the leaving frames cycle over 10 tokens, so most approaches repeat within the cooldown and
 *   are suppressed (band exits that change a phase but rarely alert).
 * - `fresh`: each up/down pair is on a token not seen before, so every approach alerts its ~100
 *   subscribers (~1,500 messages/s: the heaviest reading of "1% leaving their band").
 * - `none`: no frame leaves its band (the frame handling alone, for reference).
 */
type Mix = 'repeat' | 'fresh' | 'none';
const outside = new Set<TokenId>();
/** `offset` moves the fresh tokens on, so a later run alerts tokens no earlier run touched (cooldowns). */
function frameAt(f: number, mix: Mix, offset = 0): { id: TokenId; price: number } {
  if (f % 100 === 0 && mix !== 'none') {
    const k = f / 100;
    const id = tokenIdOf(mix === 'fresh' ? ((Math.floor(k / 2) + offset) * 7919) % TOKENS : (k % 10) * 100);
    const up = mix === 'fresh' ? k % 2 === 0 : !outside.has(id);
    if (up) outside.add(id);
    else outside.delete(id);
    return { id, price: up ? 118.5 : 100 };
  }
  const id = tokenIdOf((f * 7919) % TOKENS);
  return { id, price: (outside.has(id) ? 118.5 : 100) + ((f % 13) - 6) * 0.05 };
}
const textOf = (id: TokenId, price: number, at: number) =>
  JSON.stringify({
    stream: `${pairOf(id).toLowerCase()}@miniTicker`,
    data: { e: '24hrMiniTicker', E: at, s: pairOf(id), c: price.toFixed(4), o: '99.5', h: '121', l: '98' },
  });

const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-stream-bench-'));
const store = openSqliteStore({ file: join(dir, 'store.db') });
try {
  const subs = await seed(store, { tokens: TOKENS, subs: 100_000, perDest: 5, changing: 0 }, T0);
  const market = levelMarket({ symbolOf: (id) => `T${id - 100}`, resistance: 120, support: 80, price: 100 });
  const logger = silentLogger();
  const metrics = createMetrics();
  const profiles = createProfileTracker({ store, logger });
  const serial = createSerial();
  let enqueued = 0;
  const outbox = {
    enqueue: async (m: readonly unknown[]) => {
      enqueued += m.length;
    },
  };
  let committed:
    | { states: ReadonlyMap<TokenId, TokenState>; watched: readonly TokenId[]; profiles: Profiles }
    | undefined;
  const ticker = createTicker({
    store,
    market,
    profiles,
    outbox,
    logger,
    metrics,
    owner: 'bench',
    slotMs: MIN,
    cadence: () => PRICE_ONLY,
    onCommitted: (states, watched, profiles) => {
      committed = { states, watched, profiles };
    },
  });
  const tick = (i: number) => serial(() => ticker.run(T0 + i * MIN));

  // Baseline: first sight (silent) and two warm-up ticks, then TICKS ticks each with one frame's price.
  for (let i = 0; i < 3; i++) await tick(i);
  let tickCpu = 0;
  let tickEvents = 0;
  for (let i = 0; i < TICKS; i++) {
    const { id, price } = frameAt(i * 200, 'fresh'); // a frame that leaves its band
    market.prices.set(id, price);
    const c0 = process.cpuUsage();
    const r = await tick(3 + i);
    tickCpu += cpuMs(process.cpuUsage(c0));
    tickEvents += Object.values(r.events).reduce((a, b) => a + (b ?? 0), 0);
    if (r.outcome !== 'ran') throw new Error(`baseline tick: ${r.outcome} ${r.error ?? ''}`);
  }
  market.prices.clear();
  outside.clear();
  await tick(3 + TICKS); // every token back at 100 before the frames
  const tickMs = tickCpu / TICKS;

  // The app's price path, fed the last tick's states. No exchange is reached: no instrument list loads.
  const parsed = parseConfig({ LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const wiring = createPriceWiring({
    config: parsed.config,
    store,
    outbox,
    profiles,
    directory: { exchangesOf: () => undefined },
    logger,
    metrics,
    now: Date.now,
    serial,
    instanceId: 'bench',
    connect: () => {
      throw new Error('the bench opens no socket');
    },
    fetchJson: async () => {
      throw new Error('the bench loads no instrument list');
    },
  });
  if (!committed) throw new Error('no tick committed');
  wiring.onCommitted(committed.states, committed.watched, committed.profiles);
  const path = wiring.service.path;
  const latencies: number[] = [];
  const hist = wiring.service.metrics.frameToEnqueue;
  const observe = hist.observe.bind(hist);
  hist.observe = ((v: number) => {
    latencies.push(v * 1000);
    observe(v);
  }) as typeof hist.observe;
  const byPair = new Map<string, TokenId>();
  for (let i = 0; i < TOKENS; i++) byPair.set(pairOf(tokenIdOf(i)), tokenIdOf(i));
  const deliver = (text: string) => {
    const r = binance.parse(text, Date.now());
    if (r.kind !== 'prices') return;
    for (const t of r.ticks) {
      const id = byPair.get(t.pair);
      if (id !== undefined)
        path.onPrice(id, t.price, { exchange: t.exchange, label: 'Binance', pair: t.pair, time: t.time });
    }
  };
  /**
   * Paces `frames` frames at RATE per second in real time, handed over in slices. A slice reaches the
   * process the way a socket delivers it: in reads of at most 64 KB (Node's socket read size), each read
   * its own turn of the event loop, so work queued by one read (an evaluation) can run before the next.
   */
  const pace = async (frames: number, onFrame: (f: number) => void, arrival: Arrival = 'smooth') => {
    const start = performance.now();
    let f = 0;
    while (f < frames) {
      const due = Math.min(frames, Math.floor(((performance.now() - start) * RATE) / 1000));
      while (f < due) {
        for (const end = Math.min(due, f + FRAMES_PER_READ); f < end; f++) onFrame(f);
        if (f < due) await new Promise((r) => setImmediate(r));
      }
      await sleep(SLICE_MS[arrival]);
    }
  };

  // Idle reference: the (smooth) pacing loop alone for 2 s.
  const i0 = process.cpuUsage();
  const iw = performance.now();
  await pace(2 * RATE, () => {});
  const idlePct = (cpuMs(process.cpuUsage(i0)) / (performance.now() - iw)) * 100;

  let offset = TICKS; // the baseline ticks alerted the first few fresh tokens
  const runMix = async (mix: Mix, arrival: Arrival) => {
    outside.clear();
    const texts: string[] = [];
    for (let f = 0; f < FRAMES; f++) {
      const { id, price } = frameAt(f, mix, offset);
      texts.push(textOf(id, price, Date.now()));
    }
    if (mix === 'fresh') offset += Math.ceil(FRAMES / 200);
    const session = process.env.BENCH_PROFILE ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    latencies.length = 0;
    const ev0 = path.evaluations;
    const m0 = enqueued;
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    await pace(FRAMES, (f) => deliver(texts[f] ?? ''), arrival);
    await sleep(100); // the last evaluations
    await serial(async () => undefined);
    const wall = performance.now() - w0;
    const cpu = cpuMs(process.cpuUsage(cpu0));
    if (session && process.env.BENCH_PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${process.env.BENCH_PROFILE}.${mix}-${arrival}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      mix: `${mix}, ${arrival}`,
      wall,
      cpu,
      evaluations: path.evaluations - ev0,
      messages: enqueued - m0,
      lat: sorted,
    };
  };
  const runs = [
    await runMix('none', 'smooth'),
    await runMix('repeat', 'smooth'),
    await runMix('fresh', 'smooth'),
    await runMix('fresh', 'burst'),
  ];
  wiring.stop();

  const refresh = parsed.config.refresh;
  const alone = planCadence(refresh, 10_000, 100, 0);
  const streamed = planCadence(refresh, 10_000, 100, 100);
  const fmt = (n: number, d = 2) => n.toFixed(d);
  const v = createVerdicts('stream');
  const [l1, l5, l15] = loadavg().map((x) => x.toFixed(2));
  const rows: Array<[string, string, string]> = [
    ['subscriptions / tokens', `${subs} / ${TOKENS}`, `${RATE} frames/s in real time`],
    [
      'smooth pacing loop alone (idle reference)',
      `${fmt(idlePct)} % of a core`,
      'included in the smooth CPU rows',
    ],
    [
      'baseline: a full tick per frame',
      `${fmt(tickMs, 1)} ms CPU`,
      `mean of ${TICKS} ticks (${TOKENS} tokens' price, ${tickEvents} events); one tick per frame, extrapolated`,
    ],
  ];
  for (const r of runs) {
    const us = (r.cpu * 1000) / FRAMES;
    const pct = (r.cpu / r.wall) * 100;
    const net = r.mix.endsWith('smooth') ? ` (${fmt(pct - idlePct)} % net of the pacing loop)` : '';
    if (r.mix.startsWith('none')) {
      // Reference only: what the frames cost when none leaves its band.
      rows.push([
        `[${r.mix}] CPU, no frame leaving its band`,
        `${fmt(pct)} % of a core`,
        `${fmt(us, 1)} µs a frame${net}`,
      ]);
      continue;
    }
    rows.push(
      [`[${r.mix}] frames / evaluations`, `${FRAMES} / ${r.evaluations}`, `${r.messages} messages enqueued`],
      // The target is checked gross (all of the process's CPU, the bench's pacing loop included): the
      // net figure beside it only shows how much of that the loop is.
      [
        `[${r.mix}] CPU while streaming`,
        `${fmt(pct)} % of a core ${v.check(`${r.mix} CPU %`, pct, { atMost: 10 })}`,
        `target ≤ 10 %${net}`,
      ],
      [`[${r.mix}] CPU per frame`, `${fmt(us, 1)} µs`, 'parse, band test, evaluations'],
      [
        `[${r.mix}] frame-to-enqueue p50 / p99`,
        `${fmt(quantile(r.lat, 0.5), 0)} / ${fmt(quantile(r.lat, 0.99), 0)} ms ${v.check(`${r.mix} p99 ms`, quantile(r.lat, 0.99), { atMost: 50 })}`,
        `target p99 ≤ 50 ms (${r.lat.length} evaluations, max ${fmt(r.lat.at(-1) ?? 0, 0)} ms)`,
      ],
      [
        `[${r.mix}] speed-up vs a full tick per frame`,
        `${fmt((tickMs * 1000) / us, 0)}× ${v.check(`${r.mix} speed-up`, (tickMs * 1000) / us, { atLeast: 50 })}`,
        'target ≥ 50×',
      ],
    );
  }
  printTable([
    ...rows,
    [
      'TM calls/month, 100 tokens, polling alone',
      String(alone.monthlyCalls),
      `price every ${Math.round(alone.cadence.price / 60_000)} min`,
    ],
    [
      'TM calls/month, 100 tokens, streamed',
      `${streamed.monthlyCalls} ${v.check('TM calls fewer %', (1 - streamed.monthlyCalls / alone.monthlyCalls) * 100, { atLeast: 60 })}`,
      `${fmt((1 - streamed.monthlyCalls / alone.monthlyCalls) * 100, 0)} % fewer (target ≥ 60 %); hourly ${Math.round(streamed.cadence.hourly / 60_000)} min, daily ${Math.round(streamed.cadence.daily / 60_000)} min`,
    ],
    ['load average (1/5/15 min) at the end', `${l1} ${l5} ${l15}`, 'machine shared with other work'],
  ]);
  v.finish();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
