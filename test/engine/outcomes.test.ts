import { describe, expect, it } from 'vitest';
import type { Outcome } from '#src/domain/outcome.js';
import type { LevelEvent, SignalFlipEvent } from '#src/domain/types.js';
import { MIN_SAMPLE, median, outcomeStats } from '#src/engine/outcome-stats.js';
import { outcomeAsOf, outcomeOf, type ScoredEvent, stepOutcome } from '#src/engine/outcomes.js';

const T0 = Date.UTC(2026, 0, 1);
const H = 3600_000;
const D = 24 * H;

function level(
  kind: LevelEvent['kind'],
  side: LevelEvent['side'],
  price: number,
  over: Partial<LevelEvent> = {},
): LevelEvent {
  const lvl = 100;
  return {
    id: `${kind}-${side}`,
    kind,
    tokenId: 1,
    symbol: 'SOL',
    name: 'Solana',
    at: T0,
    priority: 1,
    level: lvl,
    side,
    direction: side === 'support' ? 'down' : 'up',
    price,
    distancePct: (Math.abs(price - lvl) / lvl) * 100,
    strength: 80,
    proximityPct: 2,
    ...over,
  };
}

function flip(timeframe: 'daily' | 'hourly', from: -1 | 0 | 1, to: -1 | 0 | 1): SignalFlipEvent {
  return {
    id: `f-${timeframe}-${to}`,
    kind: 'signal_flip',
    tokenId: 1,
    symbol: 'SOL',
    name: 'Solana',
    at: T0,
    priority: 3,
    timeframe,
    from,
    to,
    price: 100,
  };
}

/** Folds a scripted price path ([ms after the event, price]) into the event's outcome. */
function run(e: ScoredEvent, path: ReadonlyArray<readonly [number, number]>): Outcome {
  let o = outcomeOf(e, undefined);
  for (const [dt, p] of path) o = stepOutcome(o, p, T0 + dt);
  return o;
}

