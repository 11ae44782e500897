import type { TokenId } from '../domain/types.js';
import type { Timers } from '../market/streams/timers.js';
import type { LiveNote, LivePriceSet, LivePriceStore, SharedLivePrice } from '../store/live-ports.js';

export interface PriceShareOptions {
  readonly store: LivePriceStore;
  /** This replica's instance id. */
  readonly owner: string;
  readonly now: () => number;
  readonly timers: Timers;
  /** Holder: its live prices and notes, built at each publication. Default: none. */
  readonly collect?: () => Pick<LivePriceSet, 'live' | 'notes'>;
  /** How often the holder publishes, ms. Default 1000: whole-set writes, never one per frame. */
  readonly intervalMs?: number;
  /**
   * How long a set counts without a newer one, ms. Default 30 000: a dead holder's set is gone within 30 s
   * and every replica polls those prices again. An unchanged set is re-published every third of it.
   */
  readonly ttlMs?: number;
  /** A shared price received longer ago than this is not live, ms. Default 60 000 (as on the holder). */
  readonly liveMaxAgeMs?: number;
  /** A follower reuses its last read for this long, ms. Default 1000. */
  readonly readCacheMs?: number;
  readonly onError?: (err: unknown) => void;
}

/**
 * The live set between replicas. The holder of the exchange streams publishes its live prices (and why
 * other tokens have none) about once a second; the other replicas read the set before a tick and before
 * `/levels` or `/signal`, and use it where the holder would use its own streams: no price poll for a live
 * token, the streamed price with its source and age in the views.
 */
export class PriceShare {
  private readonly ttl: number;
  private readonly interval: number;
  private set: LivePriceSet | undefined;
  private prices = new Map<TokenId, SharedLivePrice>();
  private notes = new Map<TokenId, LiveNote>();
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;
  private publishing = false;
  private handle: unknown;
  private last: { json: string; at: number } | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly opts: PriceShareOptions) {
    this.ttl = opts.ttlMs ?? 30_000;
    this.interval = opts.intervalMs ?? 1000;
  }

  /** Holder: publish now, then every interval, until stopPublishing() or release(). */
  startPublishing(): void {
    if (this.publishing) return;
    this.publishing = true;
    this.last = undefined;
    this.inFlight = this.publish();
  }

  stopPublishing(): void {
    this.publishing = false;
    if (this.handle !== undefined) this.opts.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** A stopping holder: no more publications, and its set is removed so polling resumes at once. */
  async release(): Promise<void> {
    this.stopPublishing();
    await this.inFlight;
    if (this.last === undefined) return; // never published since it last started: nothing of ours
    this.last = undefined;
    await this.opts.store.release(this.opts.owner);
  }

  /** Follower: reads the shared set (one round trip, reused for `readCacheMs`). Errors keep the last view. */
  refresh(): Promise<void> {
    const now = this.opts.now();
    if (now - this.readAt < (this.opts.readCacheMs ?? 1000) && now >= this.readAt) return Promise.resolve();
    this.reading ??= this.opts.store
      .read(now)
      .then((set) => {
        this.readAt = now;
        this.use(set);
      })
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  /** The replica that published the set this replica read last, while that set counts. */
  get holder(): string | undefined {
    return this.fresh() ? this.set?.holder : undefined;
  }

  /** Live tokens in the set read last (0 once it stopped counting). */
  get liveCount(): number {
    return this.fresh() ? this.prices.size : 0;
  }

  /** Ambiguous tokens in the set read last. */
  get ambiguousCount(): number {
    if (!this.fresh()) return 0;
    let n = 0;
    for (const v of this.notes.values()) if (v.kind === 'ambiguous') n++;
    return n;
  }

  /** The token's price reaches the holder live: this replica's tick polls no price for it. */
  isLive(tokenId: TokenId): boolean {
    const p = this.fresh() ? this.prices.get(tokenId) : undefined;
    return p !== undefined && this.opts.now() - p.receivedAt <= (this.opts.liveMaxAgeMs ?? 60_000);
  }

  /** The token's last shared price (live or not, while the set counts). */
  price(tokenId: TokenId): SharedLivePrice | undefined {
    return this.fresh() ? this.prices.get(tokenId) : undefined;
  }

  note(tokenId: TokenId): LiveNote | undefined {
    return this.fresh() ? this.notes.get(tokenId) : undefined;
  }

  private fresh(): boolean {
    return this.set !== undefined && this.opts.now() - this.set.publishedAt < this.ttl;
  }

  private use(set: LivePriceSet | undefined): void {
    this.set = set;
    this.prices = new Map((set?.live ?? []).map((p) => [p.tokenId, p]));
    this.notes = new Map((set?.notes ?? []).map((n) => [n.tokenId, n.note]));
  }

  private async publish(): Promise<void> {
    if (!this.publishing) return;
    const now = this.opts.now();
    try {
      const body = this.opts.collect?.() ?? { live: [], notes: [] };
      const json = JSON.stringify(body);
      // Unchanged (no new price, no new note): only renewed before a third of the ttl has passed.
      if (!this.last || json !== this.last.json || now - this.last.at >= this.ttl / 3) {
        await this.opts.store.publish({ holder: this.opts.owner, publishedAt: now, ...body }, this.ttl);
        this.last = { json, at: now };
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
    if (!this.publishing) return;
    this.handle = this.opts.timers.setTimeout(() => {
      this.inFlight = this.publish();
    }, this.interval);
  }
}
