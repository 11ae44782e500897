import { DelayedError, type Job, Queue, RateLimitError, UnrecoverableError, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import type {
  DeadLetter,
  NoticeMessage,
  OutboundMessage,
  Outbox,
  OutboxStats,
  RateLimit,
  WebhookDelivery,
} from '../ports.js';
import {
  type CoreDeps,
  type JobView,
  type Payload,
  payloadDomain,
  payloadMessage,
  readPayload,
  safeJobId,
} from './core.js';
import { DOMAINS, type Domain, type ResolvedOptions } from './options.js';
import { sendRank } from './order.js';
import { redisChatPacer } from './pacing.js';
import { redisSlots } from './redis-paid.js';
import { waitForIdle } from './wait.js';
import { attemptJob } from './webhook-attempt.js';

/** Job data: the payload plus bookkeeping that must survive a crash (slot ownership, 429 count). */
type JobData = Payload & { readonly ownsSlot?: boolean; readonly rateLimitHits?: number };

/** Job data as stored, including the short names older versions wrote (`own`, `rl`, see readPayload). */
function readJobData(raw: unknown): { payload: Payload; ownsSlot: boolean; rateLimitHits: number } {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const own = r.ownsSlot ?? r.own;
  const hits = r.rateLimitHits ?? r.rl;
  return {
    payload: readPayload(raw),
    ownsSlot: own === true,
    rateLimitHits: typeof hits === 'number' ? hits : 0,
  };
}

/**
 * The workers' connection, duplicated from a shared one. Not the store's fail-fast settings: blocking
 * reads outlive any command timeout, and a worker waits out an outage in the offline queue instead of
 * erroring in a loop. A Cluster (REDIS_CLUSTER_NODES) is duplicated with the same seed nodes.
 */
function workerConnectionOf(shared: Redis): Redis {
  const waitOut = {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    commandTimeout: undefined as unknown as number,
  };
  if (shared instanceof Cluster) {
    const c = shared as Cluster;
    return c.duplicate([], {
      enableOfflineQueue: true,
      lazyConnect: false,
      redisOptions: { ...c.options.redisOptions, ...waitOut },
    }) as unknown as Redis;
  }
  return shared.duplicate({ ...waitOut, lazyConnect: false });
}

/** Where the outbox reaches Redis: its own connections to `url`, or a shared client (`connection`). */
export type RedisOutboxOptions = (
  | { readonly url: string; readonly connection?: undefined }
  | { readonly connection: Redis; readonly url?: undefined }
) & {
  readonly prefix: string;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
};

/**
 * BullMQ outbox: one queue per limit domain (telegram, discord, console), deterministic job ids (the
 * message id) so a re-enqueue is a no-op while the completed job is kept (dedup window), BullMQ's global
 * `limiter` per queue (shared by every replica), exponential backoff with jitter, failed jobs kept as the
 * dead letters.
 */
export function createRedisOutbox(
  ro: RedisOutboxOptions,
  opts: ResolvedOptions,
  deps: Omit<CoreDeps, 'pacer' | 'claimOnce' | 'enqueueMigrated' | 'enqueueNotices'>,
): Outbox {
  // Producer: a shared client is used as is (the store's: its commands fail after a couple of retries while
  // Redis is down, like the store's own). An own one fails fast, so the tick notices instead of hanging.
  const ownProducer = ro.connection
    ? undefined
    : new Redis(ro.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  ownProducer?.on('error', (err) => deps.logger?.warn({ err: err.message }, 'outbox producer redis error'));
  const producer = ro.connection ?? (ownProducer as Redis);
  const defaultJobOptions = {
    attempts: opts.attempts,
    backoff: { type: 'exponential', delay: opts.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: Math.ceil(opts.dedupWindowMs / 1000) },
    removeOnFail: false,
  };
  const queues = new Map<Domain, Queue<JobData>>(
    DOMAINS.map((p) => [
      p,
      new Queue<JobData>(p, { connection: producer, prefix: ro.prefix, defaultJobOptions }),
    ]),
  );
  const queue = (p: Domain) => queues.get(p) as Queue<JobData>;
  for (const [platform, q] of queues) {
    q.on('error', (err) => deps.logger?.warn({ platform, err: err.message }, 'outbox queue error'));
  }
  let workerConn: Redis | undefined;
  const workers: Worker<JobData>[] = [];

  async function add(payloads: readonly Payload[]): Promise<void> {
    const byPlatform = new Map<Domain, Payload[]>();
    for (const p of payloads) {
      const platform = payloadDomain(p);
      const list = byPlatform.get(platform) ?? [];
      list.push(p);
      byPlatform.set(platform, list);
    }
    await Promise.all(
      [...byPlatform].map(([platform, list]) =>
        queue(platform).addBulk(
          list.map((data) => ({
            name: data.kind,
            data,
            // BullMQ priority 1 is the highest; every job has one, so the order (order.ts) is total.
            opts: { jobId: safeJobId(payloadMessage(data).id), priority: sendRank(data) + 1 },
          })),
        ),
      ),
    );
  }

  function startWorkers(conn: Redis): void {
    const pacer = redisChatPacer(conn, ro.prefix);
    const core: CoreDeps = {
      ...deps,
      pacer,
      async claimOnce(key) {
        const r = await conn.set(`${ro.prefix}:once:${key}`, '1', 'PX', opts.dedupWindowMs, 'NX');
        return r === 'OK';
      },
      enqueueMigrated: (payload) => add([payload]),
      enqueueNotices: (notices) => add(notices.map((notice) => ({ kind: 'notice', notice }) as const)),
    };
    for (const platform of DOMAINS) {
      const limit = opts.limit(platform);
      const q = queue(platform);
      const lane = deps.paid?.platform === platform && limit ? deps.paid : undefined;
      // With paid sending, free and paid slots are counted in Redis (redis-paid.ts), not by BullMQ's limiter.
      const slots = lane
        ? redisSlots({
            redis: conn,
            prefix: ro.prefix,
            platform: lane.platform,
            free: limit as RateLimit,
            lane,
            inFlightMs: opts.sendTimeoutMs + 1000,
            backlog: async () => {
              const c = await q.getJobCounts('wait', 'prioritized', 'delayed');
              return (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0);
            },
          })
        : undefined;
      const handleJob = async (job: Job<JobData>, token?: string) => {
        const stored = readJobData(job.data);
        const slot = slots ? await slots(Date.now()) : undefined;
        if (slot?.kind === 'wait') {
          await q.rateLimit(slot.ms);
          throw new RateLimitError();
        }
        const view: JobView = {
          id: job.id ?? payloadMessage(stored.payload).id,
          payload: stored.payload,
          attemptsMade: job.attemptsMade,
          rateLimitHits: stored.rateLimitHits,
          ownsSlot: stored.ownsSlot,
          paid: slot?.kind === 'paid' ? lane?.send : undefined,
        };
        // Rewritten with the current field names (an old job loses its short ones here).
        const data = (patch: { ownsSlot?: boolean; rateLimitHits?: number }): JobData => ({
          ...stored.payload,
          ownsSlot: patch.ownsSlot ?? stored.ownsSlot,
          rateLimitHits: patch.rateLimitHits ?? stored.rateLimitHits,
        });
        const out = await attemptJob(view, core).finally(() => {
          if (slot && 'end' in slot) void slot.end().catch(() => undefined);
        });
        switch (out.kind) {
          case 'sent':
          case 'ended':
            return out;
          case 'defer':
            await job.updateData(data({ ownsSlot: true }));
            await job.moveToDelayed(out.until, token);
            throw new DelayedError();
          case 'pause':
            await job.updateData(data({ rateLimitHits: view.rateLimitHits + 1 }));
            await q.rateLimit(out.ms);
            throw new RateLimitError();
          case 'retry':
            throw new Error(out.error);
          case 'dead':
            throw new UnrecoverableError(out.error);
        }
      };
      const w = new Worker<JobData>(platform, handleJob, {
        connection: conn,
        prefix: ro.prefix,
        concurrency: opts.concurrency(platform),
        lockDuration: ro.lockDurationMs,
        stalledInterval: ro.stalledIntervalMs,
        maxStalledCount: 2,
        ...(limit && !slots ? { limiter: { max: limit.max, duration: limit.durationMs } } : {}),
      });
      w.on('error', (err) => deps.logger?.warn({ platform, err: err.message }, 'outbox worker error'));
      w.on('failed', (_job, err) => {
        // Stalled too often (crash loops): BullMQ fails the job itself; count it as a dead letter.
        if (/stalled|started more than/.test(err.message))
          deps.metrics?.messages.inc({ platform, outcome: 'dead' });
      });
      workers.push(w);
    }
  }

  async function statsByPlatform(): Promise<Map<Domain, OutboxStats>> {
    const all = await Promise.all(
      DOMAINS.map(async (p) => {
        const c = await queue(p).getJobCounts(
          'wait',
          'prioritized',
          'active',
          'delayed',
          'completed',
          'failed',
        );
        const n = (k: string) => c[k] ?? 0;
        const s: OutboxStats = {
          waiting: n('wait') + n('prioritized'),
          active: n('active'),
          delayed: n('delayed'),
          completed: n('completed'),
          dead: n('failed'),
        };
        return [p, s] as const;
      }),
    );
    return new Map(all);
  }

  async function stats(): Promise<OutboxStats> {
    const all = [...(await statsByPlatform()).values()];
    const sum = (k: keyof OutboxStats) => all.reduce((s, c) => s + c[k], 0);
    return {
      waiting: sum('waiting'),
      active: sum('active'),
      delayed: sum('delayed'),
      completed: sum('completed'),
      dead: sum('dead'),
    };
  }

  const withDeadline = async <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> => {
    let t: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((r) => {
      t = setTimeout(() => r('timeout'), ms);
    });
    try {
      return await Promise.race([p, deadline]);
    } finally {
      clearTimeout(t);
    }
  };

  return {
    async enqueue(messages: readonly OutboundMessage[]) {
      await add(messages.map((message) => ({ kind: 'message', message }) as const));
    },
    async enqueueNotices(notices: readonly NoticeMessage[]) {
      await add(notices.map((notice) => ({ kind: 'notice', notice }) as const));
    },
    async enqueueWebhooks(deliveries: readonly WebhookDelivery[]) {
      await add(deliveries.map((webhook) => ({ kind: 'webhook', webhook }) as const));
    },
    async start() {
      if (workerConn) return;
      // Workers wait out Redis outages instead of failing: BullMQ requires maxRetriesPerRequest null.
      // (BullMQ duplicates its blocking connections from this one.)
      workerConn = ro.connection
        ? workerConnectionOf(ro.connection)
        : new Redis(ro.url, { maxRetriesPerRequest: null });
      workerConn.on('error', (err) => deps.logger?.warn({ err: err.message }, 'outbox worker redis error'));
      startWorkers(workerConn);
    },
    drain: (timeoutMs = 30_000) => waitForIdle(stats, timeoutMs, 100),
    stats,
    statsByPlatform,
    async deadLetters(limit = 100) {
      const failed = (await Promise.all(DOMAINS.map((p) => queue(p).getFailed(0, limit - 1)))).flat();
      return failed
        .map(
          (j): DeadLetter => ({
            id: payloadMessage(readPayload(j.data)).id,
            message: payloadMessage(readPayload(j.data)),
            error: j.failedReason,
            attempts: j.attemptsMade,
            failedAt: j.finishedOn ?? 0,
          }),
        )
        .sort((a, b) => a.failedAt - b.failedAt)
        .slice(0, limit);
    },
    async retryDead(id: string) {
      for (const p of DOMAINS) {
        const job = (await queue(p).getJob(safeJobId(id))) as Job<JobData> | undefined;
        if (job && (await job.isFailed())) {
          const data: JobData = { ...readPayload(job.data), rateLimitHits: 0, ownsSlot: false };
          await job.updateData(data);
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          return true;
        }
      }
      return false;
    },
    async close() {
      // worker.close() waits for active jobs without a timeout of its own: bound it, then force.
      const graceful = await withDeadline(Promise.all(workers.map((w) => w.close())), opts.closeTimeoutMs);
      if (graceful === 'timeout') {
        deps.logger?.warn('outbox close: in-flight sends abandoned (they stall and are retried)');
        await withDeadline(Promise.all(workers.map((w) => w.close(true))), 2000);
      }
      await withDeadline(Promise.all([...queues.values()].map((q) => q.close())), 2000);
      await deps.webhooks?.close?.();
      workerConn?.disconnect();
      ownProducer?.disconnect();
    },
  };
}
