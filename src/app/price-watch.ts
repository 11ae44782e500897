import type { TokenObservation } from '../domain/market.js';
import type { PriceAlert, PriceAlertEvent } from '../domain/price-alerts.js';
import type { TokenId } from '../domain/types.js';
import { eventId } from '../engine/ids.js';
import { type PriceAlertHit, PriceAlertIndex } from '../engine/price-index.js';
import type { PriceAlertStore, PriceHistoryStore, PriceSample } from '../store/price-ports.js';

/** Digest order of a user's own price alert: asked for explicitly, so high (just under breakouts). */
export const PRICE_ALERT_PRIORITY = 85;

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
 * `evaluate` claims what fired in the store before returning it: a once-alert claimed once is gone,
 * so it never fires twice, whatever restarts or replicas follow.
 */
export class PriceWatch {
  private index = new PriceAlertIndex([]);
  private revision: number | undefined;

  constructor(private readonly deps: PriceWatchDeps) {}

  /** Tokens with alerts: the fetcher must poll their price even without subscribers. */
  async tokens(): Promise<TokenId[]> {
    return this.deps.alerts.tokens();
  }

  private async refresh(): Promise<void> {
    const rev = await this.deps.alerts.revision();
    if (rev === this.revision) return;
    const tokens = await this.deps.alerts.tokens();
    const byToken = await this.deps.alerts.byTokens(tokens);
    this.index = new PriceAlertIndex([...byToken.values()].flat());
    this.revision = rev;
  }

  /** Events for the alerts these changes fire; `cooldownMs` is the alert destination's cooldown. */
  async evaluate(
    changes: readonly PriceChange[],
    cooldownMs: (alert: PriceAlert) => number,
  ): Promise<PriceAlertEvent[]> {
    await this.refresh();
    if (this.index.size === 0) return [];
    const hits: Array<{ hit: PriceAlertHit; change: PriceChange }> = [];
    for (const change of changes) {
      const needsHistory = this.index.maxWindow(change.tokenId);
      const series =
        needsHistory > 0
          ? await this.deps.history.range(change.tokenId, change.at - needsHistory - 3_600_000, change.at)
          : [];
      for (const hit of this.index.evaluate({
        tokenId: change.tokenId,
        prev: change.prev,
        now: change.now,
        at: change.at,
        priceAgo: (w) => priceAt(series, change.at - w),
        cooldownMs,
      })) {
        hits.push({ hit, change });
      }
    }
    if (hits.length === 0) return [];
    const claimed = await this.deps.alerts.fired(
      hits.map((h) => h.hit.alert.id),
      changes[0]?.at ?? 0,
    );
    // Claiming changed the revision: the next refresh rebuilds (once-alerts gone, every-alerts stamped).
    return hits.filter((h) => claimed.has(h.hit.alert.id)).map((h) => toEvent(h.hit, h.change));
  }
}

function toEvent(hit: PriceAlertHit, c: PriceChange): PriceAlertEvent {
  const a = hit.alert;
  const id =
    a.repeat === 'once'
      ? eventId(a.tokenId, 'price_alert', a.id)
      : eventId(a.tokenId, 'price_alert', a.id, Math.floor(c.at / 60_000));
  return {
    id,
    kind: 'price_alert',
    tokenId: a.tokenId,
    symbol: c.symbol,
    name: c.name,
    at: c.at,
    priority: PRICE_ALERT_PRIORITY,
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
