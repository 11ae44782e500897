import type { DeadLetter, Outbox, OutboxStats } from '../../delivery/ports.js';
import { destinationKey } from '../../domain/types.js';
import { monthEnd, monthOf } from '../../market/meter.js';
import type { SubscriptionStore } from '../../store/ports.js';
import type { ActivityLog } from './activity.js';
import type {
  DeadLetterSummary,
  OutboxCount,
  StatusSources,
  SubscriptionCount,
  WatchedToken,
} from './sources.js';

/**
 * Sources built from the ports every build has. The composition root adds the optional ones (endpoint
 * health, credit ledger, streams) where their modules exist.
 */

/** Watched tokens and subscription counts from one read of every active subscription, cached briefly. */
export function subscriptionSources(
  subs: Pick<SubscriptionStore, 'watchedTokens' | 'subscribersOf'>,
  opts: { now: () => number; cacheMs?: number },
): Pick<StatusSources, 'watched' | 'subscriptions'> {
  const cacheMs = opts.cacheMs ?? 10_000;
  let cached: { at: number; value: Promise<Counts> } | undefined;
  const counts = () => {
    const t = opts.now();
    if (!cached || t - cached.at >= cacheMs || t < cached.at) {
      const value = readCounts(subs);
      // A failed read is not cached: the next page load asks again.
      value.catch(() => {
        cached = undefined;
      });
      cached = { at: t, value };
    }
    return cached.value;
  };
  return {
    watched: async () => (await counts()).watched,
    subscriptions: async () => (await counts()).subscriptions,
  };
}

interface Counts {
  readonly watched: WatchedToken[];
  readonly subscriptions: SubscriptionCount[];
}

async function readCounts(subs: Pick<SubscriptionStore, 'watchedTokens' | 'subscribersOf'>): Promise<Counts> {
  const ids = await subs.watchedTokens();
  const byToken = ids.length > 0 ? await subs.subscribersOf(ids) : new Map();
  const watched: WatchedToken[] = [];
  const groups = new Map<string, { count: SubscriptionCount; dests: Set<string> }>();
  for (const [tokenId, list] of byToken) {
    if (list.length === 0) continue;
    watched.push({ tokenId, symbol: list[0]?.symbol ?? String(tokenId), subscribers: list.length });
    for (const s of list) {
      const d = s.destination;
      const key = `${d.platform}:${d.kind}`;
      const g = groups.get(key) ?? {
        count: { platform: d.platform, kind: d.kind, destinations: 0, subscriptions: 0 },
        dests: new Set<string>(),
      };
      g.dests.add(destinationKey(d));
      g.count = { ...g.count, destinations: g.dests.size, subscriptions: g.count.subscriptions + 1 };
      groups.set(key, g);
    }
  }
  watched.sort((a, b) => b.subscribers - a.subscribers || a.symbol.localeCompare(b.symbol));
  const subscriptions = [...groups.values()]
    .map((g) => g.count)
    .sort((a, b) => a.platform.localeCompare(b.platform) || a.kind.localeCompare(b.kind));
  return { watched, subscriptions };
}

/**
 * Outbox counts and dead letters. Counts are per platform when the outbox can tell (both adapters can),
 * else one `all` row. Platforms without any job are left out.
 */
export function outboxSources(
  outbox: Pick<Outbox, 'stats' | 'statsByPlatform' | 'deadLetters' | 'retryDead'>,
): Pick<StatusSources, 'outbox' | 'deadLetters'> {
  const row = (platform: OutboxCount['platform'], s: OutboxStats): OutboxCount => ({
    platform,
    waiting: s.waiting,
    active: s.active,
    delayed: s.delayed,
    dead: s.dead,
  });
  return {
    outbox: async () => {
      if (!outbox.statsByPlatform) return [row('all', await outbox.stats())];
      return [...(await outbox.statsByPlatform())]
        .filter(([, s]) => s.waiting + s.active + s.delayed + s.dead + s.completed > 0)
        .map(([p, s]) => row(p, s));
    },
    deadLetters: {
      list: async (limit) => (await outbox.deadLetters(limit)).map(summarizeDeadLetter),
      retry: (id) => outbox.retryDead(id),
    },
  };
}

export function summarizeDeadLetter(d: DeadLetter): DeadLetterSummary {
  const m = d.message;
  const about =
    'events' in m
      ? [...new Set(m.events.map((e) => `${e.symbol} ${e.kind}`))].join(', ') || 'empty digest'
      : 'webhookId' in m
        ? `webhook ${m.webhookId}`
        : 'notice';
  return {
    id: d.id,
    destination: destinationKey(m.destination),
    error: d.error,
    attempts: d.attempts,
    failedAt: d.failedAt,
    about,
  };
}

export function activitySources(log: ActivityLog): Pick<StatusSources, 'ticks' | 'alerts'> {
  return { ticks: () => log.ticks(), alerts: () => log.alerts() };
}

const DAY_MS = 86_400_000;

/**
 * The month's credits from a ledger that counts calls per month and endpoint (the store's credit
 * ledger). Projection: the pace so far, carried to the month's end (from the second hour on, so one
 * early burst does not project a fortune).
 */
export function ledgerSource(
  ledger: { get(month: string): Promise<ReadonlyMap<string, number>> },
  budget: number,
  now: () => number,
): NonNullable<StatusSources['ledger']> {
  return async () => {
    const t = now();
    const month = monthOf(t);
    const start = Date.parse(`${month}-01T00:00:00Z`);
    const end = monthEnd(t);
    let used = 0;
    for (const n of (await ledger.get(month)).values()) used += n;
    const elapsed = Math.max(t - start, 3_600_000);
    return {
      month,
      used,
      projected: Math.round((used * (end - start)) / elapsed),
      budget,
      daysInMonth: Math.round((end - start) / DAY_MS),
      asOfDay: (t - start) / DAY_MS,
    };
  };
}

/** Endpoints a market client reports as refused (401/403), each until its next probe. */
export function refusedEndpointsSource(
  health: () => {
    readonly down: ReadonlyArray<{ endpoint: string; status: number; since: number; nextProbeAt: number }>;
  },
): NonNullable<StatusSources['endpoints']> {
  return () =>
    health().down.map((e) => ({
      endpoint: e.endpoint.replace(/^\//, ''),
      state: 'disabled' as const,
      detail: `HTTP ${e.status}: not allowed with this key or plan`,
      until: e.nextProbeAt,
    }));
}
