import type { DataKind } from '../domain/market.js';
import type { PartReading, PriceAlert } from '../domain/price-alerts.js';
import type { TokenId } from '../domain/types.js';
import { bandAt, type Threshold as ThresholdOf, upper, upperPct } from './price-bands.js';
import {
  conditionHolds,
  factsEqual,
  kindOfPart,
  type MarketFacts,
  nearLevel,
  type PartContext,
  readings,
} from './rules/conditions.js';
import type { MoveReading } from './rules/move-window.js';
import { cooledDown } from './rules/price-alert.js';

/** One alert whose condition became true on an update. */
export interface PriceAlertHit {
  readonly alert: PriceAlert;
  readonly price: number;
  /** Each part with its value now (all of them held). */
  readonly parts: readonly PartReading[];
  /** The first move part's reading: where the move is measured from. */
  readonly move?: MoveReading;
}

/** One update of a token: its price, and its Token Metrics facts before and after (the same on a price-only update). */
export interface PriceUpdate {
  readonly tokenId: TokenId;
  /** The previous price (undefined on first sight: nothing can have become true then). */
  readonly prev: number | undefined;
  readonly now: number;
  /** Epoch ms of the new price. */
  readonly at: number;
  /** The move of each window at the previous price and now (see MoveWindow); undefined without history. */
  readonly moves?: (windowMs: number) => { readonly before?: MoveReading; readonly now?: MoveReading };
  readonly factsBefore?: MarketFacts;
  readonly facts?: MarketFacts;
  /** The alert's destination cooldown for `every` alerts, ms. */
  readonly cooldownMs: (alert: PriceAlert) => number;
}

type Threshold = ThresholdOf<PriceAlert>;

interface MoveGroup {
  readonly windowMs: number;
  /** Sorted by pct ascending. */
  readonly items: ReadonlyArray<{ readonly pct: number; readonly alert: PriceAlert }>;
}

interface NearGroup {
  readonly side: 'support' | 'resistance';
  readonly pct: number;
  readonly minStrength: number | undefined;
  readonly alerts: readonly PriceAlert[];
}

interface TokenAlerts {
  /** The boundaries of every above/below part, sorted by price. */
  readonly thresholds: readonly Threshold[];
  readonly moves: readonly MoveGroup[];
  readonly nears: readonly NearGroup[];
  /** Alerts with a Token Metrics part: re-checked when the token's facts change, and only then. */
  readonly tm: readonly PriceAlert[];
  /** The Token Metrics data the token's alerts read. */
  readonly kinds: ReadonlySet<DataKind>;
  /** The band cached for the last price seen: no threshold lies strictly inside (lo, hi). */
  band?: { at: number; lo: number; hi: number };
}

/**
 * Users' alerts grouped by token so that an update costs the same with 1,000 or 100,000 alerts: only
 * alerts one of whose parts can have changed are looked at, then their whole condition is judged before
 * and now (edge: it fires when false before and true now).
 * - above/below boundaries are kept sorted; each token remembers the band (nearest boundary below and
 *   above its last price). An update inside the band crosses none; one leaving it looks only at the
 *   boundaries crossed (binary search).
 * - move parts are grouped by window and sorted by percent: the alerts whose percent lies between the
 *   move before and the move now (binary search), one reading per distinct window.
 * - near parts are grouped by side and percent: one level check per group.
 * - Token Metrics parts are judged when the token's facts changed: that token's alerts with such parts.
 * Pure data structure: no I/O, no clock; the app rebuilds it when the store's revision changes.
 */
export class PriceAlertIndex {
  private readonly byToken = new Map<TokenId, TokenAlerts>();
  readonly size: number;
  /** Conditions judged by the last `evaluate` (for the benchmark's "only that token's alerts" check). */
  lastJudged = 0;

  constructor(alerts: Iterable<PriceAlert>) {
    const grouped = new Map<TokenId, PriceAlert[]>();
    let n = 0;
    for (const a of alerts) {
      n++;
      const list = grouped.get(a.tokenId) ?? [];
      list.push(a);
      grouped.set(a.tokenId, list);
    }
    this.size = n;
    for (const [tokenId, list] of grouped) this.byToken.set(tokenId, build(list));
  }

  tokens(): TokenId[] {
    return [...this.byToken.keys()];
  }

  /** The distinct move windows of the token's alerts, ascending (ms). */
  windows(tokenId: TokenId): number[] {
    return this.byToken.get(tokenId)?.moves.map((g) => g.windowMs) ?? [];
  }

  /** Whether the token has parts that any price may change outside the band: moves and nears. */
  needsEveryPrice(tokenId: TokenId): boolean {
    const t = this.byToken.get(tokenId);
    return t !== undefined && (t.moves.length > 0 || t.nears.length > 0);
  }

  /** The Token Metrics data kinds the token's alerts read (empty: price only; undefined: no alerts). */
  kinds(tokenId: TokenId): ReadonlySet<DataKind> | undefined {
    return this.byToken.get(tokenId)?.kinds;
  }

  /**
   * The open interval around `price` holding none of the token's above/below boundaries (±Infinity when
   * none; lo = hi when the price sits on one). Read-only: the evaluation's own band cache is kept.
   */
  band(tokenId: TokenId, price: number): { lo: number; hi: number } {
    const t = this.byToken.get(tokenId);
    if (!t || t.thresholds.length === 0)
      return { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };
    const b = bandAt(t.thresholds, price);
    return { lo: b.lo, hi: b.hi };
  }

