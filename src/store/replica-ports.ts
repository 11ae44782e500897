/**
 * Small shared state for duties that one replica at a time performs (Telegram long polling) and for
 * budgets that every replica spends from (Telegram paid broadcasts). Same rules as ports.ts: each call is
 * one round trip; both adapters pass one conformance suite (test/store/conformance-replica.ts).
 */

/**
 * Where a poller stands in a stream of numbered updates (Telegram `getUpdates`: the next `offset`), kept
 * in the store so a replica that takes the poll lease over continues where the last one stopped.
 */
export interface PollOffsetStore {
  /** The stored next offset of `name`, or undefined when none was stored. */
  get(name: string): Promise<number | undefined>;
  /**
   * Moves `name` from `from` to `to` (> from) if it still stands at `from` (an unset offset stands at 0):
   * true for the one caller that moved it, false for everyone else (and when `to` ≤ `from`).
   * Whoever moves the offset past an update handles that update, so two pollers meeting during a
   * hand-over never both handle one.
   */
  advance(name: string, from: number, to: number): Promise<boolean>;
}

/**
 * Integer amounts spent per UTC day and key against a cap (Telegram paid broadcasts: tenths of a Star).
 * Days are `YYYY-MM-DD`; a day's totals are kept at least 8 days.
 */
export interface DailyBudgetStore {
  /**
   * Adds `amount` (≥ 1) to the day's total of `key` if the total stays ≤ `cap`. Atomic across replicas:
   * `granted` false leaves the total unchanged. `total` is the total after the call.
   */
  take(day: string, key: string, amount: number, cap: number): Promise<{ granted: boolean; total: number }>;
  /** Gives back `amount` taken for something that did not happen (never below 0). */
  giveBack(day: string, key: string, amount: number): Promise<void>;
  /** The day's total of `key` (0 when nothing was taken). */
  get(day: string, key: string): Promise<number>;
}

/** `YYYY-MM-DD` (UTC) of an epoch-ms time. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
