import { formatDuration } from '#src/domain/format.js';
import {
  type Condition,
  type ConditionPart,
  conditionOf,
  describeParts,
  PRICE_ALERT_LIMITS,
  type PriceAlertRepeat,
} from '#src/domain/price-alerts.js';
import type { Translate } from '#src/i18n/catalog.js';
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
export function parsePrice(raw: string, t: Translate): Parsed<number> {
  const text = raw.trim();
  if (/^-/.test(text) || /^\$-/.test(text)) return fail(t('cond-price-positive'));
  const m = PRICE_RE.exec(text);
  const n = m?.[1] ? Number(m[1].replaceAll(',', '')) : Number.NaN;
  if (!Number.isFinite(n)) return fail(t('cond-not-price', { text: excerpt(raw, 16) }));
  if (n <= 0) return fail(t('cond-price-positive'));
  if (n > 1e12) return fail(t('cond-price-too-large'));
  return ok(n);
}

/** `5%` or `5` → percent within the move limits. */
function parsePct(raw: string, t: Translate): Parsed<number> {
  const text = raw.trim().replace(/%$/, '');
  const n = /^\d{1,6}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const { minMovePct: min, maxMovePct: max } = PRICE_ALERT_LIMITS;
  if (!Number.isFinite(n)) return fail(t('cond-not-pct', { text: excerpt(raw, 16) }));
  if (n < min || n > max) return fail(t('cond-move-range', { min: `${min}%`, max: `${max}%` }));
  return ok(n);
}

/** `1h`, `30m`, `1d` → a window between 1 minute and 7 days; seconds get their own clear answer. */
function parseWindow(raw: string, t: Translate): Parsed<number> {
  if (/^\d+\s*(s|sec|secs|seconds?)$/i.test(raw.trim())) return fail(t('cond-window-seconds'));
  const { minWindowMs: min, maxWindowMs: max } = PRICE_ALERT_LIMITS;
  const d = parseDurationArg(raw, min, max, t);
  if (d.ok) return d;
  if (/^0+\s*[a-z]*$/i.test(raw.trim())) return fail(t('cond-window-min'));
  // A duration outside the limits, or no duration at all (parse.ts's words are not this catalog's).
  return parseDurationArg(raw, 0, Number.POSITIVE_INFINITY, t).ok
    ? fail(t('cond-window-range', { min: formatDuration(min), max: formatDuration(max) }))
    : fail(t('cond-not-window', { text: excerpt(raw, 16) }));
}

const usageHint = (t: Translate) => t('cond-usage-hint');

type Part = ConditionPart;

function thresholdPart(kind: string, rest: readonly string[], t: Translate): Parsed<Part> {
  if (rest.length !== 1 || rest[0] === undefined)
    return fail(t('cond-one-price', { example: `${kind} 210` }));
  const price = parsePrice(rest[0], t);
  if (!price.ok) return price;
  return ok({ kind: kind === 'above' || kind === '>' ? 'above' : 'below', price: price.value });
}

function movePart(rest: readonly string[], t: Translate): Parsed<Part> {
  if (rest.length !== 2 || rest[0] === undefined || rest[1] === undefined) {
    return fail(t('cond-move-args'));
  }
  const pct = parsePct(rest[0], t);
  if (!pct.ok) return pct;
  const windowMs = parseWindow(rest[1], t);
  if (!windowMs.ok) return windowMs;
  return ok({ kind: 'move', pct: pct.value, windowMs: windowMs.value });
}

function nearPart(rest: readonly string[], t: Translate): Parsed<Part> {
  const [side, pctRaw, ...extra] = rest;
  if ((side !== 'support' && side !== 'resistance') || extra.length > 0) return fail(t('cond-near-side'));
  const { defaultNearPct, maxNearPct } = PRICE_ALERT_LIMITS;
  if (pctRaw === undefined) return ok({ kind: 'near', side, pct: defaultNearPct });
  const text = pctRaw.replace(/%$/, '');
  const n = /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(n > 0) || n > maxNearPct) return fail(t('cond-near-range', { max: `${maxNearPct}%` }));
  return ok({ kind: 'near', side, pct: n });
}

function signalPart(kind: string, rest: readonly string[], t: Translate): Parsed<Part> {
  const [value, ...extra] = rest;
  const timeframe = kind === 'hourly' ? 'hourly' : 'daily';
  if ((value !== 'bullish' && value !== 'bearish') || extra.length > 0) {
    return fail(t('cond-signal-value', { bullish: `${kind} bullish`, bearish: `${kind} bearish` }));
  }
  return ok({ kind: 'signal', timeframe, value });
}

function comparePart(kind: 'grade' | 'sharpe', rest: readonly string[], t: Translate): Parsed<Part> {
  const [op, raw, ...extra] = rest;
  const example = kind === 'grade' ? 'grade >= 70' : 'sharpe >= 1.5';
  if ((op !== '>=' && op !== '<=') || raw === undefined || extra.length > 0) {
    return fail(t('cond-compare-op', { example }));
  }
  const n = /^-?\d{1,6}(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return fail(t('cond-not-number', { text: excerpt(raw, 16), example }));
  if (kind === 'grade' && (n < 0 || n > 100)) return fail(t('cond-grade-range'));
  if (kind === 'sharpe' && Math.abs(n) > 100) return fail(t('cond-sharpe-range'));
  return ok({ kind, op, value: n });
}

const OPERATORS = new Set(['>', '<', '>=', '<=', '=', '=>', '=<']);

/** A part's words for an error: comparison operators verbatim (the platforms escape), the rest as excerpts. */
function partExcerpt(words: readonly string[]): string {
  const text = words.map((w) => (OPERATORS.has(w) ? w : excerpt(w, 16))).join(' ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One part's words → the part, or a plain-text error about that part. */
function parsePart(words: readonly string[], t: Translate): Parsed<Part> {
  const [kind, ...rest] = words;
  switch (kind) {
    case undefined:
      return fail(`${t('cond-say-what')} ${usageHint(t)}`);
    case 'above':
    case '>':
    case 'below':
    case '<':
      return thresholdPart(kind, rest, t);
    case 'move':
    case 'change':
      return movePart(rest, t);
    case 'near':
      return nearPart(rest, t);
    case 'signal':
    case 'daily':
    case 'hourly':
      return signalPart(kind, rest, t);
    case 'grade':
    case 'sharpe':
      return comparePart(kind, rest, t);
    default:
      return fail(`${t('cond-not-condition', { text: excerpt(kind, 16) })} ${usageHint(t)}`);
  }
}

/**
 * `above 210 [and signal bullish [and grade >= 70]] [once|every]`: up to three parts joined by `and`
 * (see parsePart; also `> 210`, `< 180`, `move 5% in 1h`, `grade>=70`). Pure: returns the condition or
 * a plain-text error naming the bad part and echoing at most an excerpt of the input.
 */
export function parsePriceAlert(raw: string, t: Translate): Parsed<ParsedPriceAlert> {
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
    return fail(t('cond-too-many-parts', { max: PRICE_ALERT_LIMITS.maxParts }));
  }
  const parts: Part[] = [];
  for (const [i, g] of groups.entries()) {
    const p = parsePart(g, t);
    if (!p.ok) {
      if (groups.length === 1) return p;
      const said = g.length === 0 ? t('cond-part-empty') : `"${partExcerpt(g)}"`;
      return fail(t('cond-part-error', { n: i + 1, said, error: p.error }));
    }
    parts.push(p.value);
  }
  const never = contradiction(parts);
  if (never) return fail(t('cond-never', { parts: never }));
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
