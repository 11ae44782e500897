import { describe, expect, it } from 'vitest';
import { createTokenDirectory, pickToken, type TokenLister } from '#src/market/index.js';

const row = (id: number, symbol: string, name: string, exchanges: number, link = true) => ({
  TOKEN_ID: id,
  TOKEN_SYMBOL: symbol,
  TOKEN_NAME: name,
  EXCHANGE_LIST: Array.from({ length: exchanges }, (_, i) => ({ exchange_id: `x${i}` })),
  ...(link ? { TM_LINK: `https://app.tokenmetrics.com/en/${name.toLowerCase()}` } : {}),
});

const LISTING = [
  row(40102, 'BTC', 'allBTC', 1),
  row(3375, 'BTC', 'Bitcoin', 5),
  row(3306, 'ETH', 'Ethereum', 4),
  row(9001, 'ETHW', 'EthereumPoW', 2),
  row(9002, 'ETHFI', 'EtherFi', 2),
  row(9100, 'DUP', 'Dup High', 3),
  row(9050, 'DUP', 'Dup Low', 3),
  row(9200, 'sol', 'Lowercase sol', 1),
  row(3988, 'SOL', 'Solana', 1),
  { TOKEN_ID: 'nope', TOKEN_SYMBOL: 'BAD' },
  { TOKEN_ID: 77, TOKEN_NAME: 'No symbol' },
  { TOKEN_ID: 78, SYMBOL: 'ALT', NAME: 'Alt spelling', EXCHANGE_LIST: [] },
];
const EXTRA = [row(5555, 'RARE', 'Rare Token', 1)];

function lister(rows: unknown[] = LISTING) {
  const calls: string[] = [];
  const l: TokenLister = {
    async listPage(page, limit) {
      calls.push(`list:${page}:${limit}`);
      return rows.slice((page - 1) * limit, page * limit);
    },
    async bySymbol(symbol) {
      calls.push(`symbol:${symbol}`);
      // Like the API: the whole database, not just the pages loaded.
      return [...rows, ...EXTRA].filter(
        (r) => String((r as { TOKEN_SYMBOL?: unknown }).TOKEN_SYMBOL).toUpperCase() === symbol.toUpperCase(),
      );
    },
    async byId(id) {
      calls.push(`id:${id}`);
      return EXTRA.filter((r) => r.TOKEN_ID === id);
    },
  };
  return { l, calls };
}

