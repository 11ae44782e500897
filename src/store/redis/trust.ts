import { destinationKey } from '../../domain/types.js';
import {
  type StoredSuppression,
  SUPPRESSION_TTL_MS,
  SUPPRESSIONS_KEPT,
  type SuppressionStore,
} from '../ports.js';
import { parseJson } from '../shared.js';
import type { RedisCtx } from './client.js';

/** Suppressions: one list per (destination, token), newest first, trimmed and expiring (one pipeline). */
export function redisSuppressions(r: RedisCtx): SuppressionStore {
  const k = r.keys;
  return {
    async record(records) {
      if (records.length === 0) return;
      const byKey = new Map<string, string[]>();
      for (const rec of records) {
        const key = k.suppressions(destinationKey(rec.destination), rec.tokenId);
        const list = byKey.get(key);
        if (list) list.push(JSON.stringify(rec));
        else byKey.set(key, [JSON.stringify(rec)]);
      }
      await r.pipeline((p) => {
        for (const [key, values] of byKey) {
          p.lpush(key, ...values);
          p.ltrim(key, 0, SUPPRESSIONS_KEPT - 1);
          p.pexpire(key, SUPPRESSION_TTL_MS);
        }
      });
    },
    async recent(destination, tokenId, limit, now) {
      const n = Math.max(0, Math.min(limit, SUPPRESSIONS_KEPT));
      if (n === 0) return [];
      const raw = await r.call((c) =>
        c.lrange(k.suppressions(destinationKey(destination), tokenId), 0, n - 1),
      );
      const out: StoredSuppression[] = [];
      for (const v of raw) {
        const s = parseJson(v) as StoredSuppression | undefined;
        if (typeof s === 'object' && s !== null && s.at >= now - SUPPRESSION_TTL_MS) out.push(s);
      }
      return out;
    },
  };
}
