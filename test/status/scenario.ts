import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type HttpServer, startHttpServer } from '#src/app/http.js';
import { createOutbox } from '#src/delivery/index.js';
import { type OutboundMessage, type Outbox, type PlatformSender, SendError } from '#src/delivery/ports.js';
import type { Destination, Platform } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import {
  activitySources,
  createActivityLog,
  createQueueBoard,
  createStatusServer,
  outboxSources,
  type QueueBoard,
  type StatusServerOptions,
  type StatusSources,
  subscriptionSources,
} from '#src/ops/status/index.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { BTC, flip, level, SOL, T0 } from '../delivery/plan-fixtures.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * A scripted operator's day, on the embedded store (SQLite) or Redis: three destinations follow SOL and
 * BTC; one tick sent a digest to a Telegram DM and tried a breakout alert in a Discord channel whose
 * permissions were broken (a dead letter); Token Metrics has one endpoint refused by the plan and one
 * backing off; one price stream is down. The status server runs on the app's HTTP server.
 */
export interface Scenario {
  readonly kind: 'sqlite' | 'redis';
  readonly base: string;
  readonly token: string;
  readonly store: Store;
  readonly outbox: Outbox;
  readonly deadId: string;
  readonly sent: OutboundMessage[];
  /** The Discord channel's permissions were fixed: sends succeed from now on. */
  heal(): void;
  close(): Promise<void>;
}

export const tg: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
export const chan: Destination = { platform: 'discord', kind: 'channel', id: '900', parentId: '77' };
export const group: Destination = { platform: 'telegram', kind: 'group', id: '-100', parentId: '-100' };
/** Markup in an error and a symbol: the page must show it as text. */
export const NASTY_ERROR = 'Missing <b>Permissions</b> & "access"';

export const scriptedSources = (now: number): Pick<StatusSources, 'endpoints' | 'ledger' | 'streams'> => ({
  endpoints: () => [
    { endpoint: 'trading-signals', state: 'up' },
    {
      endpoint: 'resistance-support',
      state: 'disabled',
      detail: '403: not on this API plan',
      until: now + 6 * 3600_000,
    },
    {
      endpoint: 'hourly-trading-signals',
      state: 'backing_off',
      detail: '429, Retry-After 900 s',
      until: now + 900_000,
    },
  ],
  ledger: () => ({
    month: '2026-01',
    used: 5200,
    projected: 11_100,
    budget: 10_000,
    daysInMonth: 31,
    daily: Array.from({ length: 14 }, (_, i) => ({ day: i + 1, used: i === 13 ? 580 : 355 })),
  }),
  streams: () => ({
    exchanges: [
      {
        exchange: 'binance',
        connected: true,
        lastFrameAgeMs: 800,
        mappedTokens: 2,
        framesPerSec: 3.4,
        reconnects: 1,
      },
      {
        exchange: 'coinbase',
        connected: false,
        mappedTokens: 0,
        reconnects: 0,
        detail: 'reconnecting in 8 s',
      },
      { exchange: 'kraken', connected: false, mappedTokens: 0, reconnects: 0, idle: true },
      {
        exchange: 'okx',
        connected: false,
        mappedTokens: 0,
        reconnects: 2,
        unavailableUntil: now + 3_600_000,
        detail: 'HTTP 451',
      },
    ],
    liveTokens: 2,
    ambiguousTokens: 1,
    lease: { held: true, holder: 'replica-a' },
  }),
});

export async function startScenario(
  kind: 'sqlite' | 'redis',
  extra: Partial<StatusServerOptions> = {},
): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'tw-status-'));
  const prefix = `twtest-status-${randomBytes(4).toString('hex')}`;
  const store =
    kind === 'redis'
      ? await openRedisStore({ url: TEST_REDIS_URL, keyPrefix: `${prefix}:` })
      : openSqliteStore({ file: join(dir, 'tokenwatch.db') });
  await store.subscriptions.subscribe(tg, SOL.tokenId, SOL.symbol, ['signal', 'levels'], T0);
  await store.subscriptions.subscribe(tg, BTC.tokenId, BTC.symbol, ['signal'], T0);
  await store.subscriptions.subscribe(chan, SOL.tokenId, SOL.symbol, ['levels'], T0);
  await store.subscriptions.subscribe(group, SOL.tokenId, SOL.symbol, ['levels'], T0);

  let broken = true;
  const sent: OutboundMessage[] = [];
  const sender = (platform: Platform): PlatformSender => ({
    platform,
    limits: { concurrency: 2 },
    async send(m) {
      if (platform === 'discord' && broken) throw new SendError(NASTY_ERROR, 'invalid', { status: 400 });
      sent.push(m);
      return { messageIds: [String(sent.length)] };
    },
    sendNotice: async () => ({ messageIds: ['n'] }),
  });
  const outboxPrefix = `${prefix}-outbox`;
  const outbox = createOutbox({
    kind,
    dataDir: dir,
    ...(kind === 'redis' ? { redisUrl: TEST_REDIS_URL, prefix: outboxPrefix } : {}),
    senders: new Map((['telegram', 'discord'] as const).map((p) => [p, sender(p)])),
    store,
    logger: silentLogger(),
  });

  const messages: OutboundMessage[] = [
    {
      id: `m-tg-${prefix}`,
      destination: tg,
      events: [flip(SOL, 'e-flip'), flip(BTC, 'e-flip-btc')],
      createdAt: T0,
      origin: 'tick',
    },
    {
      id: `m-dc-${prefix}`,
      destination: chan,
      events: [level(SOL, 'e-brk', 'level_breakout')],
      createdAt: T0,
      origin: 'tick',
    },
  ];
  const activity = createActivityLog();
  await outbox.enqueue(messages);
  activity.recordMessages(messages);
  activity.recordTick({
    at: T0,
    durationMs: 41.6,
    outcome: 'ran',
    events: { signal_flip: 2, level_breakout: 1 },
    messages: 2,
  });
  await outbox.start();
  await outbox.drain(15_000);

  const now = () => T0 + 60_000;
  let board: QueueBoard | undefined;
  if (kind === 'redis') {
    board = createQueueBoard({
      connection: TEST_REDIS_URL,
      prefix: outboxPrefix,
      queues: ['telegram', 'discord', 'console'],
    });
  }
  const token = `status-${randomBytes(12).toString('hex')}`;
  const sources: StatusSources = {
    health: () => ({
      live: true,
      ready: true,
      degraded: true,
      reasons: ['Token Metrics: resistance-support refused (403)'],
      checks: { store: true, tick: true },
    }),
    ...activitySources(activity),
    ...subscriptionSources(store.subscriptions, { now }),
    ...outboxSources(outbox),
    ...scriptedSources(now()),
  };
  const status = createStatusServer({
    token,
    sources,
    now,
    ...(board ? { queueBoard: board } : {}),
    ...extra,
  });
  const http: HttpServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    metrics: createMetrics(),
    logger: silentLogger(),
    platforms: [],
    storeReachable: async () => true,
    lastTickAt: () => T0,
    startedAt: T0,
    now,
    status,
  });
  return {
    kind,
    base: `http://127.0.0.1:${http.port}`,
    token,
    store,
    outbox,
    deadId: messages[1]?.id ?? '',
    sent,
    heal: () => {
      broken = false;
    },
    async close() {
      await http.close();
      await status.close();
      await outbox.close();
      if (kind === 'redis') {
        const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
        await deleteRedisPrefix(r, `${prefix}:`);
        await deleteRedisPrefix(r, outboxPrefix);
        r.disconnect();
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
