import type { Outcome, OutcomeKind } from '#src/domain/outcome.js';
import { OUTCOME_WINDOWS } from '#src/engine/outcomes.js';

/** Deterministic PRNG (mulberry32): the same year every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Kinds in roughly the mix a watched market produces. */
const MIX: ReadonlyArray<readonly [OutcomeKind, number]> = [
  ['approach', 0.3],
  ['touch', 0.25],
  ['breakout', 0.1],
  ['daily_flip', 0.1],
  ['hourly_flip', 0.15],
  ['sharpe', 0.05],
  ['grade', 0.05],
];

/** The kind a uniform draw `r` lands on in MIX. */
function pick(r: number): OutcomeKind {
  let left = r;
  for (const [kind, w] of MIX) {
    left -= w;
    if (left < 0) return kind;
  }
  return 'approach';
}

function horizon(kind: OutcomeKind): number {
  if (kind === 'daily_flip') return OUTCOME_WINDOWS.daily.long;
  if (kind === 'hourly_flip') return OUTCOME_WINDOWS.hourly.long;
  return OUTCOME_WINDOWS.level;
}

export interface YearSpec {
  readonly perDay: number;
  readonly tokens: number;
  readonly from: number;
  readonly now: number;
  readonly tokenIdOf: (i: number) => number;
}

/**
 * A year of delivered alerts, `perDay` a day from `from`, over every token: moves spread like daily
 * crypto moves (normal, σ 4 %, every value distinct), statuses as the scoring leaves them (recent ones
 * still open, some levels undecided, Sharpe and grade recorded).
 */
export function yearOfOutcomes(spec: YearSpec): Outcome[] {
  const rnd = prng(12);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const total = Math.round(((spec.now - spec.from) / 86_400_000) * spec.perDay);
  const out: Outcome[] = [];
  for (let i = 0; i < total; i++) {
    const at = spec.from + Math.floor((i / total) * (spec.now - spec.from));
    const n = Math.floor(rnd() * spec.tokens);
    const kind = pick(rnd());
    const base = { id: `y${i}`, tokenId: spec.tokenIdOf(n), symbol: `T${n}`, kind, at, entry: 100 };
    const until = at + horizon(kind);
    const move = 0.3 + 4 * gauss();
    if (kind === 'sharpe' || kind === 'grade') {
      out.push({ ...base, dir: 1, until: at, status: 'recorded', note: 'bench' });
    } else if (until > spec.now) {
      out.push({ ...base, dir: 1, until, status: 'open', move });
    } else if ((kind === 'approach' || kind === 'touch') && rnd() < 0.1) {
      out.push({ ...base, dir: 1, until, status: 'undecided', move: 0 });
    } else {
      const hit = move > 0;
      const status =
        kind === 'daily_flip' || kind === 'hourly_flip'
          ? 'scored'
          : kind === 'breakout'
            ? hit
              ? 'held'
              : 'failed'
            : hit
              ? 'held'
              : 'broke';
      out.push({ ...base, dir: 1, until, status, hit, move });
    }
  }
  return out;
}
