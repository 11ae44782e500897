import { describe, expect, it } from 'vitest';
import { PeriodLease } from '#src/replicas/lease.js';
import type { TickLock } from '#src/store/ports.js';
import { ManualTimers } from '../support/manual-timers.js';
import { crashed, memoryLock } from '../support/memory-lock.js';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

async function run(timers: ManualTimers, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    timers.advance(step);
    await flush();
  }
}

describe('PeriodLease', () => {
  it('one replica holds the streams; the other takes over within 30 s of its death', async () => {
    const timers = new ManualTimers(Date.UTC(2026, 0, 1, 0, 0, 3));
    const lock = memoryLock();
    const log: string[] = [];
    const lease = (owner: string) =>
      new PeriodLease({
        name: 'price-lease',
        lock,
        owner,
        now: timers.now,
        timers,
        onChange: (h) => log.push(`${owner}:${h}`),
      });
    const a = new PeriodLease({
      name: 'price-lease',
      lock: crashed(lock),
      owner: 'a',
      now: timers.now,
      timers,
      onChange: (h) => log.push(`a:${h}`),
    });
    const b = lease('b');
    a.start();
    await flush();
    b.start();
    await flush();
    await run(timers, 120_000);
    expect(a.holding).toBe(true);
    expect(b.holding).toBe(false);
    expect(log).toEqual(['a:true']); // held throughout: renewals never dropped it

    await a.stop(); // the holder dies (stops renewing, releases nothing)
    const diedAt = timers.now();
    let tookOver: number | undefined;
    for (let t = 0; t < 40_000 && tookOver === undefined; t += 500) {
      await run(timers, 500);
      if (b.holding) tookOver = timers.now() - diedAt;
    }
    expect(tookOver).toBeDefined();
    expect(tookOver).toBeLessThanOrEqual(30_000);
  });

  it('never two holders at once over a long run', async () => {
    const timers = new ManualTimers(Date.UTC(2026, 0, 1));
    const lock = memoryLock();
    const leases = ['a', 'b', 'c'].map(
      (owner) =>
        new PeriodLease({ name: 'price-lease', lock, owner, now: timers.now, timers, onChange: () => {} }),
    );
    for (const l of leases) l.start();
    for (let i = 0; i < 600; i++) {
      await run(timers, 500);
      expect(leases.filter((l) => l.holding).length).toBeLessThanOrEqual(1);
    }
    expect(leases.filter((l) => l.holding)).toHaveLength(1);
  });

  it('a clean stop gives the lease back: a successor retrying every second takes over within 2 s', async () => {
    const timers = new ManualTimers(Date.UTC(2026, 0, 1, 0, 0, 3));
    const lock = memoryLock();
    const mk = (owner: string) =>
      new PeriodLease({
        name: 'discord-shard:0',
        lock,
        owner,
        now: timers.now,
        timers,
        periodMs: 5_000,
        retryMs: 1_000,
        onChange: () => {},
      });
    const a = mk('a');
    const b = mk('b');
    a.start();
    await flush();
    b.start();
    await run(timers, 12_000);
    expect([a.holding, b.holding]).toEqual([true, false]);
    await a.stop();
    expect(a.holding).toBe(false);
    expect(
      await lock.ownerOf(`discord-shard:0:${Math.floor(timers.now() / 5_000)}`, timers.now()),
    ).toBeUndefined();
    await run(timers, 2_000);
    expect(b.holding).toBe(true);
  });

  it('a claim that lands after stop() is given straight back', async () => {
    const timers = new ManualTimers(Date.UTC(2026, 0, 1));
    const lock = memoryLock();
    let answer: (() => void) | undefined;
    const slow: TickLock = {
      ...lock,
      claimSlot: (...args) =>
        new Promise((resolve) => {
          answer = () => void lock.claimSlot(...args).then(resolve);
        }),
    };
    const a = new PeriodLease({
      name: 'x',
      lock: slow,
      owner: 'a',
      now: timers.now,
      timers,
      onChange: () => {},
    });
    a.start();
    await flush();
    const stopped = a.stop();
    answer?.();
    await stopped;
    await flush();
    expect(a.holding).toBe(false);
    expect(await lock.ownerOf(`x:${Math.floor(timers.now() / 10_000)}`, timers.now())).toBeUndefined();
  });
});
