/**
 * Command-only text helpers. Numbers, prices, times and durations are formatted by the project-wide
 * formatters in src/domain/format.ts.
 */

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