describe('token directory', () => {
  it.each<[string, number | undefined, string]>([
    ['btc', 3375, 'most exchanges wins over listing order'],
    ['BTC', 3375, 'case-insensitive'],
    ['DUP', 9050, 'tie on exchanges → lowest TOKEN_ID'],
    ['sol', 3988, 'case never matters: tie on exchanges → lowest TOKEN_ID'],
    ['SOL', 3988, 'same answer in upper case'],
    ['alt', 78, 'SYMBOL/NAME spellings'],
    ['RARE', 5555, 'not in the list: resolved with ?symbol='],
    ['NONE', undefined, 'unknown'],
    ['bad symbol!', undefined, 'refused without a call'],
  ])('resolve(%j) → %s (%s)', async (asked, id) => {
    const { l } = lister();
    const dir = createTokenDirectory({ lister: l, pageLimit: 4 });
    expect((await dir.resolve(asked))?.tokenId).toBe(id);
  });

  it('pickToken is deterministic whatever the input order', () => {
    const a = { info: { tokenId: 2, symbol: 'X', name: 'a' }, exchanges: 3 };
    const b = { info: { tokenId: 1, symbol: 'X', name: 'b' }, exchanges: 3 };
    const c = { info: { tokenId: 0, symbol: 'X', name: 'c' }, exchanges: 1 };
    expect(pickToken([a, b, c], 'x')?.info.tokenId).toBe(1);
    expect(pickToken([c, b, a], 'x')?.info.tokenId).toBe(1);
    const fuzzy = { info: { tokenId: 5, symbol: 'XX', name: 'looser match' }, exchanges: 9 };
    expect(pickToken([fuzzy, c], 'x')?.info.tokenId).toBe(0);
    expect(pickToken([fuzzy], 'x')).toBeUndefined();
  });

  it('loads lazily, pages until a short page, and caches for a day', async () => {
    const { l, calls } = lister();
    let now = 0;
    const dir = createTokenDirectory({ lister: l, pageLimit: 4, now: () => now });
    expect(calls).toEqual([]);
    await Promise.all([dir.resolve('ETH'), dir.resolve('BTC')]);
    // 12 rows, 4 a page: three full pages, then an empty one ends the listing.
    expect(calls).toEqual(['list:1:4', 'list:2:4', 'list:3:4', 'list:4:4']);
    now = 86_400_000 - 1;
    await dir.resolve('ETH');
    expect(calls).toHaveLength(4);
    now = 86_400_000;
    await dir.resolve('ETH');
    expect(calls).toHaveLength(8);
  });

  it('caps the pages loaded up front', async () => {
    const { l, calls } = lister();
    const dir = createTokenDirectory({ lister: l, pageLimit: 2, maxPages: 2 });
    // DUP is on page 3, beyond the cap: resolved with one ?symbol= call, same rule (tie → lowest id).
    expect((await dir.resolve('DUP'))?.tokenId).toBe(9050);
    expect(calls).toEqual(['list:1:2', 'list:2:2', 'symbol:DUP']);
  });

  it('remembers misses for an hour so typos cost one call', async () => {
    const { l, calls } = lister();
    let now = 0;
    const dir = createTokenDirectory({ lister: l, now: () => now });
    await dir.resolve('NOPE');
    await dir.resolve('nope');
    expect(calls.filter((c) => c.startsWith('symbol'))).toHaveLength(1);
    now = 3_600_000;
    await dir.resolve('NOPE');
    expect(calls.filter((c) => c.startsWith('symbol'))).toHaveLength(2);
  });

  it('search: prefix match, exact symbol first, one token per symbol, in listing order', async () => {
    const { l } = lister();
    const dir = createTokenDirectory({ lister: l });
    expect((await dir.search('eth', 10)).map((t) => t.symbol)).toEqual(['ETH', 'ETHW', 'ETHFI']);
    expect((await dir.search('ETH', 2)).map((t) => t.tokenId)).toEqual([3306, 9001]);
    expect((await dir.search('b', 10)).map((t) => t.tokenId)).toEqual([3375]);
    expect(await dir.search('zzz', 10)).toEqual([]);
  });

  it('byId: cached, else looked up once', async () => {
    const { l, calls } = lister();
    const dir = createTokenDirectory({ lister: l });
    expect(await dir.byId(3306)).toEqual({
      tokenId: 3306,
      symbol: 'ETH',
      name: 'Ethereum',
      url: 'https://app.tokenmetrics.com/en/ethereum',
    });
    expect((await dir.byId(5555))?.symbol).toBe('RARE');
    expect(await dir.byId(1)).toBeUndefined();
    expect(await dir.byId(1)).toBeUndefined();
    expect(calls.filter((c) => c.startsWith('id'))).toEqual(['id:5555', 'id:1']);
  });

  it('reports invalid /tokens rows and keeps serving a stale list when a reload fails', async () => {
    const invalid: string[] = [];
    let fail = false;
    let now = 0;
    const base = lister().l;
    const dir = createTokenDirectory({
      lister: {
        ...base,
        listPage: async (page, limit) => {
          if (fail) throw new Error('down');
          return base.listPage(page, limit);
        },
      },
      now: () => now,
      onInvalid: (r) => invalid.push(r),
    });
    expect((await dir.resolve('BTC'))?.tokenId).toBe(3375);
    expect(invalid).toHaveLength(2);
    expect(invalid.join()).not.toContain('nope');
    fail = true;
    now = 2 * 86_400_000;
    expect((await dir.resolve('BTC'))?.tokenId).toBe(3375);
  });

  it('a failed first load propagates', async () => {
    const dir = createTokenDirectory({
      lister: { ...lister().l, listPage: async () => Promise.reject(new Error('down')) },
    });
    await expect(dir.resolve('BTC')).rejects.toThrow('down');
  });
});
