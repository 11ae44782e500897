import type { OutboxStats } from '../ports.js';

/** drain() ran out of time. Not retryable by itself: the outbox keeps working, the caller decides. */
export class OutboxTimeoutError extends Error {
  override readonly name = 'OutboxTimeoutError';
  readonly retryable = false;
  constructor(
    readonly timeoutMs: number,
    readonly stats: OutboxStats,
  ) {
    super(
      `outbox not drained after ${timeoutMs} ms (waiting ${stats.waiting}, active ${stats.active}, delayed ${stats.delayed})`,
    );
  }
}

/** Polls `stats` until nothing is waiting, active or delayed. */
export async function waitForIdle(
  stats: () => Promise<OutboxStats>,
  timeoutMs: number,
  pollMs = 50,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await stats();
    if (s.waiting + s.active + s.delayed === 0) return;
    if (Date.now() >= end) throw new OutboxTimeoutError(timeoutMs, s);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
