import type Database from 'better-sqlite3';
import type { CreditLedger, MarketStateStore } from '../ports.js';
import { parseJson } from '../shared.js';

/** Credits per month and endpoint: one upsert per add, in one transaction with the total read. */
export function sqliteCredits(db: Database.Database, tick: () => void): CreditLedger {
  const addQ = db.prepare<[string, string, number]>(
    'INSERT INTO tm_credits (month, endpoint, calls) VALUES (?, ?, ?) ' +
      'ON CONFLICT (month, endpoint) DO UPDATE SET calls = calls + excluded.calls',
  );
  const totalQ = db.prepare<[string], { total: number | null }>(
    'SELECT SUM(calls) AS total FROM tm_credits WHERE month = ?',
  );
  const getQ = db.prepare<[string], { endpoint: string; calls: number }>(
    'SELECT endpoint, calls FROM tm_credits WHERE month = ?',
  );
  const addTx = db.transaction((month: string, endpoint: string, calls: number) => {
    addQ.run(month, endpoint, calls);
    return totalQ.get(month)?.total ?? 0;
  });
  return {
    async add(month, endpoint, calls) {
      tick();
      return addTx.immediate(month, endpoint, Math.max(0, Math.trunc(calls)));
    },
    async get(month) {
      tick();
      return new Map(getQ.all(month).map((r) => [r.endpoint, r.calls]));
    },
  };
}

export function sqliteMarketState(db: Database.Database, tick: () => void): MarketStateStore {
  const getQ = db.prepare<[string], { json: string }>('SELECT json FROM market_state WHERE key = ?');
  const putQ = db.prepare<[string, string]>(
    'INSERT INTO market_state (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json',
  );
  return {
    async get(key) {
      tick();
      return parseJson(getQ.get(key)?.json);
    },
    async put(key, value) {
      const json = JSON.stringify(value);
      if (json === undefined) return;
      tick();
      putQ.run(key, json);
    },
  };
}
