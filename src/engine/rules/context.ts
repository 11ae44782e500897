import type { TokenId } from '../../domain/types.js';

/** What every rule needs to stamp an event. */
export interface RuleContext {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url: string | undefined;
  /** Tick time: goes into `at` and into the new state, never into ids. */
  readonly now: number;
  /** When the price the rules use was seen, epoch ms (undefined: no price known). Never in ids. */
  readonly priceAt?: number | undefined;
  /** Where that price came from when not Token Metrics (`Binance SOL/USDT`). Never in ids. */
  readonly priceSource?: string | undefined;
}

/** The price's time and source for an event that carries a price (fields only when known). */
export function priceStamp(ctx: RuleContext): { priceAt?: number; priceSource?: string } {
  if (ctx.priceAt === undefined) return {};
  return ctx.priceSource === undefined
    ? { priceAt: ctx.priceAt }
    : { priceAt: ctx.priceAt, priceSource: ctx.priceSource };
}

/** The fields every event shares (url only when known: exactOptionalPropertyTypes). */
export function eventBase(
  ctx: RuleContext,
  id: string,
  priority: number,
): {
  id: string;
  tokenId: TokenId;
  symbol: string;
  name: string;
  at: number;
  priority: number;
  url?: string;
} {
  const base = { id, tokenId: ctx.tokenId, symbol: ctx.symbol, name: ctx.name, at: ctx.now, priority };
  return ctx.url === undefined ? base : { ...base, url: ctx.url };
}

/** Rounds a percent for display fields (4 decimals) so events stay compact and stable. */
export function round4(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
