import type { CreditLedger, MarketStateStore } from '../ports.js';
import { parseJson } from '../shared.js';
import type { RedisCtx } from './client.js';

/** Ledger months are kept ~13 months (a year of history for the operator), then expire. */
const CREDIT_TTL_MS = 400 * 86_400_000;

/** Credits: one hash per month (field = endpoint); add is HINCRBY + HVALS in one MULTI, so the total is exact under replicas. */
export function redisCredits(r: RedisCtx): CreditLedger {
  const k = r.keys;
  return {
    async add(month, endpoint, calls) {
      const key = k.credits(month);
      const res = await r.transaction((p) => {
        p.hincrby(key, endpoint, Math.max(0, Math.trunc(calls)));
        p.pexpire(key, CREDIT_TTL_MS);
        p.hvals(key);
      });
      const vals = res[2];
      return Array.isArray(vals) ? vals.reduce((s: number, v) => s + Number(v), 0) : 0;
    },
    async get(month) {
      const h = await r.call((c) => c.hgetall(k.credits(month)));
      return new Map(Object.entries(h).map(([e, v]) => [e, Number(v)]));
    },
  };
}

export function redisMarketState(r: RedisCtx): MarketStateStore {
  const k = r.keys;
  return {
    async get(key) {
      return parseJson(await r.call((c) => c.get(k.marketState(key))));
    },
    async put(key, value) {
      const json = JSON.stringify(value);
      if (json === undefined) return;
      await r.call((c) => c.set(k.marketState(key), json));
    },
  };
}
