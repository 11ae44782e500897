import { describe, expect, it } from 'vitest';
import {
  assignPairs,
  candidatesFor,
  choiceKey,
  exchangeIdsOf,
  type InstrumentIndex,
  indexInstruments,
  listedExchanges,
  type PairChoice,
  parseOverrides,
  type TokenRef,
} from '#src/market/streams/mapping.js';
import type { ExchangeId, Instrument } from '#src/market/streams/types.js';

const inst = (exchange: ExchangeId, pair: string, base: string, quote: string, scale = 1): Instrument => ({
  exchange,
  pair,
  base,
  quote,
  scale,
});

const INDEXES = new Map<ExchangeId, InstrumentIndex>([
  [
    'binance',
    indexInstruments([
      inst('binance', 'SOLUSDT', 'SOL', 'USDT'),
      inst('binance', 'SOLUSDC', 'SOL', 'USDC'),
      inst('binance', 'SOLEUR', 'SOL', 'EUR'),
      inst('binance', '1000SATSUSDT', 'SATS', 'USDT', 1000),
      inst('binance', 'ETHBTC', 'ETH', 'BTC'),
    ]),
  ],
  [
    'coinbase',
    indexInstruments([inst('coinbase', 'SOL-USD', 'SOL', 'USD'), inst('coinbase', 'ETH-USD', 'ETH', 'USD')]),
  ],
  ['kraken', indexInstruments([inst('kraken', 'BTC/USD', 'BTC', 'USD')])],
]);
const PREFS: ExchangeId[] = ['binance', 'coinbase', 'okx', 'kraken'];
const pairs = (cs: PairChoice[]) => cs.map((c) => `${c.exchange}:${c.pair}/${c.scale}`);

describe('candidatesFor', () => {
  const cases: Array<[string, TokenRef, string[]]> = [
    [
      'exchange preference, then quote preference (USDT before USDC)',
      { tokenId: 1, symbol: 'SOL', exchanges: ['binance', 'gdax'] },
      ['binance:SOLUSDT/1', 'coinbase:SOL-USD/1'],
    ],
    [
      'only exchanges in EXCHANGE_LIST',
      { tokenId: 1, symbol: 'SOL', exchanges: ['coinbase'] },
      ['coinbase:SOL-USD/1'],
    ],
    [
      'unknown EXCHANGE_LIST: every exchange may be tried',
      { tokenId: 1, symbol: 'sol' },
      ['binance:SOLUSDT/1', 'coinbase:SOL-USD/1'],
    ],
    ['empty EXCHANGE_LIST: none', { tokenId: 1, symbol: 'SOL', exchanges: [] }, []],
    ['non-USD quotes never count (ETHBTC)', { tokenId: 2, symbol: 'ETH', exchanges: ['binance'] }, []],
    [
      'a 1000… pair carries its scale',
      { tokenId: 3, symbol: 'SATS', exchanges: ['binance'] },
      ['binance:1000SATSUSDT/1000'],
    ],
    ['Binance US is not Binance', { tokenId: 1, symbol: 'SOL', exchanges: ['binance_us'] }, []],
    ['Kraken spells BTC', { tokenId: 4, symbol: 'BTC', exchanges: ['kraken'] }, ['kraken:BTC/USD/1']],
  ];
  it.each(cases)('%s', (_n, token, want) => {
    expect(pairs(candidatesFor(token, INDEXES, PREFS))).toEqual(want);
  });

  it('the preference order decides between exchanges', () => {
    expect(pairs(candidatesFor({ tokenId: 1, symbol: 'SOL' }, INDEXES, ['coinbase', 'binance']))).toEqual([
      'coinbase:SOL-USD/1',
      'binance:SOLUSDT/1',
    ]);
  });

  it('an override replaces the candidates; forbid empties them; an unknown pair gives none', () => {
    const t: TokenRef = { tokenId: 9, symbol: 'MATIC', exchanges: ['binance'] };
    expect(
      pairs(candidatesFor(t, INDEXES, PREFS, { kind: 'pair', exchange: 'coinbase', pair: 'ETH-USD' })),
    ).toEqual(['coinbase:ETH-USD/1']);
    expect(candidatesFor({ tokenId: 1, symbol: 'SOL' }, INDEXES, PREFS, { kind: 'forbid' })).toEqual([]);
    expect(candidatesFor(t, INDEXES, PREFS, { kind: 'pair', exchange: 'binance', pair: 'NOPEUSDT' })).toEqual(
      [],
    );
  });
});

