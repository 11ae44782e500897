import type { Timers } from '../market/streams/timers.js';
import type { TickLock } from '../store/ports.js';

export interface PeriodLeaseOptions {
  /** Slot name prefix: what the lease is for (`price-lease` for the exchange streams, `tg-poll`, `discord-shard:3`). */
  readonly name: string;
  readonly lock: TickLock;
  readonly owner: string;
  readonly now: () => number;
  readonly timers: Timers;
  /** Called when this replica gains (true) or loses (false) the lease. */
  readonly onChange: (held: boolean) => void;
  /** Lease period, ms. Default 10 s: the holder renews every period, a successor takes over within two. */
  readonly periodMs?: number;
  /**
   * How often a replica without the lease tries again inside a period, ms. Default: once a period (at its
   * start). A shorter retry picks up a lease given back by a clean stop within that time.
   */
  readonly retryMs?: number;
  readonly onError?: (err: unknown) => void;
}

/** Who holds lease `name` (period `periodMs`) at `now`, as its key says (undefined: nobody). */
export function leaseHolder(
  lock: TickLock,
  name: string,
  periodMs: number,
  now: number,
): Promise<string | undefined> {
  return lock.ownerOf(`${name}:${Math.floor(now / periodMs)}`, now);
}

/**
 * Which replica holds a named duty (the exchange streams, Telegram polling, a Discord shard) when several
 * replicas share a store, built on the tick lock's
 * first-claim-wins slots: time is cut into periods, and a period's slot `<name>:<n>` belongs to whoever
 * claims it first. The holder claims the next period a fifth of a period before it begins (its renewal);
 * the others try each period at its start. If the holder dies, nobody claimed the next period early and
 * the first other replica takes it: a takeover within two periods (20 s by default).
 */
export class PeriodLease {
  private readonly period: number;
  private readonly owned = new Set<number>();
  private held = false;
  private handle: unknown;
  private stopped = false;

  constructor(private readonly opts: PeriodLeaseOptions) {
    this.period = opts.periodMs ?? 10_000;
  }

  get holding(): boolean {
    return this.held;
  }

  /** Who holds the lease now, as its key says (undefined: nobody). One store round trip. */
  holder(): Promise<string | undefined> {
    return leaseHolder(this.opts.lock, this.opts.name, this.period, this.opts.now());
  }

  start(): void {
    void this.step();
  }

  /**
   * Stops renewing and gives up the periods it claimed (a clean stop), so another replica takes the duty
   * at its next try instead of waiting for the claims to expire. Release failures go to onError: the
   * claims then expire on their own (the takeover a crash gets).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== undefined) this.opts.timers.clearTimeout(this.handle);
    if (this.held) {
      this.held = false;
      this.opts.onChange(false);
    }
    const owned = [...this.owned];
    this.owned.clear();
    await Promise.all(owned.map((n) => this.release(n)));
  }

  private async release(n: number): Promise<void> {
    try {
      await this.opts.lock.releaseSlot(`${this.opts.name}:${n}`, this.opts.owner);
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    const now = this.opts.now();
    const n = Math.floor(now / this.period);
    try {
      if (!this.owned.has(n)) await this.claim(n);
      const lead = this.period / 5;
      if (this.owned.has(n) && now >= (n + 1) * this.period - lead && !this.owned.has(n + 1))
        await this.claim(n + 1);
    } catch (err) {
      this.opts.onError?.(err);
    }
    for (const b of this.owned) if (b < n) this.owned.delete(b);
    this.set(this.owned.has(n));
    if (this.stopped) return;
    // Wake at the renewal point of this period, or at the next period's start, whichever comes first.
    const t = this.opts.now();
    const renewAt = (n + 1) * this.period - this.period / 5;
    const nextPeriod = (Math.floor(t / this.period) + 1) * this.period;
    const retryAt =
      this.opts.retryMs === undefined ? nextPeriod : Math.min(nextPeriod, t + this.opts.retryMs);
    const next = t < renewAt && this.owned.has(n) ? renewAt : retryAt;
    this.handle = this.opts.timers.setTimeout(() => void this.step(), Math.max(1, next - t));
  }

  private async claim(n: number): Promise<void> {
    const ttl = 3 * this.period;
    const won = await this.opts.lock.claimSlot(
      `${this.opts.name}:${n}`,
      this.opts.owner,
      ttl,
      this.opts.now(),
    );
    // A claim that lands after stop() is given straight back: a stopped replica holds nothing.
    if (won && this.stopped) await this.release(n);
    else if (won) this.owned.add(n);
  }

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.opts.onChange(held);
  }
}
