import type { AlertEvent, PriceAlertEvent, TokenId } from '../domain/types.js';
import { createDetector, type DetectOptions, type TokenState } from '../engine/index.js';
import { factsOf } from '../engine/rules/conditions.js';
import { sourceLabel } from '../market/streams/feed.js';
import { realTimers, type Timers } from '../market/streams/timers.js';
import { type DeliverDeps, deliver } from '../pipeline/deliver.js';
import { cooldownsFrom } from '../pipeline/price-alerts.js';
import type { PriceChange } from '../pipeline/price-watch.js';
import { type Profiles, type ProfileTracker, profilesOf } from '../pipeline/profiles.js';
import type { Serial } from '../pipeline/serial.js';
import { readSnapshot, type StoredSnapshot, writeSnapshot } from '../pipeline/snapshot.js';
import type { StreamedPrice } from './path.js';

export interface PriceEvalDeps extends DeliverDeps {
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
 * Evaluates tokens at their streamed prices with the tick's own steps, all of them in one pass (as the tick
 * does for its watched set): load their snapshots → detect (price only, with the breakout hold) → the
 * subscribers and settings of the tokens with events → plan with the hourly cap → enqueue → commit marks
 * and the snapshots (fetch times untouched: a streamed price is not a Token Metrics fetch). Event ids come
 * from the previous state, as in the tick, so an alert either path already planned is deduplicated.
 * The caller serialises this with the tick. Held digests are left to the tick (it releases them).
 * Resolves to each token's state after the commit (undefined: the tick has not baselined it yet).
 * Users' price alerts on the token are evaluated too, against the stored price (the last one evaluated:
 * the price path's band guarantees no target lies between it and any frame it skipped), and claimed
 * after the enqueue and the holds, as in the tick (price-alerts.ts).
 */
