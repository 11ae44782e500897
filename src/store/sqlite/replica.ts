import type Database from 'better-sqlite3';
import type { DailyBudgetStore, PollOffsetStore } from '../replica-ports.js';

export function sqlitePollOffsets(db: Database.Database, tick: () => void): PollOffsetStore {
  const getQ = db.prepare<[string], { next: number }>('SELECT next FROM poll_offsets WHERE name = ?');
  const putQ = db.prepare<[string, number]>(
    'INSERT INTO poll_offsets (name, next) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next = excluded.next',
  );
  const advanceTx = db.transaction((name: string, from: number, to: number) => {
    if ((getQ.get(name)?.next ?? 0) !== from) return false;
    putQ.run(name, to);
    return true;
  });
  return {
    async get(name) {
      tick();
      return getQ.get(name)?.next;
    },
    async advance(name, from, to) {
      if (!(to > from)) return false;
      tick();
      return advanceTx.immediate(name, Math.trunc(from), Math.trunc(to));
    },
  };
}

/** Days are kept 8 days (a week of history on /status), pruned when a new day starts being counted. */
const KEEP_DAYS = 8;

export function sqliteDailyBudgets(db: Database.Database, tick: () => void): DailyBudgetStore {
  const getQ = db.prepare<[string, string], { amount: number }>(
    'SELECT amount FROM daily_budgets WHERE day = ? AND key = ?',
  );
  const putQ = db.prepare<[string, string, number]>(
    'INSERT INTO daily_budgets (day, key, amount) VALUES (?, ?, ?) ' +
      'ON CONFLICT (day, key) DO UPDATE SET amount = excluded.amount',
  );
  const pruneQ = db.prepare<[string]>('DELETE FROM daily_budgets WHERE day < ?');
  const takeTx = db.transaction((day: string, key: string, amount: number, cap: number) => {
    const before = getQ.get(day, key);
    if (!before) pruneQ.run(new Date(Date.parse(day) - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10));
    const total = before?.amount ?? 0;
    if (total + amount > cap) return { granted: false, total };
    putQ.run(day, key, total + amount);
    return { granted: true, total: total + amount };
  });
  const giveTx = db.transaction((day: string, key: string, amount: number) => {
    const total = getQ.get(day, key)?.amount ?? 0;
    putQ.run(day, key, Math.max(0, total - amount));
  });
  return {
    async take(day, key, amount, cap) {
      tick();
      return takeTx.immediate(day, key, Math.max(1, Math.trunc(amount)), Math.trunc(cap));
    },
    async giveBack(day, key, amount) {
      tick();
      giveTx.immediate(day, key, Math.max(0, Math.trunc(amount)));
    },
    async get(day, key) {
      tick();
      return getQ.get(day, key)?.amount ?? 0;
    },
  };
}
