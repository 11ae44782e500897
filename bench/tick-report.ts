import type { Verdicts } from './verdict.js';

/** The tick bench's tables: its targets, and this checkout against a baseline measured in the same run. */

/** One backend's measured ticks (tick.bench.ts `bench`). */
export interface Row {
  store: string;
  cpuMs: number;
  cpuMedianMs: number;
  cpuMaxMs: number;
  wallMs: number;
  /** Store port calls in the busiest measured tick (each is one batched round trip by the ports' contract). */
  roundTrips: number;
  /** Of those, the longest chain made one after the other (the most of any measured tick). */
  inSequence: number;
  /** The busiest measured tick's calls, step by step (calls of one step ran beside each other). */
  calls: string[];
  /** Peak RSS after a measured tick, MB (the ≤ 200 MB target). */
  rssMb: number;
  /** Heap and external memory after a full GC once the ticks ran, MB (tick.bench.ts `retainedAfterGc`). */
  retainedMb: number;
  messages: number;
  news: number;
  /** Affected-subscriptions-only naive loop, ms. */
  naiveMs: number;
  /** Full-scan naive loop, ms (extrapolated when `scanMeasured < scanTotal`). */
  scanMs: number;
  scanMeasured: number;
  scanTotal: number;
}

/**
 * CPU ms per tick of both implementations, their ticks interleaved in one process (tick.bench.ts
 * `runPair`): `now[k]` and `base[k]` are the same tick's work, run one right after the other.
 */
export interface Pair {
  now: number[];
  base: number[];
}

/**
 * The median of the per-tick ratios now ÷ base: each ratio compares the same work under the same
 * machine load, and the median ignores the ticks that a burst of other load hit on one side only.
 */
export function pairedRatio(p: Pair): number {
  return median(p.now.map((x, k) => x / (p.base[k] ?? Number.NaN)));
}

/** This checkout ÷ baseline allowed for CPU and retained memory before it counts as a regression (noise). */
export const NOISE = 1.1;
/**
 * The same for peak RSS, which also depends on when the collector happened to run before the sample
 * (the same code measured 0.95× and 1.16× against itself under load): a large regression still shows.
 */
export const RSS_NOISE = 1.25;

const f1 = (x: number) => x.toFixed(1);
const ratio = (x: number) => `${x.toFixed(2)}×`;
export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export function printTargets(v: Verdicts, results: readonly Row[], scanBudgetMs: number): void {
  for (const r of results)
    console.log(
      r.scanMeasured < r.scanTotal
        ? `${r.store}: full-scan naive loop EXTRAPOLATED linearly from ${r.scanMeasured} of ${r.scanTotal} subscriptions (would exceed ${scanBudgetMs / 1000} s)`
        : `${r.store}: full-scan naive loop measured over all ${r.scanTotal} subscriptions`,
    );
  console.log(
    'naive full scan = one awaited store call per subscription, all subscriptions (target baseline); naive affected = same, only subscribers of changed tokens (no target)',
  );
  console.table(
    results.map((r) => ({
      store: r.store,
      'cpu ms/tick (≤250)': v.cell(`${r.store} cpu ms/tick`, r.cpuMs, { atMost: 250 }, f1),
      'median / worst cpu ms': `${f1(r.cpuMedianMs)} / ${f1(r.cpuMaxMs)}`,
      'wall ms/tick': f1(r.wallMs),
      'round trips (≤16)': v.cell(`${r.store} round trips`, r.roundTrips, { atMost: 16 }),
      'in sequence (≤10)': v.cell(`${r.store} round trips in sequence`, r.inSequence, { atMost: 10 }),
      'rss MB (≤200)': v.cell(`${r.store} rss MB`, r.rssMb, { atMost: 200 }, (x) => x.toFixed(0)),
      'retained MB after GC': f1(r.retainedMb),
      'naive full scan ms': `${r.scanMs.toFixed(0)}${r.scanMeasured < r.scanTotal ? ' (extrap.)' : ''}`,
      'speed-up vs full scan (≥20×)': v.cell(
        `${r.store} speed-up vs full scan`,
        r.scanMs / r.wallMs,
        { atLeast: 20 },
        (x) => `${f1(x)}×`,
      ),
      'naive affected ms': r.naiveMs.toFixed(0),
      'speed-up vs affected (info)': `${f1(r.naiveMs / r.wallMs)}×`,
      'messages/tick': r.messages.toFixed(0),
      'digest economy (≤1.05)': v.cell(
        `${r.store} digest economy`,
        r.messages / Math.max(1, r.news),
        { atMost: 1.05 },
        (x) => x.toFixed(3),
      ),
    })),
  );
  for (const r of results)
    console.log(
      `${r.store}: the busiest tick's calls, step by step (+: beside each other): ${r.calls.join(' → ')}`,
    );
}

/**
 * This checkout ÷ the baseline, same harness, same run. CPU from the interleaved pair (same process,
 * ticks alternating, so other load on the machine hits both alike); round trips, RSS and messages from
 * each implementation's own measure process.
 */
export function printAgainstBaseline(
  v: Verdicts,
  label: string,
  rows: ReadonlyArray<{ now: Row; base: Row; pair: Pair }>,
): void {
  console.log(
    `\nThis checkout ÷ ${label}, measured in this run (cpu: the same ticks of both, interleaved in one process; median of the per-tick ratios)`,
  );
  console.table(
    rows.map(({ now, base, pair }) => {
      const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
      return {
        store: now.store,
        'median cpu ms, now / base': `${f1(median(pair.now))} / ${f1(median(pair.base))}`,
        [`cpu ÷ (≤${NOISE})`]: v.cell(
          `${now.store} cpu vs baseline`,
          pairedRatio(pair),
          { atMost: NOISE },
          ratio,
        ),
        'total cpu ÷ (info)': ratio(sum(pair.now) / sum(pair.base)),
        'ticks each': pair.now.length,
        'round trips, now / base': `${now.roundTrips} / ${base.roundTrips}`,
        'round trips ÷ (≤1)': v.cell(
          `${now.store} round trips vs baseline`,
          now.roundTrips / base.roundTrips,
          { atMost: 1 },
          ratio,
        ),
        'in sequence ÷ (≤1)': v.cell(
          `${now.store} in sequence vs baseline`,
          now.inSequence / base.inSequence,
          { atMost: 1 },
          ratio,
        ),
        'retained MB after GC, now / base': `${f1(now.retainedMb)} / ${f1(base.retainedMb)}`,
        [`retained ÷ (≤${NOISE})`]: v.cell(
          `${now.store} retained memory vs baseline`,
          now.retainedMb / base.retainedMb,
          { atMost: NOISE },
          ratio,
        ),
        'peak rss MB, now / base': `${now.rssMb.toFixed(0)} / ${base.rssMb.toFixed(0)}`,
        [`rss ÷ (≤${RSS_NOISE})`]: v.cell(
          `${now.store} peak rss vs baseline`,
          now.rssMb / base.rssMb,
          { atMost: RSS_NOISE },
          ratio,
        ),
        'messages, now / base': `${now.messages.toFixed(0)} / ${base.messages.toFixed(0)}`,
      };
    }),
  );
}
