/**
 * Random outcomes for the /stats equivalence tests (issue 18): every kind (and one /stats does not
 * know), every status, moves with many ties and extremes, times spread over days and inside them.
 */
import fc from 'fast-check';
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '#src/domain/outcome.js';

export const DAY = 24 * 3600_000;
/** Not on a day boundary, so windows start inside a day. */
export const T0 = 1_800_000_000_000;

const STATUSES = ['open', 'held', 'broke', 'undecided', 'failed', 'scored', 'recorded'] as const;
/** Tied moves, both sides of 0, bin edges (1, 5, 20, 100, 1,000 %) and beyond. */
const MOVES = [-250, -20, -5, -1, -0.05, 0, 0.05, 0.1, 1, 2.5, 5, 20, 100, 999.9, 1000, 4000];

export interface OutcomeArbOptions {
  /** Ids are `o0`…: a small pool makes adds collide and updates hit stored records. */
  readonly ids?: number;
  readonly tokens?: readonly number[];
  /** Days around T0 the outcomes fall on. */
  readonly days?: readonly [number, number];
}

export function outcomeArb(opts: OutcomeArbOptions = {}): fc.Arbitrary<Outcome> {
  const [from, to] = opts.days ?? [-3, 8];
  return fc
    .record({
      n: fc.nat((opts.ids ?? 40) - 1),
      tokenId: fc.constantFrom(...(opts.tokens ?? [1, 2, 3])),
      kind: fc.constantFrom<string>(...OUTCOME_KINDS, 'mystery'),
      day: fc.integer({ min: from, max: to }),
      ms: fc.oneof(fc.constantFrom(0, 1, 3600_000, DAY / 2, DAY - 1), fc.nat(DAY - 1)),
      status: fc.constantFrom(...STATUSES),
      move: fc.option(fc.oneof(fc.constantFrom(...MOVES), fc.double({ min: -150, max: 150, noNaN: true })), {
        nil: undefined,
      }),
      hit: fc.option(fc.boolean(), { nil: undefined }),
      until: fc.integer({ min: -DAY, max: 2 * DAY }),
      symbol: fc.constantFrom('SOL', 'ETH', 'BTC'),
    })
    .map((r) => {
      const at = T0 + r.day * DAY + r.ms;
      return {
        id: `o${r.n}`,
        tokenId: r.tokenId,
        symbol: r.symbol,
        kind: r.kind as OutcomeKind,
        at,
        entry: 100,
        dir: 1,
        until: at + r.until,
        status: r.status,
        ...(r.move !== undefined ? { move: r.move } : {}),
        ...(r.hit !== undefined ? { hit: r.hit } : {}),
      } satisfies Outcome;
    });
}

/** A window to ask /stats about: its start, the time of asking, and the token (undefined: all). */
export interface WindowAsk {
  readonly since: number;
  readonly now: number;
  readonly tokenId: number | undefined;
}

export function windowArb(tokens: readonly number[] = [1, 2, 3]): fc.Arbitrary<WindowAsk> {
  return fc.record({
    since: fc.integer({ min: T0 - 4 * DAY, max: T0 + 9 * DAY }),
    now: fc.integer({ min: T0 - 2 * DAY, max: T0 + 12 * DAY }),
    tokenId: fc.option(fc.constantFrom(...tokens), { nil: undefined }),
  });
}
