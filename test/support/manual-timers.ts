import type { Timers } from '#src/market/streams/timers.js';

/** Timers and a clock driven by hand: `advance(ms)` runs every timer that falls due, in time order. */
export class ManualTimers implements Timers {
  private seq = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();

  constructor(public current = Date.UTC(2026, 0, 1)) {}

  readonly now = (): number => this.current;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }

  get pending(): number {
    return this.queue.size;
  }

  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.queue) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.queue.delete(next[0]);
      this.current = Math.max(this.current, next[1].at);
      next[1].fn();
    }
    this.current = end;
  }
}
