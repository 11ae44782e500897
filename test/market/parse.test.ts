import { describe, expect, it } from 'vitest';
import type { DataKind } from '#src/domain/market.js';
import { assemble, newestPerToken, parseRows } from '#src/market/index.js';

const id = { TOKEN_ID: 1, TOKEN_SYMBOL: 'AAA', TOKEN_NAME: 'Aaa' };
const D = '2025-09-01T00:00:00.000Z';

function one(kind: DataKind, raw: unknown) {
  const invalid: string[] = [];
  const rows = parseRows(kind, [raw], (_k, reason) => invalid.push(reason));
  return { part: rows[0]?.part, invalid };
}

describe('row validation', () => {
  it.each<[string, DataKind, unknown, unknown]>([
    ['price number', 'price', { ...id, CURRENT_PRICE: 1.5 }, { price: 1.5 }],
    ['price string', 'price', { ...id, CURRENT_PRICE: '95123.45' }, { price: 95123.45 }],
    [
      'daily numeric strings',
      'daily',
      { ...id, DATE: D, TRADING_SIGNAL: '-1', TOKEN_TREND: '-1', TM_TRADER_GRADE: '26.5' },
      {
        signal: -1,
        trend: -1,
        date: D,
        traderGrade: 26.5,
      },
    ],
    [
      'daily bad optional grade ignored',
      'daily',
      { ...id, DATE: D, TRADING_SIGNAL: 0, TOKEN_TREND: 1, TM_TRADER_GRADE: 'n/a' },
      {
        signal: 0,
        trend: 1,
        date: D,
      },
    ],
    [
      'hourly',
      'hourly',
      { ...id, TIMESTAMP: D, SIGNAL: '1', POSITION: '1', CLOSE: 10 },
      { signal: 1, position: 1, timestamp: D, close: 10 },
    ],
    [
      'levels',
      'levels',
      { ...id, DATE: D, HISTORICAL_RESISTANCE_SUPPORT_LEVELS: [{ date: '2024-03-14', level: '73750.07' }] },
      {
        levels: [{ date: '2024-03-14', level: 73750.07 }],
        date: D,
      },
    ],
    ['empty levels are data', 'levels', { ...id, HISTORICAL_RESISTANCE_SUPPORT_LEVELS: [] }, { levels: [] }],
    [
      'quant with SYMBOL/NAME',
      'quant',
      { TOKEN_ID: 1, SYMBOL: 'AAA', NAME: 'Aaa', SHARPE: '1.12', MAX_DRAWDOWN: -0.77, FOO: 3 },
      {
        metrics: { SHARPE: 1.12, MAX_DRAWDOWN: -0.77 },
      },
    ],
    [
      'grade with string numbers',
      'grade',
      { ...id, TM_GRADE_SIGNAL: 'Strong Buy', TM_GRADE: '61.27', MOMENTUM: 'Gaining Momentum' },
      {
        signal: 'Strong Buy',
        grade: 61.27,
        momentum: 'Gaining Momentum',
      },
    ],
  ])('%s', (_name, kind, raw, part) => {
    const r = one(kind, raw);
    expect(r.part).toEqual(part);
    expect(r.invalid).toEqual([]);
  });

  it.each<[string, DataKind, unknown]>([
    ['price "abc"', 'price', { ...id, CURRENT_PRICE: 'abc' }],
    ['price negative', 'price', { ...id, CURRENT_PRICE: -1 }],
    ['price zero', 'price', { ...id, CURRENT_PRICE: 0 }],
    ['price empty string', 'price', { ...id, CURRENT_PRICE: '' }],
    ['price missing', 'price', { ...id }],
    ['price null', 'price', { ...id, CURRENT_PRICE: null }],
    ['no TOKEN_ID', 'price', { TOKEN_SYMBOL: 'AAA', CURRENT_PRICE: 1 }],
    ['TOKEN_ID not an integer', 'price', { ...id, TOKEN_ID: 1.5, CURRENT_PRICE: 1 }],
    ['not an object', 'price', 'AAA,1'],
    ['signal 2', 'daily', { ...id, DATE: D, TRADING_SIGNAL: 2, TOKEN_TREND: 1 }],
    ['signal "bullish"', 'daily', { ...id, DATE: D, TRADING_SIGNAL: 'bullish', TOKEN_TREND: 1 }],
    ['daily without date', 'daily', { ...id, TRADING_SIGNAL: 1, TOKEN_TREND: 1 }],
    ['daily bad date', 'daily', { ...id, DATE: 'yesterday', TRADING_SIGNAL: 1, TOKEN_TREND: 1 }],
    ['hourly position "x"', 'hourly', { ...id, TIMESTAMP: D, SIGNAL: '0', POSITION: 'x' }],
    ['levels not an array', 'levels', { ...id, HISTORICAL_RESISTANCE_SUPPORT_LEVELS: 'none' }],
    ['quant without metrics', 'quant', { ...id, SHARPE: 'abc' }],
    ['grade empty signal', 'grade', { ...id, TM_GRADE_SIGNAL: '' }],
  ])('drops %s', (_name, kind, raw) => {
    const r = one(kind, raw);
    expect(r.part).toBeUndefined();
    expect(r.invalid).toHaveLength(1);
  });

  it('drops bad level items one by one and reports the row once', () => {
    const r = one('levels', {
      ...id,
      HISTORICAL_RESISTANCE_SUPPORT_LEVELS: [
        { date: '2024-01-01', level: 10 },
        { date: '2024-01-02', level: -1 },
        { date: 'x', level: 5 },
        { level: 'abc' },
        { date: '2024-01-03', level: 12 },
      ],
    });
    expect(r.part).toEqual({
      levels: [
        { date: '2024-01-01', level: 10 },
        { date: '2024-01-03', level: 12 },
      ],
    });
    expect(r.invalid).toHaveLength(1);
  });

  it('invalid reasons name fields, never values', () => {
    const r = one('price', { ...id, CURRENT_PRICE: 'secret-looking-value-123' });
    expect(r.invalid[0]).toContain('CURRENT_PRICE');
    expect(r.invalid[0]).not.toContain('secret-looking-value-123');
  });
});

