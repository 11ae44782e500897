/** Timer functions passed in explicitly so tests drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Reconnect delay after `attempt` failures in a row (0 = first): 1 s doubling up to 60 s, plus up to 50%
 * random jitter so that many connections cut together do not come back together. Capped at `maxMs`.
 */
export function backoffDelay(attempt: number, random: () => number, minMs = 1_000, maxMs = 60_000): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.min(maxMs, Math.round(base * (1 + 0.5 * random())));
}
