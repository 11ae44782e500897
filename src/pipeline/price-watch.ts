import type { DataKind, TokenObservation } from '../domain/market.js';
import type { PriceAlert, PriceAlertEvent } from '../domain/price-alerts.js';
import type { TokenId } from '../domain/types.js';
import { eventId } from '../engine/ids.js';
import { type PriceAlertHit, PriceAlertIndex } from '../engine/price-index.js';
import { PRIORITY } from '../engine/priority.js';
import type { MarketFacts } from '../engine/rules/conditions.js';
import { MoveWindow, peekReading } from '../engine/rules/move-window.js';
import { cooledDown } from '../engine/rules/price-alert.js';
import {
  HISTORY,
  type PriceAlertStore,
  type PriceHistoryStore,
  type PriceSample,
} from '../store/price-ports.js';

/**
 * Records this tick's prices into the history: one sample per polled price at `at`, and the hourly
 * CLOSE rows of the fetch into empty hours (the start of a new token's chart). Best effort for the
 * caller: a failure here must not stop alerts, so the caller logs and carries on.
 */
export async function recordPrices(
  history: PriceHistoryStore,
  observations: ReadonlyMap<TokenId, TokenObservation>,
  at: number,
): Promise<void> {
  const samples: Array<{ tokenId: TokenId } & PriceSample> = [];
  for (const [tokenId, obs] of observations) {
    if (obs.price) samples.push({ tokenId, t: at, price: obs.price.price });
  }
  await history.record(samples);
  const seeds: Array<{ tokenId: TokenId; points: PriceSample[] }> = [];
  for (const [tokenId, obs] of observations) {
    const closes = obs.hourly?.closes;
    if (closes && closes.length > 0)
      seeds.push({ tokenId, points: closes.map((c) => ({ t: c.t, price: c.close })) });
  }
  if (seeds.length > 0) await history.seedHourly(seeds);
}

/** One token's price change as the tick (or a stream) saw it. */
export interface PriceChange {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  readonly url?: string;
  readonly prev: number | undefined;
  readonly now: number;
  readonly at: number;
  readonly source: 'poll' | 'stream';
  /** The token's Token Metrics facts before and after this update (the same on a price-only update). */
  readonly factsBefore?: MarketFacts;
  readonly facts?: MarketFacts;
}

/** The destination cooldown (ms) of each of these alerts: one batched settings read. */
export type CooldownLookup = (alerts: readonly PriceAlert[]) => Promise<(alert: PriceAlert) => number>;

export interface PriceWatchDeps {
  readonly alerts: PriceAlertStore;
  readonly history: Pick<PriceHistoryStore, 'range'>;
}

/**
 * A move window whose last sample is older than this is rebuilt from the price history (one read): the
 * updates in between were evaluated elsewhere (another replica) or not at all.
 */
const STALE_MS = 10 * 60_000;

/**
 * Users' price alerts on price updates. Keeps the index in memory and rebuilds it only when the
 * store's revision moved (an alert added, deleted or fired, here or on another replica), and the running
 * low and high of each token's move windows (rebuilt from the price history when missing or stale).
 *
 * Two steps, so that nothing is lost and nothing is sent twice: `evaluate` only READS (the events
 * these changes fire, with deterministic ids), the caller plans and enqueues them (and commits holds
 * and marks), and only then `claim`s them in the store and `commit`s the prices into the move windows.
 * A crash before the claim leaves the alert in place: the repeated work yields the same event ids (a
 * once-alert's id is its alert id; an every-alert's is its alert id and its previous firing), so the
 * dedup mark and the outbox drop the repeat. Claiming first would lose a once-alert whose enqueue then failed.
 */
export class PriceWatch {
  private index = new PriceAlertIndex([]);
  private revision: number | undefined;
  private readonly windows = new Map<TokenId, Map<number, MoveWindow>>();
  /** Samples of the last evaluation, pushed into the move windows by `commit`. */
  private pending: Array<{ tokenId: TokenId; t: number; price: number }> = [];

  constructor(private readonly deps: PriceWatchDeps) {}

  /** Re-reads the alerts when the store's revision moved: one round trip when nothing changed. */
  async refresh(): Promise<void> {
    const rev = await this.deps.alerts.revision();
    if (rev === this.revision) return;
    const tokens = await this.deps.alerts.tokens();
    const byToken = await this.deps.alerts.byTokens(tokens);
    this.index = new PriceAlertIndex([...byToken.values()].flat());
    this.revision = rev;
    for (const id of this.windows.keys()) if (this.index.windows(id).length === 0) this.windows.delete(id);
  }

  /** Tokens with alerts as of the last refresh: the tick watches their price even without subscribers. */
  tokens(): TokenId[] {
    return this.index.tokens();
  }

  /** Whether the token has alerts (as of the last refresh). */
  has(tokenId: TokenId): boolean {
    return this.index.kinds(tokenId) !== undefined;
  }

  /** The Token Metrics data the token's alerts read besides the price (the tick fetches those too). */
  kinds(tokenId: TokenId): ReadonlySet<DataKind> | undefined {
    return this.index.kinds(tokenId);
  }

  /**
   * The open interval around `price` holding none of the token's above/below targets (±Infinity when
   * none), as of the last refresh: a streamed price inside it cannot change an above/below part.
   */
  band(tokenId: TokenId, price: number): { lo: number; hi: number } {
    return this.index.band(tokenId, price);
  }

