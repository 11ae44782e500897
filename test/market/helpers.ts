import { Writable } from 'node:stream';
import type { Scenario, ScenarioToken } from '#src/market/index.js';
import { createLogger, type Logger } from '#src/obs/logger.js';

/** A logger whose output lines are kept in `lines` (JSON strings). */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/** A scenario with `n` plain tokens (ids 1..n), for batching and paging tests. */
export function bigScenario(n: number): Scenario {
  const tokens: ScenarioToken[] = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    symbol: `T${i + 1}`,
    name: `Token ${i + 1}`,
    slug: `token-${i + 1}`,
    exchanges: ['binance'],
    price: [10 + i, 11 + i],
    daily: { before: { signal: 0, trend: 1 }, after: { signal: 1, trend: 1 } },
    hourly: { before: { signal: 0, position: 1 } },
    levels: [{ level: 5, daysAgo: 10 }],
    sharpe: [1, 1],
    grade: { before: { signal: 'Buy', grade: 60, momentum: 'Holding Steady' } },
  }));
  return { name: 'big', steps: 2, stepMs: 3_600_000, dailyRollStep: 1, tokens, badRows: [] };
}

/** Sum of a prom-client counter for the given labels. */
export async function counterValue(
  counter: { get(): Promise<{ values: Array<{ value: number; labels: Record<string, string | number> }> }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((s, v) => s + v.value, 0);
}
