import { type AlertEvent, type Destination, destinationKey, type TokenId } from '../../domain/types.js';
import { cooldownClass, cooldownKey, dedupKey, hasCooldown, releaseKey } from './keys.js';
import { subscribedTypes } from './rules.js';
import { effectiveSettings } from './settings.js';
import type { Bucket, PlanBase, PreparedPlan } from './types.js';

/**
 * Groups events per destination through rule 1's type and profile filter (`subscribedTypes`). A user's
 * own price alert goes to its one destination only, never to the token's subscribers.
 */
function buckets(input: PlanBase): Map<string, Bucket> {
  const byToken = new Map<TokenId, AlertEvent[]>();
  const own: AlertEvent[] = [];
  for (const e of input.events) {
    if (e.kind === 'price_alert') {
      own.push(e);
      continue;
    }
    const list = byToken.get(e.tokenId);
    if (list) list.push(e);
    else byToken.set(e.tokenId, [e]);
  }
  const out = new Map<string, Bucket>();
  const bucketOf = (d: Destination): Bucket => {
    const key = destinationKey(d);
    let b = out.get(key);
    if (!b) {
      b = { destination: d, eff: effectiveSettings(d, input.settings), candidates: [], held: [] };
      out.set(key, b);
    }
    return b;
  };
  for (const [tokenId, events] of byToken) {
    for (const sub of input.subscribers.get(tokenId) ?? []) {
      const b = bucketOf(sub.destination);
      for (const e of events) {
        const verdict = subscribedTypes(e, sub.types, b.eff, input.profiles);
        if (verdict === 'yes') b.candidates.push(e);
        else if (verdict === 'below_minstrength') {
          if (b.weak) b.weak.push(e);
          else b.weak = [e];
        }
      }
    }
  }
  for (const e of own) if (e.kind === 'price_alert') bucketOf(e.destination).candidates.push(e);
  for (const h of input.held) {
    if (h.events.length > 0) bucketOf(h.destination).held = h.events;
  }
  return out;
}

/** Every mark key a plan of these buckets may look at: dedup per event, cooldown and release per destination. */
function keysOf(events: readonly AlertEvent[], all: ReadonlyArray<readonly [string, Bucket]>): string[] {
  const keys = [...new Set(events.map((e) => dedupKey(e.id)))];
  for (const [destKey, b] of all) {
    const classes = new Set<string>();
    for (const e of b.candidates) {
      if (!hasCooldown(e)) continue;
      const c = cooldownKey(destKey, e.tokenId, cooldownClass(e));
      if (!classes.has(c)) {
        classes.add(c);
        keys.push(c);
      }
    }
    for (const e of b.held) keys.push(releaseKey(destKey, e.id));
  }
  return keys;
}

/** Groups the tick per destination (sorted by key, so plans are deterministic) and lists the mark keys. */
export function preparePlan(base: PlanBase): PreparedPlan {
  const all = [...buckets(base)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { base, keys: keysOf(base.events, all), buckets: all, zones: new Map() };
}

/** Every mark key `plan` may look at, for one batched `marks.has`. */
export function planKeys(input: PlanBase): string[] {
  return preparePlan(input).keys;
}