  /** Alerts whose condition became true on this update (their destinations' cooldowns applied to `every` alerts). */
  evaluate(u: PriceUpdate): PriceAlertHit[] {
    const t = this.byToken.get(u.tokenId);
    this.lastJudged = 0;
    if (!t || !(u.now > 0)) return [];
    const candidates = this.candidates(t, u);
    this.lastJudged = candidates.size;
    if (candidates.size === 0) return [];
    const moves = new Map<number, { before?: MoveReading; now?: MoveReading }>();
    const moveOf = (w: number) => {
      const seen = moves.get(w);
      if (seen) return seen;
      const m = u.moves?.(w) ?? {};
      moves.set(w, m);
      return m;
    };
    const before: PartContext = { price: u.prev, move: (w) => moveOf(w).before, facts: u.factsBefore };
    const now: PartContext = { price: u.now, move: (w) => moveOf(w).now, facts: u.facts };
    const hits: PriceAlertHit[] = [];
    for (const a of candidates) {
      if (conditionHolds(a.condition, now) !== true || conditionHolds(a.condition, before) !== false)
        continue;
      if (!ready(a, u)) continue;
      const firstMove = a.condition.parts.find((p) => p.kind === 'move');
      const move = firstMove?.kind === 'move' ? moveOf(firstMove.windowMs).now : undefined;
      hits.push({
        alert: a,
        price: u.now,
        parts: readings(a.condition, now).map(({ part, reading }) => ({ part, reading })),
        ...(move ? { move } : {}),
      });
    }
    return hits;
  }

  /** The alerts one of whose parts can have changed on this update: the only ones judged. */
  private candidates(t: TokenAlerts, u: PriceUpdate): Set<PriceAlert> {
    const out = new Set<PriceAlert>();
    if (u.prev === undefined) return out; // nothing was false before that we know of
    if (t.thresholds.length > 0) this.crossed(t, u.prev, u.now, out);
    for (const g of t.moves) {
      const m = u.moves?.(g.windowMs);
      if (!m?.now || !m.before) continue;
      const a = Math.abs(m.before.pct);
      const b = Math.abs(m.now.pct);
      if (a === b) continue;
      // A part "move p%" changes when p lies in (min, max] of the two magnitudes.
      const hi = Math.max(a, b);
      for (let i = upperPct(g.items, Math.min(a, b)); i < g.items.length; i++) {
        const it = g.items[i] as MoveGroup['items'][number];
        if (it.pct > hi) break;
        out.add(it.alert);
      }
    }
    for (const g of t.nears) {
      const was = nearLevel(g.side, g.pct, u.prev, u.factsBefore?.levels, g.minStrength) !== undefined;
      const is = nearLevel(g.side, g.pct, u.now, u.facts?.levels, g.minStrength) !== undefined;
      if (was !== is) for (const a of g.alerts) out.add(a);
    }
    if (t.tm.length > 0 && !factsEqual(u.factsBefore, u.facts)) for (const a of t.tm) out.add(a);
    return out;
  }

  private crossed(t: TokenAlerts, prev: number, now: number, out: Set<PriceAlert>): void {
    let band = t.band;
    if (!band || band.at !== prev) band = bandAt(t.thresholds, prev);
    t.band = bandAt(t.thresholds, now, band);
    // Inside the band: no boundary between the two prices, no above/below part changed.
    if (now > band.lo && now < band.hi) return;
    const lo = Math.min(prev, now);
    const hi = Math.max(prev, now);
    // Boundaries in [lo, hi]: the only ones that can have been crossed.
    for (let i = upper(t.thresholds, lo) - 1; i >= 0 && (t.thresholds[i] as Threshold).price === lo; i--) {
      out.add((t.thresholds[i] as Threshold).alert);
    }
    for (let i = upper(t.thresholds, lo); i < t.thresholds.length; i++) {
      const th = t.thresholds[i] as Threshold;
      if (th.price > hi) break;
      out.add(th.alert);
    }
  }
}

function ready(a: PriceAlert, u: PriceUpdate): boolean {
  return a.repeat === 'once' || cooledDown(a.lastFiredAt, u.cooldownMs(a), u.at);
}

function build(list: readonly PriceAlert[]): TokenAlerts {
  const thresholds: Threshold[] = [];
  const moves = new Map<number, Array<{ pct: number; alert: PriceAlert }>>();
  const nears = new Map<string, NearGroup & { alerts: PriceAlert[] }>();
  const tm: PriceAlert[] = [];
  const kinds = new Set<DataKind>();
  for (const a of list) {
    let usesTm = false;
    for (const p of a.condition.parts) {
      const kind = kindOfPart(p);
      if (kind) {
        kinds.add(kind);
        usesTm = true;
      }
      if (p.kind === 'above' || p.kind === 'below') thresholds.push({ price: p.price, alert: a });
      else if (p.kind === 'move') {
        const g = moves.get(p.windowMs) ?? [];
        g.push({ pct: p.pct, alert: a });
        moves.set(p.windowMs, g);
      } else if (p.kind === 'near') {
        const key = `${p.side}:${p.pct}:${p.minStrength ?? ''}`;
        const g = nears.get(key) ?? { side: p.side, pct: p.pct, minStrength: p.minStrength, alerts: [] };
        g.alerts.push(a);
        nears.set(key, g);
      }
    }
    if (usesTm) tm.push(a);
  }
  thresholds.sort((a, b) => a.price - b.price);
  return {
    thresholds,
    moves: [...moves.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([windowMs, items]) => ({ windowMs, items: [...items].sort((a, b) => a.pct - b.pct) })),
    nears: [...nears.values()],
    tm,
    kinds,
  };
}
