import { type ZoneCache, zoneFormatter } from '../../domain/format.js';
import type { QuietHours } from '../../domain/types.js';

/**
 * Quiet-hours arithmetic in a destination's IANA time zone (Intl, no tz database of our own).
 * Windows are `HH:MM-HH:MM` local time and may wrap midnight (22:00-07:00). start === end is an empty
 * window. An unknown time zone disables the window (settings are validated on input, so this only
 * guards against stale data) rather than throwing inside a tick. A plan makes one `ZoneCache`
 * (`preparePlan`) so each zone's formatter is built once per tick.
 */

/** Minutes since local midnight (0..1439) of `now` in `tz`, or undefined for an unknown zone. */
export function localMinutes(now: number, tz: string, zones: ZoneCache = new Map()): number | undefined {
  const f = zoneFormatter(tz, zones);
  if (!f) return undefined;
  let h = 0;
  let m = 0;
  for (const p of f.formatToParts(now)) {
    if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') m = Number(p.value);
  }
  return (h % 24) * 60 + m;
}

/** `HH:MM` → minutes since midnight, or undefined when malformed. */
export function parseHhMm(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

/**
 * When `now` falls inside the quiet window, the epoch ms at which it ends; otherwise undefined.
 * The end is computed as "minutes until the local end time" from the current minute, so a DST change
 * inside the window may shift it by the DST offset; the planner re-checks at release time and holds again
 * if the window is in fact still open.
 */
export function quietUntil(
  q: QuietHours | null,
  now: number,
  zones: ZoneCache = new Map(),
): number | undefined {
  if (!q) return undefined;
  const start = parseHhMm(q.start);
  const end = parseHhMm(q.end);
  const cur = localMinutes(now, q.tz, zones);
  if (start === undefined || end === undefined || cur === undefined || start === end) return undefined;
  const inside = start < end ? cur >= start && cur < end : cur >= start || cur < end;
  if (!inside) return undefined;
  const minutesLeft = (end - cur + 1440) % 1440;
  return Math.floor(now / 60_000) * 60_000 + minutesLeft * 60_000;
}
