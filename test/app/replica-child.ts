/**
 * One replica of the bot for the multi-process test: the real app (Redis store, BullMQ outbox, replay
 * market) with a sender that appends every delivered message to a shared JSONL file. Driven over
 * stdin by the parent, like cron firing on every replica at once:
 *   `tick <step> <atMs>` → runs the tick, answers `done <json report>`
 *   `drain` → waits for the shared outbox to be empty, answers `drained`
 *   `stop` → stops the app and exits.
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import type { PlatformSender } from '#src/delivery/ports.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import type { PlatformAdapter } from '#src/platforms/types.js';
import { linkOf } from '../support/platform.js';

export interface ReplicaConfig {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly file: string;
  readonly anchor: number;
  readonly name: string;
}

const cfg = JSON.parse(process.env.TW_REPLICA ?? '{}') as ReplicaConfig;
const parsed = parseConfig({
  REDIS_URL: cfg.redisUrl,
  LOG_LEVEL: 'silent',
  REFRESH_PRICE: '1m',
  REFRESH_HOURLY: '1m',
  REFRESH_DAILY: '1m',
  TM_MONTHLY_CALLS: '100000000',
});
if (!parsed.ok) throw new Error(parsed.problems.join('; '));

const sender: PlatformSender = {
  platform: 'console',
  limits: { concurrency: 2 },
  async send(message) {
    const line = {
      replica: cfg.name,
      id: message.id,
      destination: `${message.destination.kind}:${message.destination.id}`,
      events: message.events.map((e) => ({ id: e.id, kind: e.kind })),
    };
    appendFileSync(cfg.file, `${JSON.stringify(line)}\n`);
    return { messageIds: [message.id] };
  },
  async sendNotice(notice) {
    return { messageIds: [notice.id] };
  },
};
const platform: PlatformAdapter = {
  platform: 'console',
  sender,
  start: async () => {},
  stop: async () => {},
};

const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: cfg.anchor });
const app = await createApp(
  {
    ...parsed.config,
    keyPrefix: cfg.prefix,
    httpPort: false,
    schedule: false,
    instanceId: cfg.name,
    outboxTuning: { backoffMs: 50, lockDurationMs: 2000, stalledIntervalMs: 500 },
  },
  { market: replay, logger: silentLogger(), platforms: [linkOf(platform)] },
);
await app.start();
process.stdout.write('ready\n');

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const [cmd, a, b] = line.trim().split(' ');
  if (cmd === 'tick') {
    replay.setStep(Number(a));
    const r = await app.tick(Number(b));
    process.stdout.write(
      `done ${JSON.stringify({ outcome: r.outcome, messageIds: r.messageIds, error: r.error })}\n`,
    );
  } else if (cmd === 'drain') {
    await app.outbox.drain(20_000);
    process.stdout.write('drained\n');
  } else if (cmd === 'stop') {
    await app.stop();
    process.exit(0);
  }
}
