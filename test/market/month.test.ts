import { describe, expect, it } from 'vitest';
import { simulateMonth } from '../support/tm-month.js';

describe('a simulated month (injected clock, fake API)', () => {
  it('never exceeds the budget, the ledger equals the fake count, the day-1 projection holds', async () => {
    const r = await simulateMonth({ tokens: 20, budget: 600, start: Date.UTC(2026, 1, 1) });
    expect(r.fakeCalls).toBeLessThanOrEqual(r.budget);
    expect(r.maxUsed).toBeLessThanOrEqual(r.budget);
    expect(r.ledger).toBe(r.fakeCalls);
    // The plan spends what it may (budget minus the 5 % reserve), not far less.
    expect(r.fakeCalls).toBeGreaterThan(r.budget * 0.85);
    // At this tiny budget one refresh is ~1 % of the month, so the last days can tip into the reserve
    // (spent on prices and signals): the day-1 forecast of the room (570) is within 6 %. The 2 % target
    // is measured at the real budget by bench/tm-month.bench.ts.
    expect(Math.abs(r.projectedDay1 / r.fakeCalls - 1)).toBeLessThan(0.06);
    // Every kind kept flowing all month.
    for (const n of Object.values(r.refreshes)) expect(n).toBeGreaterThan(10);
  }, 60_000);
});
