import { describe, expect, it } from 'vitest';
import { briefMinutes, canonicalTime, dueDate, localTime } from '#src/watchlist/schedule.js';

const zones = new Map();
const utc = (iso: string) => Date.parse(`${iso}Z`);
const DAY_BEFORE = utc('2026-01-01T00:00');

describe('brief times', () => {
  it.each([
    ['08:00', 480],
    ['8:05', 485],
    ['23:59', 1439],
    ['00:00', 0],
  ])('%s is %d minutes', (t, m) => {
    expect(briefMinutes(t)).toBe(m);
  });
  it.each(['25:00', '24:00', '08:60', '8', 'noon', '', '-1:00', '08:00:00'])('%j is refused', (t) => {
    expect(briefMinutes(t)).toBeUndefined();
  });
  it('normalises', () => {
    expect(canonicalTime('8:05')).toBe('08:05');
    expect(canonicalTime('25:00')).toBeUndefined();
  });
});

describe('when a brief is due (Intl, IANA zones)', () => {
  const berlin = { time: '08:00', tz: 'Europe/Berlin', createdAt: DAY_BEFORE };
  it('in winter 08:00 Berlin is 07:00 UTC, in summer 06:00 UTC', () => {
    expect(dueDate(berlin, utc('2026-01-15T06:59'), zones)).toBeUndefined();
    expect(dueDate(berlin, utc('2026-01-15T07:00'), zones)).toBe('2026-01-15');
    expect(dueDate(berlin, utc('2026-07-15T05:59'), zones)).toBeUndefined();
    expect(dueDate(berlin, utc('2026-07-15T06:00'), zones)).toBe('2026-07-15');
  });
  it('across the spring-forward night a brief in the skipped hour goes at 03:00 local', () => {
    const skipped = { time: '02:30', tz: 'Europe/Berlin', createdAt: DAY_BEFORE };
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(dueDate(skipped, utc('2026-03-29T00:59'), zones)).toBeUndefined();
    expect(localTime(utc('2026-03-29T01:00'), 'Europe/Berlin', zones)).toEqual({
      date: '2026-03-29',
      minutes: 180,
    });
    expect(dueDate(skipped, utc('2026-03-29T01:00'), zones)).toBe('2026-03-29');
  });
  it('across the fall-back night the repeated hour keeps one local date (sent once: the date is the id)', () => {
    const repeated = { time: '02:30', tz: 'Europe/Berlin', createdAt: DAY_BEFORE };
    // 2026-10-25: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(dueDate(repeated, utc('2026-10-25T00:30'), zones)).toBe('2026-10-25');
    expect(dueDate(repeated, utc('2026-10-25T01:30'), zones)).toBe('2026-10-25');
  });
  it('a brief set after today\u2019s time starts tomorrow; set before it, today', () => {
    const late = { ...berlin, createdAt: utc('2026-01-15T08:30') };
    expect(dueDate(late, utc('2026-01-15T09:00'), zones)).toBeUndefined();
    expect(dueDate(late, utc('2026-01-16T07:00'), zones)).toBe('2026-01-16');
    const early = { ...berlin, createdAt: utc('2026-01-15T06:59') };
    expect(dueDate(early, utc('2026-01-15T07:00'), zones)).toBe('2026-01-15');
  });
  it('an unknown zone is never due (input is validated; this guards stored data)', () => {
    expect(
      dueDate({ time: '08:00', tz: 'Mars/Base', createdAt: 0 }, utc('2026-01-15T12:00'), zones),
    ).toBeUndefined();
  });
});
