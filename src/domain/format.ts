import type { SignalValue } from './types.js';

/**
 * The one set of number, price, time and duration formatters for the whole project: alerts on every
 * platform, command replies and log lines. Output is plain text (each platform escapes it for its
 * markup) and deterministic (en-US, UTC) so tests and hosts agree. A value that is not a finite number
 * shows as `—`.
 */

export const MISSING = '—';

// Formatters are immutable once built; building one per call is what is slow.
const usd = (o: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', ...o });
/** ≥ 100: cents are enough ($64,210.50, $142.37). */
const PRICE_LARGE = usd({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** 1 ≤ p < 100: up to four decimals, since small-cap moves live there ($1.0235, $20.50). */
const PRICE_MID = usd({ minimumFractionDigits: 2, maximumFractionDigits: 4 });
/** < 1: four significant digits, however many zeros lead ($0.5123, $0.00001234). */
const PRICE_SMALL = usd({ maximumSignificantDigits: 4 });
const PCT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PCT_SIGNED = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

/** A USD price with the precision its size needs: $64,210.50 · $142.37 · $1.0235 · $0.00001234 · $0. */
export function formatPrice(price: number): string {
  if (!Number.isFinite(price)) return MISSING;
  const abs = Math.abs(price);
  if (abs === 0) return '$0';
  return (abs >= 100 ? PRICE_LARGE : abs >= 1 ? PRICE_MID : PRICE_SMALL).format(price);
}

/** A percentage with two decimals: `2.35%`; `signed` adds `+` to positive values. Rounded zero has no sign. */
export function formatPct(pct: number, signed = false): string {
  if (!Number.isFinite(pct)) return MISSING;
  const text = (signed ? PCT_SIGNED : PCT).format(pct);
  return `${text === '-0.00' ? '0.00' : text}%`;
}

/** Plain-number formatters for 0..6 decimals, built once (a fixed table, not a cache that grows). */
const NUMBER = Array.from(
  { length: 7 },
  (_, d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d, useGrouping: false }),
);

/** A plain number with up to `decimals` (0..6) decimals, no grouping, trailing zeros removed: 1.5 · 2 · -0.25. */
export function formatNumber(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return MISSING;
  const f = NUMBER[Math.min(6, Math.max(0, Math.trunc(decimals)))] as Intl.NumberFormat;
  const text = f.format(n);
  return text === '-0' ? '0' : text;
}

/**
 * An age as a count and its unit (`4` minutes), one rounding for every place that tells an age in words
 * (`4 min ago` in /levels, `4m` in /watchlist), in any language.
 */
export function ageParts(ms: number): { readonly unit: AgeUnit; readonly n: number } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return { unit: 's', n: s };
  if (s < 3600) return { unit: 'm', n: Math.round(s / 60) };
  if (s < 172_800) return { unit: 'h', n: Math.round(s / 3600) };
  return { unit: 'd', n: Math.round(s / 86_400) };
}

/** The unit an age is told in: seconds under a minute, minutes under an hour, hours under two days, days. */
export type AgeUnit = 's' | 'm' | 'h' | 'd';

/** 1 → bullish, -1 → bearish, 0 → neutral. */
export function formatSignal(s: SignalValue): string {
  return s === 1 ? 'bullish' : s === -1 ? 'bearish' : 'neutral';
}

/** Epoch ms → `2026-11-28 14:05 UTC`. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface ClockParts {
  /** `2026-11-28` in the zone: compares days. */
  readonly day: string;
  /** `Nov 28`. */
  readonly date: string;
  /** `14:32`. */
  readonly hm: string;
  /** `UTC`, `GMT+1`, `EST`. */
  readonly zone: string;
}

/**
 * Date-time formatters by IANA zone name (null: unknown zone). Building an `Intl.DateTimeFormat` costs far
 * more than using one, so a caller that formats many times (a plan, a digest) makes one map and passes it
 * in; the map belongs to that caller, not to the module, so nothing outlives it.
 */
export type ZoneCache = Map<string, Intl.DateTimeFormat | null>;

/** The formatter for `tz` (year to minute, 24-hour, short zone name), from `zones` or built into it. */
export function zoneFormatter(tz: string, zones: ZoneCache): Intl.DateTimeFormat | null {
  let f = zones.get(tz);
  if (f !== undefined) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  } catch {
    f = null;
  }
  zones.set(tz, f);
  return f;
}

/**
 * `Nov 28` in English (as always); in another language its own short day and month from Intl (`28 nov`,
 * `28 нояб.`). The formatter is kept in the caller's `zones` map beside the zone formatters.
 */
function dateLabel(month: number, day: number, locale: string | undefined, zones: ZoneCache): string {
  const english = `${MONTHS[month - 1] ?? ''} ${day}`;
  if (locale === undefined || locale === 'en') return english;
  const key = `date:${locale}`;
  let f = zones.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    } catch {
      f = null;
    }
    zones.set(key, f);
  }
  return f ? f.format(Date.UTC(2000, month - 1, day)) : english;
}

function clockParts(
  ms: number,
  tz: string | undefined,
  zones: ZoneCache,
  locale: string | undefined,
): ClockParts {
  const f = tz === undefined || tz === 'UTC' ? null : zoneFormatter(tz, zones);
  if (!f) {
    const iso = new Date(ms).toISOString();
    return {
      day: iso.slice(0, 10),
      date: dateLabel(Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), locale, zones),
      hm: iso.slice(11, 16),
      zone: 'UTC',
    };
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    date: dateLabel(Number(p.month), Number(p.day), locale, zones),
    hm: `${p.hour}:${p.minute}`,
    zone: p.timeZoneName ?? tz ?? 'UTC',
  };
}

/**
 * The time of something that happened, for an alert: `14:32 UTC` when it is on the same day as `ref`
 * (in that zone), else `Nov 28 14:32 UTC`. `tz` is an IANA zone (a destination's quiet-hours zone);
 * absent or unknown: UTC. The zone shows as its short name (`GMT+1`, `EST`). `zones`: the caller's
 * formatter map when it formats many times; absent, this call builds its own. `locale`: the reader's
 * language, for the day and month only (`28 нояб. 14:32 UTC`); the hour and zone read the same everywhere.
 */
export function formatClock(
  ms: number,
  opts: {
    readonly tz?: string;
    readonly ref?: number;
    readonly zones?: ZoneCache;
    readonly locale?: string;
  } = {},
): string {
  if (!Number.isFinite(ms)) return MISSING;
  const zones = opts.zones ?? new Map();
  const t = clockParts(ms, opts.tz, zones, opts.locale);
  const sameDay =
    opts.ref !== undefined &&
    Number.isFinite(opts.ref) &&
    clockParts(opts.ref, opts.tz, zones, opts.locale).day === t.day;
  return sameDay ? `${t.hm} ${t.zone}` : `${t.date} ${t.hm} ${t.zone}`;
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/**
 * Milliseconds → at most the two largest adjacent units, for people: `45m` · `2h` · `1d 6h` · `2w` ·
 * `1m 30s` · `500ms`. Lossy on purpose (`1d 6h` hides minutes); not meant to be parsed back.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 1_000) * 1_000;
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}
