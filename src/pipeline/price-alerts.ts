import { effectiveSettings } from '../delivery/plan/index.js';
import type { DataKind, TokenObservation } from '../domain/market.js';
import type { PriceAlertEvent } from '../domain/price-alerts.js';
import type { AlertEvent, TokenId } from '../domain/types.js';
import type { TokenState } from '../engine/index.js';
import { factsOf } from '../engine/rules/conditions.js';
import type { Store } from '../store/ports.js';
import type { CooldownLookup, PriceChange, PriceWatch } from './price-watch.js';
import { scopesFor } from './profiles.js';

/**
 * Users' own price alerts in the tick and the price path (issue 11). The order, in both paths:
 *   evaluate (read only) → plan with the market events → enqueue → holds → claim (beside the marks)
 *   → snapshot.
 * The claim (a once-alert deleted, an every-alert stamped) comes after the enqueue and the holds, so a
 * crash or a failed enqueue never loses an alert: the repeated work finds it again with the same event
 * id (the once-alert's id is derived from the alert alone), and the dedup mark or the outbox's own
 * dedup drops what was already enqueued. It comes before the snapshot, so a repeat after a crash there
 * finds the alert gone rather than crossing again on the old price.
 */

/** The alert destinations' cooldowns, read from the settings store in one batch. */
export function cooldownsFrom(store: Pick<Store, 'settings'>): CooldownLookup {
  return async (alerts) => {
    const settings = await store.settings.getMany(scopesFor(alerts.map((a) => a.destination)));
    return (a) => effectiveSettings(a.destination, settings).cooldownSec * 1000;
  };
}

/**
 * One PriceChange per token whose price (or Token Metrics data) was fetched: `prev` is the previous
 * snapshot's price, the facts come from the previous and the next state (combined conditions).
 */
export function polledChanges(
  prevState: (tokenId: TokenId) => TokenState | undefined,
  nextState: (tokenId: TokenId) => TokenState | undefined,
  observations: ReadonlyMap<TokenId, TokenObservation>,
  at: number,
  hasAlerts: (tokenId: TokenId) => boolean = () => true,
): PriceChange[] {
  const out: PriceChange[] = [];
  for (const [tokenId, obs] of observations) {
    if (!hasAlerts(tokenId)) continue; // the facts cost a little; only alerted tokens need them
    const before = prevState(tokenId);
    const after = nextState(tokenId);
    // No new price: a Token Metrics update judged at the stored price (the TM parts may have changed).
    const now = obs.price?.price ?? after?.price?.value;
    if (now === undefined) continue;
    const factsBefore = factsOf(before);
    const facts = factsOf(after);
    out.push({
      tokenId,
      symbol: obs.symbol,
      name: obs.name,
      ...(obs.url === undefined ? {} : { url: obs.url }),
      prev: before?.price?.value,
      now,
      at,
      source: 'poll',
      ...(factsBefore ? { factsBefore } : {}),
      ...(facts ? { facts } : {}),
    });
  }
  return out;
}

/** The price-alert events among a tick's events. */
export const priceEventsOf = (events: readonly AlertEvent[]): PriceAlertEvent[] =>
  events.filter((e): e is PriceAlertEvent => e.kind === 'price_alert');

/**
 * Claims the fired alerts after their plan was enqueued and its holds written. Every evaluated event is
 * claimed, whatever the planner did with it (sent, held, deduplicated, dropped by a mute): its firing
 * was handled. A failed claim throws, so the snapshot is not committed and the repeat (same event ids,
 * deduplicated) claims it.
 */
export async function claimFired(
  watch: PriceWatch | undefined,
  events: readonly PriceAlertEvent[],
  at: number,
): Promise<void> {
  if (watch && events.length > 0) await watch.claim(events, at);
}

/**
 * Tokens watched only for price alerts need only their price, and the Token Metrics data their alerts'
 * conditions read (`signal bullish`: the daily signals): drop the other kinds from their due list (a
 * token that later gets a subscriber fetches the rest then, as a newly watched token does). Tokens
 * with subscribers are fetched exactly as before; alert-only tokens share the price call of the others
 * whenever only prices are due (the usual tick), and cost one price call per 100 of them otherwise.
 */
export function priceOnly(
  due: Map<TokenId, DataKind[]>,
  alertOnly: ReadonlySet<TokenId>,
  needs: (tokenId: TokenId) => ReadonlySet<DataKind> | undefined = () => undefined,
): void {
  for (const id of alertOnly) {
    const kinds = due.get(id);
    const keep = needs(id);
    if (kinds)
      due.set(
        id,
        kinds.filter((k) => k === 'price' || keep?.has(k) === true),
      );
  }
}
