import type { Outbox } from '../delivery/ports.js';
import type { AlertEvent, PriceAlertEvent, TokenId } from '../domain/types.js';
import { createDetector, type DetectOptions, type TokenState } from '../engine/index.js';
import type { Store } from '../store/ports.js';
import type { StreamedPrice } from './price-path.js';
import type { PriceChange, PriceWatch } from './price-watch.js';
import { type Profiles, type ProfileTracker, profilesOf, scopesFor } from './profiles.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { planWithCap } from './tick-plan.js';
import { claimFired, cooldownsFrom } from './tick-price.js';

export interface PriceEvalDeps {
  readonly store: Store;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly profiles: Pick<ProfileTracker, 'load'>;
  /** BREAKOUT_HOLD, ms. */
  readonly breakoutHoldMs: number;
  /** Users' own price alerts: evaluated on every streamed evaluation, claimed after the enqueue. */
  readonly priceWatch?: PriceWatch;
  /** Told about every evaluation that enqueued messages (ids), for logs and tests. */
  readonly onMessages?: (tokenId: TokenId, ids: readonly string[]) => void;
}

/** The detect options of the price path: the tick's stored profiles plus the breakout hold. */
export function streamDetectOptions(profiles: Profiles, breakoutHoldMs: number, now: number): DetectOptions {
  return {
    now,
    proximityPcts: profiles.proximityPcts,
    sharpeThresholds: profiles.sharpeThresholds,
    minStrength: profiles.minStrength,
    breakoutHoldMs,
  };
}

/**
 * Evaluates one token at a streamed price with the tick's own steps: load its snapshot → detect (price only,
 * with the breakout hold) → subscribers and settings → plan with the hourly cap → enqueue → commit marks
 * and the snapshot (its fetch times untouched: a streamed price is not a Token Metrics fetch). Event ids
 * come from the previous state, as in the tick, so an alert either path already planned is deduplicated.
 * The caller serialises this with the tick. Held digests are left to the tick (it releases them).
 * Users' price alerts on the token are evaluated too, against the stored price (the last one evaluated:
 * the price path's band guarantees no target lies between it and any frame it skipped), and claimed
 * after the enqueue and the holds, as in the tick (tick-price.ts). The price is recorded in the price
 * history (move alerts and charts read it).
 */
export async function evaluateStreamed(
  deps: PriceEvalDeps,
  tokenId: TokenId,
  price: StreamedPrice,
  at: number,
): Promise<TokenState | undefined> {
  const { store } = deps;
  const [raw, meta] = await Promise.all([store.snapshots.getMany([tokenId]), deps.profiles.load()]);
  const snap = readSnapshot(raw.get(tokenId));
  const prev = snap.state;
  if (!prev) return undefined; // the tick has not baselined this token yet
  const profiles = meta?.profiles ?? profilesOf([]);
  const detector = createDetector(streamDetectOptions(profiles, deps.breakoutHoldMs, at));
  const detected = detector.detect(
    prev,
    { tokenId, symbol: prev.symbol, name: prev.name, price: { price: price.price } },
    at,
  );
  const { state } = detected;
  const fired = await firedAlerts(deps, prev, price.price, at);
  const events: AlertEvent[] = fired.length > 0 ? [...detected.events, ...fired] : detected.events;
  if (events.length > 0) {
    const subscribers =
      detected.events.length > 0 ? await store.subscriptions.subscribersOf([tokenId]) : new Map();
    const dests = [...(subscribers.get(tokenId) ?? [])].map((s) => s.destination);
    for (const e of fired) dests.push(e.destination);
    const settings = dests.length > 0 ? await store.settings.getMany(scopesFor(dests)) : new Map();
    const p = await planWithCap(store, { events, subscribers, settings, held: [], now: at, profiles });
    if (p.messages.length > 0) {
      await deps.outbox.enqueue(p.messages);
      deps.onMessages?.(
        tokenId,
        p.messages.map((m) => m.id),
      );
    }
    if (p.holds.length > 0) await store.holds.hold(p.holds);
    await Promise.all([
      p.marks.length > 0 ? store.marks.set(p.marks, at) : undefined,
      claimFired(deps.priceWatch, fired, at),
    ]);
  }
  await Promise.all([
    store.snapshots.putMany(new Map([[tokenId, writeSnapshot(state, snap.fetched)]])),
    store.priceHistory.record([{ tokenId, t: at, price: price.price }]),
  ]);
  return state;
}

/** The token's price alerts fired by moving from the stored price to the streamed one (not claimed). */
async function firedAlerts(
  deps: PriceEvalDeps,
  prev: TokenState,
  now: number,
  at: number,
): Promise<PriceAlertEvent[]> {
  if (!deps.priceWatch) return [];
  await deps.priceWatch.refresh(); // alerts added or fired since the last look
  const change: PriceChange = {
    tokenId: prev.tokenId,
    symbol: prev.symbol,
    name: prev.name,
    prev: prev.price?.value,
    now,
    at,
    source: 'stream',
  };
  return deps.priceWatch.evaluate([change], cooldownsFrom(deps.store));
}
