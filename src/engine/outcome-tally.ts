/**
 * Outcome tallies (issue 18): what one outcome adds to the /stats summaries. Pure; no I/O.
 *
 * A store keeps, per scope (one token, and all tokens), the sum of the tallies of the outcomes of each
 * day and of each block of BLOCK_DAYS days: a handful of counters per kind (`field → count`). A window
 * (`windowCells`) is the tallies of the records of its first, partial day, then the sums of the whole
 * days up to the next block boundary (at most BLOCK_DAYS − 1), then the sums of whole blocks: /stats
 * over 90 days reads at most 7 day sums and 12 block sums instead of every record. The one thing a sum
 * cannot give is an exact median, best or worst move. For those each decided outcome also files its
 * move under a bin (`binOf`): the sums count decided outcomes per bin, so the bin holding the median's
 * rank (and the lowest and highest bins) is known from the sums alone, and the store then reads only
 * the outcomes of those bins in the window and ranks them by their exact move (`PickRequest`). Every
 * number /stats shows stays exact.
 *
 * The store writes the encoded tally (`encodeTally`) beside each record and subtracts that same tally
 * when the record is replaced or pruned, so the sums never drift, whatever this file computes later.
 * Change what a tally holds or how `binOf` bins → bump SUMMARY_VERSION: stores rebuild their sums.
 */
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '../domain/outcome.js';
import { lapses } from './outcomes.js';

/** Version of the tally layout below; stores rebuild their summaries when theirs differs. */
export const SUMMARY_VERSION = 1;

export const DAY_MS = 24 * 3600_000;

/** UTC day number of an epoch-ms time: the summaries' time bucket. */
export const dayOf = (at: number): number => Math.floor(at / DAY_MS);

/** Days per block (the second level of sums); blocks start at multiples of it (UTC day numbers). */
export const BLOCK_DAYS = 8;

/** The first day of the block `day` is in. */
export const blockOf = (day: number): number => Math.floor(day / BLOCK_DAYS) * BLOCK_DAYS;

/** The cells that make up the window `at >= since`. */
export interface WindowCells {
  /** `[from, to)` ms: the records of the window's first, partial day (absent when `since` starts a day). */
  readonly partial?: readonly [number, number];
  /** `[from, to)`: day sums to read (whole days before the first whole block). */
  readonly days: readonly [number, number];
  /** Block sums to read: every block starting on or after this day. */
  readonly blocksFrom: number;
}

export function windowCells(since: number): WindowCells {
  const first = Math.ceil(since / DAY_MS);
  const blocksFrom = Math.ceil(first / BLOCK_DAYS) * BLOCK_DAYS;
  const end = first * DAY_MS;
  return {
    ...(since < end ? { partial: [since, end] as const } : {}),
    days: [first, blocksFrom],
    blocksFrom,
  };
}

/** Statuses whose outcome was decided (with a move): the hit rate's and the median's sample. */
export const DECIDED: ReadonlySet<string> = new Set(['held', 'broke', 'failed', 'scored']);

/**
 * Summed tallies: field → count (fields of `field` below; zero counts absent). What a store returns
 * for a window; read by `statsFromSums` (outcome-stats.ts).
 */
export type OutcomeSums = ReadonlyMap<string, number>;

/** Field names, `kind|what[|arg]`: kinds, numbers and `|` only, never whitespace (the encoding relies on it). */
export const field = {
  /** Every outcome. */
  count: (kind: string) => `${kind}|n`,
  /** Stored `undecided`. */
  undecided: (kind: string) => `${kind}|u`,
  /** Decided and a hit. */
  hits: (kind: string) => `${kind}|h`,
  /** Open, of a kind that never lapses. */
  open: (kind: string) => `${kind}|o`,
  /** Open, of a kind that lapses to undecided after `until` (counted per `until`: /stats decides at `now`). */
  openUntil: (kind: string, until: number) => `${kind}|o|${until}`,
  /** Decided, with its move in bin `bin`. */
  bin: (kind: string, bin: number) => `${kind}|b|${bin}`,
} as const;

export interface ParsedField {
  readonly kind: string;
  readonly what: 'n' | 'u' | 'h' | 'o' | 'b';
  /** `o`: the `until` (absent: never lapses); `b`: the bin. */
  readonly arg?: number;
}

export function parseField(f: string): ParsedField | undefined {
  const [kind, what, arg] = f.split('|');
  if (kind === undefined || !(what === 'n' || what === 'u' || what === 'h' || what === 'o' || what === 'b'))
    return undefined;
  return arg === undefined ? { kind, what } : { kind, what, arg: Number(arg) };
}

/**
 * Move bins, percent: 0.25 wide below 2 %, 0.5 to 5 %, 1 to 20 %, 5 to 100 %, 25 to 1,000 %, one bin
 * beyond; mirrored for losses (−1 is (−0.25, 0)). At most 164 bins, fine where most moves are. Only the
 * order matters (a larger move never gets a smaller bin); basic arithmetic only, so every platform bins
 * a move alike.
 */