export async function evaluateStreamedMany(
  deps: PriceEvalDeps,
  prices: ReadonlyMap<TokenId, StreamedPrice>,
  at: number,
): Promise<Map<TokenId, TokenState | undefined>> {
  const { store } = deps;
  // The alert index is refreshed beside the reads (alerts added or fired since the last look): one
  // round trip of latency for all three instead of a fourth one after detection.
  const [raw, meta] = await Promise.all([
    store.snapshots.getMany([...prices.keys()]),
    deps.profiles.load(),
    deps.priceWatch?.refresh(),
  ]);
  const profiles = meta?.profiles ?? profilesOf([]);
  const detector = createDetector(streamDetectOptions(profiles, deps.breakoutHoldMs, at));
  const out = new Map<TokenId, TokenState | undefined>();
  const next = new Map<TokenId, StoredSnapshot>();
  const events: AlertEvent[] = [];
  const changes: PriceChange[] = [];
  const seen = new Map<TokenId, number>();
  const moved: TokenId[] = [];
  for (const [tokenId, price] of prices) {
    const snap = readSnapshot(raw.get(tokenId));
    const prev = snap.state;
    out.set(tokenId, prev);
    if (!prev) continue; // the tick has not baselined this token yet
    const r = detector.detect(
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
    events.push(...r.events);
    changes.push(priceChange(prev, price.price, at));
    // Outcomes start at the streamed price and move with it, as with a polled one (trust.ts).
    seen.set(tokenId, price.price);
    if (price.price !== prev.price?.value) moved.push(tokenId);
    out.set(tokenId, r.state);
    next.set(tokenId, writeSnapshot(r.state, snap.fetched));
  }
  const fired = await firedAlerts(deps, changes);
  const all: AlertEvent[] = fired.length > 0 ? [...events, ...fired] : events;
  // The one delivery path (src/pipeline/deliver.ts), as the tick: the same records whichever path detected.
  // Held digests are left to the tick, which releases them every slot.
  const { plan } = await deliver(deps, {
    at,
    events: all,
    profiles,
    prices: { price: seen, moved },
    next,
    releaseHeld: false,
  });
  if (deps.onMessages && plan.messages.length > 0) {
    const byToken = new Map<TokenId, string[]>();
    for (const m of plan.messages) {
      const id = m.events[0]?.tokenId;
      if (id !== undefined) byToken.set(id, [...(byToken.get(id) ?? []), m.id]);
    }
    for (const [id, ids] of byToken) deps.onMessages(id, ids);
  }
  return out;
}

/** One token: `evaluateStreamedMany` of one. */
export async function evaluateStreamed(
  deps: PriceEvalDeps,
  tokenId: TokenId,
  price: StreamedPrice,
  at: number,
): Promise<TokenState | undefined> {
  return (await evaluateStreamedMany(deps, new Map([[tokenId, price]]), at)).get(tokenId);
}

export interface StreamEvaluatorDeps extends PriceEvalDeps {
  /** The serialisation shared with the tick. */
  readonly serial: Serial;
  readonly now: () => number;
  /**
   * How long the first token waits for others to join its evaluation, ms. Default 0: a batch is whatever
   * left its band while the previous job (an evaluation or the tick) held the serialisation.
   */
  readonly windowMs?: number;
  readonly timers?: Timers;
}

interface Waiting {
  price: StreamedPrice;
  readonly waiters: Array<{
    resolve: (s: TokenState | undefined) => void;
    reject: (err: unknown) => void;
  }>;
}

/**
 * The price path's `evaluate`: tokens whose frames left their band are evaluated together, one job in the
 * serialisation shared with the tick per batch (one snapshot read, one fan-out, one plan, one enqueue, one
 * commit for all of them), so a burst costs one pass instead of one per token. A token that asks again
 * before its batch ran is evaluated once, at its newest price. Each caller gets its own token's state; a
 * failed batch fails every token in it (the price path retries them).
 */
export function createStreamEvaluator(
  d: StreamEvaluatorDeps,
): (tokenId: TokenId, price: StreamedPrice) => Promise<TokenState | undefined> {
  let pending = new Map<TokenId, Waiting>();
  let queued = false;
  const job = async () => {
    queued = false; // from here on, new arrivals queue the next batch
    const batch = pending;
    pending = new Map();
    try {
      const prices = new Map([...batch].map(([id, w]) => [id, w.price] as const));
      const states = await evaluateStreamedMany(d, prices, d.now());
      for (const [id, w] of batch) for (const x of w.waiters) x.resolve(states.get(id));
    } catch (err) {
      for (const w of batch.values()) for (const x of w.waiters) x.reject(err);
    }
  };
  const flush = () => void d.serial(job);
  return (tokenId, price) =>
    new Promise((resolve, reject) => {
      const w = pending.get(tokenId);
      if (w) {
        w.price = price;
        w.waiters.push({ resolve, reject });
      } else pending.set(tokenId, { price, waiters: [{ resolve, reject }] });
      if (queued) return;
      queued = true;
      const windowMs = d.windowMs ?? 0;
      if (windowMs > 0) (d.timers ?? realTimers).setTimeout(flush, windowMs);
      else flush();
    });
}

function priceChange(prev: TokenState, now: number, at: number): PriceChange {
  // A streamed price changes no Token Metrics fact: the same facts before and after.
  const facts = factsOf(prev);
  return {
    ...(facts ? { factsBefore: facts, facts } : {}),
    tokenId: prev.tokenId,
    symbol: prev.symbol,
    name: prev.name,
    ...(prev.url === undefined ? {} : { url: prev.url }),
    prev: prev.price?.value,
    now,
    at,
    source: 'stream',
  };
}

/** The price alerts these moves (stored price → streamed price) fire; not claimed yet. One look per batch. */
function firedAlerts(deps: PriceEvalDeps, changes: readonly PriceChange[]): Promise<PriceAlertEvent[]> {
  if (!deps.priceWatch || changes.length === 0) return Promise.resolve([]);
  return deps.priceWatch.evaluate(changes, cooldownsFrom(deps.store));
}
