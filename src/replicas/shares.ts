import type { Timers } from '../market/streams/timers.js';
import type { TickLock } from '../store/ports.js';
import { assignDuties } from './assign.js';
import { leaseHolder, PeriodLease } from './lease.js';

export interface ShareOptions {
  /** Duty name: member slots are `<name>-member:<period>:<k>`, duty leases `<name>:<i>`. */
  readonly name: string;
  /** How many numbered duties there are (Discord shards 0..count-1). */
  readonly count: number;
  readonly lock: TickLock;
  readonly owner: string;
  readonly now: () => number;
  readonly timers: Timers;
  /** This replica gained duty i (start it). */
  readonly onGain: (i: number) => void;
  /** This replica gave up or lost duty i (stop it). */
  readonly onLose: (i: number) => void;
  /**
   * Lease and membership period, ms. Default 5 s: a dead replica's membership and leases run out within
   * two periods (10 s), and its duties are claimed at the next step after that.
   */
  readonly periodMs?: number;
  /** How often the share is recomputed and free duties are tried, ms. Default 1 s. */
  readonly stepMs?: number;
  readonly onError?: (err: unknown) => void;
}

/**
 * Numbered duties (Discord shards) spread over the replicas sharing a store, each duty held by exactly
 * one replica through its own PeriodLease.
 *
 * Every replica announces itself each period in a member slot (`<name>-member:<period>:<k>`, the lowest
 * free k; claimed for the next period ahead of time, like a lease renewal). All replicas read the same
 * member list and the duties' holders, and agree on one target owner per duty by `assignDuties`: each
 * replica's share is floor or ceil of count / replicas, and a replica keeps what it holds up to its
 * share, so only a dead replica's duties (or a new replica's share) move. A replica claims the duties it is the target of
 * (retrying every step, and saying so in a want slot `<name>-want:<i>`) and hands over the others: it
 * releases a duty only when another live replica is its target and wants it, which is what a new
 * replica does, so a new replica gets its share without anyone restarting. A replica that dies stops announcing itself and renewing: within two periods
 * its membership and leases expire, the others' targets include its duties, and they claim them.
 * A clean stop releases membership and leases at once.
 */
export class ShareCoordinator {
  private readonly period: number;
  private readonly step: number;
  private readonly leases = new Map<number, PeriodLease>();
  /** period → my member index. */
  private readonly memberships = new Map<number, number>();
  private members: readonly string[] = [];
  private handle: unknown;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(private readonly opts: ShareOptions) {
    this.period = opts.periodMs ?? 5_000;
    this.step = opts.stepMs ?? 1_000;
  }

  /** The member list of the last step, sorted (owners). */
  get replicas(): readonly string[] {
    return this.members;
  }

  /** Duties this replica holds now. */
  held(): number[] {
    return [...this.leases.entries()].filter(([, l]) => l.holding).map(([i]) => i);
  }

  /** Runs the first step (membership announced, target leases started) and keeps stepping. */
  async start(): Promise<void> {
    await this.tick();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.running = this.once().catch((err: unknown) => this.opts.onError?.(err));
    await this.running;
    if (this.stopped) return;
    this.handle = this.opts.timers.setTimeout(() => void this.tick(), this.step);
  }

  private async once(): Promise<void> {
    const now = this.opts.now();
    const p = Math.floor(now / this.period);
    await this.announce(p);
    // Announce the next period ahead (half a period early), so the list never has a gap at the boundary.
    if (now >= (p + 1) * this.period - this.period / 2) await this.announce(p + 1);
    for (const q of this.memberships.keys()) if (q < p) this.memberships.delete(q);
    const members = await this.readMembers(p);
    if (this.stopped) return;
    this.members = members;
    const target = this.targetOf(members, await this.readHolders());
    for (const i of target) if (!this.leases.has(i)) this.lease(i);
    await this.want(target);
    await this.handOver(target, members);
  }

  /** Says which target duties this replica is waiting for (their holder releases them on seeing it). */
  private async want(target: ReadonlySet<number>): Promise<void> {
    const now = this.opts.now();
    const waiting = [...target].filter((i) => !this.leases.get(i)?.holding);
    await Promise.all(
      waiting.map((i) => this.opts.lock.claimSlot(this.wantSlot(i), this.opts.owner, 3 * this.step, now)),
    );
  }

