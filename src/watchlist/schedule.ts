import { type ZoneCache, zoneFormatter } from '../domain/format.js';
import type { BriefSchedule } from '../store/ports.js';

/**
 * When a daily brief is due (issue 20). Local time comes from Intl with the brief's IANA zone, so
 * daylight-saving changes need no table of ours: on the spring-forward day a brief set inside the
 * skipped hour (02:30 in Europe/Berlin) goes at the first minute after it (03:00); on the fall-back day
 * the repeated hour cannot send twice, because a brief is sent once per local date (the outbox id and
 * the runner's mark carry that date).
 */

/** Local calendar date (`YYYY-MM-DD`) and minutes since local midnight of an instant in `tz`. */
export interface LocalTime {
  readonly date: string;
  readonly minutes: number;
}

export function localTime(at: number, tz: string, zones: ZoneCache): LocalTime | undefined {
  const f = zoneFormatter(tz, zones);
  if (!f) return undefined;
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const minutes = (Number(p.hour) % 24) * 60 + Number(p.minute);
  if (!Number.isFinite(minutes)) return undefined;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes };
}

/** `HH:MM` (`8:05` allowed) → minutes since midnight; undefined for anything else (`25:00`, `8`, `08:60`). */
export function briefMinutes(time: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** `8:05` → `08:05` (undefined when not a time of day). */
export function canonicalTime(time: string): string | undefined {
  const m = briefMinutes(time);
  return m === undefined
    ? undefined
    : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Whether the brief is due at `now`, and for which local date. Due once the local time has reached the
 * brief's time on a local date on which the brief already existed at that time (a brief set at 09:00 for
 * 08:00 starts tomorrow). The caller sends it once per date (outbox id and mark carry the date), so a
 * run that was down at 08:00 still sends it later that day, and never twice.
 */
export function dueDate(schedule: BriefSchedule, now: number, zones: ZoneCache): string | undefined {
  const at = briefMinutes(schedule.time);
  const local = localTime(now, schedule.tz, zones);
  const created = localTime(schedule.createdAt, schedule.tz, zones);
  if (at === undefined || !local || !created || local.minutes < at) return undefined;
  if (created.date > local.date) return undefined;
  if (created.date === local.date && created.minutes > at) return undefined;
  return local.date;
}
