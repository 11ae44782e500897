import { describe, expect, it } from 'vitest';
import {
  counterKey,
  HOUR_MS,
  hourlyCap,
  type PlanBase,
  type PlanLookups,
  planTick,
} from '#src/delivery/plan/index.js';
import { DEFAULT_SETTINGS, destinationKey, type Settings } from '#src/domain/types.js';
import { chan, dm, flip, ids, SOL, sub, subsByToken, T0 } from '../plan-fixtures.js';

const DM = destinationKey(dm);
const CHAN = destinationKey(chan);

describe('rule 6: hourlyCap (table)', () => {
  const cases = [
    { name: 'under the cap', maxPerHour: 3, sent: 2, held: false },
    { name: 'at the cap', maxPerHour: 3, sent: 3, held: true },
    { name: 'over the cap', maxPerHour: 3, sent: 7, held: true },
    { name: 'a cap of 0 still lets one through', maxPerHour: 0, sent: 0, held: false },
    { name: '... but only one', maxPerHour: 0, sent: 1, held: true },
  ];
  it.each(cases)('$name', (c) => {
    const now = T0 + 10 * 60_000;
    const hold = hourlyCap({ ...DEFAULT_SETTINGS, maxPerHour: c.maxPerHour }, c.sent, now);
    expect(hold).toEqual(c.held ? { reason: 'rate_cap', until: T0 + HOUR_MS } : undefined);
  });
});

/** Marks and hourly counters in memory, counting calls the way the tick's store round trips do. */
function fakeLookups(marks: string[] = [], sentBefore: Record<string, number> = {}) {
  const counts = new Map(Object.entries(sentBefore));
  const calls = { hasMarks: 0, countSent: 0 };
  const lookups: PlanLookups = {
    async hasMarks(keys) {
      calls.hasMarks++;
      return new Set(keys.filter((k) => marks.includes(k)));
    },
    async countSent(keys) {
      calls.countSent++;
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      return new Map(keys.map((k) => [k, counts.get(k) ?? 0] as const));
    },
  };
  return { lookups, calls, counts };
}

describe('planTick: the hourly cap through the same path as production', () => {
  const base = (settings: Record<string, Settings> = {}): PlanBase => ({
    events: [flip(SOL, 'f1')],
    subscribers: subsByToken([sub(dm, SOL), sub(chan, SOL)]),
    settings: new Map(Object.entries(settings)),
    held: [],
    now: T0 + 10 * 60_000,
  });

  it('under the cap: one plan, one count, both messages', async () => {
    const { lookups, calls, counts } = fakeLookups();
    const p = await planTick(base({ [DM]: { maxPerHour: 3 } }), lookups);
    expect(p.messages.map((m) => m.destination.id).sort()).toEqual([chan.id, dm.id].sort());
    expect(calls).toEqual({ hasMarks: 1, countSent: 1 });
    expect(counts.get(counterKey(DM))).toBe(1);
  });

  it('over the cap after counting: re-planned, that destination held to the next hour', async () => {
    const { lookups, calls } = fakeLookups([], { [counterKey(DM)]: 3 });
    const p = await planTick(base({ [DM]: { maxPerHour: 3 } }), lookups);
    expect(p.messages.map((m) => m.destination.id)).toEqual([chan.id]);
    expect(p.holds).toEqual([{ destination: dm, events: [flip(SOL, 'f1')], releaseAt: T0 + HOUR_MS }]);
    expect(p.suppressed).toEqual({ rate_cap: 1 });
    expect(p.suppressions).toEqual([
      {
        destination: dm,
        tokenId: SOL.tokenId,
        symbol: 'SOL',
        kind: 'signal_flip',
        eventId: 'f1',
        reason: 'rate_cap',
        until: T0 + HOUR_MS,
      },
    ]);
    expect(p.counterKeys).toEqual([counterKey(CHAN)]);
    // Still one look-up and one count: the re-plan reuses them.
    expect(calls).toEqual({ hasMarks: 1, countSent: 1 });
  });

  it('no events and nothing held: no look-ups at all', async () => {
    const { lookups, calls } = fakeLookups();
    const p = await planTick({ ...base(), events: [] }, lookups);
    expect(p.messages).toEqual([]);
    expect(calls).toEqual({ hasMarks: 0, countSent: 0 });
  });

  it('marks come from the look-up (a dedup-marked event is not counted)', async () => {
    const { lookups, calls } = fakeLookups(['d:f1']);
    const p = await planTick(base(), lookups);
    expect(ids(p.messages.flatMap((m) => m.events))).toEqual([]);
    expect(p.suppressed).toEqual({ dedup: 2 });
    expect(calls).toEqual({ hasMarks: 1, countSent: 0 });
  });
});
