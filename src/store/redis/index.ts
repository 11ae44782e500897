import { Redis } from 'ioredis';
import type { Store } from '../ports.js';
import { guardPort, StoreError } from '../shared.js';
import { redisCtx } from './client.js';
import { redisKeys } from './keys.js';
import { redisPriceAlerts, redisPriceHistory } from './price.js';
import { redisSettings, redisSnapshots, redisTickMeta } from './state.js';
import { redisDestinationStatus } from './status.js';
import { redisSubscriptions } from './subscriptions.js';
import { redisCounters, redisHolds, redisMarks, redisTickLock } from './timed.js';

export interface RedisStoreOptions {
  /** `redis://` / `rediss://` URL. Ignored when `client` is given. */
  readonly url?: string;
  /** An existing ioredis client to use; the store then never quits it. Must not set ioredis `keyPrefix`. */
  readonly client?: Redis;
  /** Prepended to every key, e.g. `tokenwatch:` (tests: `twtest:<random>:`). Default `tokenwatch:`. */
  readonly keyPrefix?: string;
  /**
   * Connection errors the store's own client emits while it reconnects (commands meanwhile reject
   * with a retryable StoreError). Default: ignored, so ioredis does not print them.
   */
  readonly onError?: (err: Error) => void;
  /** Called once per round trip (a Lua call, a pipeline or one command). Benchmarks and the conformance suite count them. */
  readonly onRoundTrip?: () => void;
}

/** The ioredis client behind each Redis store, so the outbox can share it (see redisClientOf). */
const clients = new WeakMap<Store, Redis>();

/**
 * The ioredis client of a store opened by openRedisStore (undefined for any other store). The BullMQ
 * outbox shares it instead of opening its own connection; it must not quit it (the store owns it).
 */
export function redisClientOf(store: Store): Redis | undefined {
  return clients.get(store);
}

/**
 * The shared store for several replicas: every list method is one pipeline or one Lua call.
 * Needs a single Redis server (Lua scripts touch keys they derive, which Cluster forbids).
 * Rejects with a retryable StoreError when the server cannot be reached at open.
 */
export async function openRedisStore(opts: RedisStoreOptions): Promise<Store> {
  const owned = opts.client === undefined;
  let client: Redis;
  if (opts.client) {
    client = opts.client;
    // ioredis would prefix declared KEYS but not the names Lua scripts derive: the layouts would split.
    if (client.options.keyPrefix) {
      throw new StoreError('openRedisStore: pass keyPrefix to the store, not to the ioredis client', false);
    }
  } else {
    if (!opts.url) throw new StoreError('openRedisStore needs a url or a client', false);
    // lazyConnect so a wrong URL fails here, once, instead of retrying forever in the background.
    client = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    client.on('error', opts.onError ?? (() => {}));
    try {
      await client.connect();
    } catch (err) {
      client.disconnect();
      // The message carries host/port only; ioredis errors never include the password.
      throw new StoreError(`cannot connect to Redis: ${(err as Error).message}`, true, { cause: err });
    }
  }
  const ctx = redisCtx(client, redisKeys(opts.keyPrefix ?? 'tokenwatch:'), opts.onRoundTrip);
  let closed = false;
  const store: Store = {
    kind: 'redis',
    subscriptions: redisSubscriptions(ctx),
    destinations: redisDestinationStatus(ctx),
    settings: redisSettings(ctx),
    snapshots: redisSnapshots(ctx),
    tickMeta: redisTickMeta(ctx),
    marks: redisMarks(ctx),
    ticks: redisTickLock(ctx),
    holds: redisHolds(ctx),
    counters: redisCounters(ctx),
    priceHistory: guardPort(redisPriceHistory(ctx), redisError),
    priceAlerts: guardPort(redisPriceAlerts(ctx), redisError),
    async close() {
      if (closed || !owned) return;
      closed = true;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
  clients.set(store, client);
  return store;
}

/** Errors outside RedisCtx (a parse in an adapter) are bugs, but transient ones are already StoreErrors. */
function redisError(err: unknown): StoreError {
  return new StoreError(`redis store: ${(err as Error).message}`, true, { cause: err });
}

/**
 * Deletes every key starting with `prefix` (SCAN + UNLINK in batches). For tests and for wiping a
 * namespace; refuses an empty prefix so it can never flush a whole database.
 */
export async function deleteRedisPrefix(client: Redis, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new StoreError('deleteRedisPrefix refuses an empty prefix', false);
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
