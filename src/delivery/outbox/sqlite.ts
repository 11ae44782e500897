import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  DeadLetter,
  NoticeMessage,
  OutboundMessage,
  Outbox,
  OutboxStats,
  WebhookDelivery,
} from '../ports.js';
import {
  backoffDelay,
  type CoreDeps,
  laneOf,
  type Payload,
  payloadDomain,
  payloadMessage,
  readPayload,
} from './core.js';
import { DOMAINS, type Domain, type ResolvedOptions } from './options.js';
import { SEND_RANKS, sendRank } from './order.js';
import { GlobalPacer, memoryChatPacer, type SendWindow } from './pacing.js';
import { sqliteSlots } from './sqlite-slots.js';
import { OutboxTimeoutError, waitForIdle } from './wait.js';
import { attemptJob } from './webhook-attempt.js';

type Row = {
  id: string;
  payload: string;
  attempts: number;
  rate_hits: number;
  owns_slot: number;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  domain TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,            -- waiting | active | delayed | done | dead
  attempts INTEGER NOT NULL DEFAULT 0,
  rate_hits INTEGER NOT NULL DEFAULT 0,
  owns_slot INTEGER NOT NULL DEFAULT 0,
  rank INTEGER NOT NULL DEFAULT 0, -- send order (order.ts): 0 first
  available_at INTEGER NOT NULL,
  finished_at INTEGER,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS outbox_once (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
`;

/**
 * The embedded outbox: one better-sqlite3 file in WAL mode (or `:memory:` for the memory backend),
 * drained by one in-process loop per limit domain. Single process by design: the SQLite store is the
 * single-replica deployment.
 */
export function createSqliteOutbox(
  file: string,
  opts: ResolvedOptions,
  deps: Omit<CoreDeps, 'pacer' | 'claimOnce' | 'enqueueMigrated' | 'enqueueNotices'>,
): Outbox {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // durable across a process crash, which is what kill -9 tests
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Files from before the send order get the column (old rows rank 0: sent first, as they were queued).
  const cols = db.prepare(`PRAGMA table_info(outbox)`).all() as { name: string }[];
  if (!cols.some((c) => c.name === 'rank'))
    db.exec(`ALTER TABLE outbox ADD COLUMN rank INTEGER NOT NULL DEFAULT 0`);
  // outbox_due answers "when is the next row due" (idle naps); outbox_due_rank picks the next row.
  db.exec(`CREATE INDEX IF NOT EXISTS outbox_due ON outbox (domain, state, available_at, seq);
    CREATE INDEX IF NOT EXISTS outbox_due_rank ON outbox (domain, state, rank, available_at, seq);`);

  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (id, domain, payload, state, rank, available_at) VALUES (?, ?, ?, 'waiting', ?, ?)`,
  );
  // One index range per state and rank (an IN over states or ranks would sort every due row on each pick).
  const dueIn = (state: 'waiting' | 'delayed') =>
    db.prepare(
      `SELECT id, payload, attempts, rate_hits, owns_slot, available_at, seq FROM outbox
       WHERE domain = ? AND state = '${state}' AND rank = ? AND available_at <= ?
       ORDER BY available_at, seq LIMIT 1`,
    );
  const dueWaiting = dueIn('waiting');
  const dueDelayed = dueIn('delayed');
  /** The due row of the first rank that has one (order.ts), oldest first within the rank. */
  const nextDue = (domain: Domain, now: number): Row | undefined => {
    for (let rank = 0; rank < SEND_RANKS; rank++) {
      type Due = Row & { available_at: number; seq: number };
      const w = dueWaiting.get(domain, rank, now) as Due | undefined;
      const d = dueDelayed.get(domain, rank, now) as Due | undefined;
      if (!w || !d) {
        if (w ?? d) return w ?? d;
        continue;
      }
      return d.available_at < w.available_at || (d.available_at === w.available_at && d.seq < w.seq) ? d : w;
    }
    return undefined;
  };
  const earliest = db.prepare(
    `SELECT MIN(t) AS t FROM (SELECT MIN(available_at) AS t FROM outbox WHERE domain = @d AND state = 'waiting'
       UNION ALL SELECT MIN(available_at) FROM outbox WHERE domain = @d AND state = 'delayed')`,
  );
  const setState = db.prepare(
    `UPDATE outbox SET state = ?, available_at = ?, attempts = ?, rate_hits = ?, owns_slot = ?,
       finished_at = ?, last_error = ? WHERE id = ?`,
  );
  const markActive = db.prepare(`UPDATE outbox SET state = 'active' WHERE id = ?`);
  const once = db.prepare(`INSERT OR IGNORE INTO outbox_once (key, at) VALUES (?, ?)`);

  const pacer = memoryChatPacer();
  const pacers = new Map<Domain, GlobalPacer>(DOMAINS.map((p) => [p, new GlobalPacer(opts.limit(p))]));
  const wakers = new Map<Domain, () => void>();
  let running = false;
  let closed = false;
  const inflight = new Set<Promise<void>>();
  const loops: Promise<void>[] = [];

  const put = (payload: Payload, now: number) => {
    const m = payloadMessage(payload);
    return insert.run(m.id, payloadDomain(payload), JSON.stringify(payload), sendRank(payload), now).changes;
  };
  const putMany = db.transaction((payloads: readonly Payload[]) => {
    const now = Date.now();
    for (const p of payloads) put(p, now);
  });
  const wakeAll = () => {
    for (const w of wakers.values()) w();
  };

  const core: CoreDeps = {
    ...deps,
    pacer,
    async claimOnce(key) {
      return once.run(key, Date.now()).changes === 1;
    },
    async enqueueMigrated(payload) {
      put(payload, Date.now());
      wakeAll();
    },
    async enqueueNotices(notices) {
      putMany(notices.map((notice) => ({ kind: 'notice', notice }) as const));
      wakeAll();
    },
  };

  let lastPrune = 0;
  function prune(now: number): void {
    lastPrune = now;
    db.prepare(`DELETE FROM outbox WHERE state = 'done' AND finished_at < ?`).run(now - opts.dedupWindowMs);
    db.prepare(`DELETE FROM outbox_once WHERE at < ?`).run(now - opts.dedupWindowMs);
  }

  function chatFree(row: Row, now: number): boolean {
    const lane = laneOf(readPayload(JSON.parse(row.payload)), opts);
    return lane === undefined || pacer.free(lane.key, lane.interval, now, row.owns_slot === 1);
  }

  async function deliverRow(row: Row, paid: boolean): Promise<void> {
    const payload = readPayload(JSON.parse(row.payload));
    const job = {
      id: row.id,
      payload,
      attemptsMade: row.attempts,
      rateLimitHits: row.rate_hits,
      ownsSlot: row.owns_slot === 1,
      paid: paid ? deps.paid?.send : undefined,
    };
    const platform = payloadDomain(payload);
    let out: Awaited<ReturnType<typeof attemptJob>>;
    try {
      out = await attemptJob(job, core);
    } catch (err) {
      // The store or pacer failed, not the send: try again later without counting it as an attempt.
      deps.logger?.warn({ id: row.id, err: String(err) }, 'outbox processing error');
      out = { kind: 'retry', error: String(err) };
    }
    if (closed) return;
    const now = Date.now();
    switch (out.kind) {
      case 'sent':
      case 'ended':
        setState.run('done', now, row.attempts, row.rate_hits, 0, now, null, row.id);
        break;
      case 'defer':
        setState.run('delayed', out.until, row.attempts, row.rate_hits, 1, null, null, row.id);
        break;
      case 'pause':
        pacers.get(platform)?.pause(now + out.ms);
        setState.run('waiting', now, row.attempts, row.rate_hits + 1, 0, null, null, row.id);
        break;
      case 'retry': {
        const n = row.attempts + 1;
        setState.run(
          'delayed',
          now + backoffDelay(opts.backoffMs, n),
          n,
          row.rate_hits,
          0,
          null,
          out.error,
          row.id,
        );
        break;
      }
      case 'dead':
        setState.run('dead', now, row.attempts + 1, row.rate_hits, 0, now, out.error, row.id);
        break;
    }
    // The row may now be due earlier than the loop's current nap (a parked or retried message).
    wakers.get(platform)?.();
  }

  const slots = sqliteSlots(db, opts, deps.paid);

  const sleep = (platform: Domain, ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(t);
        wakers.delete(platform);
        resolve();
      }
      wakers.set(platform, done);
    });

  async function loop(platform: Domain): Promise<void> {
    const limit = opts.concurrency(platform);
    const gp = pacers.get(platform) as GlobalPacer;
    const active = new Set<Promise<void>>();
    while (running) {
      try {
        await step(platform, gp, active, limit);
      } catch (err) {
        // The database itself failed (disk full, locked): keep the loop alive and try again shortly.
        deps.logger?.error({ platform, err: String(err) }, 'outbox loop error');
        await sleep(platform, 1000);
      }
    }
  }

  async function step(platform: Domain, gp: GlobalPacer, active: Set<Promise<void>>, limit: number) {
    const paused = gp.pausedFor(Date.now());
    if (paused > 0) return await sleep(platform, paused);
    if (active.size >= limit) return void (await Promise.race(active));
    const now = Date.now();
    const row = nextDue(platform, now);
    if (!row) {
      if (now - lastPrune > 600_000) prune(now); // idle moment: forget done ids older than the dedup window
      const t = (earliest.get({ d: platform }) as { t: number | null }).t;
      return await sleep(platform, t === null ? 1000 : Math.min(t - now, 1000));
    }
    markActive.run(row.id);
    // A message whose chat is busy will only be parked: don't spend a global slot on it.
    let paid = false;
    let guard: SendWindow | undefined;
    if (chatFree(row, now)) {
      if (!gp.tryTake(now)) {
        // No free slot now: the next paid one when wanted (they come every ms or so), else the next free one.
        const paidWait = slots.paidWait(platform, now);
        paid = paidWait !== undefined;
        const wait = paidWait ?? gp.take(now);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      guard = slots.guard(platform, paid);
      for (let w = guard?.tryStart(Date.now()) ?? 0; w > 0; w = guard?.tryStart(Date.now()) ?? 0)
        await new Promise((r) => setTimeout(r, w));
    }
    const p: Promise<void> = deliverRow(row, paid)
      .finally(() => guard?.end(Date.now()))
      .catch((err: unknown) =>
        deps.logger?.error({ id: row.id, err: String(err) }, 'outbox bookkeeping failed'),
      )
      .finally(() => {
        active.delete(p);
        inflight.delete(p);
      });
    active.add(p);
    inflight.add(p);
  }

  const countsOf = (rows: readonly { state: string; n: number }[]): OutboxStats => {
    const n = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
    return {
      waiting: n('waiting'),
      active: n('active'),
      delayed: n('delayed'),
      completed: n('done'),
      dead: n('dead'),
    };
  };
  function stats(): OutboxStats {
    return countsOf(
      db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all() as {
        state: string;
        n: number;
      }[],
    );
  }
  function statsByPlatform(): Map<Domain, OutboxStats> {
    const rows = db
      .prepare(`SELECT domain, state, COUNT(*) AS n FROM outbox GROUP BY domain, state`)
      .all() as {
      domain: Domain;
      state: string;
      n: number;
    }[];
    const domains = [...new Set(rows.map((r) => r.domain))].sort();
    return new Map(domains.map((d) => [d, countsOf(rows.filter((r) => r.domain === d))]));
  }

  return {
    async enqueue(messages: readonly OutboundMessage[]) {
      putMany(messages.map((message) => ({ kind: 'message', message }) as const));
      wakeAll();
    },
    async enqueueNotices(notices: readonly NoticeMessage[]) {
      putMany(notices.map((notice) => ({ kind: 'notice', notice }) as const));
      wakeAll();
    },
    async enqueueWebhooks(deliveries: readonly WebhookDelivery[]) {
      putMany(deliveries.map((webhook) => ({ kind: 'webhook', webhook }) as const));
      wakeAll();
    },
    async start() {
      if (running) return;
      // Rows left active by a crash were maybe sent, maybe not: send again (at-least-once).
      db.prepare(`UPDATE outbox SET state = 'waiting' WHERE state = 'active'`).run();
      prune(Date.now());
      running = true;
      for (const p of DOMAINS) loops.push(loop(p));
    },
    async drain(timeoutMs = 30_000) {
      await waitForIdle(async () => stats(), timeoutMs);
    },
    async stats() {
      return stats();
    },
    async statsByPlatform() {
      return statsByPlatform();
    },
    async deadLetters(limit = 100) {
      const rows = db
        .prepare(
          `SELECT id, payload, attempts, finished_at, last_error FROM outbox WHERE state = 'dead' ORDER BY finished_at LIMIT ?`,
        )
        .all(limit) as {
        id: string;
        payload: string;
        attempts: number;
        finished_at: number;
        last_error: string;
      }[];
      return rows.map(
        (r): DeadLetter => ({
          id: r.id,
          message: payloadMessage(readPayload(JSON.parse(r.payload))),
          error: r.last_error ?? '',
          attempts: r.attempts,
          failedAt: r.finished_at,
        }),
      );
    },
    async retryDead(id: string) {
      const r = db
        .prepare(
          `UPDATE outbox SET state = 'waiting', attempts = 0, rate_hits = 0, available_at = ?, last_error = NULL,
             finished_at = NULL WHERE id = ? AND state = 'dead'`,
        )
        .run(Date.now(), id);
      wakeAll();
      return r.changes === 1;
    },
    async close() {
      if (closed) return;
      running = false;
      wakeAll();
      const all = Promise.allSettled([...loops, ...inflight]);
      const deadline = new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), opts.closeTimeoutMs).unref(),
      );
      const res = await Promise.race([all, deadline]);
      if (res === 'timeout')
        deps.logger?.warn('outbox close: in-flight sends abandoned (resent after restart)');
      await deps.webhooks?.close?.();
      closed = true;
      db.close();
    },
  };
}

export { OutboxTimeoutError };
