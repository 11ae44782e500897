import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFake, type Interaction, startGatewayFake } from '../fakes/discord-gateway.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Replica, replicaEnv, servedOnce, startReplica, until } from '../support/discord-replicas.js';
import { freePort } from '../support/net.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * Two, then three replicas of the assembled bot (`tsx src/main.ts` child processes) on one Redis, Discord
 * through a sharded gateway fake with 6 shards: every shard is served by exactly one replica, each
 * command is acknowledged exactly once with no error line anywhere, a third replica takes its share
 * without a restart, and killing a replica (SIGKILL) moves its shards to the others within 30 s.
 */
const TM_KEY = 'tm-discord-replicas-key-0123456789';
const SHARDS = 6;
/** Its own Redis database: main.ts uses the default key prefix, so the test owns a whole db and empties it. */
const DB = 7;

let fake: GatewayFake;
let tm: FakeTokenMetrics;
let redis: Redis;
let redisUrl: string;
const dirs: string[] = [];
const replicas: Replica[] = [];
let env: (name: string) => Record<string, string>;

beforeAll(async () => {
  fake = await startGatewayFake({ shards: SHARDS });
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  const u = new URL(TEST_REDIS_URL);
  u.pathname = `/${DB}`;
  redisUrl = u.toString();
  redis = new Redis(redisUrl);
  await redis.flushdb();
  const closedPort = await freePort();
  env = (name) => {
    const dataDir = mkdtempSync(join(tmpdir(), `tw-dreplica-${name}-`));
    dirs.push(dataDir);
    return replicaEnv(fake, { tmUrl: tm.url, tmKey: TM_KEY, redisUrl, dataDir, closedPort });
  };
}, 60_000);

afterAll(async () => {
  const codes = await Promise.all(replicas.map((r) => r.child.stop()));
  await fake?.close();
  await tm?.close();
  await redis?.flushdb();
  redis?.disconnect();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  // The replicas still up stop cleanly (the killed one reports its signal).
  expect(codes.filter((c) => c !== 0 && c !== null)).toEqual([]);
}, 60_000);

const logs = () => replicas.map((r) => `--- ${r.name}\n${r.child.output().slice(-4000)}`).join('\n');

/** One /help per guild plus one in a DM; waits until each is answered, then checks exactly once. */
let users = 0;
/** Each command from another member: the per-member command limit (shared by the replicas) stays out of it. */
const user = () => String(700_000_000_000_000 + ++users);

async function commandsOnce(): Promise<Interaction[]> {
  const sent = [
    ...Array.from({ length: SHARDS }, (_, s) =>
      fake.interact({ name: 'help', guildId: fake.guildsOf(s)[0] ?? '', userId: user() }),
    ),
    fake.interact({ name: 'help', userId: user() }),
  ];
  await until(() => sent.every((i) => i.edits.length > 0), 30_000, 'every command answered').catch((err) => {
    throw new Error(`${err}\n${logs()}`);
  });
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate, were one on its way
  for (const i of sent) {
    expect(i.deliveredTo, `interaction on shard ${i.shard}`).toBe(1);
    expect(i.callbacks.map((c) => [c.type, c.status])).toEqual([[5, 204]]);
    expect(i.edits).toHaveLength(1);
    expect(i.edits[0]?.content, `shard ${i.shard} ${JSON.stringify(i.callbacks)}`).toContain('/subscribe');
  }
  return sent;
}

