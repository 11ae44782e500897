import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import type { Hono } from 'hono';
import { Redis } from 'ioredis';
import type { Platform } from '../../domain/types.js';

/** Where the Bull Board is mounted (behind the status login). */
export const QUEUE_BOARD_PATH = '/status/queues';

export interface QueueBoardOptions {
  /** The outbox's Redis: an ioredis client to share, or a URL (then the board opens and closes its own). */
  readonly connection: Redis | string;
  /** The outbox's BullMQ prefix (e.g. `tokenwatch-outbox`). */
  readonly prefix: string;
  /** The outbox's queues: one per platform, named after it. */
  readonly queues: readonly Platform[];
  /** Default true: the board shows jobs but refuses retry, clean, pause, promote and delete. */
  readonly readOnly?: boolean;
}

export interface QueueBoard {
  /** The Hono app to mount at QUEUE_BOARD_PATH. */
  readonly app: Hono;
  readonly readOnly: boolean;
  close(): Promise<void>;
}

/**
 * Bull Board over the outbox's BullMQ queues (Redis mode). Bull Board has no authentication of its own:
 * the status server only routes a request here after checking the session (and, read-only, refuses
 * every method but GET before it gets here).
 */
export function createQueueBoard(o: QueueBoardOptions): QueueBoard {
  const readOnly = o.readOnly ?? true;
  const owned = typeof o.connection === 'string';
  const connection =
    typeof o.connection === 'string' ? new Redis(o.connection, { maxRetriesPerRequest: null }) : o.connection;
  // Its own Queue objects (no workers): reading counts and jobs needs nothing from the outbox's instances.
  const queues = o.queues.map((name) => new Queue(name, { connection, prefix: o.prefix }));
  const server = new HonoAdapter(serveStatic).setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly, allowRetries: !readOnly })),
    serverAdapter: server,
    options: {
      uiConfig: {
        boardTitle: 'tokenwatch outbox',
        hideDocsLink: true,
        miscLinks: [{ text: 'Status page', url: '/status' }],
      },
    },
  });
  return {
    app: server.registerPlugin() as unknown as Hono,
    readOnly,
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      if (owned) connection.disconnect();
    },
  };
}
