/**
 * /stats arithmetic (issue 12): counts, hit rates with their sample size, median/best/worst move per
 * alert kind. Pure; the command renders the result.
 *
 * Two ways to the same numbers: `outcomeStats` from a list of outcomes (the definition, and the old
 * way of /stats: read every record of the window), and `statsFromSums` from a store's day summaries plus
 * the few outcomes `pickRequests` asks for (what /stats does since issue 18; see outcome-tally.ts). The
 * tests hold the two equal.
 */
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '../domain/outcome.js';
import { DECIDED, type OutcomeSums, type PickRequest, parseField } from './outcome-tally.js';
import { lapsed, outcomeAsOf } from './outcomes.js';

/** Below this many decided outcomes a hit rate means little; /stats says so instead of a percentage. */
export const MIN_SAMPLE = 10;

export interface KindStats {
  readonly kind: OutcomeKind;
  /** Every outcome of the kind in the window. */
  readonly count: number;
  /** Decided ones (held/broke/failed/scored): the hit rate's sample. */
  readonly decided: number;
  readonly hits: number;
  /** hits / decided; undefined when nothing is decided. */
  readonly hitRate?: number;
  readonly open: number;
  readonly undecided: number;
  /** Over decided outcomes, percent in the alert's direction. */
  readonly median?: number;
  readonly best?: Outcome;
  readonly worst?: Outcome;
  /** `decided < MIN_SAMPLE` for a scored kind. */
  readonly tooSmall: boolean;
  /** Sharpe and grade changes are recorded, not scored. */
  readonly scored: boolean;
}

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Stats per kind for outcomes (already filtered by window and token), in OUTCOME_KINDS order; empty kinds left out. */
export function outcomeStats(outcomes: Iterable<Outcome>, now: number): KindStats[] {
  const byKind = new Map<OutcomeKind, Outcome[]>();
  for (const raw of outcomes) {
    const o = outcomeAsOf(raw, now);
    const list = byKind.get(o.kind);
    if (list) list.push(o);
    else byKind.set(o.kind, [o]);
  }
  const out: KindStats[] = [];
  for (const kind of OUTCOME_KINDS) {
    const list = byKind.get(kind);
    if (!list) continue;
    const scored = kind !== 'sharpe' && kind !== 'grade';
    const decided = list.filter((o) => DECIDED.has(o.status) && o.move !== undefined);
    const hits = decided.filter((o) => o.hit === true).length;
    let best: Outcome | undefined;
    let worst: Outcome | undefined;
    for (const o of decided) {
      if (best === undefined || (o.move ?? 0) > (best.move ?? 0)) best = o;
      if (worst === undefined || (o.move ?? 0) < (worst.move ?? 0)) worst = o;
    }
    const med = median(decided.map((o) => o.move ?? 0));
    out.push({
      kind,
      count: list.length,
      decided: decided.length,
      hits,
      ...(decided.length > 0 ? { hitRate: hits / decided.length } : {}),
      open: list.filter((o) => o.status === 'open').length,
      undecided: list.filter((o) => o.status === 'undecided').length,
      ...(med !== undefined ? { median: med } : {}),
      ...(best ? { best } : {}),
      ...(worst ? { worst } : {}),
      tooSmall: scored && decided.length < MIN_SAMPLE,
      scored,
    });
  }
  return out;
}

interface KindSums {
  count: number;
  decided: number;
  hits: number;
  open: number;
  undecided: number;
  /** Decided outcomes per bin. */
  bins: Map<number, number>;
}

/** Sums per kind, as of `now` (an open level outcome past its window counts as undecided, as in outcomeAsOf). */
function byKind(sums: OutcomeSums, now: number): Map<string, KindSums> {
  const out = new Map<string, KindSums>();
  for (const [f, n] of sums) {
    const p = parseField(f);
    if (!p) continue;
    let k = out.get(p.kind);
    if (!k) {
      k = { count: 0, decided: 0, hits: 0, open: 0, undecided: 0, bins: new Map() };
      out.set(p.kind, k);
    }
    if (p.what === 'n') k.count += n;
    else if (p.what === 'u') k.undecided += n;
    else if (p.what === 'h') k.hits += n;
    else if (p.what === 'o') {
      if (p.arg !== undefined && lapsed(p.kind, p.arg, now)) k.undecided += n;
      else k.open += n;
    } else if (p.arg !== undefined) {
      k.decided += n;
      k.bins.set(p.arg, (k.bins.get(p.arg) ?? 0) + n);
    }
  }
  return out;
}

