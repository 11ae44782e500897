import { formatDuration } from '#src/domain/format.js';
import {
  type Condition,
  type ConditionPart,
  conditionOf,
  describeParts,
  PRICE_ALERT_LIMITS,
  type PriceAlertRepeat,
} from '#src/domain/price-alerts.js';
import { excerpt } from './format.js';
import type { Parsed } from './parse.js';
import { parseDurationArg } from './parse.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export interface ParsedPriceAlert {
  readonly condition: Condition;
  readonly repeat: PriceAlertRepeat;
}

const PRICE_RE = /^\$?(\d{1,15}(?:,\d{3})*(?:\.\d+)?|\.\d+)$/;

/** `210`, `$210`, `1,234.50`, `0.00012` → a positive USD price. */
export function parsePrice(raw: string): Parsed<number> {
  const text = raw.trim();
  if (/^-/.test(text) || /^\$-/.test(text)) return fail('A price must be above zero.');
  const m = PRICE_RE.exec(text);
  const n = m?.[1] ? Number(m[1].replaceAll(',', '')) : Number.NaN;
  if (!Number.isFinite(n)) return fail(`"${excerpt(raw, 16)}" is not a price. Use e.g. 210 or 0.0012.`);
  if (n <= 0) return fail('A price must be above zero.');
  if (n > 1e12) return fail('That price is too large.');
  return ok(n);
}

/** `5%` or `5` → percent within the move limits. */
function parsePct(raw: string): Parsed<number> {
  const text = raw.trim().replace(/%$/, '');
  const n = /^\d{1,6}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const { minMovePct: min, maxMovePct: max } = PRICE_ALERT_LIMITS;
  if (!Number.isFinite(n)) return fail(`"${excerpt(raw, 16)}" is not a percentage. Use e.g. 5%.`);
  if (n < min || n > max) return fail(`A move must be between ${min}% and ${max}%.`);
  return ok(n);
}

/** `1h`, `30m`, `1d` → a window between 1 minute and 7 days; seconds get their own clear answer. */
function parseWindow(raw: string): Parsed<number> {
  if (/^\d+\s*(s|sec|secs|seconds?)$/i.test(raw.trim())) {
    return fail('The window must be at least 1 minute (e.g. 5m, 1h, 1d).');
  }
  const { minWindowMs: min, maxWindowMs: max } = PRICE_ALERT_LIMITS;
  const d = parseDurationArg(raw, min, max);
  if (!d.ok && /^0+\s*[a-z]*$/i.test(raw.trim())) return fail('The window must be at least 1 minute.');
  return d.ok
    ? d
    : fail(
        d.error
          .replace('Pick a duration', `Pick a window`)
          .replace(/\.$/, ` (${formatDuration(min)} to ${formatDuration(max)}).`),
      );
}

const USAGE_HINT =
  'Use e.g. above 210, below 180, move 5% 1h, near support 2%, signal bullish, hourly bearish, grade >= 70 or sharpe >= 1, up to 3 joined by "and", then once (default) or every.';

type Part = ConditionPart;

function thresholdPart(kind: string, rest: readonly string[]): Parsed<Part> {
  if (rest.length !== 1 || rest[0] === undefined) return fail(`Give one price, e.g. ${kind} 210.`);
  const price = parsePrice(rest[0]);
  if (!price.ok) return price;
  return ok({ kind: kind === 'above' || kind === '>' ? 'above' : 'below', price: price.value });
}

function movePart(rest: readonly string[]): Parsed<Part> {
  if (rest.length !== 2 || rest[0] === undefined || rest[1] === undefined) {
    return fail('Give a percentage and a window, e.g. move 5% 1h.');
  }
  const pct = parsePct(rest[0]);
  if (!pct.ok) return pct;
  const windowMs = parseWindow(rest[1]);
  if (!windowMs.ok) return windowMs;
  return ok({ kind: 'move', pct: pct.value, windowMs: windowMs.value });
}

function nearPart(rest: readonly string[]): Parsed<Part> {
  const [side, pctRaw, ...extra] = rest;
  if ((side !== 'support' && side !== 'resistance') || extra.length > 0) {
    return fail('Say near support or near resistance, optionally with a distance: near support 2%.');
  }
  const { defaultNearPct, maxNearPct } = PRICE_ALERT_LIMITS;
  if (pctRaw === undefined) return ok({ kind: 'near', side, pct: defaultNearPct });
  const text = pctRaw.replace(/%$/, '');
  const n = /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(n > 0) || n > maxNearPct)
    return fail(`The distance must be a percentage above 0 and at most ${maxNearPct}%, e.g. 2%.`);
  return ok({ kind: 'near', side, pct: n });
}

function signalPart(kind: string, rest: readonly string[]): Parsed<Part> {
  const [value, ...extra] = rest;
  const timeframe = kind === 'hourly' ? 'hourly' : 'daily';
  if ((value !== 'bullish' && value !== 'bearish') || extra.length > 0) {
    return fail(`Say ${kind} bullish or ${kind} bearish.`);
  }
  return ok({ kind: 'signal', timeframe, value });
}

