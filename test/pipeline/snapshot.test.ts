import { describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '#src/pipeline/snapshot.js';

describe('stored snapshot wrapper', () => {
  it('writes named fields and reads them back', () => {
    const stored = writeSnapshot(undefined, { price: 1_000 });
    expect(stored).toEqual({ layout: 2, fetchedAt: { price: 1_000 } });
    expect(readSnapshot(JSON.parse(JSON.stringify(stored)))).toEqual({
      state: undefined,
      fetched: { price: 1_000 },
    });
  });

  it('still loads a record in the old one-letter layout ({ w: 1, f })', () => {
    expect(readSnapshot({ w: 1, f: { price: 5, bogus: 1, signal: 'x' } })).toEqual({
      state: undefined,
      fetched: { price: 5 },
    });
  });

  it('old and new layouts give the same result for the same content', () => {
    const fetched = { price: 7 };
    expect(readSnapshot({ w: 1, f: fetched })).toEqual(readSnapshot(writeSnapshot(undefined, fetched)));
  });
});
