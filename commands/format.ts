import type { SignalValue } from '#src/domain/types.js';

/**
 * Plain-text formatters shared by command replies and (optionally) platform alert renderers.
 * Output is plain text; each platform escapes it for its markup. Deterministic (en-US, UTC) so tests
 * and different hosts agree.
 */

/**
 * A USD price with decimals that fit its size: 64,210.50 · 142.37 · 1.0234 · 0.00001234.
 * Returns '—' for a non-finite value.
 */
export function formatPrice(price: number): string {
  if (!Number.isFinite(price)) return '—';
  const abs = Math.abs(price);
  if (abs === 0) return '$0';
  let decimals: number;
  if (abs >= 1000) decimals = 2;
  else if (abs >= 1) decimals = abs >= 100 ? 2 : 4;
  else {
    // Four significant digits below 1: 0.5123, 0.01234, 0.00001234.
    decimals = Math.min(12, Math.max(4, 3 - Math.floor(Math.log10(abs))));
  }
  const text = price.toLocaleString('en-US', {
    minimumFractionDigits: abs >= 1 ? 2 : 0,
    maximumFractionDigits: decimals,
  });
  return `$${text}`;
}

/** A percentage with two decimals: `2.35%`; `signed` adds a `+` to positive values. */
export function formatPct(pct: number, signed = false): string {
  if (!Number.isFinite(pct)) return '—';
  const text = pct.toFixed(2);
  return `${signed && pct > 0 ? '+' : ''}${text === '-0.00' ? '0.00' : text}%`;
}

/** A plain number with up to `decimals` decimals, trailing zeros removed: 1.5, 2, -0.25. */
export function formatNumber(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: decimals, useGrouping: false });
}

/** 1 → bullish, -1 → bearish, 0 → neutral. */
export function formatSignal(s: SignalValue): string {
  return s === 1 ? 'bullish' : s === -1 ? 'bearish' : 'neutral';
}

/** Epoch ms → `2026-11-28 14:05 UTC`. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Milliseconds → the largest units, at most two: `45m`, `2h`, `1d 6h`, `2w`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0m';
  const units: ReadonlyArray<readonly [string, number]> = [
    ['w', 7 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 60_000) * 60_000;
  for (const [unit, size] of units) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    } else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '1m';
}

const EXCERPT_SAFE = /[A-Za-z0-9 $._,:/+\-%]/;

/**
 * A short, harmless excerpt of user input for error replies: at most `max` characters, anything
 * outside a small safe set (markup, mentions, control characters, emoji) replaced by `?`, and an
 * ellipsis when cut. Platforms escape replies anyway; this keeps replies short and free of pings.
 */
export function excerpt(input: string, max = 32): string {
  const chars = Array.from(input.trim());
  const cut = chars.length > max;
  const safe = chars
    .slice(0, max)
    .map((c) => (EXCERPT_SAFE.test(c) ? c : '?'))
    .join('');
  return cut ? `${safe}…` : safe;
}
