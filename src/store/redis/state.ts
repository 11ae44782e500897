import type { Settings, TokenId } from '../../domain/types.js';
import type { SettingsStore, SnapshotStore, TickMetaStore } from '../ports.js';
import { parseJson, parseSettings } from '../shared.js';
import { chunks, type RedisCtx } from './client.js';

/** Values of chunked MGETs (one pipeline), flattened back into the order of `keys`. */
export async function mgetMany(r: RedisCtx, keys: readonly string[]): Promise<Array<string | null>> {
  const parts = chunks(keys);
  const res = await r.pipeline((p) => {
    for (const part of parts) p.mget(...part);
  });
  const out: Array<string | null> = [];
  for (const part of res) {
    if (!Array.isArray(part)) continue;
    for (const v of part) out.push(typeof v === 'string' ? v : null);
  }
  return out;
}

/** Settings: one JSON string per scope; `update` merges atomically in Lua. Corrupt values read as absent. */
export function redisSettings(r: RedisCtx): SettingsStore {
  const k = r.keys;
  return {
    async get(scope) {
      return parseSettings(await r.call((c) => c.get(k.settings(scope))));
    },
    async update(scope, patch) {
      const stored = await r.script('updateSettings', k.settings(scope), JSON.stringify(patch));
      return parseSettings(typeof stored === 'string' ? stored : undefined) ?? {};
    },
    async getMany(scopes) {
      const out = new Map<string, Settings>();
      const uniq = [...new Set(scopes)];
      if (uniq.length === 0) return out;
      const values = await mgetMany(
        r,
        uniq.map((s) => k.settings(s)),
      );
      uniq.forEach((scope, i) => {
        const s = parseSettings(values[i]);
        if (s) out.set(scope, s);
      });
      return out;
    },
  };
}

/** The one tick metadata record, an opaque JSON string. A corrupt value reads as absent. */
export function redisTickMeta(r: RedisCtx): TickMetaStore {
  const key = r.keys.tickMeta;
  return {
    async get() {
      const raw = await r.call((c) => c.get(key));
      return raw === null ? undefined : parseJson(raw);
    },
    async put(meta) {
      const json = JSON.stringify(meta);
      if (json === undefined) return;
      await r.call((c) => c.set(key, json));
    },
  };
}

/** Engine state per token, opaque JSON strings. Corrupt values read as absent. */
export function redisSnapshots(r: RedisCtx): SnapshotStore {
  const k = r.keys;
  return {
    async getMany(tokenIds) {
      const out = new Map<TokenId, unknown>();
      const ids = [...new Set(tokenIds)];
      if (ids.length === 0) return out;
      const values = await mgetMany(
        r,
        ids.map((id) => k.snapshot(id)),
      );
      ids.forEach((id, i) => {
        const v = parseJson(values[i]);
        if (v !== undefined) out.set(id, v);
      });
      return out;
    },
    async putMany(states) {
      const pairs: string[] = [];
      for (const [id, state] of states) {
        const json = JSON.stringify(state);
        if (json !== undefined) pairs.push(k.snapshot(id), json);
      }
      if (pairs.length === 0) return;
      await r.pipeline((p) => {
        for (const part of chunks(pairs, 1000)) p.mset(...part);
      });
    },
  };
}