function comparePart(kind: 'grade' | 'sharpe', rest: readonly string[]): Parsed<Part> {
  const [op, raw, ...extra] = rest;
  const example = kind === 'grade' ? 'grade >= 70' : 'sharpe >= 1.5';
  if ((op !== '>=' && op !== '<=') || raw === undefined || extra.length > 0) {
    return fail(`Compare with >= or <=, e.g. ${example}.`);
  }
  const n = /^-?\d{1,6}(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return fail(`"${excerpt(raw, 16)}" is not a number. Use e.g. ${example}.`);
  if (kind === 'grade' && (n < 0 || n > 100)) return fail('The TM grade runs from 0 to 100.');
  if (kind === 'sharpe' && Math.abs(n) > 100)
    return fail('A Sharpe ratio that large never occurs; use e.g. sharpe >= 1.5.');
  return ok({ kind, op, value: n });
}

const OPERATORS = new Set(['>', '<', '>=', '<=', '=', '=>', '=<']);

/** A part's words for an error: comparison operators verbatim (the platforms escape), the rest as excerpts. */
function partExcerpt(words: readonly string[]): string {
  const text = words.map((w) => (OPERATORS.has(w) ? w : excerpt(w, 16))).join(' ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One part's words → the part, or a plain-text error about that part. */
function parsePart(words: readonly string[]): Parsed<Part> {
  const [kind, ...rest] = words;
  switch (kind) {
    case undefined:
      return fail(`Say what to watch. ${USAGE_HINT}`);
    case 'above':
    case '>':
    case 'below':
    case '<':
      return thresholdPart(kind, rest);
    case 'move':
    case 'change':
      return movePart(rest);
    case 'near':
      return nearPart(rest);
    case 'signal':
    case 'daily':
    case 'hourly':
      return signalPart(kind, rest);
    case 'grade':
    case 'sharpe':
      return comparePart(kind, rest);
    default:
      return fail(`"${excerpt(kind, 16)}" is not a condition. ${USAGE_HINT}`);
  }
}

/**
 * `above 210 [and signal bullish [and grade >= 70]] [once|every]`: up to three parts joined by `and`
 * (see parsePart; also `> 210`, `< 180`, `move 5% in 1h`, `grade>=70`). Pure: returns the condition or
 * a plain-text error naming the bad part and echoing at most an excerpt of the input.
 */
export function parsePriceAlert(raw: string): Parsed<ParsedPriceAlert> {
  const words = raw
    .trim()
    .toLowerCase()
    .replace(/(>=|<=|=>|=<)/g, (op) => ` ${op === '=>' ? '>=' : op === '=<' ? '<=' : op} `)
    .split(/\s+/)
    .filter((w) => w.length > 0 && w !== 'in');
  let repeat: PriceAlertRepeat = 'once';
  const last = words.at(-1);
  if (last === 'once' || last === 'every' || last === 'always' || last === 'repeat') {
    repeat = last === 'once' ? 'once' : 'every';
    words.pop();
  }
  const groups: string[][] = [[]];
  for (const w of words) {
    if (w === 'and' || w === '&' || w === '&&') groups.push([]);
    else groups.at(-1)?.push(w);
  }
  if (groups.length > PRICE_ALERT_LIMITS.maxParts) {
    return fail(`At most ${PRICE_ALERT_LIMITS.maxParts} parts can be joined by "and".`);
  }
  const parts: Part[] = [];
  for (const [i, g] of groups.entries()) {
    const p = parsePart(g);
    if (!p.ok) {
      if (groups.length === 1) return p;
      const said = g.length === 0 ? 'empty' : `"${partExcerpt(g)}"`;
      return fail(`Part ${i + 1} (${said}): ${p.error}`);
    }
    parts.push(p.value);
  }
  const never = contradiction(parts);
  if (never) return fail(`${never} can never hold together: the alert would never fire.`);
  return ok({ condition: conditionOf(parts), repeat });
}

/** Two parts no price or value can satisfy at once (`above 210 and below 200`), as written; else undefined. */
function contradiction(parts: readonly Part[]): string | undefined {
  for (const a of parts) {
    for (const b of parts) {
      if (a.kind === 'above' && b.kind === 'below' && a.price > b.price) return describeParts([a, b]);
      if (a.kind === 'signal' && b.kind === 'signal' && a.timeframe === b.timeframe && a.value !== b.value)
        return describeParts([a, b]);
      if (
        (a.kind === 'grade' || a.kind === 'sharpe') &&
        b.kind === a.kind &&
        a.op === '>=' &&
        b.op === '<='
      ) {
        if (a.value > b.value) return describeParts([a, b]);
      }
    }
  }
  return undefined;
}
