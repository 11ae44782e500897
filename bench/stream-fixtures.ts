import type { FetchRequest, MarketSource, TokenObservation } from '#src/domain/market.js';
import type { TokenId } from '#src/domain/types.js';

/**
 * Shared by the live-price benchmarks: a Token Metrics stand-in whose tokens each have a strong
 * resistance at `resistance` and a strong support at `support`, at a price the benchmark sets per token
 * (the price a poll would see).
 */
export interface LevelMarket extends MarketSource {
  readonly prices: Map<TokenId, number>;
  /** Token Metrics calls made, by kind (a price poll is a call with 'price' among its kinds). */
  readonly calls: FetchRequest[];
}

/** Three levels 0.1% apart: one strong cluster. */
export const strongLevels = (level: number) => [
  { level: level * 0.999, date: '2025-12-10' },
  { level, date: '2025-11-01' },
  { level: level * 1.001, date: '2025-10-02' },
];

export function levelMarket(opts: {
  readonly symbolOf: (id: TokenId) => string;
  readonly resistance: number;
  readonly support: number;
  readonly price: number;
}): LevelMarket {
  const prices = new Map<TokenId, number>();
  const calls: FetchRequest[] = [];
  const levels = [...strongLevels(opts.resistance), ...strongLevels(opts.support)];
  return {
    prices,
    calls,
    async fetch(req) {
      calls.push(req);
      const out = new Map<TokenId, TokenObservation>();
      for (const id of req.tokenIds) {
        const symbol = opts.symbolOf(id);
        out.set(id, {
          tokenId: id,
          symbol,
          name: `Token ${symbol}`,
          ...(req.kinds.includes('price') ? { price: { price: prices.get(id) ?? opts.price } } : {}),
          ...(req.kinds.includes('levels') ? { levels: { levels } } : {}),
        });
      }
      return out;
    },
  };
}

/** Quantile of sorted numbers (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Prints rows as an aligned three-column table (label, value, note). */
export function printTable(rows: ReadonlyArray<readonly [string, string, string]>): void {
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(...rows.map((r) => r[1].length));
  for (const [k, val, note] of rows) process.stdout.write(`${k.padEnd(w)}  ${val.padStart(v)}  ${note}\n`);
}
