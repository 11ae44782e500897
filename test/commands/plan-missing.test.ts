import { describe, expect, it } from 'vitest';
import type { DataKind } from '#src/domain/market.js';
import type { TokenView } from '#src/domain/view.js';
import { call, fakeMarket, makeCtx, makeDeps, memoryCommandStore, text } from './fakes.js';

const SOL: TokenView = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  price: 142.37,
  levels: [],
  daily: { signal: 1, trend: 1, date: '2026-11-27T00:00:00.000Z' },
};

const deps = (down: DataKind[]) =>
  makeDeps(memoryCommandStore(), {
    market: { ...fakeMarket(new Map([[3988, SOL]])), unavailable: () => down },
  });

describe('commands that need data the API plan refuses say so', () => {
  it('/levels without the resistance-support endpoint', async () => {
    const r = await call(makeCtx(), deps(['levels']), 'levels', { symbol: 'SOL' });
    expect(r.kind).toBe('info');
    expect(text(r)).toContain('Support/resistance levels are not available on this API plan.');
  });

  it('/signal shows what it has and names what the plan lacks', async () => {
    const r = await call(makeCtx(), deps(['grade']), 'signal', { symbol: 'SOL' });
    expect(r.kind).toBe('ok');
    expect(text(r)).toContain('Daily: trend');
    expect(text(r)).toContain('TM grades are not available on this API plan.');
  });

  it('nothing refused: replies as before', async () => {
    const r = await call(makeCtx(), deps([]), 'signal', { symbol: 'SOL' });
    expect(text(r)).not.toContain('not available');
  });
});
