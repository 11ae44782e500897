/**
 * The delivering process of bench/webhooks.bench.ts: opens the bench's SQLite store (its webhooks) and
 * outbox, plans one alert for each of N destinations, enqueues their webhook deliveries through the
 * delivery path's own fan-out (webhookDeliveries) and drains them into the local receiver. Runs until
 * drained (then prints `drained`) or until the bench kills it with SIGKILL. Config: TW_WH_CHILD (JSON).
 */
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { webhookDeliveries } from '#src/delivery/webhooks/fanout.js';
import { webhookHttp } from '#src/delivery/webhooks/http.js';
import { createWebhookSender } from '#src/delivery/webhooks/sender.js';
import type { AlertEvent, Destination } from '#src/domain/types.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';

export interface WebhookChildConfig {
  readonly storeFile: string;
  readonly outboxFile: string;
  readonly receiverPort: number;
  readonly n: number;
  /** BullMQ outbox on this Redis (queue prefix `prefix`) instead of the SQLite file. */
  readonly redisUrl?: string;
  readonly prefix?: string;
}

const cfg = JSON.parse(process.env.TW_WH_CHILD ?? '{}') as WebhookChildConfig;
const store = openSqliteStore({ file: cfg.storeFile });
const outbox = createOutbox({
  ...(cfg.redisUrl
    ? { kind: 'redis' as const, redisUrl: cfg.redisUrl, prefix: cfg.prefix ?? 'tw-bench-webhooks' }
    : { kind: 'sqlite' as const, file: cfg.outboxFile }),
  senders: new Map(),
  store,
  webhooks: createWebhookSender(
    store.webhooks,
    { allowHosts: [`127.0.0.1:${cfg.receiverPort}`], now: Date.now },
    webhookHttp(),
  ),
});

/** The same planned messages in every run (deterministic ids: a second process re-plans them). */
const T = Date.UTC(2026, 11, 6, 12, 0, 0);
const messages: OutboundMessage[] = Array.from({ length: cfg.n }, (_, i) => {
  const destination: Destination = { platform: 'telegram', kind: 'dm', id: String(10_000 + i) };
  const event: AlertEvent = {
    id: `ev${i}`,
    kind: 'level_touch',
    tokenId: 3988,
    symbol: 'SOL',
    name: 'Solana',
    at: T,
    priority: 60,
    level: 150,
    side: 'resistance',
    direction: 'up',
    price: 149.8,
    distancePct: 0.13,
    strength: 80,
    proximityPct: 2,
  };
  return { id: `m${i}`, destination, events: [event], createdAt: T, origin: 'tick' };
});

const t0 = Date.now();
await outbox.enqueueWebhooks(await webhookDeliveries(store.webhooks, messages));
await outbox.start();
process.stdout.write(`started ${Date.now() - t0}\n`);
await outbox.drain(120_000);
process.stdout.write(`drained ${Date.now() - t0}\n`);
await outbox.close();
await store.close();