  /**
   * Hand-over: a held duty whose target is another live replica is released only once that replica
   * says it wants it (and is retrying every step), so the duty is never left without a taker; a
   * replica that is listed but not asking (stuck, or seeing another list) leaves it where it is.
   */
  private async handOver(target: ReadonlySet<number>, members: readonly string[]): Promise<void> {
    const now = this.opts.now();
    for (const [i, l] of this.leases) {
      if (target.has(i)) continue;
      if (l.holding) {
        const wanter = await this.opts.lock.ownerOf(this.wantSlot(i), now);
        if (wanter === undefined || wanter === this.opts.owner || !members.includes(wanter)) continue;
      }
      this.leases.delete(i);
      await l.stop();
    }
  }

  private wantSlot(i: number): string {
    return `${this.opts.name}-want:${i}`;
  }

  private targetOf(members: readonly string[], holders: readonly (string | undefined)[]): Set<number> {
    if (!members.includes(this.opts.owner)) return new Set(this.leases.keys()); // not listed (a store hiccup): keep what we have
    const out = new Set<number>();
    assignDuties(this.opts.count, members, holders).forEach((m, i) => {
      if (m === this.opts.owner) out.add(i);
    });
    return out;
  }

  /** Each duty's holder now, by its lease key (one read per duty, concurrent). */
  private readHolders(): Promise<(string | undefined)[]> {
    const now = this.opts.now();
    return Promise.all(
      Array.from({ length: this.opts.count }, (_, i) =>
        leaseHolder(this.opts.lock, `${this.opts.name}:${i}`, this.period, now),
      ),
    );
  }

  private lease(i: number): void {
    const l = new PeriodLease({
      name: `${this.opts.name}:${i}`,
      lock: this.opts.lock,
      owner: this.opts.owner,
      now: this.opts.now,
      timers: this.opts.timers,
      periodMs: this.period,
      retryMs: this.step,
      onChange: (held) => (held ? this.opts.onGain(i) : this.opts.onLose(i)),
      ...(this.opts.onError ? { onError: this.opts.onError } : {}),
    });
    this.leases.set(i, l);
    l.start();
  }

  /** Member indexes are capped: replicas past the duty count (or 64) would have nothing to hold. */
  private get slots(): number {
    return Math.min(this.opts.count, 64);
  }

  private memberSlot(p: number, k: number): string {
    return `${this.opts.name}-member:${p}:${k}`;
  }

  /** Claims the lowest free member index of period p (the previous index first: fewer round trips). */
  private async announce(p: number): Promise<void> {
    if (this.memberships.has(p)) return;
    const last = [...this.memberships.values()].at(-1);
    const order = last === undefined ? [] : [last];
    for (let k = 0; k < this.slots; k++) if (k !== last) order.push(k);
    for (const k of order) {
      if (
        await this.opts.lock.claimSlot(
          this.memberSlot(p, k),
          this.opts.owner,
          3 * this.period,
          this.opts.now(),
        )
      ) {
        this.memberships.set(p, k);
        return;
      }
    }
    // More replicas than duties: this one has nothing to do and stays out of the list.
  }

  private async readMembers(p: number): Promise<string[]> {
    const now = this.opts.now();
    const owners = await Promise.all(
      Array.from({ length: this.slots }, (_, k) => this.opts.lock.ownerOf(this.memberSlot(p, k), now)),
    );
    return [...new Set(owners.filter((o): o is string => o !== undefined))].sort();
  }

  /** Stops stepping, gives up every duty and the membership, so the others take over at their next step. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== undefined) this.opts.timers.clearTimeout(this.handle);
    await this.running;
    const leases = [...this.leases.values()];
    this.leases.clear();
    await Promise.all(leases.map((l) => l.stop()));
    const mine = [...this.memberships.entries()];
    this.memberships.clear();
    await Promise.all(
      mine.map(([p, k]) =>
        this.opts.lock.releaseSlot(this.memberSlot(p, k), this.opts.owner).catch((err: unknown) => {
          this.opts.onError?.(err);
          return false;
        }),
      ),
    );
  }
}
