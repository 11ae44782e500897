import { readLiveNote } from '../domain/live-note.js';
import type { LivePriceSet, LivePriceStore } from './live-ports.js';
import { ttl } from './shared.js';

/**
 * Parses a stored set (`{ set, until }`), undefined when malformed or expired at `now`. Notes are read
 * one by one (`readLiveNote`): one another replica's version cannot read is left out, not the whole set.
 */
export function readStoredLiveSet(raw: unknown, now: number): LivePriceSet | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { set, until } = raw as { set?: unknown; until?: unknown };
  if (typeof until !== 'number' || now >= until) return undefined;
  if (typeof set !== 'object' || set === null) return undefined;
  const s = set as Partial<LivePriceSet>;
  if (typeof s.holder !== 'string' || typeof s.publishedAt !== 'number') return undefined;
  if (!Array.isArray(s.live) || !Array.isArray(s.notes)) return undefined;
  const notes: Array<LivePriceSet['notes'][number]> = [];
  for (const n of s.notes as unknown[]) {
    const tokenId = (n as { tokenId?: unknown } | null)?.tokenId;
    const note = readLiveNote((n as { note?: unknown } | null)?.note);
    if (typeof tokenId === 'number' && note) notes.push({ tokenId, note });
  }
  return { ...(s as LivePriceSet), notes };
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
