import { describe, expect, it } from 'vitest';
import { parseConfigDuration } from '#src/config/index.js';

describe('parseConfigDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    [' 2M ', 120_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseConfigDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '-5m', '1.5h', '0s', '5 m', '5w', 'abc', '1h-30m'])('rejects %j', (text) => {
    expect(parseConfigDuration(text)).toBeUndefined();
  });
});