/** How many outcomes the sums cover (every kind, known or not): 0 means no alert in the window. */
export function totalCount(sums: OutcomeSums): number {
  let n = 0;
  for (const [f, c] of sums) if (parseField(f)?.what === 'n') n += c;
  return n;
}

/** Bin and rank inside it of the `rank`-th smallest move, from bins sorted ascending. */
function locate(bins: ReadonlyArray<readonly [number, number]>, rank: number): [number, number] | undefined {
  let below = 0;
  for (const [bin, n] of bins) {
    if (rank < below + n) return [bin, rank - below];
    below += n;
  }
  return undefined;
}

/**
 * The outcomes /stats needs beyond the sums, per kind with decided outcomes: the worst (first of the
 * lowest bin, ascending), the best (first of the highest bin, descending) and the one or two in the
 * middle for the median. At most 4 per kind.
 */
export function pickRequests(sums: OutcomeSums): PickRequest[] {
  const kinds = byKind(sums, 0);
  const out: PickRequest[] = [];
  for (const kind of OUTCOME_KINDS) {
    const k = kinds.get(kind);
    if (!k || k.decided === 0) continue;
    const bins = [...k.bins].sort((a, b) => a[0] - b[0]);
    const lowest = bins[0]?.[0] ?? 0;
    const highest = bins.at(-1)?.[0] ?? 0;
    out.push({ kind, bin: lowest, order: 'asc', rank: 0, role: 'worst' });
    out.push({ kind, bin: highest, order: 'desc', rank: 0, role: 'best' });
    const lo = locate(bins, (k.decided - 1) >> 1);
    const hi = locate(bins, k.decided >> 1);
    if (lo) out.push({ kind, bin: lo[0], order: 'asc', rank: lo[1], role: 'low' });
    if (hi && k.decided % 2 === 0) out.push({ kind, bin: hi[0], order: 'asc', rank: hi[1], role: 'high' });
  }
  return out;
}

/**
 * Stats per kind from a window's sums and the outcomes a store found for `pickRequests(sums)`
 * (`picks[i]` answers `requests[i]`): the same result as `outcomeStats` over the window's outcomes.
 */
export function statsFromSums(
  sums: OutcomeSums,
  requests: readonly PickRequest[],
  picks: ReadonlyArray<Outcome | undefined>,
  now: number,
): KindStats[] {
  const kinds = byKind(sums, now);
  const picked = new Map<string, Outcome>();
  requests.forEach((r, i) => {
    const o = picks[i];
    if (o) picked.set(`${r.kind}|${r.role}`, o);
  });
  const out: KindStats[] = [];
  for (const kind of OUTCOME_KINDS) {
    const k = kinds.get(kind);
    if (!k || k.count === 0) continue;
    const scored = kind !== 'sharpe' && kind !== 'grade';
    const best = picked.get(`${kind}|best`);
    const worst = picked.get(`${kind}|worst`);
    const low = picked.get(`${kind}|low`);
    const high = picked.get(`${kind}|high`) ?? low;
    // Same arithmetic as median(): the middle one, or the mean of the two middle ones.
    const med =
      k.decided === 0 || !low
        ? undefined
        : k.decided % 2 === 1
          ? (low.move ?? 0)
          : ((low.move ?? 0) + (high?.move ?? 0)) / 2;
    out.push({
      kind,
      count: k.count,
      decided: k.decided,
      hits: k.hits,
      ...(k.decided > 0 ? { hitRate: k.hits / k.decided } : {}),
      open: k.open,
      undecided: k.undecided,
      ...(med !== undefined ? { median: med } : {}),
      ...(best ? { best } : {}),
      ...(worst ? { worst } : {}),
      tooSmall: scored && k.decided < MIN_SAMPLE,
      scored,
    });
  }
  return out;
}