describe('outcome scoring over scripted price paths', () => {
  it.each([
    // Support touched at 101 (1% away), band 2%: held needs price ≥ 1% + 2% = 3% above the level.
    {
      name: 'support touch held',
      e: level('level_touch', 'support', 101),
      path: [
        [H, 102],
        [2 * H, 103.5],
      ],
      status: 'held',
      hit: true,
    },
    {
      name: 'support touch broke',
      e: level('level_touch', 'support', 101),
      path: [
        [H, 100.2],
        [2 * H, 99.4],
      ],
      status: 'broke',
      hit: false,
    },
    {
      name: 'support touch undecided after 24 h',
      e: level('level_touch', 'support', 101),
      path: [
        [H, 101.5],
        [D + H, 110],
      ],
      status: 'undecided',
      hit: undefined,
    },
    {
      name: 'resistance approach held (turned down)',
      e: level('level_approach', 'resistance', 98.5),
      path: [[3 * H, 96]],
      status: 'held',
      hit: true,
    },
    {
      name: 'resistance approach broke (went through)',
      e: level('level_approach', 'resistance', 98.5),
      path: [[3 * H, 100.6]],
      status: 'broke',
      hit: false,
    },
    {
      name: 'still open within the day',
      e: level('level_approach', 'resistance', 98.5),
      path: [[3 * H, 99]],
      status: 'open',
      hit: undefined,
    },
    {
      name: 'breakout up held 24 h later',
      e: level('level_breakout', 'resistance', 101, { direction: 'up' }),
      path: [
        [H, 99],
        [D, 102],
      ],
      status: 'held',
      hit: true,
    },
    {
      name: 'breakout up failed 24 h later',
      e: level('level_breakout', 'resistance', 101, { direction: 'up' }),
      path: [
        [H, 104],
        [D, 99],
      ],
      status: 'failed',
      hit: false,
    },
    {
      name: 'breakout down held',
      e: level('level_breakout', 'support', 99, { direction: 'down' }),
      path: [[D + 1, 97]],
      status: 'held',
      hit: true,
    },
  ] as const)('$name', ({ e, path, status, hit }) => {
    const o = run(e, path);
    expect(o.status).toBe(status);
    expect(o.hit).toBe(hit);
  });

  it.each([
    // Daily: 1 d and 7 d; hourly: 4 h and 24 h. Returns in the signal's direction, percent.
    {
      name: 'daily flip up, right',
      e: flip('daily', -1, 1),
      path: [
        [D, 103],
        [3 * D, 90],
        [7 * D, 110],
      ],
      short: 3,
      long: 10,
      hit: true,
    },
    {
      name: 'daily flip down, right',
      e: flip('daily', 1, -1),
      path: [
        [D, 98],
        [7 * D, 80],
      ],
      short: 2,
      long: 20,
      hit: true,
    },
    {
      name: 'daily flip down, wrong',
      e: flip('daily', 0, -1),
      path: [
        [D, 101],
        [7 * D, 105],
      ],
      short: -1,
      long: -5,
      hit: false,
    },
    {
      name: 'to neutral from bullish reads as down',
      e: flip('daily', 1, 0),
      path: [
        [D, 99],
        [7 * D, 95],
      ],
      short: 1,
      long: 5,
      hit: true,
    },
    {
      name: 'hourly flip up, wrong',
      e: flip('hourly', -1, 1),
      path: [
        [4 * H, 101],
        [D, 97],
      ],
      short: 1,
      long: -3,
      hit: false,
    },
  ] as const)('$name', ({ e, path, short, long, hit }) => {
    const o = run(e, path);
    expect(o.status).toBe('scored');
    expect(o.short).toBeCloseTo(short, 9);
    expect(o.long).toBeCloseTo(long, 9);
    expect(o.hit).toBe(hit);
  });

  it('a flip stays open with its short return until the long horizon', () => {
    const o = run(flip('daily', -1, 1), [
      [D, 102],
      [2 * D, 104],
    ]);
    expect(o).toMatchObject({ status: 'open', short: 2, move: 4 });
  });

  it('Sharpe and grade changes are recorded, not scored, and ignore later prices', () => {
    const e: ScoredEvent = {
      id: 'g',
      kind: 'grade_change',
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      at: T0,
      priority: 1,
      from: 'B',
      to: 'A',
    };
    const o = outcomeOf(e, 50);
    expect(o).toMatchObject({ status: 'recorded', entry: 50, note: 'B → A' });
    expect(stepOutcome(o, 60, T0 + D)).toBe(o);
  });

  it('takes the tick price when the event has none, and ignores prices at or before the event', () => {
    const { price: _omit, ...e } = flip('daily', -1, 1);
    const o = outcomeOf(e, 200);
    expect(o.entry).toBe(200);
    expect(stepOutcome(o, 300, T0)).toBe(o);
  });

  it('reports a level outcome past its window without a later price as undecided', () => {
    const o = outcomeOf(level('level_touch', 'support', 101), undefined);
    expect(outcomeAsOf(o, T0 + D - 1).status).toBe('open');
    expect(outcomeAsOf(o, T0 + D + 1).status).toBe('undecided');
  });
});

describe('outcome stats', () => {
  it('counts, hit rate over decided ones, median, best and worst; small samples flagged', () => {
    const touches = [
      run(level('level_touch', 'support', 101, { id: 'a' }), [[H, 104]]), // held, +2.97%
      run(level('level_touch', 'support', 101, { id: 'b' }), [[H, 99]]), // broke, -1.98%
      run(level('level_touch', 'support', 101, { id: 'c' }), [[H, 101.2]]), // open
    ];
    const [s] = outcomeStats(touches, T0 + 2 * H);
    expect(s).toMatchObject({
      kind: 'touch',
      count: 3,
      decided: 2,
      hits: 1,
      hitRate: 0.5,
      open: 1,
      tooSmall: true,
    });
    expect(s?.best?.id).toBe('a');
    expect(s?.worst?.id).toBe('b');
    expect(s?.median).toBeCloseTo(((3 / 101) * 100 - (2 / 101) * 100) / 2, 9);
    const many = Array.from({ length: MIN_SAMPLE }, (_, i) =>
      run({ ...flip('hourly', -1, 1), id: `h${i}` }, [[D, 100 + i]]),
    );
    const [h] = outcomeStats(many, T0 + 2 * D);
    expect(h).toMatchObject({
      kind: 'hourly_flip',
      decided: MIN_SAMPLE,
      hits: MIN_SAMPLE - 1,
      tooSmall: false,
    });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeUndefined();
  });
});
