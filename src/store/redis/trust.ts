import type { Outcome } from '../../domain/outcome.js';
import { destinationKey } from '../../domain/types.js';
import {
  type OutcomeStore,
  type StoredSuppression,
  SUPPRESSION_TTL_MS,
  SUPPRESSIONS_KEPT,
  type SuppressionStore,
} from '../ports.js';
import { parseJson, parseOutcomes } from '../shared.js';
import type { RedisCtx } from './client.js';

/** Outcomes per script call (5 arguments each), so argument lists stay far below JS and Lua stack limits. */
const SAVE_CHUNK = 500;
/** Outcomes removed per prune call at most, so one call never blocks the server for long. */
const PRUNE_BATCH = 10_000;

/** Outcomes: a hash of JSON plus sorted sets by time and a set of open ids per token (keys.ts). */
export function redisOutcomes(r: RedisCtx): OutcomeStore {
  const base = r.keys.base;
  const fields = (o: Outcome) => [o.id, o.tokenId, o.at, o.status === 'open' ? 1 : 0, JSON.stringify(o)];
  return {
    async save(add, update) {
      if (add.length === 0 && update.length === 0) return;
      // Adds and updates in separate chunks (each chunk says how many of its records are adds).
      const calls: Array<Array<string | number>> = [];
      for (const [list, isAdd] of [
        [add, true],
        [update, false],
      ] as const) {
        for (let i = 0; i < list.length; i += SAVE_CHUNK) {
          const part = list.slice(i, i + SAVE_CHUNK);
          calls.push([`${base}out`, base, isAdd ? part.length : 0, ...part.flatMap(fields)]);
        }
      }
      await r.scriptMany('outcomesSave', calls);
    },
    async openOf(tokenIds) {
      const ids = [...new Set(tokenIds)];
      if (ids.length === 0) return [];
      return parseOutcomes(await r.script('outcomesOpen', `${base}out`, base, ...ids));
    },
    async since(since, tokenId) {
      const sorted = parseOutcomes(await r.script('outcomesSince', `${base}out`, base, since, tokenId ?? ''));
      return sorted.sort((a, b) => a.at - b.at);
    },
    async prune(before) {
      const n = await r.script('outcomesPrune', `${base}out`, base, before, PRUNE_BATCH);
      return typeof n === 'number' ? n : 0;
    },
  };
}

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
