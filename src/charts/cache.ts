import type { RenderedChart } from './render.js';

export interface ChartKey {
  readonly tokenId: number;
  /** Epoch ms of the send; the cache keys on its minute. */
  readonly at: number;
  readonly range: string;
  /** The highlighted level, when the chart is for a level alert. */
  readonly highlight?: number;
  /** The chart's language: its words differ, so each language renders (and caches) its own. */
  readonly locale?: string;
}

export interface ChartCacheOptions {
  /** Charts kept at most (least recently used go first). Default 256 (~25 KB each, ~6 MB). */
  readonly maxEntries?: number;
}

/**
 * One render per token, range, highlighted level, language and minute: 10,000 subscribers of one token's alert
 * cost one render. Concurrent misses share the same promise, so a burst of sends renders once too.
 * A failed render is not cached (the next send tries again).
 */
export class ChartCache {
  private readonly entries = new Map<string, Promise<RenderedChart>>();
  private readonly max: number;
  private count = 0;

  constructor(opts: ChartCacheOptions = {}) {
    this.max = Math.max(1, opts.maxEntries ?? 256);
  }

  static keyOf(k: ChartKey): string {
    const minute = Math.floor(k.at / 60_000);
    return `${k.tokenId}:${minute}:${k.range}:${k.highlight ?? ''}:${k.locale ?? 'en'}`;
  }

  /** The cached chart for `key`, or the result of `render` (called at most once per key while cached). */
  get(key: ChartKey, render: () => Promise<RenderedChart> | RenderedChart): Promise<RenderedChart> {
    const id = ChartCache.keyOf(key);
    const hit = this.entries.get(id);
    if (hit) {
      // Refresh recency.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    this.count++;
    const p = Promise.resolve().then(render);
    this.entries.set(id, p);
    p.catch(() => {
      if (this.entries.get(id) === p) this.entries.delete(id);
    });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return p;
  }

  /** Renders started so far (misses). For tests and the benchmark. */
  renders(): number {
    return this.count;
  }
}
