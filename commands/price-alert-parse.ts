import { formatDuration } from '#src/domain/format.js';
import { PRICE_ALERT_LIMITS, type PriceAlertRepeat, type PriceRule } from '#src/domain/price-alerts.js';
import { excerpt } from './format.js';
import type { Parsed } from './parse.js';
import { parseDurationArg } from './parse.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export interface ParsedPriceAlert {
  readonly rule: PriceRule;
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

const USAGE_HINT = 'Use e.g. above 210, below 180 or move 5% 1h, then once (default) or every.';

/**
 * `above 210 [once|every]`, `below 180`, `move 5% 1h` (also `> 210`, `< 180`, `move 5% in 1h`).
 * Pure: returns the rule or a plain-text error that echoes at most an excerpt of the input.
 */
export function parsePriceAlert(raw: string): Parsed<ParsedPriceAlert> {
  const words = raw
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0 && w !== 'in');
  let repeat: PriceAlertRepeat = 'once';
  const last = words.at(-1);
  if (last === 'once' || last === 'every' || last === 'always' || last === 'repeat') {
    repeat = last === 'once' ? 'once' : 'every';
    words.pop();
  }
  const [kind, ...rest] = words;
  if (kind === undefined) return fail(`Say what to watch. ${USAGE_HINT}`);
  if (kind === 'above' || kind === '>' || kind === 'below' || kind === '<') {
    if (rest.length !== 1 || rest[0] === undefined) return fail(`Give one price. ${USAGE_HINT}`);
    const price = parsePrice(rest[0]);
    if (!price.ok) return price;
    const k = kind === 'above' || kind === '>' ? 'above' : 'below';
    return ok({ rule: { kind: k, price: price.value }, repeat });
  }
  if (kind === 'move' || kind === 'change') {
    if (rest.length !== 2 || rest[0] === undefined || rest[1] === undefined) {
      return fail('Give a percentage and a window, e.g. move 5% 1h.');
    }
    const pct = parsePct(rest[0]);
    if (!pct.ok) return pct;
    const windowMs = parseWindow(rest[1]);
    if (!windowMs.ok) return windowMs;
    return ok({ rule: { kind: 'move', pct: pct.value, windowMs: windowMs.value }, repeat });
  }
  return fail(`"${excerpt(kind, 16)}" is not a condition. ${USAGE_HINT}`);
}
