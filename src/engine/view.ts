import type { TokenView } from '../domain/view.js';
import type { TokenState } from './types.js';

type ViewLevel = TokenView['levels'][number];

/**
 * What /levels and /signal show. Levels need a price to be classified (support below it, resistance above
 * it), so without a known price the list is empty. Levels are sorted highest first with the signed
 * distance from price (+ above, − below) in percent, rounded to 2 decimals.
 */
export function viewOf(state: TokenState): TokenView {
  const price = state.price?.value;
  const levels: ViewLevel[] = [];
  if (price !== undefined && state.levels) {
    for (const l of state.levels.items) {
      const distancePct = Math.round(((l.level - price) / price) * 1e4) / 100;
      levels.push({
        level: l.level,
        side: l.level > price ? 'resistance' : 'support',
        strength: l.strength,
        distancePct,
      });
    }
    levels.sort((a, b) => b.level - a.level);
  }
  const { daily, hourly, metrics, grade } = state;
  return {
    tokenId: state.tokenId,
    symbol: state.symbol,
    name: state.name,
    updatedAt: state.updatedAt,
    levels,
    ...(state.url === undefined ? {} : { url: state.url }),
    ...(price === undefined ? {} : { price }),
    ...(daily ? { daily: { signal: daily.signal, trend: daily.trend, date: daily.date } } : {}),
    ...(hourly
      ? { hourly: { signal: hourly.signal, position: hourly.position, timestamp: hourly.timestamp } }
      : {}),
    ...(metrics ? { metrics: metrics.values } : {}),
    ...(grade
      ? {
          grade:
            grade.grade === undefined
              ? { signal: grade.signal }
              : { signal: grade.signal, grade: grade.grade },
        }
      : {}),
  };
}
