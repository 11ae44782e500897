import { describe, expect, it } from 'vitest';
import { planCadence } from '#src/pipeline/fetch-plan.js';

const REFRESH = { price: 60_000, hourly: 3_600_000, daily: 21_600_000 };

describe('planCadence with live prices', () => {
  it.each([
    [100, 100],
    [250, 250],
    [500, 400],
  ])(
    '%d watched, %d streamed: fewer Token Metrics calls, hourly and daily no slower',
    (watched, streamed) => {
      const alone = planCadence(REFRESH, 10_000, watched, 0);
      const withStreams = planCadence(REFRESH, 10_000, watched, streamed);
      expect(withStreams.monthlyCalls).toBeLessThanOrEqual(10_000);
      expect(withStreams.cadence.hourly).toBeLessThanOrEqual(alone.cadence.hourly);
      expect(withStreams.cadence.daily).toBeLessThanOrEqual(alone.cadence.daily);
      expect(withStreams.cadence.levels).toBeLessThanOrEqual(alone.cadence.levels);
    },
  );

  it('100 tokens all streamed at the default budget: ≥ 60% fewer calls than polling alone', () => {
    const alone = planCadence(REFRESH, 10_000, 100, 0);
    const withStreams = planCadence(REFRESH, 10_000, 100, 100);
    expect(withStreams.monthlyCalls).toBeLessThanOrEqual(alone.monthlyCalls * 0.4);
  });

  it('the freed credits speed up what the budget had stretched (500 tokens: hourly back towards 1 h)', () => {
    const alone = planCadence(REFRESH, 10_000, 500, 0);
    const withStreams = planCadence(REFRESH, 10_000, 500, 500);
    expect(alone.cadence.hourly).toBeGreaterThan(REFRESH.hourly);
    expect(withStreams.cadence.hourly).toBeLessThan(alone.cadence.hourly);
  });

  it('the tokens still polled keep a price cadence that fits the budget', () => {
    const p = planCadence(REFRESH, 10_000, 250, 150);
    expect(p.cadence.price).toBeGreaterThanOrEqual(REFRESH.price);
    expect(p.monthlyCalls).toBeLessThanOrEqual(10_000);
  });
});
