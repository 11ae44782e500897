import { randomUUID } from 'node:crypto';
import type { Config } from '../config/index.js';
import { readSecret, secretsOf } from '../config/index.js';
import type { MarketSource, TokenDirectory } from '../domain/market.js';
import type { MarketStatus, TokenMetricsSource } from '../market/index.js';
import { createReplaySource, createTokenMetricsSource } from '../market/index.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { createMetrics, type Metrics } from '../obs/metrics.js';
import { createProfileTracker, type ProfileTracker } from '../pipeline/profiles.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/ports.js';

/**
 * Dependencies createApp would otherwise build from the config: what tests, the demo and the benchmarks
 * inject. Tuning knobs (key prefix, outbox kind, scheduler, HTTP, instance id, limits) live in `Config`.
 */
export interface CoreOverrides {
  /** Default: openStore(config). An injected store is NOT closed by stop() (the caller owns it). */
  readonly store?: Store;
  /** Default: the bundled replay with TM_SOURCE=replay (or without a key), else the Token Metrics client. */
  readonly market?: AppMarket;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
}

/** What every other part is built from. */
export interface Core {
  readonly now: () => number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly store: Store;
  readonly market: AppMarket;
  /** The detection profiles the tick keeps and every settings change updates. */
  readonly profiles: ProfileTracker;
  /** This process's id (slot claims, leases). */
  readonly instanceId: string;
  /** Closes the market if the app built it (an injected one belongs to its caller). */
  closeMarket(): Promise<void>;
  /** Closes the store if the app opened it. */
  closeStore(): Promise<void>;
}

export async function buildCore(config: Config, o: CoreOverrides): Promise<Core> {
  const now = o.now ?? Date.now;
  const logger = o.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const metrics = o.metrics ?? createMetrics();
  const store =
    o.store ??
    (await openStore({
      redisUrl: config.redisUrl,
      dataDir: config.dataDir,
      keyPrefix: config.keyPrefix ?? DEFAULT_KEY_PREFIX,
      // Redis down at start is waited for in start() (retried, shown in /readyz), not a crash here.
      connectInBackground: true,
      redisClusterNodes: config.redisClusterNodes,
    }));
  const market = o.market ?? buildMarket(config, store, logger, metrics, now);
  return {
    now,
    logger,
    metrics,
    store,
    market,
    profiles: createProfileTracker({ store, logger: logger.child({ component: 'profiles' }) }),
    instanceId: config.instanceId ?? randomUUID(),
    async closeMarket() {
      if (o.market === undefined) await market.close?.();
    },
    async closeStore() {
      if (o.store === undefined) await store.close();
    },
  };
}

export const DEFAULT_KEY_PREFIX = 'tokenwatch:';

/**
 * A market source the app can use: data, symbol lookup, and optionally a close(), its status (demo data,
 * endpoints the plan refuses), a key reload and measured costs (the live client has them all).
 */
export type AppMarket = MarketSource &
  TokenDirectory &
  Partial<MarketStatus> &
  Partial<Pick<TokenMetricsSource, 'reloadKey' | 'costs' | 'credits' | 'extraPerDay'>> & {
    close?(): Promise<void> | void;
  };

export function buildMarket(
  config: Config,
  store: Store,
  logger: Logger,
  metrics: Metrics,
  now: () => number,
): AppMarket {
  if (config.tm.source === 'api' && config.tm.apiKey) {
    return createTokenMetricsSource({
      apiKey: config.tm.apiKey,
      // A 401 re-reads the key file once before an endpoint is called refused (rotation in place).
      readKey: () => readSecret('TM_API_KEY'),
      baseUrl: config.tm.baseUrl,
      store,
      monthlyCalls: config.tm.monthlyCalls,
      reserve: config.tm.reserve,
      logger: logger.child({ component: 'market' }),
      metrics,
      now,
    });
  }
  // main refuses a start with a platform token and no key; here only tests, the demo and TM_SOURCE=replay.
  logger.info('running on the bundled replay data: every alert says "demo data"');
  return createReplaySource(undefined, { metrics });
}
