import { DATA_KINDS, type DataKind } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import { parseState, type TokenState } from '../engine/index.js';

/**
 * What the tick stores per token in the SnapshotStore: the engine's state plus when each kind of data
 * was last fetched for it (so cadences survive restarts and replicas share them). The engine owns `state`;
 * this wrapper is the app's. Records written before the fields had names (`{ w: 1, s, f }`) still load. One extra record, token id 0 (no real token has it), holds tick-wide
 * metadata (the detection profiles) so it rides on the same batched read and write.
 */
export interface StoredSnapshot {
  /** Layout version of this wrapper (1 was `{ w: 1, s, f }`). */
  readonly layout: 2;
  /** Engine state (TokenState JSON), absent until the token was first detected. */
  readonly state?: unknown;
  /** Epoch ms of the last fetch attempt per data kind. */
  readonly fetchedAt: Partial<Record<DataKind, number>>;
}

export const META_TOKEN: TokenId = 0;

/** Detection profiles: the distinct settings values the engine must compute events for. */
export interface Profiles {
  readonly proximityPcts: readonly number[];
  readonly sharpeThresholds: readonly number[];
  /** The lowest minStrength any subscriber wants (the engine emits nothing weaker). */
  readonly minStrength: number;
}

export interface MetaSnapshot {
  readonly w: 1;
  readonly meta: true;
  readonly profiles: Profiles;
  /** Epoch ms of the last full profile scan over all subscribers. */
  readonly scannedAt: number;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fetchTimes(x: unknown): Partial<Record<DataKind, number>> {
  const f: Partial<Record<DataKind, number>> = {};
  if (isRecord(x)) {
    for (const k of DATA_KINDS) {
      const v = x[k];
      if (typeof v === 'number' && Number.isFinite(v)) f[k] = v;
    }
  }
  return f;
}

export function readSnapshot(raw: unknown): {
  state: TokenState | undefined;
  fetched: StoredSnapshot['fetchedAt'];
} {
  if (isRecord(raw) && raw.layout === 2) {
    return {
      state: raw.state === undefined ? undefined : parseState(raw.state),
      fetched: fetchTimes(raw.fetchedAt),
    };
  }
  // Layout 1, written by earlier versions: the same fields under one-letter names.
  if (isRecord(raw) && raw.w === 1) {
    return { state: raw.s === undefined ? undefined : parseState(raw.s), fetched: fetchTimes(raw.f) };
  }
  // Not our wrapper (older layout or a bare engine state): try it as engine state, fetch everything.
  return { state: parseState(raw), fetched: {} };
}

export function writeSnapshot(
  state: TokenState | undefined,
  fetched: StoredSnapshot['fetchedAt'],
): StoredSnapshot {
  return state === undefined ? { layout: 2, fetchedAt: fetched } : { layout: 2, state, fetchedAt: fetched };
}

const numbers = (x: unknown): number[] =>
  Array.isArray(x) ? x.filter((n): n is number => typeof n === 'number' && Number.isFinite(n)) : [];

export function readMeta(raw: unknown): MetaSnapshot | undefined {
  if (!isRecord(raw) || raw.meta !== true || !isRecord(raw.profiles)) return undefined;
  const p = raw.profiles;
  const minStrength = typeof p.minStrength === 'number' ? p.minStrength : 50;
  return {
    w: 1,
    meta: true,
    profiles: {
      proximityPcts: numbers(p.proximityPcts),
      sharpeThresholds: numbers(p.sharpeThresholds),
      minStrength,
    },
    scannedAt: typeof raw.scannedAt === 'number' ? raw.scannedAt : 0,
  };
}

/** Union of two profile sets (sorted, distinct). */
export function mergeProfiles(a: Profiles, b: Profiles): Profiles {
  const uniq = (xs: readonly number[]) => [...new Set(xs)].sort((x, y) => x - y);
  return {
    proximityPcts: uniq([...a.proximityPcts, ...b.proximityPcts]),
    sharpeThresholds: uniq([...a.sharpeThresholds, ...b.sharpeThresholds]),
    minStrength: Math.min(a.minStrength, b.minStrength),
  };
}

export function sameProfiles(a: Profiles, b: Profiles): boolean {
  return (
    a.minStrength === b.minStrength &&
    a.proximityPcts.join() === b.proximityPcts.join() &&
    a.sharpeThresholds.join() === b.sharpeThresholds.join()
  );
}
