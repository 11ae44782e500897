import { describe, expect, it } from 'vitest';
import { PriceShare } from '#src/live/share.js';
import { memoryLivePrices } from '#src/store/live-memory.js';
import type { LiveNote, LivePriceSet } from '#src/store/live-ports.js';
import { ManualTimers } from '../support/manual-timers.js';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup() {
  const timers = new ManualTimers(Date.UTC(2026, 0, 1));
  let writes = 0;
  const store = memoryLivePrices();
  const counted = {
    ...store,
    publish: (set: LivePriceSet, ttl: number) => {
      writes++;
      return store.publish(set, ttl);
    },
  };
  let body: Pick<LivePriceSet, 'live' | 'notes'> = { live: [], notes: [] };
  const holder = new PriceShare({
    store: counted,
    owner: 'a',
    now: timers.now,
    timers,
    collect: () => body,
  });
  const follower = new PriceShare({ store: counted, owner: 'b', now: timers.now, timers });
  const sol = (receivedAt: number) => ({
    tokenId: 3988,
    price: 180.4,
    label: 'Binance SOL/USDT',
    at: receivedAt - 50,
    receivedAt,
  });
  return {
    timers,
    holder,
    follower,
    sol,
    writes: () => writes,
    set: (b: typeof body) => {
      body = b;
    },
  };
}

describe('PriceShare (injected clock)', () => {
  it('the holder writes at most once a second, and an unchanged set only to renew it', async () => {
    const t = setup();
    t.set({ live: [t.sol(t.timers.now())], notes: [] });
    t.holder.startPublishing();
    await flush();
    expect(t.writes()).toBe(1);
    // A new price every 100 ms for 5 s: five more writes, not fifty.
    for (let i = 0; i < 50; i++) {
      t.timers.advance(100);
      t.set({ live: [t.sol(t.timers.now())], notes: [] });
      await flush();
    }
    expect(t.writes()).toBe(6);
    // Nothing new for 30 s: renewed every 10 s (a third of the 30 s ttl).
    for (let i = 0; i < 30; i++) {
      t.timers.advance(1000);
      await flush();
    }
    expect(t.writes()).toBe(9);
  });

  it('a follower sees the live set; a dead holder’s set stops counting within 30 s; release ends it at once', async () => {
    const t = setup();
    const now = t.timers.now();
    const ambiguous: LiveNote = {
      kind: 'ambiguous',
      disagree: [
        {
          pair: 'Binance SOL/USDT',
          price: 180.4,
          at: now,
          reference: { price: 0.012, at: now - 60_000, source: 'Token Metrics' },
          pct: 1_503_233.33,
          tolerancePct: 3,
        },
      ],
      refused: [],
    };
    const refused: LiveNote = {
      kind: 'unavailable',
      disagree: [],
      refused: [{ exchange: 'Binance', status: 451, until: now + 3_600_000 }],
    };
    t.set({
      live: [t.sol(now)],
      notes: [
        { tokenId: 77001, note: ambiguous },
        { tokenId: 3306, note: refused },
      ],
    });
    t.holder.startPublishing();
    await flush();
    await t.follower.refresh();
    expect(t.follower.isLive(3988)).toBe(true);
    expect(t.follower.price(3988)?.label).toBe('Binance SOL/USDT');
    // The whole reason reaches the other replica: which pair, how far off, against what; who refuses.
    expect(t.follower.note(77001)).toEqual(ambiguous);
    expect(t.follower.note(3306)).toEqual(refused);
    expect(t.follower.holder).toBe('a');
    expect(t.follower.ambiguousCount).toBe(1);

    // The holder dies: it stops publishing without releasing.
    t.holder.stopPublishing();
    const diedAt = t.timers.now();
    let resumed: number | undefined;
    while (resumed === undefined && t.timers.now() - diedAt < 60_000) {
      t.timers.advance(1000);
      await t.follower.refresh();
      if (!t.follower.isLive(3988)) resumed = t.timers.now() - diedAt;
    }
    expect(resumed).toBeLessThanOrEqual(30_000);
    expect(t.follower.holder).toBeUndefined();

    // A holder that stops cleanly removes its set: the follower polls on its next read.
    t.set({ live: [t.sol(t.timers.now())], notes: [] });
    t.holder.startPublishing();
    await flush();
    t.timers.advance(1000);
    await t.follower.refresh();
    expect(t.follower.isLive(3988)).toBe(true);
    await t.holder.release();
    t.timers.advance(1000);
    await t.follower.refresh();
    expect(t.follower.isLive(3988)).toBe(false);
  });

  it('a price the holder has not received for a minute is not live, even in a fresh set', async () => {
    const t = setup();
    t.set({ live: [t.sol(t.timers.now() - 61_000)], notes: [] });
    t.holder.startPublishing();
    await flush();
    await t.follower.refresh();
    expect(t.follower.price(3988)).toBeDefined();
    expect(t.follower.isLive(3988)).toBe(false);
  });
});
