import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnRedis, startOwnRedis } from '../delivery/helpers.js';
import { type GatewayFake, type Interaction, startGatewayFake } from '../fakes/discord-gateway.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Replica, replicaEnv, servedOnce, startReplica, until } from '../support/discord-replicas.js';
import { freePort } from '../support/net.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * Three replicas of the assembled bot (`tsx src/main.ts`, as `npm start` runs it) on one Redis with
 * Discord (a sharded gateway fake, 6 shards) and Telegram (long polling against our Bot API fake) both
 * on, as an operator scales out: every Discord command is acknowledged exactly once and every Telegram
 * update answered once, with no error line anywhere; killing the replica that polls Telegram (and holds
 * shards) moves both its poll lease and its shards within 30 s (only those: the survivors keep theirs),
 * and the commands sent after are still answered once.
 */
const TM_KEY = 'tm-replicas-both-key-0123456789';
const SHARDS = 6;
const POLLING = 'telegram poll lease taken: polling';

let fake: GatewayFake;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let redis: OwnRedis;
const dirs: string[] = [];
const replicas: Replica[] = [];

const logs = () => replicas.map((r) => `--- ${r.name}\n${r.child.output().slice(-4000)}`).join('\n');
const withLogs = (p: Promise<void>) =>
  p.catch((err) => {
    throw new Error(`${err}\n${logs()}`);
  });

beforeAll(async () => {
  redis = await startOwnRedis();
  fake = await startGatewayFake({ shards: SHARDS });
  tg = await startTelegramFake({ maxPollMs: 5000 });
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  const closedPort = await freePort();
  for (const name of ['r1', 'r2', 'r3']) {
    const dataDir = mkdtempSync(join(tmpdir(), `tw-both-${name}-`));
    dirs.push(dataDir);
    const env = {
      ...replicaEnv(fake, { tmUrl: tm.url, tmKey: TM_KEY, redisUrl: redis.url, dataDir, closedPort }),
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
    };
    replicas.push(startReplica(name, env));
  }
  await Promise.all(replicas.map((r) => r.child.waitFor('tokenwatch started', 90_000)));
}, 180_000);

afterAll(async () => {
  const codes = await Promise.all(replicas.map((r) => r.child.stop()));
  await fake?.close();
  await tg?.close();
  await tm?.close();
  await redis?.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  // The replicas still up stop cleanly (the killed one reports its signal).
  expect(codes.filter((c) => c !== 0 && c !== null)).toEqual([]);
}, 60_000);

let users = 0;
/** Each command from another member: the per-member command limit (shared by the replicas) stays out of it. */
const nextUser = () => ++users;

/** One /help per shard's guild and one in a Discord DM, ten /help on Telegram: each answered exactly once. */
async function commandsOnce(): Promise<void> {
  const sent: Interaction[] = [
    ...Array.from({ length: SHARDS }, (_, s) =>
      fake.interact({
        name: 'help',
        guildId: fake.guildsOf(s)[0] ?? '',
        userId: String(700_000_000_000_000 + nextUser()),
      }),
    ),
    fake.interact({ name: 'help', userId: String(700_000_000_000_000 + nextUser()) }),
  ];
  const tgUsers = Array.from({ length: 10 }, () => 810_000 + nextUser());
  for (const u of tgUsers) tg.pushUpdate(commandUpdate('/help', u));
  const unanswered = () => [
    ...sent
      .filter((i) => i.edits.length === 0)
      .map((i) => `discord shard ${i.shard} (delivered to ${i.deliveredTo})`),
    ...tgUsers.filter((u) => tg.sent(u).length === 0).map((u) => `telegram user ${u}`),
  ];
  await withLogs(
    until(() => unanswered().length === 0, 45_000, 'every command answered on both platforms').catch(
      (err: unknown) => {
        throw new Error(`${err}; unanswered: ${unanswered().join(', ')}`);
      },
    ),
  );
  await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate, were one on its way
  for (const i of sent) {
    expect(i.deliveredTo, `interaction on shard ${i.shard}`).toBe(1);
    expect(i.callbacks.map((c) => [c.type, c.status])).toEqual([[5, 204]]);
    expect(i.edits).toHaveLength(1);
  }
  for (const u of tgUsers) expect(tg.sent(u), `replies to Telegram user ${u}`).toHaveLength(1);
}

const pollers = () => replicas.filter((r) => r.child.output().includes(POLLING));
const handOvers = (r: Replica) => r.child.output().split('discord shard handed over').length - 1;

describe('three replicas on one Redis, Discord and Telegram both on (src/main.ts)', () => {
  it('split the shards, poll Telegram once, and answer every command exactly once', async () => {
    await withLogs(
      until(
        () =>
          servedOnce(fake) &&
          replicas.every((r) => r.shards().length === SHARDS / 3) &&
          pollers().length === 1,
        90_000,
        'a 2/2/2 shard split and one Telegram poller',
      ),
    );
    await commandsOnce();
    for (const r of replicas) expect(r.errorLines(), r.name).toEqual([]);
    expect(fake.violations).toEqual([]);
  }, 150_000);

  it('killing the replica that polls moves its poll lease and its shards within 30 s; still exactly once', async () => {
    const victim = pollers()[0] as Replica;
    const lost = victim.shards();
    await victim.child.crash();
    const diedAt = Date.now();
    const others = replicas.filter((r) => r !== victim);
    const handedBefore = others.map(handOvers);
    await withLogs(
      until(
        () =>
          servedOnce(fake) &&
          lost.every((s) => others.some((r) => r.shards().includes(s))) &&
          others.some((r) => r.child.output().includes(POLLING)),
        30_000,
        `shards ${lost.join(',')} and the Telegram poll lease taken over`,
      ),
    );
    expect((Date.now() - diedAt) / 1000).toBeLessThanOrEqual(30);
    await commandsOnce();
    // Only the victim's shards moved: a survivor giving one up would leave it unserved for a moment.
    expect(others.map(handOvers)).toEqual(handedBefore);
    for (const r of others) expect(r.errorLines(), r.name).toEqual([]);
    for (const r of others) {
      expect(r.child.output()).not.toContain(fake.token);
      expect(r.child.output()).not.toContain(tg.token);
    }
    expect(fake.violations).toEqual([]);
  }, 150_000);
});
