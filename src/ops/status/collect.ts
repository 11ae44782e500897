import type {
  AlertSummary,
  DeadLetterSummary,
  EndpointStatus,
  HealthStatus,
  LedgerStatus,
  OutboxCount,
  PaidBroadcastStatus,
  PanelKey,
  StatusSources,
  StreamsStatus,
  SubscriptionCount,
  TickSummary,
  WatchedToken,
} from './sources.js';

/** Everything the page shows, as /status.json returns it. A key is absent when its source is. */
export interface StatusSnapshot {
  readonly generatedAt: number;
  health?: HealthStatus;
  ticks?: readonly TickSummary[];
  endpoints?: readonly EndpointStatus[];
  ledger?: LedgerStatus | null;
  paidBroadcast?: PaidBroadcastStatus;
  streams?: StreamsStatus;
  watched?: readonly WatchedToken[];
  subscriptions?: readonly SubscriptionCount[];
  outbox?: readonly OutboxCount[];
  alerts?: readonly AlertSummary[];
  deadLetters?: readonly DeadLetterSummary[];
  /** Panels whose source failed or timed out, with a short reason (never a stack). */
  readonly errors: Partial<Record<PanelKey, string>>;
}

export const LIMITS = { ticks: 10, watched: 100, alerts: 50, deadLetters: 50 } as const;

export interface CollectOptions {
  readonly now: () => number;
  /** Per source. Default 3000. */
  readonly timeoutMs?: number;
}

class SourceTimeout extends Error {}

async function within<T>(work: () => T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceTimeout()), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks every present source at once, each bounded by a deadline, so one slow or broken source costs its
 * own panel only. Lists are cut to what the page shows.
 */
export async function collectStatus(sources: StatusSources, opts: CollectOptions): Promise<StatusSnapshot> {
  const ms = opts.timeoutMs ?? 3000;
  const snap: StatusSnapshot = { generatedAt: opts.now(), errors: {} };
  const errors = snap.errors as Partial<Record<PanelKey, string>>;
  const jobs: Promise<void>[] = [];
  const ask = <K extends PanelKey, T>(
    key: K,
    fn: (() => T | Promise<T>) | undefined,
    put: (v: T) => void,
  ) => {
    if (!fn) return;
    jobs.push(
      within(fn, ms).then(put, (err: unknown) => {
        errors[key] = err instanceof SourceTimeout ? `no answer within ${ms} ms` : errorLine(err);
      }),
    );
  };
  const s = sources;
  ask('health', s.health, (v) => {
    snap.health = v;
  });
  ask('ticks', s.ticks, (v) => {
    snap.ticks = v.slice(0, LIMITS.ticks);
  });
  ask('endpoints', s.endpoints, (v) => {
    snap.endpoints = v;
  });
  ask('ledger', s.ledger, (v) => {
    snap.ledger = v ?? null;
  });
  ask('paidBroadcast', s.paidBroadcast, (v) => {
    snap.paidBroadcast = v;
  });
  ask('streams', s.streams, (v) => {
    snap.streams = v;
  });
  ask('watched', s.watched, (v) => {
    snap.watched = v.slice(0, LIMITS.watched);
  });
  ask('subscriptions', s.subscriptions, (v) => {
    snap.subscriptions = v;
  });
  ask('outbox', s.outbox, (v) => {
    snap.outbox = v;
  });
  ask('alerts', s.alerts, (v) => {
    snap.alerts = v.slice(0, LIMITS.alerts);
  });
  const dl = s.deadLetters;
  ask('deadLetters', dl ? () => dl.list(LIMITS.deadLetters) : undefined, (v) => {
    snap.deadLetters = v.slice(0, LIMITS.deadLetters);
  });
  await Promise.all(jobs);
  return snap;
}

/** First line of an error's message, bounded: enough to tell what broke, no stack, no payload dump. */
function errorLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || 'failed';
}
