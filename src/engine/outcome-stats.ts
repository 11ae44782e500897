/**
 * /stats arithmetic (issue 12): counts, hit rates with their sample size, median/best/worst move per
 * alert kind. Pure; the command renders the result.
 */
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '../domain/outcome.js';
import { outcomeAsOf } from './outcomes.js';

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

const DECIDED = new Set(['held', 'broke', 'failed', 'scored']);

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
