/**
 * Verdicts for benchmark rows: every target is checked against the value the bench measured, never
 * written by hand. A miss is recorded, `finish()` lists the misses and sets a non-zero exit code, so
 * `npm run bench` (bench/run.ts) fails when any bench misses a target.
 *
 *   const v = createVerdicts('tick');
 *   row['cpu ms/tick (≤ 250)'] = v.cell('sqlite cpu ms/tick', cpuMs, { atMost: 250 }, (x) => x.toFixed(1));
 *   ...
 *   v.finish();
 */

/** A target for one measured number. Bounds are inclusive. */
export type Target =
  | { readonly atMost: number }
  | { readonly atLeast: number }
  | { readonly between: readonly [number, number] }
  | { readonly equals: number };

export type Verdict = 'ok' | 'MISS';

/**
 * "~1" for a cost that must not grow while a count grows 100× (alerts per token): the ratio of the two
 * costs at most 4/3. Timing noise on a shared machine stays inside it, growth with the count does not.
 * No lower bound: a cheaper frame with more alerts (tens of ns, where JIT and cache luck decide) does
 * not break the claim.
 */
export const NOT_GROWING: Target = { atMost: 1.33 };

export interface Verdicts {
  /** `ok` when `value` meets `target`, else `MISS` (recorded under `label`). NaN is a miss: not measured. */
  check(label: string, value: number, target: Target): Verdict;
  /** `value` formatted, then its verdict: "161.2 ok". */
  cell(label: string, value: number, target: Target, format?: (x: number) => string): string;
  /** Records a target the bench could not measure at all (a backend down, a build that failed). */
  fail(label: string, why: string): Verdict;
  /** Misses so far, one line each. */
  misses(): readonly string[];
  /** Prints the misses, if any, and sets `process.exitCode = 1` when there were. Returns their number. */
  finish(): number;
}

/** The target as the tables print it: "≤ 250", "≥ 20", "0.5–2", "= 0". */
export function describeTarget(t: Target): string {
  if ('atMost' in t) return `≤ ${t.atMost}`;
  if ('atLeast' in t) return `≥ ${t.atLeast}`;
  if ('between' in t) return `${t.between[0]}–${t.between[1]}`;
  return `= ${t.equals}`;
}

export function meets(value: number, t: Target): boolean {
  if (!Number.isFinite(value)) return false;
  if ('atMost' in t) return value <= t.atMost;
  if ('atLeast' in t) return value >= t.atLeast;
  if ('between' in t) return value >= t.between[0] && value <= t.between[1];
  return value === t.equals;
}

export function createVerdicts(bench: string): Verdicts {
  const missed: string[] = [];
  const v: Verdicts = {
    check(label, value, target) {
      if (meets(value, target)) return 'ok';
      missed.push(`${label}: measured ${value}, target ${describeTarget(target)}`);
      return 'MISS';
    },
    cell(label, value, target, format = String) {
      return `${format(value)} ${v.check(label, value, target)}`;
    },
    fail(label, why) {
      missed.push(`${label}: not measured (${why})`);
      return 'MISS';
    },
    misses: () => missed,
    finish() {
      if (missed.length > 0) {
        process.stdout.write(`\n${bench}: ${missed.length} target(s) MISSED\n`);
        for (const m of missed) process.stdout.write(`  MISS ${m}\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`\n${bench}: every target met\n`);
      }
      return missed.length;
    },
  };
  return v;
}
