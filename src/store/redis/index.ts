import { Cluster, Redis } from 'ioredis';
import type { Store } from '../ports.js';
import { guardPort, StoreError } from '../shared.js';
import { redisAlertLog } from './alert-log.js';
import { redisBriefs } from './briefs.js';
import { redisCtx } from './client.js';
import { redisKeys } from './keys.js';
import { redisLivePrices } from './live.js';
import { redisCredits, redisMarketState } from './market.js';
import { redisOutcomes } from './outcomes.js';
import { redisPriceAlerts, redisPriceHistory } from './price.js';
import { redisDailyBudgets, redisPollOffsets } from './replica.js';
import { redisSettings, redisSnapshots, redisTickMeta } from './state.js';
import { redisDestinationStatus } from './status.js';
import { redisSubscriptions } from './subscriptions.js';
import { redisCounters, redisHolds, redisMarks, redisTickLock } from './timed.js';
import { redisSuppressions } from './trust.js';
import { redisWebhooks } from './webhooks.js';

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
  /**
   * false (default): open rejects when Redis cannot be reached (a wrong URL fails once, at once).
   * true: open returns at once and the client keeps reconnecting in the background; calls reject with a
   * retryable StoreError until Redis answers (the app waits for it in start(), see create-app.ts).
   */
  readonly connectInBackground?: boolean;
  /** Bound on one command's round trip, ms (ioredis `commandTimeout`). Default 3000. */
  readonly commandTimeoutMs?: number;
  /**
   * Redis Cluster seed nodes (`host:port`): the store opens an ioredis Cluster instead of `url` (whose
   * username, password and TLS still apply to every node), and puts the key prefix in a hash tag
   * (`tokenwatch:` → `{tokenwatch}:`) so every key lives in one slot: Lua scripts and MULTI may touch
   * any of them. (One slot means one master holds a namespace; run several namespaces to spread load.)
   */
  readonly clusterNodes?: readonly string[];
}

/** `tokenwatch:` → `{tokenwatch}:`; a prefix that already has a `{…}` hash tag is kept. */
export function hashTagged(prefix: string): string {
  if (/\{[^}]+\}/.test(prefix)) return prefix;
  const m = /^(.*?)(:*)$/.exec(prefix);
  return `{${m?.[1] ?? prefix}}${m?.[2] ?? ''}`;
}

function openCluster(nodes: readonly string[], url: string | undefined, commandTimeoutMs?: number): Cluster {
  const u = url ? new URL(url) : undefined;
  const { enableOfflineQueue, retryStrategy, ...perNode } = storeClientOptions(commandTimeoutMs);
  return new Cluster(
    nodes.map((n) => {
      const i = n.lastIndexOf(':');
      return { host: n.slice(0, i), port: Number(n.slice(i + 1)) };
    }),
    {
      lazyConnect: true,
      enableOfflineQueue,
      clusterRetryStrategy: retryStrategy,
      redisOptions: {
        ...perNode,
        ...(u?.username ? { username: decodeURIComponent(u.username) } : {}),
        ...(u?.password ? { password: decodeURIComponent(u.password) } : {}),
        ...(u?.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  );
}

/**
 * Client options for the store's own connection. While Redis is unreachable a call fails after one
 * reconnect attempt or the command timeout, whichever comes first, instead of waiting: a tick skips, a
 * command answers "temporarily unavailable". The offline queue stays on: BullMQ shares this client and
 * breaks when commands issued while (re)connecting are refused (three-replica test).
 * Reconnects back off 100 ms → 1 s, so the store is usable again about a second after Redis returns.
 */
export function storeClientOptions(commandTimeoutMs = 3000) {
  return {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
  } as const;
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
 * On Redis Cluster (`clusterNodes`) the key prefix becomes a hash tag, so the keys Lua scripts derive
 * stay in the slot of the keys they declare.
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
    if (!opts.url && !opts.clusterNodes)
      throw new StoreError('openRedisStore needs a url or a client', false);
    // lazyConnect so a wrong URL fails here, once, instead of retrying forever in the background.
    // A Cluster exposes the same command methods as a single client: the ports use either through `Redis`.
    client = opts.clusterNodes
      ? (openCluster(opts.clusterNodes, opts.url, opts.commandTimeoutMs) as unknown as Redis)
      : new Redis(opts.url ?? '', {
          lazyConnect: opts.connectInBackground !== true,
          ...storeClientOptions(opts.commandTimeoutMs),
        });
    if (opts.onError) client.on('error', opts.onError);
    if (opts.connectInBackground !== true || opts.clusterNodes) {
      const connecting = client.connect();
      if (opts.connectInBackground) connecting.catch(() => undefined);
      else {
        try {
          await connecting;
        } catch (err) {
          client.disconnect();
          // The message carries host/port only; ioredis errors never include the password.
          throw new StoreError(`cannot connect to Redis: ${(err as Error).message}`, true, { cause: err });
        }
      }
    }
  }
  let lastError: string | undefined;
  // Also keeps ioredis from printing connection errors itself (it does when nobody listens).
  client.on('error', (err: Error) => {
    lastError = err.message;
  });
  const prefix = opts.keyPrefix ?? 'tokenwatch:';
  const keys = redisKeys(opts.clusterNodes ? hashTagged(prefix) : prefix);
  const ctx = redisCtx(client, keys, opts.onRoundTrip, () => lastError);
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
    credits: redisCredits(ctx),
    marketState: redisMarketState(ctx),
    outcomes: redisOutcomes(ctx),
    suppressions: redisSuppressions(ctx),
    priceHistory: guardPort(redisPriceHistory(ctx), redisError),
    priceAlerts: guardPort(redisPriceAlerts(ctx), redisError),
    livePrices: guardPort(redisLivePrices(ctx), redisError),
    briefs: guardPort(redisBriefs(ctx), redisError),
    webhooks: guardPort(redisWebhooks(ctx), redisError),
    alertLog: guardPort(redisAlertLog(ctx), redisError),
    pollOffsets: guardPort(redisPollOffsets(ctx), redisError),
    dailyBudgets: guardPort(redisDailyBudgets(ctx), redisError),
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
