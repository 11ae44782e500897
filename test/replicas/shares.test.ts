import { describe, expect, it } from 'vitest';
import { ShareCoordinator } from '#src/replicas/shares.js';
import type { TickLock } from '#src/store/ports.js';
import { ManualTimers } from '../support/manual-timers.js';
import { crashed, memoryLock } from '../support/memory-lock.js';

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Replicas sharing 12 shards on one lock; `held` is what each one's onGain/onLose calls say it runs. */
function world(count = 12) {
  const timers = new ManualTimers(Date.UTC(2026, 0, 1, 0, 0, 1));
  const lock = memoryLock();
  const held = new Map<string, Set<number>>();
  const overlaps: string[] = [];
  /** Every onLose, as `owner:shard`. */
  const losses: string[] = [];
  const replica = (owner: string, l: TickLock = lock) => {
    held.set(owner, new Set());
    return new ShareCoordinator({
      name: 'discord-shard',
      count,
      lock: l,
      owner,
      now: timers.now,
      timers,
      onGain: (i) => {
        for (const [o, s] of held) if (o !== owner && s.has(i)) overlaps.push(`${i}: ${o} and ${owner}`);
        held.get(owner)?.add(i);
      },
      onLose: (i) => {
        losses.push(`${owner}:${i}`);
        held.get(owner)?.delete(i);
      },
    });
  };
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 250) {
      timers.advance(250);
      await flush();
    }
  };
  const sizes = (owners: string[]) => owners.map((o) => held.get(o)?.size);
  const all = () => new Set([...held.values()].flatMap((s) => [...s]));
  return { timers, lock, held, overlaps, losses, replica, run, sizes, all };
}

describe('ShareCoordinator (Discord shards over replicas)', () => {
  it('three replicas split 12 shards 4/4/4, disjoint, and keep them', async () => {
    const w = world();
    const rs = ['a', 'b', 'c'].map((o) => w.replica(o));
    await Promise.all(rs.map((r) => r.start()));
    await w.run(15_000);
    expect(w.sizes(['a', 'b', 'c'])).toEqual([4, 4, 4]);
    expect(w.all().size).toBe(12);
    const before = rs.map((r) =>
      r
        .held()
        .sort((x, y) => x - y)
        .join(),
    );
    await w.run(60_000); // renewals never move a shard
    expect(
      rs.map((r) =>
        r
          .held()
          .sort((x, y) => x - y)
          .join(),
      ),
    ).toEqual(before);
    expect(w.overlaps).toEqual([]);
  });

  it('a new replica gets its share without a restart; nobody holds a shard twice on the way', async () => {
    const w = world();
    const a = w.replica('a');
    const b = w.replica('b');
    await a.start();
    await b.start();
    await w.run(15_000);
    expect(w.sizes(['a', 'b'])).toEqual([6, 6]);
    const c = w.replica('c');
    w.losses.length = 0;
    await c.start();
    await w.run(10_000);
    expect(w.sizes(['a', 'b', 'c'])).toEqual([4, 4, 4]);
    expect(w.all().size).toBe(12);
    expect(w.overlaps).toEqual([]);
    expect(w.losses).toHaveLength(4); // a and b each hand over their surplus of 2, nothing more
  });

  it('a killed replica’s shards are served again within 30 s (all of them, by the others)', async () => {
    const w = world();
    const a = w.replica('a');
    const b = w.replica('b');
    const c = w.replica('c', crashed(w.lock));
    await Promise.all([a, b, c].map((r) => r.start()));
    await w.run(15_000);
    const lost = [...(w.held.get('c') ?? [])];
    expect(lost).toHaveLength(4);
    await c.stop(); // dies: stops renewing, releases nothing
    w.held.get('c')?.clear();
    w.losses.length = 0;
    const diedAt = w.timers.now();
    let back: number | undefined;
    for (let t = 0; t < 40_000 && back === undefined; t += 250) {
      await w.run(250);
      if (lost.every((i) => w.held.get('a')?.has(i) || w.held.get('b')?.has(i)))
        back = w.timers.now() - diedAt;
    }
    expect(back).toBeDefined();
    expect(back).toBeLessThanOrEqual(30_000);
    await w.run(30_000);
    expect(w.sizes(['a', 'b'])).toEqual([6, 6]);
    expect(w.all().size).toBe(12);
    expect(w.overlaps).toEqual([]);
    // Only the dead replica's shards moved: a survivor never gave one up (each move is a gap for users).
    expect(w.losses.filter((l) => !l.startsWith('c:'))).toEqual([]);
  });

  it('a clean stop hands every shard over within a few seconds', async () => {
    const w = world();
    const a = w.replica('a');
    const b = w.replica('b');
    await a.start();
    await b.start();
    await w.run(15_000);
    await b.stop();
    w.held.get('b')?.clear();
    await w.run(3_000);
    expect(w.sizes(['a'])).toEqual([12]);
    expect(w.overlaps).toEqual([]);
  });

  it('one replica alone holds every shard', async () => {
    const w = world(5);
    const a = w.replica('a');
    await a.start();
    await w.run(3_000);
    expect(a.held().sort()).toEqual([0, 1, 2, 3, 4]);
    expect(a.replicas).toEqual(['a']);
    await a.stop();
    expect(w.sizes(['a'])).toEqual([0]);
  });

  it('a holder keeps a shard until its new target asks for it: never left without a taker', async () => {
    const w = world();
    const a = w.replica('a');
    await a.start();
    await w.run(3_000);
    expect(w.sizes(['a'])).toEqual([12]);
    // A replica that announces itself but runs no coordinator (stuck): listed, never asking.
    const ghost = async () => {
      const p = Math.floor(w.timers.now() / 5_000);
      for (const q of [p, p + 1])
        await w.lock.claimSlot(`discord-shard-member:${q}:1`, 'ghost', 15_000, w.timers.now());
    };
    for (let t = 0; t < 20_000; t += 1_000) {
      await ghost();
      await w.run(1_000);
    }
    expect(a.replicas).toEqual(['a', 'ghost']);
    expect(w.sizes(['a'])).toEqual([12]); // shards 6..11 are the ghost's share, and it never asked
    await w.lock.claimSlot('discord-shard-want:3', 'ghost', 60_000, w.timers.now());
    await ghost();
    await w.run(2_000);
    expect(w.held.get('a')?.has(3)).toBe(true); // within a's own share: asking changes nothing
    await w.lock.claimSlot('discord-shard-want:9', 'ghost', 60_000, w.timers.now());
    await ghost();
    await w.run(2_000);
    expect(w.held.get('a')?.has(9)).toBe(false); // the ghost's share, asked for: released
    expect(w.sizes(['a'])).toEqual([11]);
  });
});