describe('EXCHANGE_LIST', () => {
  it('reads exchange_id from objects and strings, skips the rest', () => {
    expect(
      exchangeIdsOf([{ exchange_id: 'binance', exchange_name: 'Binance' }, 'okex', 3, null, {}]),
    ).toEqual(['binance', 'okex']);
  });
  it('maps Token Metrics spellings to our exchanges', () => {
    expect([
      ...listedExchanges({ tokenId: 1, symbol: 'X', exchanges: ['OKEX', 'coinbase_exchange', 'bybit_spot'] }),
    ]).toEqual(['coinbase', 'okx']);
  });
});

describe('assignPairs', () => {
  const a: PairChoice = { exchange: 'binance', pair: 'SOLUSDT', scale: 1, quote: 'USDT' };
  const b: PairChoice = { exchange: 'coinbase', pair: 'SOL-USD', scale: 1, quote: 'USD' };
  const cands = new Map([
    [1, [a, b]],
    [2, [a]],
  ]);
  it('first candidate on an available exchange that the gate did not reject', () => {
    const all = () => true;
    expect(assignPairs(cands, all, new Set()).get(1)).toBe(a);
    expect(assignPairs(cands, (x) => x !== 'binance', new Set()).get(1)).toBe(b);
    expect(assignPairs(cands, all, new Set([choiceKey(1, a)])).get(1)).toBe(b);
    // Rejection is per token: token 2 keeps the pair token 1 was refused.
    expect(assignPairs(cands, all, new Set([choiceKey(1, a)])).get(2)).toBe(a);
    expect(assignPairs(cands, all, new Set([choiceKey(2, a)])).has(2)).toBe(false);
  });
});

describe('parseOverrides', () => {
  it('maps, forbids and reports bad entries without stopping', () => {
    const r = parseOverrides({
      '3988': 'binance:solusdt',
      '77': null,
      '78': 'none',
      abc: 'binance:SOLUSDT',
      '79': 'bybit:SOLUSDT',
      '80': 42,
    });
    expect(new Map(r.overrides)).toEqual(
      new Map<number, unknown>([
        [3988, { kind: 'pair', exchange: 'binance', pair: 'SOLUSDT' }],
        [77, { kind: 'forbid' }],
        [78, { kind: 'forbid' }],
      ]),
    );
    expect(r.problems).toHaveLength(3);
  });
  it('a file that is not an object is one problem', () => {
    expect(parseOverrides([1, 2]).problems).toEqual(['PRICE_MAP_FILE must hold a JSON object']);
  });
});

describe('token directory keeps EXCHANGE_LIST ids', () => {
  it('exchangesOf gives the ids after a load, undefined for a row without the list', async () => {
    const { createTokenDirectory } = await import('#src/market/directory.js');
    const dir = createTokenDirectory({
      lister: {
        listPage: async () => [
          {
            TOKEN_ID: 3988,
            TOKEN_SYMBOL: 'SOL',
            EXCHANGE_LIST: [{ exchange_id: 'binance' }, { exchange_id: 'gdax' }],
          },
          { TOKEN_ID: 77001, TOKEN_SYMBOL: 'SOL' },
        ],
        bySymbol: async () => [],
        byId: async () => [],
      },
    });
    await dir.resolve('SOL');
    expect(dir.exchangesOf(3988)).toEqual(['binance', 'gdax']);
    expect(dir.exchangesOf(77001)).toBeUndefined();
  });
});