describe('newestPerToken and assemble', () => {
  it('keeps the newest row per token whatever the order, and only wanted tokens', () => {
    const rows = parseRows(
      'daily',
      [
        { ...id, DATE: '2025-01-01', TRADING_SIGNAL: 1, TOKEN_TREND: 1 },
        { ...id, DATE: '2025-01-03', TRADING_SIGNAL: -1, TOKEN_TREND: -1 },
        { ...id, DATE: '2025-01-02', TRADING_SIGNAL: 0, TOKEN_TREND: 1 },
        { ...id, TOKEN_ID: 2, DATE: '2025-01-02', TRADING_SIGNAL: 0, TOKEN_TREND: 1 },
      ],
      () => undefined,
    );
    const newest = newestPerToken(rows, new Set([1]));
    expect([...newest.keys()]).toEqual([1]);
    expect(newest.get(1)?.part.signal).toBe(-1);
  });

  it('merges kinds into observations and falls back for missing names', () => {
    const price = newestPerToken(
      parseRows(
        'price',
        [
          { TOKEN_ID: 1, CURRENT_PRICE: 2 },
          { ...id, TOKEN_ID: 2, CURRENT_PRICE: 3 },
        ],
        () => undefined,
      ),
    );
    const grade = newestPerToken(parseRows('grade', [{ ...id, TM_GRADE_SIGNAL: 'Buy' }], () => undefined));
    const obs = assemble({ price, grade }, (tid) => (tid === 2 ? { symbol: 'BBB', name: 'Bbb' } : undefined));
    expect(obs.get(1)).toEqual({
      tokenId: 1,
      symbol: 'AAA',
      name: 'Aaa',
      price: { price: 2 },
      grade: { signal: 'Buy' },
    });
    expect(obs.get(2)).toEqual({ tokenId: 2, symbol: 'BBB', name: 'Bbb', price: { price: 3 } });
    const bare = assemble({
      price: newestPerToken(parseRows('price', [{ TOKEN_ID: 9, CURRENT_PRICE: 1 }], () => undefined)),
    });
    expect(bare.get(9)).toMatchObject({ symbol: '#9', name: '#9' });
  });
});