  /** Whether the token has move or near parts (any price may change them, so streams rate-limit them). */
  hasMoves(tokenId: TokenId): boolean {
    return this.index.needsEveryPrice(tokenId);
  }

  /**
   * Events for the alerts these changes fire, WITHOUT claiming them (see the class comment), against
   * the alerts as of the last `refresh` (the caller refreshes: the tick once per tick, beside its
   * watched read). An `every` alert that fired before waits out its destination's cooldown: `cooldowns`
   * is asked for those alerts only (one settings read, and only when such an alert is hit again).
   */
  async evaluate(changes: readonly PriceChange[], cooldowns: CooldownLookup): Promise<PriceAlertEvent[]> {
    this.pending = [];
    if (this.index.size === 0) return [];
    await this.seed(changes);
    const hits: Array<{ hit: PriceAlertHit; change: PriceChange }> = [];
    for (const change of changes) {
      const wins = this.windows.get(change.tokenId);
      if (wins) this.pending.push({ tokenId: change.tokenId, t: change.at, price: change.now });
      for (const hit of this.index.evaluate({
        tokenId: change.tokenId,
        prev: change.prev,
        now: change.now,
        at: change.at,
        moves: (w) => movesOf(wins?.get(w), change),
        ...(change.factsBefore ? { factsBefore: change.factsBefore } : {}),
        ...(change.facts ? { facts: change.facts } : {}),
        cooldownMs: () => 0, // applied below, once the destinations' cooldowns are known
      })) {
        hits.push({ hit, change });
      }
    }
    const again = hits.filter((h) => h.hit.alert.lastFiredAt !== undefined && h.hit.alert.repeat === 'every');
    const cooldownMs = again.length > 0 ? await cooldowns(again.map((h) => h.hit.alert)) : () => 0;
    return hits
      .filter((h) => cooledDown(h.hit.alert.lastFiredAt, cooldownMs(h.hit.alert), h.change.at))
      .map((h) => toEvent(h.hit, h.change));
  }

  /**
   * Builds the move windows of tokens that have none (or a stale one) from the price history: one read
   * per such token, concurrently; afterwards each update costs O(1) per window (no history read).
   */
  private async seed(changes: readonly PriceChange[]): Promise<void> {
    const todo = changes.filter((c) => {
      const ws = this.index.windows(c.tokenId);
      if (ws.length === 0) return false;
      const have = this.windows.get(c.tokenId);
      return (
        !have ||
        ws.some((w) => {
          const win = have.get(w);
          return !win || win.newest < c.at - STALE_MS;
        })
      );
    });
    if (todo.length === 0) return;
    const series = await Promise.all(
      todo.map((c) => {
        const longest = Math.max(...this.index.windows(c.tokenId));
        return this.deps.history.range(c.tokenId, c.at - longest - HISTORY.hourMs, c.at);
      }),
    );
    for (const [i, c] of todo.entries()) {
      // The current minute's bucket may already hold this very price (the tick records first).
      const before = Math.floor(c.at / HISTORY.minuteMs) * HISTORY.minuteMs;
      const map = new Map<number, MoveWindow>();
      for (const w of this.index.windows(c.tokenId)) {
        const win = new MoveWindow(w);
        for (const p of series[i] ?? []) if (p.t < before) win.push(p.t, p.price);
        map.set(w, win);
      }
      this.windows.set(c.tokenId, map);
    }
  }

  /**
   * Records in the store that these events' alerts fired at `at` (once-alerts removed, every-alerts
   * stamped): call it after their messages were enqueued and holds committed. Returns the alert ids
   * that were still there. The next refresh rebuilds the index (the revision moved).
   */
  async claim(events: readonly PriceAlertEvent[], at: number): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    return this.deps.alerts.fired(
      events.map((e) => e.alertId),
      at,
    );
  }

  /** The last evaluation was delivered: its prices enter the move windows (memory only). */
  commit(): void {
    for (const p of this.pending)
      for (const w of this.windows.get(p.tokenId)?.values() ?? []) w.push(p.t, p.price);
    this.pending = [];
  }
}

/** The move of one window before this change (the previous price) and with it (peeked, not pushed). */
function movesOf(win: MoveWindow | undefined, c: PriceChange) {
  if (!win) return {};
  const before = c.prev === undefined ? undefined : win.reading(c.prev);
  const now = peekReading(win, c.at, c.now);
  return { ...(before ? { before } : {}), ...(now ? { now } : {}) };
}

function toEvent(hit: PriceAlertHit, c: PriceChange): PriceAlertEvent {
  const a = hit.alert;
  // Never the current time: a repeat of the same work must give the same id (see PriceWatch).
  const id =
    a.repeat === 'once'
      ? eventId(a.tokenId, 'price_alert', a.id)
      : eventId(a.tokenId, 'price_alert', a.id, a.lastFiredAt ?? 0);
  return {
    id,
    kind: 'price_alert',
    tokenId: a.tokenId,
    symbol: c.symbol,
    name: c.name,
    at: c.at,
    priority: PRIORITY.price_alert,
    ...(c.url === undefined ? {} : { url: c.url }),
    alertId: a.id,
    destination: a.destination,
    condition: a.condition,
    parts: hit.parts,
    repeat: a.repeat,
    price: hit.price,
    source: c.source,
    ...(hit.move
      ? { priceBefore: hit.move.from.price, beforeAt: hit.move.from.t, changePct: hit.move.pct }
      : {}),
  };
}
