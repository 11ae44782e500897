import type { Redis } from 'ioredis';
import type { Outbox } from '../../delivery/ports.js';
import type { Platform } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';
import type { SubscriptionStore } from '../../store/ports.js';
import { type ActivityLog, createActivityLog } from './activity.js';
import { createStatusServer, type StatusServer } from './server.js';
import type { Awaitable, HealthStatus, StatusSources } from './sources.js';
import { activitySources, outboxSources, subscriptionSources } from './wire.js';

/** What /readyz computes: each named check and whether it passed (extra fields are ignored). */
export interface Readiness {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

export interface OpsStatusOptions {
  /** STATUS_TOKEN. */
  readonly token: string;
  /** The log the tick feeds (created first, so the ticker can be built before the page). Default: a new one. */
  readonly activity?: ActivityLog;
  readonly subscriptions: Pick<SubscriptionStore, 'watchedTokens' | 'subscribersOf'>;
  readonly outbox: Pick<Outbox, 'stats' | 'statsByPlatform' | 'deadLetters' | 'retryDead'>;
  /** The same checks as /readyz. */
  readonly readiness: () => Promise<Readiness>;
  /** Redis mode: the outbox's BullMQ queues, for the Bull Board. */
  readonly queues?: {
    readonly connection: Redis | string;
    readonly prefix: string;
    readonly platforms: readonly Platform[];
    /** Default true. */
    readonly readOnly?: boolean;
  };
  /** Sources that exist in this build (endpoint health, credit ledger, streams...). */
  readonly extra?: Partial<StatusSources>;
  readonly now: () => number;
  readonly logger?: Logger;
  /** Never shown: scrubbed from error lines. */
  readonly secrets?: readonly string[];
}

export interface OpsStatus {
  /** Feed it every tick report and the messages each tick enqueued. */
  readonly activity: ActivityLog;
  /** Mount on the HTTP server (`HttpServerOptions.status`). */
  readonly server: StatusServer;
  close(): Promise<void>;
}

/** A source's list for the health summary; its own panel reports its failure, health stays readable. */
async function listOf<T>(source: (() => Awaitable<readonly T[]>) | undefined): Promise<readonly T[]> {
  try {
    return (await source?.()) ?? [];
  } catch {
    return [];
  }
}

const REASONS: Record<string, string> = {
  store: 'the store does not answer',
  tick: 'no tick finished recently (see the last ticks)',
};

/**
 * The status page as the composition root builds it: the sources every build has (store, outbox,
 * ticks, readiness), the Bull Board in Redis mode, plus whatever `extra` sources exist. Health is
 * readiness, made "degraded" by a refused endpoint or a stream that is down.
 */
export async function createOpsStatus(o: OpsStatusOptions): Promise<OpsStatus> {
  const activity = o.activity ?? createActivityLog();
  // Bull Board takes about a second to load: only Redis mode pays for it.
  const board = o.queues
    ? (await import('./queues.js')).createQueueBoard({
        connection: o.queues.connection,
        prefix: o.queues.prefix,
        queues: o.queues.platforms,
        ...(o.queues.readOnly !== undefined ? { readOnly: o.queues.readOnly } : {}),
      })
    : undefined;
  const extra = o.extra ?? {};
  const health = async (): Promise<HealthStatus> => {
    const r = await o.readiness();
    const reasons = Object.entries(r.checks)
      .filter(([, ok]) => !ok)
      .map(([k]) => REASONS[k] ?? `${k} failing`);
    const notes: string[] = [];
    for (const e of await listOf(extra.endpoints)) {
      if (e.state !== 'up')
        notes.push(
          `Token Metrics ${e.endpoint}: ${e.state.replace('_', ' ')}${e.detail ? ` (${e.detail})` : ''}`,
        );
    }
    for (const s of await listOf(async () => (await extra.streams?.())?.exchanges ?? [])) {
      if (!s.connected && s.mappedTokens > 0)
        notes.push(`${s.exchange} stream down${s.detail ? ` (${s.detail})` : ''}`);
    }
    return {
      live: true,
      ready: r.ok,
      degraded: notes.length > 0,
      reasons: [...reasons, ...notes],
      checks: r.checks,
    };
  };
  const sources: StatusSources = {
    health,
    ...activitySources(activity),
    ...subscriptionSources(o.subscriptions, { now: o.now }),
    ...outboxSources(o.outbox),
    ...extra,
  };
  const server = createStatusServer({
    token: o.token,
    sources,
    now: o.now,
    ...(board ? { queueBoard: board } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.secrets ? { secrets: o.secrets } : {}),
  });
  return { activity, server, close: () => server.close() };
}
