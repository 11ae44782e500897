import { DATA_KINDS, type DataKind } from '../domain/market.js';
import { parseState, type TokenState } from '../engine/index.js';

/**
 * What the tick stores per token in the SnapshotStore: the engine's state plus when each kind of data
 * was last fetched for it (so cadences survive restarts and replicas share them). The engine owns `s`;
 * this wrapper is the app's. Tick-wide metadata (detection profiles) has its own TickMetaStore.
 */
export interface StoredSnapshot {
  readonly w: 1;
  /** Engine state (TokenState JSON), absent until the token was first detected. */
  readonly s?: unknown;
  /** Epoch ms of the last fetch attempt per data kind. */
  readonly f: Partial<Record<DataKind, number>>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function readSnapshot(raw: unknown): { state: TokenState | undefined; fetched: StoredSnapshot['f'] } {
  if (isRecord(raw) && raw.w === 1) {
    const f: Partial<Record<DataKind, number>> = {};
    if (isRecord(raw.f)) {
      for (const k of DATA_KINDS) {
        const v = raw.f[k];
        if (typeof v === 'number' && Number.isFinite(v)) f[k] = v;
      }
    }
    return { state: raw.s === undefined ? undefined : parseState(raw.s), fetched: f };
  }
  // Not our wrapper (older layout or a bare engine state): try it as engine state, fetch everything.
  return { state: parseState(raw), fetched: {} };
}

export function writeSnapshot(state: TokenState | undefined, fetched: StoredSnapshot['f']): StoredSnapshot {
  return state === undefined ? { w: 1, f: fetched } : { w: 1, s: state, f: fetched };
}
