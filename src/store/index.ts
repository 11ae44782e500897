import { join } from 'node:path';
import type { Store } from './ports.js';
import { openRedisStore } from './redis/index.js';
import { openSqliteStore } from './sqlite/index.js';

export type * from './alert-log-ports.js';
export { memoryLivePrices } from './live-memory.js';
export type * from './live-ports.js';
export type * from './ports.js';
export { parentScope } from './ports.js';
export type * from './price-ports.js';
export { HISTORY } from './price-ports.js';
export {
  deleteRedisPrefix,
  hashTagged,
  openRedisStore,
  type RedisStoreOptions,
  redisClientOf,
} from './redis/index.js';
export { StoreError } from './shared.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export type * from './webhook-ports.js';

export interface OpenStoreOptions {
  /** Set: use Redis (shared by replicas). Unset: the embedded SQLite file. */
  readonly redisUrl?: string | undefined;
  /** Directory of the SQLite file `tokenwatch.db` (created if missing). */
  readonly dataDir: string;
  /** Redis key prefix. Default `tokenwatch:`. */
  readonly keyPrefix?: string | undefined;
  /** Redis: return at once and connect in the background (see RedisStoreOptions). Default false. */
  readonly connectInBackground?: boolean;
  /** Redis Cluster seed nodes `host:port` (REDIS_CLUSTER_NODES); `redisUrl` then supplies credentials. */
  readonly redisClusterNodes?: readonly string[] | undefined;
  /** Redis: connection errors while it reconnects. Default: ignored. */
  readonly onError?: (err: Error) => void;
}

/** The store the config asks for: Redis when `redisUrl` is set, else SQLite at `${dataDir}/tokenwatch.db`. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.redisUrl) {
    return openRedisStore({
      url: opts.redisUrl,
      keyPrefix: opts.keyPrefix ?? 'tokenwatch:',
      ...(opts.connectInBackground ? { connectInBackground: true } : {}),
      ...(opts.redisClusterNodes ? { clusterNodes: opts.redisClusterNodes } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
  }
  return openSqliteStore({ file: join(opts.dataDir, 'tokenwatch.db') });
}
