import { DATA_KINDS, type DataKind } from '../domain/market.js';
import { parseState, type TokenState } from '../engine/index.js';

/**
 * What the tick stores per token in the SnapshotStore: the engine's state plus when each kind of data
 * was last fetched for it (so cadences survive restarts and replicas share them). The engine owns `state`;
 * this wrapper is the app's. Records written before the fields had names (`{ w: 1, s, f }`) still load.
 * Tick-wide metadata (detection profiles) has its own TickMetaStore.
 */
export interface StoredSnapshot {
  /** Layout version of this wrapper (1 was `{ w: 1, s, f }`). */
  readonly layout: 2;
  /** Engine state (TokenState JSON), absent until the token was first detected. */
  readonly state?: unknown;
  /** Epoch ms of the last fetch attempt per data kind. */
  readonly fetchedAt: Partial<Record<DataKind, number>>;
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
