/**
 * Contract tests: the parser on payloads shaped after the public clients (MCP server types, the
 * Chainlink adapter, captured community payloads) in both casings the API has used: v2 UPPERCASE and
 * the lowercase snake_case of the current guides. Every row is validated; bad ones are dropped and counted.
 */
import { describe, expect, it } from 'vitest';
import type { DataKind } from '#src/domain/market.js';
import { canonicalKey, canonicalRow, parseRows } from '#src/market/parse.js';

const UPPER: Record<DataKind, Record<string, unknown>> = {
  price: { TOKEN_ID: 3375, TOKEN_NAME: 'Bitcoin', TOKEN_SYMBOL: 'BTC', CURRENT_PRICE: 95123.45 },
  // Captured payload: a stray lowercase tm_link next to TM_LINK.
  daily: {
    TOKEN_ID: 3375,
    TOKEN_NAME: 'Bitcoin',
    TOKEN_SYMBOL: 'BTC',
    DATE: '2025-04-10T00:00:00.000Z',
    TRADING_SIGNAL: 0,
    TOKEN_TREND: -1,
    TRADING_SIGNALS_RETURNS: 45098.7035,
    HOLDING_RETURNS: 7559.6422,
    tm_link: 'bitcoin',
    TM_TRADER_GRADE: 26.48,
    TM_LINK: 'https://app.tokenmetrics.com/en/bitcoin',
  },
  hourly: {
    TIMESTAMP: '2025-09-01T14:00:00.000Z',
    TOKEN_ID: 3375,
    TOKEN_NAME: 'Bitcoin',
    TOKEN_SYMBOL: 'BTC',
    CLOSE: 109245.12,
    SIGNAL: '1',
    POSITION: '1',
  },
  levels: {
    TOKEN_ID: 3375,
    TOKEN_NAME: 'Bitcoin',
    TOKEN_SYMBOL: 'BTC',
    DATE: '2025-09-01T00:00:00.000Z',
    HISTORICAL_RESISTANCE_SUPPORT_LEVELS: [
      { date: '2021-04-14', level: 64863.1 },
      { date: '2024-12-17', level: '108268.45' },
    ],
  },
  quant: {
    TOKEN_ID: 3375,
    TOKEN_NAME: 'Bitcoin',
    TOKEN_SYMBOL: 'BTC',
    DATE: '2025-09-01T00:00:00.000Z',
    SHARPE: 1.12,
    SORTINO: '1.68',
    MAX_DRAWDOWN: -0.77,
  },
  grade: {
    TOKEN_ID: 3375,
    TOKEN_NAME: 'Bitcoin',
    TOKEN_SYMBOL: 'BTC',
    FUNDAMENTAL_GRADE: '84.31',
    TM_GRADE: '61.27',
    TM_GRADE_24h_PCT_CHANGE: '3.42',
    TM_GRADE_SIGNAL: 'Buy',
    MOMENTUM: 'Gaining Momentum',
  },
};

/** The same rows as the current guides spell them: lowercase snake_case (level items unchanged). */
function lower(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => k !== 'tm_link')
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
}

const KINDS = Object.keys(UPPER) as DataKind[];

describe('field names in any case', () => {
  it('canonical keys: UPPER, lower, snake and camel spellings meet', () => {
    expect(['TOKEN_ID', 'token_id', 'tokenId', 'TokenId'].map(canonicalKey)).toEqual(
      Array(4).fill('TOKEN_ID'),
    );
    expect(canonicalKey('TM_GRADE_24h_PCT_CHANGE')).toBe('TM_GRADE_24H_PCT_CHANGE');
    // The canonical spelling wins when both are present.
    expect(canonicalRow({ tm_link: 'bitcoin', TM_LINK: 'https://x' })).toEqual({ TM_LINK: 'https://x' });
    expect(canonicalRow({ TM_LINK: 'https://x', tm_link: 'bitcoin' })).toEqual({ TM_LINK: 'https://x' });
  });

  it.each(KINDS)('%s: UPPERCASE and lowercase fixtures parse to the same row', (kind) => {
    const bad: string[] = [];
    const a = parseRows(kind, [UPPER[kind]], (_k, r) => bad.push(r));
    const b = parseRows(kind, [lower(UPPER[kind])], (_k, r) => bad.push(r));
    expect(bad).toEqual([]);
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
    expect(a[0]?.tokenId).toBe(3375);
  });

  it('numbers sent as strings are coerced; non-numbers still drop the row and are counted', () => {
    const bad: string[] = [];
    const rows = parseRows(
      'price',
      [
        { token_id: '3375', current_price: '95123.45' },
        { token_id: '3306', current_price: 'n/a' },
        { TOKEN_ID: 3988, CURRENT_PRICE: -1 },
        'not a row',
      ],
      (_k, r) => bad.push(r),
    );
    expect(rows.map((r) => [r.tokenId, r.part.price])).toEqual([[3375, 95123.45]]);
    expect(bad).toHaveLength(3);
  });

  it('camelCase rows (some community clients re-key them) parse too', () => {
    const rows = parseRows(
      'daily',
      [{ tokenId: 1, date: '2025-01-01', tradingSignal: 1, tokenTrend: 1 }],
      () => {},
    );
    expect(rows[0]?.part).toMatchObject({ signal: 1, trend: 1 });
  });
});
