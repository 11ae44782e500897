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
 * Parse an operator's config duration into milliseconds. (Durations users type in commands:
 * commands/parse.ts `parseDurationArg`; display: domain/format.ts `formatDuration`.)
 * @returns milliseconds (> 0), or `undefined` when the text is not a valid duration.
 */
export function parseConfigDuration(text: string): number | undefined {
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
