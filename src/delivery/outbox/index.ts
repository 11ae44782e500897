import { join } from 'node:path';
import type { Outbox } from '../ports.js';
import type { CoreDeps } from './core.js';
import { type OutboxOptions, resolveOptions } from './options.js';
import { createRedisOutbox } from './redis.js';
import { createSqliteOutbox } from './sqlite.js';

export * from '../ports.js';
export { backoffDelay, safeJobId } from './core.js';
export type { OutboxOptions, RateLimit } from './options.js';
export { DOMAINS, type Domain, WEBHOOK_GAP_MS } from './options.js';
export { claimChat, releaseChat } from './pacing.js';
export { PaidLane, type PaidLaneOptions } from './paid.js';
export { OutboxTimeoutError } from './wait.js';

/** Default BullMQ prefix of the outbox queues (`<prefix>:telegram:*`, `<prefix>:discord:*`, ...). */
export const DEFAULT_OUTBOX_PREFIX = 'tokenwatch-outbox';

/**
 * Builds the durable outbox. `memory`: in-process (an SQLite `:memory:` database, in order, lost on exit;
 * tests). `sqlite`: its own WAL file (`${dataDir}/outbox.db`), the embedded default. `redis`: BullMQ
 * queues shared by every replica. All three share one worker logic (src/delivery/outbox/core.ts).
 * Workers only run after `start()`, so the CLI can open an outbox just to inspect it.
 */
export function createOutbox(o: OutboxOptions): Outbox {
  const opts = resolveOptions(o);
  const deps: Omit<CoreDeps, 'pacer' | 'claimOnce' | 'enqueueMigrated' | 'enqueueNotices'> = {
    opts,
    senders: o.senders,
    subscriptions: o.store.subscriptions,
    destinations: o.store.destinations,
    logger: o.logger,
    metrics: o.metrics,
    onDeactivated: o.onDeactivated,
    webhooks: o.webhooks,
    onDelivered: o.onDelivered,
    paid: o.paid,
    localeOf: o.localeOf,
  };
  switch (o.kind) {
    case 'memory':
      return createSqliteOutbox(':memory:', opts, deps);
    case 'sqlite':
      return createSqliteOutbox(o.file ?? join(o.dataDir ?? './data', 'outbox.db'), opts, deps);
    case 'redis':
      if (!o.redisUrl && !o.redisConnection) {
        throw new Error('createOutbox: kind redis needs redisUrl or redisConnection');
      }
      return createRedisOutbox(
        {
          ...(o.redisConnection ? { connection: o.redisConnection } : { url: o.redisUrl ?? '' }),
          prefix: o.prefix ?? DEFAULT_OUTBOX_PREFIX,
          lockDurationMs: o.lockDurationMs ?? 30_000,
          stalledIntervalMs: o.stalledIntervalMs ?? 30_000,
        },
        opts,
        deps,
      );
  }
}
