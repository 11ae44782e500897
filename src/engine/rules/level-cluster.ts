import type { LevelsObs } from '../../domain/market.js';
import { parseDate } from '../dates.js';

const DAY_MS = 86_400_000;

/** A cluster of raw levels merged to their mean. */
export interface LevelCluster {
  /** Mean of the members, USD. */
  readonly level: number;
  readonly count: number;
  /** The newest member's date string as the API gave it ('' when none parses). */
  readonly newest: string;
  /** Epoch ms of `newest`, undefined when no member's date parses. */
  readonly newestMs: number | undefined;
}

interface Point {
  readonly level: number;
  readonly date: string;
  readonly ms: number | undefined;
}

/**
 * Level strength, 0..100:
 *
 *   strength = round( 70 × min(count, 4) / 4  +  30 × recency )
 *   recency  = 1 when the cluster's newest member is ≤ 365 days older than `refMs`,
 *              falling linearly to 0 at 3 × 365 days (0 when no member has a parseable date).
 *
 * So confluence matters most and recency decides the rest: a lone level scores 18..48 (never strong by the
 * default minStrength 50), two levels 35..65, three 53..83 (≥ 60 when one is dated within a year), four
 * or more 70..100. `refMs` is the level row's own date when given (so strength is a function of the data,
 * not of the clock), else the tick time.
 */
export function levelStrength(count: number, newestMs: number | undefined, refMs: number): number {
  const size = (70 * Math.min(Math.max(count, 0), 4)) / 4;
  let recency = 0;
  if (newestMs !== undefined) {
    const ageDays = Math.max(0, (refMs - newestMs) / DAY_MS);
    recency = ageDays <= 365 ? 1 : ageDays >= 1095 ? 0 : (1095 - ageDays) / 730;
  }
  return Math.round(size + 30 * recency);
}

/**
 * Clusters raw levels: repeatedly takes the window [x, x × (1 + bandPct/100)] that holds the most raw levels
 * (ties: the lowest window), merges it to its mean, and recurses on what lies below and above it. Unlike
 * chaining neighbours, this never grows a cluster wider than the band, and unlike a fixed grid it never
 * splits a tight group at an arbitrary boundary. Invalid levels (non-finite, ≤ 0) and exact duplicates
 * (same level and date) are dropped.
 * O(n²) worst case for n raw levels (tens per token, a few times a day).
 */
export function clusterLevels(raw: LevelsObs['levels'], bandPct: number): LevelCluster[] {
  const pts: Point[] = [];
  for (const r of raw) {
    if (typeof r.level !== 'number' || !Number.isFinite(r.level) || r.level <= 0) continue;
    pts.push({ level: r.level, date: r.date, ms: parseDate(r.date) });
  }
  pts.sort((a, b) => a.level - b.level || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // The same (level, date) twice is one level reported twice, not confluence.
  let w = 0;
  for (let r = 0; r < pts.length; r++) {
    const p = pts[r] as Point;
    const q = pts[w - 1];
    if (q && q.level === p.level && q.date === p.date) continue;
    pts[w++] = p;
  }
  pts.length = w;
  const factor = 1 + Math.max(bandPct, 0) / 100 + 1e-12;
  const out: LevelCluster[] = [];
  const stack: Array<[number, number]> = [[0, pts.length]];
  for (let seg = stack.pop(); seg; seg = stack.pop()) {
    const [lo, hi] = seg;
    if (lo >= hi) continue;
    let bestI = lo;
    let bestJ = lo + 1;
    let j = lo;
    for (let i = lo; i < hi; i++) {
      const start = pts[i];
      if (!start) break;
      if (j < i + 1) j = i + 1;
      const limit = start.level * factor;
      for (let p = pts[j]; j < hi && p && p.level <= limit; p = pts[++j]) {}
      if (j - i > bestJ - bestI) {
        bestI = i;
        bestJ = j;
      }
    }
    out.push(merge(pts, bestI, bestJ));
    stack.push([lo, bestI], [bestJ, hi]);
  }
  return out.sort((a, b) => a.level - b.level);
}

function merge(pts: readonly Point[], from: number, to: number): LevelCluster {
  let sum = 0;
  let newest = '';
  let newestMs: number | undefined;
  for (let i = from; i < to; i++) {
    const p = pts[i];
    if (!p) continue;
    sum += p.level;
    if (p.ms !== undefined && (newestMs === undefined || p.ms > newestMs)) {
      newestMs = p.ms;
      newest = p.date;
    }
  }
  return { level: sum / (to - from), count: to - from, newest, newestMs };
}
