import type { LivePriceSet, LivePriceStore } from './live-ports.js';
import { ttl } from './shared.js';

/** Parses a stored set (`{ set, until }`), undefined when malformed or expired at `now`. */
export function readStoredLiveSet(raw: unknown, now: number): LivePriceSet | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { set, until } = raw as { set?: unknown; until?: unknown };
  if (typeof until !== 'number' || now >= until) return undefined;
  if (typeof set !== 'object' || set === null) return undefined;
  const s = set as Partial<LivePriceSet>;
  if (typeof s.holder !== 'string' || typeof s.publishedAt !== 'number') return undefined;
  if (!Array.isArray(s.live) || !Array.isArray(s.notes)) return undefined;
  return s as LivePriceSet;
}

/**
 * The single-process adapter (the SQLite store: one process holds the streams and reads its own set).
 * Kept in memory: a restart starts with no set, which is what a restart of the only holder means.
 */
export function memoryLivePrices(onCall: () => void = () => {}): LivePriceStore {
  let stored: { set: LivePriceSet; until: number } | undefined;
  return {
    async publish(set, ttlMs) {
      onCall();
      stored = { set: structuredClone(set), until: set.publishedAt + ttl(ttlMs) };
    },
    async read(now) {
      onCall();
      const s = readStoredLiveSet(stored, now);
      return s === undefined ? undefined : structuredClone(s);
    },
    async release(holder) {
      onCall();
      if (stored?.set.holder === holder) stored = undefined;
    },
  };
}