describe('Discord sharded over replicas (src/main.ts, Redis)', () => {
  it('two replicas split the shards; each command is acknowledged exactly once', async () => {
    replicas.push(startReplica('r1', env('r1')), startReplica('r2', env('r2')));
    await Promise.all(replicas.map((r) => r.child.waitFor('tokenwatch started', 60_000)));
    await until(() => servedOnce(fake), 60_000, 'every shard served once').catch((err) => {
      throw new Error(`${err}\n${logs()}`);
    });
    await until(() => replicas.every((r) => r.shards().length === SHARDS / 2), 30_000, 'a 3/3 split');
    expect(new Set(replicas.flatMap((r) => r.shards())).size).toBe(SHARDS);
    await commandsOnce();
    expect(fake.violations).toEqual([]);
  }, 120_000);

  it('a third replica gets its share without a restart; still exactly once', async () => {
    replicas.push(startReplica('r3', env('r3')));
    await replicas[2]?.child.waitFor('tokenwatch started', 60_000);
    await until(
      () => replicas.every((r) => r.shards().length === 2) && servedOnce(fake),
      60_000,
      'a 2/2/2 split',
    ).catch((err) => {
      throw new Error(`${err}\n${logs()}`);
    });
    // r1 and r2 kept running: one start each.
    for (const r of replicas) expect(r.child.output().split('tokenwatch started').length - 1).toBe(1);
    await commandsOnce();
  }, 120_000);

  it('killing the replica that holds a shard moves it within 30 s', async () => {
    const victim = replicas[0] as Replica;
    const lost = victim.shards();
    expect(lost.length).toBeGreaterThan(0);
    await victim.child.crash();
    const diedAt = Date.now();
    const others = replicas.filter((r) => r !== victim);
    await until(
      () => servedOnce(fake) && lost.every((s) => others.some((r) => r.shards().includes(s))),
      30_000,
      `shards ${lost.join(',')} served again`,
    ).catch((err) => {
      throw new Error(`${err}\n${logs()}`);
    });
    const seconds = (Date.now() - diedAt) / 1000;
    expect(seconds).toBeLessThanOrEqual(30);
    await commandsOnce();
    for (const r of replicas) expect(r.errorLines(), r.name).toEqual([]);
    for (const r of replicas) expect(r.child.output()).not.toContain(fake.token);
    expect(fake.violations).toEqual([]);
    expect(fake.unknownRoutes).toEqual([]);
  }, 120_000);
});

describe('Discord sharded in one process (src/main.ts, embedded SQLite)', () => {
  it('runs every shard itself (DISCORD_SHARDS=auto → 4) and answers each command once', async () => {
    const own = await startGatewayFake({ shards: 4 });
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-dsolo-'));
    const base = replicaEnv(own, {
      tmUrl: tm.url,
      tmKey: TM_KEY,
      redisUrl: '',
      dataDir,
      closedPort: await freePort(),
    });
    const { REDIS_URL: _none, ...sqliteEnv } = base;
    const port = await freePort();
    const solo = startReplica('solo', { ...sqliteEnv, HTTP_PORT: String(port) });
    try {
      await solo.child.waitFor('tokenwatch started', 60_000);
      expect(servedOnce(own)).toBe(true); // start() waited for every shard: ready before "started"
      expect(solo.shards()).toEqual([0, 1, 2, 3]);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('tokenwatch_discord_shards{kind="held"} 4');
      expect(metrics).toContain('tokenwatch_discord_shards{kind="total"} 4');
      const sent = [0, 1, 2, 3].map((s) =>
        own.interact({ name: 'help', guildId: own.guildsOf(s)[0] ?? '', userId: user() }),
      );
      await until(() => sent.every((i) => i.edits.length > 0), 30_000, 'every command answered');
      for (const i of sent) expect(i.callbacks.map((c) => c.status)).toEqual([204]);
      expect(solo.errorLines()).toEqual([]);
      expect(own.violations).toEqual([]);
    } finally {
      expect(await solo.child.stop()).toBe(0);
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('identify pacing (session_start_limit.max_concurrency)', () => {
  it('with max_concurrency 1, three shards identify at least 5 s apart, and all come up', async () => {
    const own = await startGatewayFake({ shards: 3, maxConcurrency: 1 });
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-dpace-'));
    const base = replicaEnv(own, {
      tmUrl: tm.url,
      tmKey: TM_KEY,
      redisUrl: '',
      dataDir,
      closedPort: await freePort(),
    });
    const { REDIS_URL: _none, ...sqliteEnv } = base;
    const solo = startReplica('paced', sqliteEnv);
    try {
      await solo.child.waitFor('tokenwatch started', 90_000);
      expect(servedOnce(own)).toBe(true);
      const at = own
        .sessions()
        .map((s) => s.identifiedAt)
        .sort((a, b) => a - b);
      expect(at).toHaveLength(3);
      for (let k = 1; k < at.length; k++)
        expect((at[k] ?? 0) - (at[k - 1] ?? 0)).toBeGreaterThanOrEqual(5_000);
      expect(own.violations).toEqual([]);
      expect(solo.errorLines()).toEqual([]);
    } finally {
      expect(await solo.child.stop()).toBe(0);
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
