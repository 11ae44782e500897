import type Database from 'better-sqlite3';
import { DOMAINS, type Domain, type ResolvedOptions } from './options.js';
import { GlobalPacer, SendWindow, sendWindowFor } from './pacing.js';
import type { PaidLane } from './paid.js';

/** The SQLite outbox's guards and paid slots (one process: all in memory, the backlog read from the file). */
export interface SqliteSlots {
  /**
   * No free slot now: when paid sending is configured for the platform and wanted, ms to its next paid
   * slot (reserved); undefined: wait for a free one.
   */
  paidWait(platform: Domain, now: number): number | undefined;
  /** What the platform can see of us in any second, whatever our event loop did (pacing.ts SendWindow). */
  guard(platform: Domain, paid: boolean): SendWindow | undefined;
}

export function sqliteSlots(
  db: Database.Database,
  opts: ResolvedOptions,
  lane: PaidLane | undefined,
): SqliteSlots {
  const guards = new Map<Domain, SendWindow>();
  for (const p of DOMAINS) {
    const l = opts.limit(p);
    if (l) guards.set(p, sendWindowFor(l));
  }
  // Paid sending (paid.ts): its own pacer; paid sends may not pass 97 % of the platform's ceiling in any
  // second. The backlog is counted at most every 500 ms.
  const paidPacer = lane ? new GlobalPacer(lane.rate) : undefined;
  const paidGuard = lane ? new SendWindow(Math.floor(lane.ceiling * 0.97), 1000) : undefined;
  const countBacklog = db.prepare(
    `SELECT COUNT(*) AS n FROM outbox WHERE domain = ? AND state IN ('waiting', 'delayed')`,
  );
  let backlog = { at: Number.NEGATIVE_INFINITY, n: 0 };
  return {
    paidWait(platform, now) {
      const free = opts.limit(platform);
      if (!lane || !paidPacer || lane.platform !== platform || !free) return undefined;
      if (now - backlog.at >= 500) backlog = { at: now, n: (countBacklog.get(platform) as { n: number }).n };
      return lane.wanted(backlog.n, free) ? paidPacer.take(now) : undefined;
    },
    guard(platform, paid) {
      return paid ? paidGuard : guards.get(platform);
    },
  };
}
