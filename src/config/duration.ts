/**
 * Durations as operators write them: `500ms`, `30s`, `5m`, `6h`, `1d`, or a combination such as `1h30m`.
 * Units: ms, s, m (minutes), h, d (24 h). No unit, zero, negatives and fractions are not accepted.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/**
 * Parse a duration into milliseconds.
 * @returns milliseconds (> 0), or `undefined` when the text is not a valid duration.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (!WHOLE.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(PART)) {
    const n = Number(m[1]);
    const unit = UNIT_MS[m[2] ?? ''];
    if (unit === undefined || !Number.isSafeInteger(n)) return undefined;
    total += n * unit;
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** The inverse for logs: 90_000 → `1m30s`, 21_600_000 → `6h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = Math.round(ms);
  const out: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return out.join('');
}
