/**
 * A delivery worker in its own process, for the kill -9 tests: drains the outbox described by TW_CHILD
 * (see ChildConfig in helpers.ts) into the limit-platform fakes until killed or sent SIGTERM.
 */
import { createOutbox } from '#src/delivery/index.js';
import { createHttpSender } from '../fakes/delivery-http-sender.js';
import type { ChildConfig } from './helpers.js';

const cfg = JSON.parse(process.env.TW_CHILD ?? '{}') as ChildConfig;
const senders = new Map([
  ['telegram', createHttpSender('telegram', 'telegram', cfg.telegramUrl, 64, cfg.workerId)],
  ['discord', createHttpSender('discord', 'discord', cfg.discordUrl, 64, cfg.workerId)],
] as const);
const outbox = createOutbox({
  kind: cfg.kind,
  ...(cfg.redisUrl ? { redisUrl: cfg.redisUrl } : {}),
  ...(cfg.file ? { file: cfg.file } : {}),
  ...(cfg.prefix ? { prefix: cfg.prefix } : {}),
  senders,
  store: { subscriptions: { rekey: async () => {} }, destinations: { deactivate: async () => {} } },
  concurrency: cfg.concurrency,
  // Scaled so the fakes' limits never bind: this process is about crashes, not throttling.
  limits: cfg.limits ?? { telegram: { max: 40, durationMs: 100 }, discord: { max: 40, durationMs: 100 } },
  lockDurationMs: 1500,
  stalledIntervalMs: 500,
  backoffMs: 100,
  // Short, so a chat whose send died with the process is free again soon (its pacing lease).
  sendTimeoutMs: 2000,
});
await outbox.start();
process.stdout.write('started\n');
process.on('SIGTERM', () => {
  void outbox.close().then(() => process.exit(0));
});