const SEGMENTS: ReadonlyArray<readonly [from: number, scale: number, first: number, last: number]> = [
  [0, 4, 0, 7],
  [2, 2, 8, 13],
  [5, 1, 14, 28],
  [20, 1 / 5, 29, 44],
  [100, 1 / 25, 45, 80],
];
const TOP_BIN = 81;

function binOfAbs(a: number): number {
  for (let i = SEGMENTS.length - 1; i >= 0; i--) {
    const seg = SEGMENTS[i];
    if (seg === undefined || a < seg[0]) continue;
    const [from, scale, first, last] = seg;
    if (i === SEGMENTS.length - 1 && a >= 1000) return TOP_BIN;
    return Math.min(last, first + Math.floor((a - from) * scale));
  }
  return 0;
}

export function binOf(move: number): number {
  return move >= 0 ? binOfAbs(move) : -1 - binOfAbs(-move);
}

/** What one outcome adds to the sums of its day, for its token and for all tokens. */
export interface Tally {
  readonly tokenId: number;
  readonly at: number;
  readonly day: number;
  /** `blockOf(day)`. */
  readonly block: number;
  /** The outcome's kind, or `?` for one /stats does not know (it still counts towards "any alerts"). */
  readonly kind: string;
  readonly fields: readonly string[];
  /** Decided outcomes: the bin and the move (percent, as /stats ranks it) the picks use. */
  readonly decided?: { readonly bin: number; readonly move: number };
}

const KNOWN: ReadonlySet<string> = new Set(OUTCOME_KINDS);

/**
 * The tally of one stored outcome, or undefined when it has no usable token or time (such a record is
 * never written by `save`). A move that is not a finite number ranks as 0, as it does once stored as
 * JSON (`null`) and read back by /stats.
 */
export function tallyOf(o: Outcome): Tally | undefined {
  if (typeof o.tokenId !== 'number' || typeof o.at !== 'number' || !Number.isFinite(o.at)) return undefined;
  const kind = KNOWN.has(o.kind) ? o.kind : '?';
  const day = dayOf(o.at);
  const base = { tokenId: o.tokenId, at: o.at, day, block: blockOf(day), kind };
  if (kind === '?') return { ...base, fields: [field.count(kind)] };
  const fields = [field.count(kind)];
  if (o.status === 'open') {
    fields.push(lapses(kind) ? field.openUntil(kind, o.until) : field.open(kind));
  } else if (o.status === 'undecided') {
    fields.push(field.undecided(kind));
  } else if (DECIDED.has(o.status) && o.move !== undefined) {
    const m = typeof o.move === 'number' && Number.isFinite(o.move) && o.move !== 0 ? o.move : 0;
    const bin = binOf(m);
    fields.push(field.bin(kind, bin));
    if (o.hit === true) fields.push(field.hits(kind));
    return { ...base, fields, decided: { bin, move: m } };
  }
  return { ...base, fields };
}

/**
 * A tally as stored beside its record: `tokenId at day block kind bin move field…`, space-separated
 * (`-` for no bin and move). The Lua scripts of the Redis store split it the same way (outcome-scripts.ts).
 */
export function encodeTally(t: Tally): string {
  const d = t.decided;
  const head = [t.tokenId, t.at, t.day, t.block, t.kind, d ? d.bin : '-', d ? d.move : '-'];
  return [...head, ...t.fields].join(' ');
}

export function decodeTally(s: string): Tally | undefined {
  const [tok, at, day, block, kind, bin, move, ...fields] = s.split(' ');
  if (tok === undefined || at === undefined || day === undefined || block === undefined) return undefined;
  if (kind === undefined || bin === undefined || move === undefined) return undefined;
  const base = { tokenId: Number(tok), at: Number(at), day: Number(day), block: Number(block), kind, fields };
  return bin === '-' ? base : { ...base, decided: { bin: Number(bin), move: Number(move) } };
}

/** Adds (`sign` 1) or removes (−1) a tally's fields to in-memory sums, dropping counts that reach 0. */
export function addTally(sums: Map<string, number>, t: Tally, sign: 1 | -1 = 1): void {
  for (const f of t.fields) {
    const n = (sums.get(f) ?? 0) + sign;
    if (n === 0) sums.delete(f);
    else sums.set(f, n);
  }
}

/** One outcome the store must find: the `rank`-th (0-based) decided outcome of `kind` in bin `bin`, in the window. */
export interface PickRequest {
  readonly kind: OutcomeKind;
  readonly bin: number;
  /** By move ascending or descending; ties by `at`, then id (the order /stats has always read outcomes in). */
  readonly order: 'asc' | 'desc';
  readonly rank: number;
  /** What /stats does with it (the store ignores it). */
  readonly role: 'low' | 'high' | 'best' | 'worst';
}
