/** Epoch ms of an ISO date/time string, or undefined when it does not parse. */
export function parseDate(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Compares two data dates: > 0 when `a` is newer, 0 when equal, < 0 when older. Parsed when both parse
 * (so '2025-04-10' equals '2025-04-10T00:00:00.000Z'), else compared as strings.
 */
export function compareDates(a: string, b: string): number {
  const ta = parseDate(a);
  const tb = parseDate(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `next` is older than `prev` (stale data that must not overwrite newer state). */
export function isOlder(next: string | undefined, prev: string | undefined): boolean {
  if (next === undefined || prev === undefined) return false;
  return compareDates(next, prev) < 0;
}
