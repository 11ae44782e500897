import type { LevelsObs, TokenObservation } from '#src/domain/market.js';
import type { AlertEvent } from '#src/domain/types.js';
import { type DetectOptions, detect, type TokenState } from '#src/engine/index.js';

/** 2025-09-01T00:00:00Z, the tick clock of these tests. */
export const T0 = Date.UTC(2025, 8, 1);
export const MIN = 60_000;

export const OPTS: DetectOptions = { now: T0, proximityPcts: [2], sharpeThresholds: [1] };

export function obs(
  parts: Omit<Partial<TokenObservation>, 'tokenId' | 'symbol' | 'name'> = {},
): TokenObservation {
  return { tokenId: 3988, symbol: 'SOL', name: 'Solana', ...parts };
}

/** Three raw levels within ±0.1% of `level`, one dated recently: strength 83 (strong). */
export function strong(level: number, date = '2025-08-01'): LevelsObs['levels'] {
  return [
    { level: level * 0.999, date: '2024-01-10' },
    { level, date },
    { level: level * 1.001, date: '2023-05-02' },
  ];
}

/** One raw level dated 2020: strength 18 (weak). */
export function weak(level: number): LevelsObs['levels'] {
  return [{ level, date: '2020-01-01' }];
}

export type Step = Parameters<typeof obs>[0];

/**
 * Runs a sequence of observations through detect, one minute apart, starting from `prev` (undefined:
 * the first step is the silent baseline). Returns the events of every step and the final state.
 */
export function run(
  steps: readonly Step[],
  opts: Omit<DetectOptions, 'now'> = OPTS,
  prev?: TokenState,
): { state: TokenState | undefined; events: AlertEvent[][]; all: AlertEvent[] } {
  let state = prev;
  const events: AlertEvent[][] = [];
  steps.forEach((s, i) => {
    const r = detect(state, obs(s), { ...opts, now: T0 + i * MIN });
    state = r.state;
    events.push(r.events);
  });
  return { state, events, all: events.flat() };
}

/** Price steps for a list of prices. */
export function prices(...ps: number[]): Step[] {
  return ps.map((price) => ({ price: { price } }));
}

export function kinds(events: readonly AlertEvent[]): string[] {
  return events.map((e) => e.kind);
}
