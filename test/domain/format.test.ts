import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDuration,
  formatNumber,
  formatPct,
  formatPrice,
  formatSignal,
  formatTime,
  MISSING,
} from '#src/domain/format.js';

const H = 3_600_000;
const D = 24 * H;

describe('formatPrice: the precision a trader needs at every size', () => {
  it.each([
    [64210.5, '$64,210.50'], // BTC: cents, grouped
    [1_234_567.891, '$1,234,567.89'],
    [142.371, '$142.37'],
    [100, '$100.00'],
    [99.99999, '$100.00'], // rounds up across the band edge, never "$100.0000"
    [20.5, '$20.50'],
    [1.02345, '$1.0235'],
    [1, '$1.00'],
    [0.51234, '$0.5123'],
    [0.0123456, '$0.01235'],
    [0.00001234, '$0.00001234'], // a micro-cap: four significant digits, not $0.00
    [0.0000123456, '$0.00001235'],
    [0.000000001234, '$0.000000001234'],
    [-5.5, '-$5.50'],
    [0, '$0'],
    [Number.NaN, MISSING],
    [Number.POSITIVE_INFINITY, MISSING],
  ])('%d → %s', (n, want) => {
    expect(formatPrice(n)).toBe(want);
  });
});

describe('formatPct', () => {
  it.each([
    [2.345, false, '2.35%'],
    [1.5, false, '1.50%'],
    [1.5, true, '+1.50%'],
    [-3.2, true, '-3.20%'],
    [-3.2, false, '-3.20%'],
    [-0.001, true, '0.00%'], // rounded zero has no sign
    [-0.001, false, '0.00%'],
    [0, true, '0.00%'],
    [1234.5, false, '1,234.50%'],
    [Number.NaN, false, MISSING],
  ])('%d (signed %s) → %s', (n, signed, want) => {
    expect(formatPct(n, signed)).toBe(want);
  });
});

describe('formatNumber', () => {
  it.each([
    [1.5, 2, '1.5'],
    [2, 2, '2'],
    [-0.25, 2, '-0.25'],
    [1.23456, 2, '1.23'],
    [82.4, 0, '82'],
    [7.25, 1, '7.3'],
    [12345.6, 2, '12345.6'], // no grouping: thresholds read like the settings users type
    [-0.001, 2, '0'],
    [Number.NaN, 2, MISSING],
  ])('%d with %d decimals → %s', (n, d, want) => {
    expect(formatNumber(n, d)).toBe(want);
  });
});

describe('formatDuration', () => {
  it.each([
    [500, '500ms'],
    [30_000, '30s'],
    [90_000, '1m 30s'],
    [30 * 60_000, '30m'],
    [2 * H, '2h'],
    [2 * H + 30_000, '2h'], // two adjacent units at most
    [D + 6 * H, '1d 6h'],
    [14 * D, '2w'],
    [0, '0s'],
    [-5, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms → %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('formatSignal and formatTime', () => {
  it.each([
    [1, 'bullish'],
    [0, 'neutral'],
    [-1, 'bearish'],
  ] as const)('signal %d → %s', (s, want) => {
    expect(formatSignal(s)).toBe(want);
  });
  it('formatTime is UTC', () => {
    expect(formatTime(Date.UTC(2026, 10, 28, 14, 5))).toBe('2026-11-28 14:05 UTC');
    expect(formatTime(Number.NaN)).toBe(MISSING);
  });
});

describe('formatClock: when something happened, in the destination zone', () => {
  const T = Date.UTC(2026, 10, 28, 14, 32, 59);
  it.each([
    ['no ref: always the date', T, {}, 'Nov 28 14:32 UTC'],
    ['same UTC day as ref: time only', T, { ref: T + 5 * H }, '14:32 UTC'],
    ['previous day', T, { ref: T + D }, 'Nov 28 14:32 UTC'],
    ['single-digit day, no padding', Date.UTC(2026, 0, 5, 3, 4), {}, 'Jan 5 03:04 UTC'],
    ['Berlin winter', T, { tz: 'Europe/Berlin', ref: T }, '15:32 GMT+1'],
    ['Berlin summer', Date.UTC(2026, 6, 1, 12), { tz: 'Europe/Berlin' }, 'Jul 1 14:00 GMT+2'],
    [
      'New York: its own day, not UTC',
      Date.UTC(2026, 10, 28, 3),
      { tz: 'America/New_York' },
      'Nov 27 22:00 EST',
    ],
    ['"UTC" is UTC', T, { tz: 'UTC', ref: T }, '14:32 UTC'],
    ['an unknown zone falls back to UTC', T, { tz: 'Mars/Olympus', ref: T }, '14:32 UTC'],
    ['not a time', Number.NaN, {}, MISSING],
  ] as const)('%s', (_name, ms, opts, want) => {
    expect(formatClock(ms, opts)).toBe(want);
  });

  it('day comparison happens in the zone: 23:30 UTC is "today" in Berlin the next day', () => {
    const late = Date.UTC(2026, 10, 27, 23, 30);
    expect(formatClock(late, { ref: T })).toBe('Nov 27 23:30 UTC');
    expect(formatClock(late, { tz: 'Europe/Berlin', ref: T })).toBe('00:30 GMT+1');
  });
});
