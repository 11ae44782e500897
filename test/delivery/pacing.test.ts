import { describe, expect, it } from 'vitest';
import { backoffDelay, claimChat, releaseChat, safeJobId } from '#src/delivery/index.js';
import type { ChatState } from '#src/delivery/outbox/pacing.js';

const I = 1000;
const LEASE = 30_000;

describe('claimChat (per-chat pacing rule)', () => {
  const idle: ChatState = { last: 0, cursor: 0, busy: -1e15 };
  const rows: Array<{
    name: string;
    s: ChatState | undefined;
    now: number;
    owned: boolean;
    go: boolean;
    at: number;
  }> = [
    { name: 'unknown chat: go', s: undefined, now: 5000, owned: false, go: true, at: 5000 },
    { name: 'gap elapsed: go', s: idle, now: 1000, owned: false, go: true, at: 1000 },
    { name: 'too soon: reserve the next slot', s: idle, now: 400, owned: false, go: false, at: 1000 },
    {
      name: 'slots handed out: queue behind them',
      s: { last: 0, cursor: 3000, busy: -1e15 },
      now: 1500,
      owned: false,
      go: false,
      at: 3000,
    },
    {
      name: 'owner at its slot: go despite later reservations',
      s: { last: 0, cursor: 3000, busy: -1e15 },
      now: 1500,
      owned: true,
      go: true,
      at: 1500,
    },
    {
      name: 'owner too early: wait for the gap',
      s: { last: 900, cursor: 3000, busy: -1e15 },
      now: 1500,
      owned: true,
      go: false,
      at: 1900,
    },
    {
      name: 'send in flight: nobody goes',
      s: { last: 0, cursor: 1000, busy: 30_000 },
      now: 2000,
      owned: true,
      go: false,
      at: 2500,
    },
  ];
  it.each(rows)('$name', ({ s, now, owned, go, at }) => {
    const r = claimChat(s, now, I, owned, LEASE);
    expect({ go: r.go, at: r.at }).toEqual({ go, at });
  });

  it('a claim marks the chat busy until released; the gap counts from the release', () => {
    const a = claimChat(undefined, 0, I, false, LEASE);
    expect(a.next.busy).toBe(LEASE);
    const released = releaseChat(a.next, 300 + I, I); // the send took 300 ms
    expect(claimChat(released, 1200, I, true, LEASE).go).toBe(false);
    expect(claimChat(released, 1300, I, true, LEASE).go).toBe(true);
  });

  it('two messages in parts push the next send by one gap per part', () => {
    const s = releaseChat(undefined, 100 + 3 * I, I);
    expect(claimChat(s, 100 + 2 * I, I, false, LEASE).go).toBe(false);
    expect(claimChat(s, 100 + 3 * I, I, true, LEASE).go).toBe(true);
  });
});

describe('helpers', () => {
  it.each([
    ['a:b:c', 'a_b_c'],
    ['12345', 'm12345'],
    ['tick-1-telegram', 'tick-1-telegram'],
  ])('safeJobId(%s) = %s', (id, safe) => {
    expect(safeJobId(id)).toBe(safe);
    expect(safeJobId(safe)).toBe(safe);
  });
  it('backoff doubles per attempt with ±50 % jitter', () => {
    expect(backoffDelay(1000, 1, () => 0.5)).toBe(1000);
    expect(backoffDelay(1000, 4, () => 0.5)).toBe(8000);
    expect(backoffDelay(1000, 4, () => 0)).toBe(4000);
    expect(backoffDelay(1000, 4, () => 0.999)).toBeLessThan(12_000);
  });
});

describe('SendWindow: what the platform can see of us in any second', () => {
  it('lets at most max sends be in flight or finished within the window, however they bunch', async () => {
    const { SendWindow } = await import('#src/delivery/outbox/pacing.js');
    const w = new SendWindow(3, 1000);
    expect([w.tryStart(0), w.tryStart(0), w.tryStart(0)]).toEqual([0, 0, 0]);
    // Three in flight: a fourth waits (no completion yet to count from: ask again shortly).
    expect(w.tryStart(10)).toBeGreaterThan(0);
    // A stalled loop: all three finish late, together.
    w.end(900);
    w.end(900);
    w.end(900);
    // They count until 1 s after they finished, not after they started.
    expect(w.tryStart(1200)).toBe(700);
    expect(w.tryStart(1900)).toBe(0);
    expect(w.tryStart(1900)).toBe(0);
    expect(w.tryStart(1900)).toBe(0);
    expect(w.tryStart(1900)).toBeGreaterThan(0);
  });
});
