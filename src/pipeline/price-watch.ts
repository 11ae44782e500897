import type { TokenObservation } from '../domain/market.js';
import type { PriceAlert, PriceAlertEvent } from '../domain/price-alerts.js';
import type { TokenId } from '../domain/types.js';
import { eventId } from '../engine/ids.js';
import { type PriceAlertHit, PriceAlertIndex } from '../engine/price-index.js';
import { PRIORITY } from '../engine/priority.js';
import { cooledDown } from '../engine/rules/price-alert.js';
import type { PriceAlertStore, PriceHistoryStore, PriceSample } from '../store/price-ports.js';

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
}

/** The destination cooldown (ms) of each of these alerts: one batched settings read. */
export type CooldownLookup = (alerts: readonly PriceAlert[]) => Promise<(alert: PriceAlert) => number>;

export interface PriceWatchDeps {
  readonly alerts: PriceAlertStore;
  readonly history: Pick<PriceHistoryStore, 'range'>;
}

/** The price `windowMs` before `at`: the last point at or before it, from a sorted series. */
function priceAt(series: readonly PriceSample[], t: number): number | undefined {
  let found: number | undefined;
  for (const p of series) {
    if (p.t > t) break;
    found = p.price;
  }
  return found;
}

/**
 * Users' price alerts on price updates. Keeps the index in memory and rebuilds it only when the
 * store's revision moved (an alert added, deleted or fired, here or on another replica).
 *
 * Two steps, so that nothing is lost and nothing is sent twice: `evaluate` only READS (the events
 * these changes fire, with deterministic ids), the caller plans and enqueues them (and commits holds
 * and marks), and only then `claim`s them in the store. A crash before the claim leaves the alert in
 * place: the repeated work yields the same event ids (a once-alert's id is its alert id; an every-
 * alert's is its alert id and its previous firing), so the dedup mark and the outbox drop the repeat.
 * Claiming first would lose a once-alert whose enqueue then failed.
 */
export class PriceWatch {
  private index = new PriceAlertIndex([]);
  private revision: number | undefined;

  constructor(private readonly deps: PriceWatchDeps) {}

  /** Re-reads the alerts when the store's revision moved: one round trip when nothing changed. */
  async refresh(): Promise<void> {
    const rev = await this.deps.alerts.revision();
    if (rev === this.revision) return;
    const tokens = await this.deps.alerts.tokens();
    const byToken = await this.deps.alerts.byTokens(tokens);
    this.index = new PriceAlertIndex([...byToken.values()].flat());
    this.revision = rev;
  }

  /** Tokens with alerts as of the last refresh: the tick watches their price even without subscribers. */
  tokens(): TokenId[] {
    return this.index.tokens();
  }

  /**
   * The open interval around `price` holding none of the token's above/below targets (±Infinity when
   * none), as of the last refresh: a streamed price inside it cannot fire a threshold alert.
   */
  band(tokenId: TokenId, price: number): { lo: number; hi: number } {
    return this.index.band(tokenId, price);
  }

  /** Whether the token has move alerts (they need the price history, so streams rate-limit them). */
  hasMoves(tokenId: TokenId): boolean {
    return this.index.maxWindow(tokenId) > 0;
  }

  /**
   * Events for the alerts these changes fire, WITHOUT claiming them (see the class comment), against
   * the alerts as of the last `refresh` (the caller refreshes: the tick once per tick, beside its
   * watched read). An `every` alert that fired before waits out its destination's cooldown: `cooldowns`
   * is asked for those alerts only (one settings read, and only when such an alert is hit again).
   */
  async evaluate(changes: readonly PriceChange[], cooldowns: CooldownLookup): Promise<PriceAlertEvent[]> {
    if (this.index.size === 0) return [];
    // Move alerts need each token's recent history: read concurrently, not one round trip after another.
    const histories = await Promise.all(
      changes.map((change) => {
        const window = this.index.maxWindow(change.tokenId);
        return window > 0
          ? this.deps.history.range(change.tokenId, change.at - window - 3_600_000, change.at)
          : [];
      }),
    );
    const hits: Array<{ hit: PriceAlertHit; change: PriceChange }> = [];
    for (const [i, change] of changes.entries()) {
      const series = histories[i] ?? [];
      for (const hit of this.index.evaluate({
        tokenId: change.tokenId,
        prev: change.prev,
        now: change.now,
        at: change.at,
        priceAgo: (w) => priceAt(series, change.at - w),
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
    rule: a.rule,
    repeat: a.repeat,
    price: hit.price,
    source: c.source,
    ...(hit.priceBefore === undefined ? {} : { priceBefore: hit.priceBefore }),
    ...(hit.changePct === undefined ? {} : { changePct: hit.changePct }),
  };
}
