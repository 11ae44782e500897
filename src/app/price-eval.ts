import type { Outbox } from '../delivery/ports.js';
import type { TokenId } from '../domain/types.js';
import { createDetector, type DetectOptions, type TokenState } from '../engine/index.js';
import { sourceLabel } from '../market/streams/feed.js';
import type { Store } from '../store/ports.js';
import type { StreamedPrice } from './price-path.js';
import { type Profiles, type ProfileTracker, profilesOf, scopesFor } from './profiles.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { planWithCap } from './tick-plan.js';

export interface PriceEvalDeps {
  readonly store: Store;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly profiles: Pick<ProfileTracker, 'load'>;
  /** BREAKOUT_HOLD, ms. */
  readonly breakoutHoldMs: number;
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
 * with the breakout hold, its exchange time and pair) → subscribers and settings → plan with the hourly cap → enqueue → commit marks
 * and the snapshot (its fetch times untouched: a streamed price is not a Token Metrics fetch). Event ids
 * come from the previous state, as in the tick, so an alert either path already planned is deduplicated.
 * The caller serialises this with the tick. Held digests are left to the tick (it releases them).
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
  const { state, events } = detector.detect(
    prev,
    {
      tokenId,
      symbol: prev.symbol,
      name: prev.name,
      // The exchange's own time and pair go on the alert ("Binance SOL/USDT"); neither enters an id.
      price: { price: price.price, at: price.source.time, source: sourceLabel(price.source) },
    },
    at,
  );
  if (events.length > 0) {
    const subscribers = await store.subscriptions.subscribersOf([tokenId]);
    const dests = [...(subscribers.get(tokenId) ?? [])].map((s) => s.destination);
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
    if (p.marks.length > 0) await store.marks.set(p.marks, at);
  }
  await store.snapshots.putMany(new Map([[tokenId, writeSnapshot(state, snap.fetched)]]));
  return state;
}
