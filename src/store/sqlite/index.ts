import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { memoryLivePrices } from '../live-memory.js';
import type { Store } from '../ports.js';
import { guardPort, StoreError } from '../shared.js';
import { sqliteAlertLog } from './alert-log.js';
import { sqliteBriefs } from './briefs.js';
import { sqliteCounters } from './counters.js';
import { sqliteCredits, sqliteMarketState } from './market.js';
import { ensureOutcomeSums, sqliteOutcomes } from './outcomes.js';
import { sqlitePriceAlerts, sqlitePriceHistory } from './price.js';
import { sqliteDailyBudgets, sqlitePollOffsets } from './replica.js';
import { migrate } from './schema.js';
import { sqliteSettings, sqliteSnapshots, sqliteTickMeta } from './state.js';
import { sqliteDestinationStatus } from './status.js';
import { sqliteSubscriptions } from './subscriptions.js';
import { sqliteSuppressions } from './suppressions.js';
import { sqliteHolds, sqliteMarks, sqliteTickLock } from './timed.js';
import { sqliteWebhooks } from './webhooks.js';

export interface SqliteStoreOptions {
  /** Database file path; its directory is created if missing. `:memory:` for a throwaway store (tests). */
  readonly file: string;
  /** How long a write waits for another process's lock before failing, ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Called once per statement or transaction (a transaction is 1). Benchmarks and the conformance suite count them. */
  readonly onRoundTrip?: () => void;
}

/** SQLite result codes worth retrying: another writer holds the lock, or the disk hiccupped / filled up. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

function sqliteError(err: unknown): StoreError {
  const code = (err as { code?: unknown }).code;
  const retryable = typeof code === 'string' && TRANSIENT.test(code);
  return new StoreError(`sqlite store: ${(err as Error).message}`, retryable, { cause: err });
}

/**
 * The embedded store: one SQLite file in WAL mode, schema created or migrated at open.
 * better-sqlite3 is synchronous, so every method does its work in one statement or one transaction.
 * Throws StoreError (not retryable) when the file cannot be opened or was written by a newer schema.
 */
export function openSqliteStore(opts: SqliteStoreOptions): Store {
  let db: Database.Database;
  try {
    if (opts.file !== ':memory:' && opts.file !== '') mkdirSync(dirname(opts.file), { recursive: true });
    db = new Database(opts.file);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (opts.file !== ':memory:') db.pragma('journal_mode = WAL');
    // WAL + NORMAL: durable across process crashes; a power cut may lose the last commits only.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    ensureOutcomeSums(db);
  } catch (err) {
    throw new StoreError(`cannot open SQLite store: ${(err as Error).message}`, false, { cause: err });
  }
  const tick = opts.onRoundTrip ?? (() => {});
  let closed = false;
  return {
    kind: 'sqlite',
    subscriptions: guardPort(sqliteSubscriptions(db, tick), sqliteError),
    destinations: guardPort(sqliteDestinationStatus(db, tick), sqliteError),
    settings: guardPort(sqliteSettings(db, tick), sqliteError),
    snapshots: guardPort(sqliteSnapshots(db, tick), sqliteError),
    tickMeta: guardPort(sqliteTickMeta(db, tick), sqliteError),
    marks: guardPort(sqliteMarks(db, tick), sqliteError),
    ticks: guardPort(sqliteTickLock(db, tick), sqliteError),
    holds: guardPort(sqliteHolds(db, tick), sqliteError),
    counters: guardPort(sqliteCounters(db, tick), sqliteError),
    credits: guardPort(sqliteCredits(db, tick), sqliteError),
    marketState: guardPort(sqliteMarketState(db, tick), sqliteError),
    outcomes: guardPort(sqliteOutcomes(db, tick), sqliteError),
    suppressions: guardPort(sqliteSuppressions(db, tick), sqliteError),
    priceHistory: guardPort(sqlitePriceHistory(db, tick), sqliteError),
    priceAlerts: guardPort(sqlitePriceAlerts(db, tick), sqliteError),
    briefs: guardPort(sqliteBriefs(db, tick), sqliteError),
    // One process: the live set never leaves it.
    livePrices: memoryLivePrices(tick),
    webhooks: guardPort(sqliteWebhooks(db, tick), sqliteError),
    alertLog: guardPort(sqliteAlertLog(db, tick), sqliteError),
    pollOffsets: guardPort(sqlitePollOffsets(db, tick), sqliteError),
    dailyBudgets: guardPort(sqliteDailyBudgets(db, tick), sqliteError),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
