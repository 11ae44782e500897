import type { TokenDirectory } from '#src/domain/market.js';
import type { TokenInfo } from '#src/domain/types.js';

/**
 * An in-memory TokenDirectory over a fixed token list (case-insensitive symbols, prefix search), for
 * tests that need symbol resolution without the Token Metrics client. `calls` records resolve() input.
 */
export function memoryDirectory(tokens: readonly TokenInfo[]): TokenDirectory & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async resolve(symbol) {
      calls.push(symbol);
      return tokens.find((t) => t.symbol.toLowerCase() === symbol.toLowerCase());
    },
    async search(prefix, limit) {
      return tokens.filter((t) => t.symbol.toLowerCase().startsWith(prefix.toLowerCase())).slice(0, limit);
    },
    async byId(id) {
      return tokens.find((t) => t.tokenId === id);
    },
  };
}
