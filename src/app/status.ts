import type { Config } from '../config/index.js';
import { secretsOf } from '../config/index.js';
import type { Outbox } from '../delivery/ports.js';
import type { Logger } from '../obs/logger.js';
import type { ActivityLog } from '../ops/status/activity.js';
import type { OpsStatus } from '../ops/status/compose.js';
import type { StatusSources } from '../ops/status/sources.js';
import { ledgerSource, refusedEndpointsSource } from '../ops/status/wire.js';
import type { PlatformLink } from '../platforms/types.js';
import { redisClientOf } from '../store/index.js';
import type { Store } from '../store/ports.js';
import { checkReadiness, type ReadinessOptions } from './http.js';

export interface StatusDeps {
  readonly activity: ActivityLog | undefined;
  readonly store: Store;
  readonly outbox: Outbox;
  readonly outboxKind: 'memory' | 'sqlite' | 'redis';
  /** The outbox's BullMQ prefix. */
  readonly outboxPrefix: string;
  readonly platforms: readonly Pick<PlatformLink, 'platform'>[];
  readonly logger: Logger;
  readonly now: () => number;
  readonly readiness: ReadinessOptions;
  /** Sources of optional modules (endpoint health, ledger, streams) that exist in this process. */
  readonly extra?: Partial<StatusSources>;
}

/**
 * The operator console when STATUS_TOKEN is set; otherwise undefined (/status stays 404) and its modules
 * (hono, Bull Board) are never loaded.
 */
export async function buildStatus(config: Config, d: StatusDeps): Promise<OpsStatus | undefined> {
  if (!config.statusToken) return undefined;
  const { createOpsStatus } = await import('../ops/status/compose.js');
  return createOpsStatus({
    token: config.statusToken,
    ...(d.activity ? { activity: d.activity } : {}),
    subscriptions: d.store.subscriptions,
    outbox: d.outbox,
    readiness: () => checkReadiness(d.readiness),
    ...(d.outboxKind === 'redis' && config.redisUrl
      ? {
          queues: {
            // The Redis store's client when there is one (no extra connection), else the URL.
            connection: redisClientOf(d.store) ?? config.redisUrl,
            prefix: d.outboxPrefix,
            platforms: d.platforms.map((p) => p.platform),
          },
        }
      : {}),
    ...(d.extra ? { extra: d.extra } : {}),
    now: d.now,
    logger: d.logger.child({ component: 'status' }),
    secrets: secretsOf(config),
  });
}

type Refused = { endpoint: string; status: number; since: number; nextProbeAt: number };

/**
 * Sources from modules that may or may not be in this build: a market client that reports refused
 * endpoints (`health()`), a store with a credit ledger (`credits`). Each is used when present.
 */
export function optionalSources(
  config: Config,
  market: object,
  store: Store,
  now: () => number,
): Partial<StatusSources> {
  const out: { -readonly [K in keyof StatusSources]?: StatusSources[K] } = {};
  const m = market as { health?: () => { down: readonly Refused[] } };
  if (typeof m.health === 'function') {
    const health = m.health.bind(market);
    out.endpoints = refusedEndpointsSource(health);
  }
  const ledger = (store as { credits?: { get(month: string): Promise<ReadonlyMap<string, number>> } })
    .credits;
  if (ledger && typeof ledger.get === 'function')
    out.ledger = ledgerSource(ledger, config.tm.monthlyCalls, now);
  return out;
}
