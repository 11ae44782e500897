import type { LevelsObs } from '../../domain/market.js';
import type { LevelEvent } from '../../domain/types.js';
import { isOlder, parseDate } from '../dates.js';
import { eventId } from '../ids.js';
import { PRIORITY } from '../priority.js';
import type { LevelState, PhaseState, TokenState } from '../types.js';
import { eventBase, priceStamp, type RuleContext, round4 } from './context.js';
import { clusterLevels, type LevelCluster, levelStrength } from './level-cluster.js';
import { initialPhase, type PhaseConfig, stepPhase, transitionOf } from './level-phase.js';
import { levelsAround } from './level-targets.js';

type LevelsPart = NonNullable<TokenState['levels']>;

/** A proximity profile with its key in `LevelState.phases`. */
export interface Profile extends PhaseConfig {
  readonly key: string;
}

export interface LevelsOptions {
  readonly minStrength: number;
  readonly clusterPct: number;
  /** The profile keys comma-joined, in order (see `TokenState.levels.profiles`). */
  readonly profileSig: string;
}

/** Key of a new level: its price to 4 significant digits, made unique among `taken`. */
function newKey(level: number, taken: Set<string>): string {
  const base = String(Number(level.toPrecision(4)));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}~${n}`;
  taken.add(key);
  return key;
}

/**
 * Carries state from the previous levels to freshly clustered ones: each new cluster takes over the
 * nearest previous level within `clusterPct` (closest pairs first, each used once), keeping its key and
 * phases, so a cluster whose mean moved slightly keeps its machine. Unmatched clusters get a new key and
 * no phases (they are baselined silently); previous levels without a match are gone.
 */
export function matchLevels(
  prev: readonly LevelState[],
  next: readonly LevelCluster[],
  clusterPct: number,
  refMs: number,
): LevelState[] {
  const pairs: Array<{ i: number; j: number; dist: number }> = [];
  for (let i = 0; i < next.length; i++) {
    const c = next[i];
    if (!c) continue;
    for (let j = 0; j < prev.length; j++) {
      const p = prev[j];
      if (!p) continue;
      const dist = (Math.abs(c.level - p.level) / p.level) * 100;
      if (dist <= clusterPct) pairs.push({ i, j, dist });
    }
  }
  pairs.sort((a, b) => a.dist - b.dist || a.i - b.i || a.j - b.j);
  const byNew = new Map<number, LevelState>();
  const usedPrev = new Set<number>();
  for (const { i, j } of pairs) {
    if (byNew.has(i) || usedPrev.has(j)) continue;
    const p = prev[j];
    if (!p) continue;
    byNew.set(i, p);
    usedPrev.add(j);
  }
  const taken = new Set<string>();
  for (const p of byNew.values()) taken.add(p.key);
  return next.map((c, i) => {
    const matched = byNew.get(i);
    return {
      key: matched ? matched.key : newKey(c.level, taken),
      level: c.level,
      count: c.count,
      newest: c.newest,
      strength: levelStrength(c.count, c.newestMs, refMs),
      phases: matched ? matched.phases : {},
    };
  });
}

/**
 * Levels rule. Fresh levels (non-empty, not older than the stored row) are re-clustered and matched to the
 * stored ones; otherwise the stored levels stay. Then, per level and proximity profile:
 * - no phase yet and a price is known → silent baseline (`initialPhase`);
 * - a fresh price this tick → `stepPhase`; a transition emits an event only when the level's strength is
 *   ≥ minStrength (the phase advances regardless, so a level that becomes strong later is not replayed);
 * - phases of profiles no longer requested are dropped.
 * Id: token, 'level', level key, profile, from>to phase and the time the previous phase began. Each event
 * also names the strong levels beyond and behind it (`levelsAround`) and the price's time and source.
 */
export function levelsRule(
  ctx: RuleContext,
  prev: LevelsPart | undefined,
  obs: LevelsObs | undefined,
  freshPrice: number | undefined,
  knownPrice: number | undefined,
  profiles: readonly Profile[],
  opts: LevelsOptions,
): { part: LevelsPart | undefined; events: LevelEvent[] } {
  const events: LevelEvent[] = [];
  let items: readonly LevelState[] | undefined = prev?.items;
  let part = prev;
  if (obs && obs.levels.length > 0 && !isOlder(obs.date, prev?.date)) {
    const clusters = clusterLevels(obs.levels, opts.clusterPct);
    if (clusters.length > 0) {
      items = matchLevels(prev?.items ?? [], clusters, opts.clusterPct, parseDate(obs.date) ?? ctx.now);
      const date = obs.date ?? prev?.date;
      part = { at: ctx.now, items, ...(date === undefined ? {} : { date }) };
    }
  }
  if (!items || !part || knownPrice === undefined) return { part, events };

  // Same profile set as last time: every item already holds exactly these phases, nothing to prune.
  const reconcile = part.profiles !== opts.profileSig;
  let out: LevelState[] | undefined;
  for (let n = 0; n < items.length; n++) {
    const item = items[n] as LevelState;
    const d = ((knownPrice - item.level) / item.level) * 100;
    let phases: Record<string, PhaseState> | undefined;
    let kept = 0;
    for (let k = 0; k < profiles.length; k++) {
      const prof = profiles[k] as Profile;
      const before = item.phases[prof.key];
      let after: PhaseState;
      if (!before) {
        after = initialPhase(d, prof, ctx.now);
      } else {
        kept++;
        after = freshPrice === undefined ? before : stepPhase(before, d, prof, ctx.now);
        const t = after === before ? undefined : transitionOf(before, after);
        if (t && item.strength >= opts.minStrength) {
          const e = levelEvent(ctx, item, prof, before, after, t, knownPrice, d);
          events.push({
            ...e,
            ...levelsAround(items, item.level, knownPrice, e.direction, opts.minStrength),
          });
        }
      }
      if (after !== before && !phases) phases = copyPhases(item.phases, profiles, k);
      if (phases) phases[prof.key] = after;
    }
    // Phases of profiles no longer requested are dropped.
    if (!phases && reconcile && kept !== countKeys(item.phases)) {
      phases = copyPhases(item.phases, profiles, profiles.length);
    }
    if (phases) {
      out ??= items.slice(0, n);
      out.push({ ...item, phases });
    } else if (out) {
      out.push(item);
    }
  }
  if (!out && !reconcile) return { part, events };
  return { part: { ...part, items: out ?? part.items, profiles: opts.profileSig }, events };
}

/** The phases of the first `upTo` profiles that exist (the start of a changed phase record). */
function copyPhases(
  phases: Readonly<Record<string, PhaseState>>,
  profiles: readonly Profile[],
  upTo: number,
): Record<string, PhaseState> {
  const out: Record<string, PhaseState> = {};
  for (let k = 0; k < upTo; k++) {
    const key = (profiles[k] as Profile).key;
    const b = phases[key];
    if (b) out[key] = b;
  }
  return out;
}

function countKeys(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function levelEvent(
  ctx: RuleContext,
  item: LevelState,
  prof: Profile,
  before: PhaseState,
  after: PhaseState,
  transition: 'approach' | 'touch' | 'breakout',
  price: number,
  d: number,
): LevelEvent {
  const kind =
    transition === 'approach' ? 'level_approach' : transition === 'touch' ? 'level_touch' : 'level_breakout';
  // The level's role comes from the side price was armed on: approached from below it is resistance.
  const resistance = before.ref === 'below';
  return {
    ...eventBase(
      ctx,
      eventId(ctx.tokenId, 'level', item.key, prof.key, `${before.p}>${after.p}`, before.since),
      PRIORITY[kind],
    ),
    kind,
    level: item.level,
    side: resistance ? 'resistance' : 'support',
    direction: resistance ? 'up' : 'down',
    price,
    distancePct: round4(Math.abs(d)),
    strength: item.strength,
    proximityPct: prof.pct,
    ...priceStamp(ctx),
  };
}
