import { ALERT_TYPES, type AlertType, DEFAULT_ALERT_TYPES, type QuietHours } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { excerpt } from './format.js';

/**
 * Pure parsers for command arguments. Each returns a value or a short, plain-text error that never
 * echoes more than an excerpt of the input, in the language of `t`. `t` defaults to English only for
 * callers not yet localized (the English catalog is the source text); handlers pass `ctx.t`.
 */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Longest symbol string accepted before any parsing (a hard cap against abuse). */
export const MAX_SYMBOL_INPUT = 64;
/** Longest non-symbol string argument accepted. */
export const MAX_STRING_INPUT = 200;

const SYMBOL_RE = /^[A-Za-z0-9]{1,15}$/;

/** `$sol` → `SOL`. Letters and digits only, 1..15 characters, one optional leading `$`. */
export function parseSymbol(raw: string, t: Translate): Parsed<string> {
  if (raw.length > MAX_SYMBOL_INPUT) return fail(t('parse-symbol-too-long', { length: raw.length }));
  const trimmed = raw.trim().replace(/^\$/, '');
  if (!SYMBOL_RE.test(trimmed)) {
    // Echo only harmless input: markup, mentions and links are not repeated at all.
    return fail(
      /^[A-Za-z0-9$ ]+$/.test(raw.trim())
        ? t('parse-symbol-invalid-shown', { input: excerpt(raw, 20) })
        : t('parse-symbol-invalid'),
    );
  }
  return ok(trimmed.toUpperCase());
}

const TYPE_ALIASES: Readonly<Record<string, AlertType>> = {
  signals: 'signal',
  daily: 'signal',
  level: 'levels',
  sr: 'levels',
  sharpe: 'risk',
  grades: 'grade',
};

/**
 * A comma/space separated list of alert types, or `all`. Empty/undefined → DEFAULT_ALERT_TYPES.
 * Result is in ALERT_TYPES order without duplicates.
 */
export function parseTypes(raw: string | undefined, t: Translate): Parsed<readonly AlertType[]> {
  const words = (raw ?? '')
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return ok(DEFAULT_ALERT_TYPES);
  const chosen = new Set<AlertType>();
  for (const w of words) {
    if (w === 'all') return ok(ALERT_TYPES);
    const type = (ALERT_TYPES as readonly string[]).includes(w)
      ? (w as AlertType)
      : Object.hasOwn(TYPE_ALIASES, w)
        ? TYPE_ALIASES[w]
        : undefined;
    if (!type) {
      return fail(t('parse-type-unknown', { input: excerpt(w, 16), types: ALERT_TYPES.join(', ') }));
    }
    chosen.add(type);
  }
  return ok(ALERT_TYPES.filter((type) => chosen.has(type)));
}

const DURATION_RE = /^(\d{1,5})\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?)$/i;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A duration a user typed in a command: `30m`, `2h`, `1d`, `1w` (and spelled-out units) → milliseconds,
 * within [minMs, maxMs], or a reply-ready error. (Operator config durations: config/duration.ts.)
 */
export function parseDurationArg(raw: string, minMs: number, maxMs: number, t: Translate): Parsed<number> {
  const m = DURATION_RE.exec(raw.trim());
  const unit = m?.[2]?.[0]?.toLowerCase();
  const size = unit ? UNIT_MS[unit] : undefined;
  if (!m || !size) return fail(t('parse-duration-invalid', { input: excerpt(raw, 16) }));
  const ms = Number(m[1]) * size;
  if (ms < minMs || ms > maxMs) {
    return fail(t('parse-duration-range', { min: describeMs(minMs), max: describeMs(maxMs) }));
  }
  return ok(ms);
}

function describeMs(ms: number): string {
  for (const [u, size] of [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${u}`;
  }
  return `${Math.round(ms / 60_000)}m`;
}

/** Whether the runtime knows the IANA time zone; returns its canonical spelling. */
export function canonicalTimeZone(tz: string): string | undefined {
  if (tz.length === 0 || tz.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return undefined;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const QUIET_RE = /^([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)(?:\s+(\S+))?$/;

/**
 * `22:00-07:00 Europe/Berlin` → QuietHours (the window may wrap midnight); `off` → null.
 * The time zone defaults to UTC when left out.
 */
export function parseQuietHours(raw: string, t: Translate): Parsed<QuietHours | null> {
  const text = raw.trim();
  if (/^(off|none|disable|disabled)$/i.test(text)) return ok(null);
  const m = QUIET_RE.exec(text);
  if (!m) return fail(t('parse-quiet-format'));
  const hhmm = (h: string | undefined, mm: string | undefined) =>
    `${(h ?? '0').padStart(2, '0')}:${mm ?? '00'}`;
  const start = hhmm(m[1], m[2]);
  const end = hhmm(m[3], m[4]);
  if (start === end) return fail(t('parse-quiet-same'));
  const tzRaw = m[5] ?? 'UTC';
  const tz = canonicalTimeZone(tzRaw);
  if (!tz) return fail(t('parse-timezone-unknown', { input: excerpt(tzRaw, 32) }));
  return ok({ start, end, tz });
}

/** A finite number within [min, max]; accepts a trailing `%`. `integer` refuses fractions. */
export function parseNumberIn(
  raw: string,
  min: number,
  max: number,
  integer = false,
  t: Translate,
): Parsed<number> {
  const text = raw.trim().replace(/%$/, '');
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  // Bounds as strings: written exactly as before (`-10`, `0.1`), whatever the language.
  const range = { min: String(min), max: String(max) };
  if (!Number.isFinite(n)) return fail(t('parse-not-number', { input: excerpt(raw, 16) }));
  if (integer && !Number.isInteger(n)) return fail(t('parse-whole-between', range));
  if (n < min || n > max) return fail(t('parse-between', range));
  return ok(n);
}

/** An argument as text (numbers/booleans stringified), or undefined when absent or blank. */
export function argText(v: string | number | boolean | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  return s.length > 0 ? s : undefined;
}
