import { partValueWords } from '#src/delivery/describe-price.js';
import { formatDuration } from '#src/domain/format.js';
import type { ConditionPart, PriceAlert } from '#src/domain/price-alerts.js';
import { describePart } from '#src/domain/price-alerts.js';
import type { Destination, TokenInfo } from '#src/domain/types.js';
import type { TokenState } from '#src/engine/index.js';
import { factsOf, type PartContext, partHolds, partValue } from '#src/engine/rules/conditions.js';
import { movesAt } from '#src/engine/rules/move-window.js';
import type { Translate } from '#src/i18n/catalog.js';
import type { CommandDeps } from './types.js';

/** The value a part is judged on, in the reply's language: the alerts' own wording of the engine's value. */
export function partValueText(p: ConditionPart, ctx: PartContext, t: Translate): string {
  return partValueWords(partValue(p, ctx), t);
}

/** Each part as written, with its worded value and whether it holds (the engine's `readings`, worded). */
function readings(a: PriceAlert, ctx: PartContext, t: Translate) {
  return a.condition.parts.map((p) => ({
    part: describePart(p),
    value: partValueText(p, ctx, t),
    holds: partHolds(p, ctx),
  }));
}

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
  t: Translate,
): Promise<string[]> {
  const store = deps.store.priceAlerts;
  if (!store) return [];
  const mine = (await store.list(d)).filter((a) => a.tokenId === token.tokenId);
  const symbol = token.symbol;
  if (mine.length === 0) return [t('why-alerts-none', { symbol })];
  const ctx = await contextNow(mine, state, deps, now);
  const lines = [t('why-alerts-head', { symbol, count: mine.length })];
  for (const a of mine) {
    const rs = readings(a, ctx, t);
    const all = rs.every((r) => r.holds === true);
    // `once` / `every` stay as typed: they are the keywords of /alert.
    const repeat =
      a.lastFiredAt === undefined
        ? a.repeat
        : t('why-alerts-fired', { repeat: a.repeat, ago: formatDuration(now - a.lastFiredAt) });
    const holds = t(all ? 'why-alerts-holds' : 'why-alerts-not-holds');
    lines.push(`  ${a.id} ${a.condition.text} (${repeat}): ${holds}`);
    for (const r of rs) {
      const mark = r.holds === true ? '✓' : r.holds === false ? '✗' : '?';
      lines.push(`    ${mark} ${r.part}: ${r.value}`);
    }
  }
  if (mine.some((a) => a.condition.parts.every((p) => partHolds(p, ctx) === true))) {
    lines.push(`  ${t('why-alerts-edge')}`);
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
