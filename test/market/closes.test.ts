import { describe, expect, it } from 'vitest';
import { withCloses } from '#src/market/closes.js';
import type { ParsedRow } from '#src/market/parse.js';

const row = (tokenId: number, at: number, close?: number): ParsedRow<'hourly'> => ({
  tokenId,
  symbol: 'X',
  name: 'X',
  at,
  part: {
    signal: 0,
    position: 1,
    timestamp: new Date(at).toISOString(),
    ...(close === undefined ? {} : { close }),
  },
});

describe('hourly CLOSE history', () => {
  it('gives the newest row every close of its token, oldest first, one per hour', () => {
    const rows = [
      row(1, 3_600_000, 11),
      row(1, 7_200_000, 12),
      row(1, 3_600_000, 11),
      row(1, 0, 5),
      row(2, 3_600_000),
    ];
    const newest = new Map([
      [1, row(1, 7_200_000, 12)],
      [2, row(2, 3_600_000)],
    ]);
    withCloses(newest, rows);
    expect(newest.get(1)?.part.closes).toEqual([
      { t: 3_600_000, close: 11 },
      { t: 7_200_000, close: 12 },
    ]);
    expect(newest.get(2)?.part.closes).toBeUndefined();
  });
});
