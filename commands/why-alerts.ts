import { formatDuration } from '#src/domain/format.js';
import type { PriceAlert } from '#src/domain/price-alerts.js';
import type { Destination, TokenInfo } from '#src/domain/types.js';
import type { TokenState } from '#src/engine/index.js';
import { factsOf, type PartContext, readings } from '#src/engine/rules/conditions.js';
import { movesAt } from '#src/engine/rules/move-window.js';
import type { CommandDeps } from './types.js';

/**
 * /why's lines about the place's own price alerts on the token (issue 21): each alert's condition as
 * written and, part by part, whether it holds now and on what value. Judged by the engine's own rules
 * (conditions.ts) on the token's stored state and, for move parts, one read of the price history.
 */
export async function priceAlertLines(
  d: Destination,
  token: TokenInfo,
  state: TokenState | undefined,
  deps: CommandDeps,
  now: number,
): Promise<string[]> {
  const store = deps.store.priceAlerts;
  if (!store) return [];
  const mine = (await store.list(d)).filter((a) => a.tokenId === token.tokenId);
  if (mine.length === 0)
    return [`Price alerts on ${token.symbol} here: none (e.g. /alert ${token.symbol} above 210)`];
  const ctx = await contextNow(mine, state, deps, now);
  const lines = [`Price alerts on ${token.symbol} here (${mine.length}):`];
  for (const a of mine) {
    const rs = readings(a.condition, ctx);
    const all = rs.every((r) => r.holds === true);
    const fired =
      a.lastFiredAt === undefined ? '' : `, last fired ${formatDuration(now - a.lastFiredAt)} ago`;
    lines.push(
      `  ${a.id} ${a.condition.text} (${a.repeat}${fired}): ${all ? 'holds now' : 'does not hold now'}`,
    );
    for (const r of rs) {
      const mark = r.holds === true ? '✓' : r.holds === false ? '✗' : '?';
      lines.push(`    ${mark} ${r.part}: ${r.value}`);
    }
  }
  if (mine.some((a) => readings(a.condition, ctx).every((r) => r.holds === true))) {
    lines.push('  An alert that holds now fires the next time it becomes true again (after being false).');
  }
  return lines;
}

/** The price and facts of the stored state, and the move of each window from one history read. */
async function contextNow(
  alerts: readonly PriceAlert[],
  state: TokenState | undefined,
  deps: CommandDeps,
  now: number,
): Promise<PartContext> {
  const price = state?.price?.value;
  const windows = [
    ...new Set(
      alerts.flatMap((a) => a.condition.parts.flatMap((p) => (p.kind === 'move' ? [p.windowMs] : []))),
    ),
  ];
  const history = deps.store.priceHistory;
  let moves = new Map<number, ReturnType<PartContext['move']>>();
  if (windows.length > 0 && history && price !== undefined) {
    const series = await history.range(state?.tokenId ?? 0, now - Math.max(...windows), now).catch(() => []);
    moves = movesAt(series, windows, now, price);
  }
  return { price, move: (w) => moves.get(w), facts: factsOf(state) };
}
