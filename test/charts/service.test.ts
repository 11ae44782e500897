import { describe, expect, it } from 'vitest';
import { chartService } from '#src/charts/index.js';
import type { TokenView } from '#src/domain/view.js';
import { openSqliteStore } from '#src/store/index.js';
import { decodePng } from '../support/png.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);

describe('chart service', () => {
  it('draws from the stored history and view, once per token and minute', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const samples = Array.from({ length: 200 }, (_, i) => ({
      tokenId: 1,
      t: NOW - i * 30 * 60_000,
      price: 190 + (i % 20),
    }));
    await store.priceHistory.record(samples);
    let reads = 0;
    const view: TokenView = {
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      price: 195,
      updatedAt: NOW,
      levels: [
        { level: 210, side: 'resistance', strength: 90, distancePct: 7 },
        { level: 185, side: 'support', strength: 20, distancePct: -5 },
      ],
    };
    const svc = chartService({
      history: {
        range: (...a) => {
          reads++;
          return store.priceHistory.range(...a);
        },
      },
      view: async () => view,
    });
    const sends = await Promise.all(
      Array.from({ length: 1000 }, () =>
        svc.levelChart({
          tokenId: 1,
          symbol: 'SOL',
          level: 210,
          strength: 90,
          caption: 'approach of resistance',
          at: NOW,
        }),
      ),
    );
    expect(svc.cache.renders()).toBe(1);
    expect(reads).toBe(1);
    expect(sends[0]?.filename).toBe('sol-7d.png');
    expect(decodePng(sends[0]?.png ?? new Uint8Array()).width).toBe(800);
    const chart = await svc.tokenChart({ tokenId: 1, symbol: 'S/O<L>', range: '24h', now: NOW });
    expect(chart.filename).toBe('sol-24h.png');
    expect(svc.cache.renders()).toBe(2);
    await store.close();
  });

  it("marks the alert's own price as now, not the stored view's", async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.priceHistory.record(
      Array.from({ length: 100 }, (_, i) => ({ tokenId: 1, t: NOW - i * 3_600_000, price: 190 + (i % 7) })),
    );
    const view: TokenView = {
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      price: 191,
      updatedAt: NOW,
      levels: [],
    };
    const req = {
      tokenId: 1,
      symbol: 'SOL',
      level: 200,
      strength: 80,
      caption: 'touch of resistance',
      at: NOW,
    };
    const draw = (price?: number) =>
      chartService({ history: store.priceHistory, view: async () => view }).levelChart(
        price === undefined ? req : { ...req, price },
      );
    const [fromView, same, alertPrice] = await Promise.all([draw(), draw(191), draw(199.6)]);
    // The view's price and an equal alert price draw the same marker; another alert price moves it.
    expect(Buffer.from(same.png).equals(Buffer.from(fromView.png))).toBe(true);
    expect(Buffer.from(alertPrice.png).equals(Buffer.from(fromView.png))).toBe(false);
    await store.close();
  });
});
