/**
 * Discord sharded over replicas (issue 19): three replicas of the assembled bot (`tsx src/main.ts`, one
 * Redis) against the sharded gateway fake with 12 shards (2 guilds each), 1,000 slash commands spread
 * over every guild plus DMs, each from its own member. Counts what Discord would see: interactions
 * handled (answered once), callbacks (acknowledgements, refused ones included) and error log lines.
 * Then one replica is killed (SIGKILL to its process group) and the time until every one of its shards
 * is served again is measured, and 120 more commands go to those shards; the survivors keep their own
 * shards (no hand-over among them).
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379); the bench uses database 8 and empties it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type GatewayFake, type Interaction, startGatewayFake } from '../test/fakes/discord-gateway.js';
import { startFakeTokenMetrics } from '../test/fakes/tm-server.js';
import {
  type Replica,
  replicaEnv,
  servedOnce,
  startReplica,
  until,
} from '../test/support/discord-replicas.js';
import { freePort } from '../test/support/net.js';
import { createVerdicts } from './verdict.js';

const SHARDS = 12;
const INTERACTIONS = 1_000;
const AFTER_KILL = 120;
const TM_KEY = 'tm-bench-discord-shards-0123456789';

const u = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
u.pathname = '/8';
const redis = new Redis(u.toString());
await redis.flushdb();
const fake = await startGatewayFake({ shards: SHARDS, guildsPerShard: 2 });
const tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
const closedPort = await freePort();
const dirs: string[] = [];
const env = () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-bench-shards-'));
  dirs.push(dataDir);
  return replicaEnv(fake, { tmUrl: tm.url, tmKey: TM_KEY, redisUrl: u.toString(), dataDir, closedPort });
};

let users = 0;
/** `count` commands, `perBatch` at a time every 50 ms, over the guilds of `shards` (and DMs on shard 0). */
async function burst(count: number, shards: readonly number[], f: GatewayFake): Promise<Interaction[]> {
  const guilds = shards.flatMap((s) => f.guildsOf(s));
  const sent: Interaction[] = [];
  for (let i = 0; i < count; i++) {
    const userId = String(800_000_000_000_000 + ++users);
    const dm = shards.includes(0) && i % 25 === 24;
    sent.push(
      f.interact({ name: 'help', userId, ...(dm ? {} : { guildId: guilds[i % guilds.length] ?? '' }) }),
    );
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 50));
  }
  await until(() => sent.every((x) => x.edits.length > 0), 120_000, 'every command answered').catch(
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, 1_000)); // room for a late duplicate
  return sent;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;

const replicas: Replica[] = ['r1', 'r2', 'r3'].map((n) => startReplica(n, env()));
const v = createVerdicts('discord-shards');
const rows: Array<Record<string, string | number>> = [];
const row = (
  what: string,
  value: number,
  target: Parameters<typeof v.cell>[2],
  unit = '',
  fmt?: (x: number) => string,
) => rows.push({ what, target: describe(target), measured: `${v.cell(what, value, target, fmt)}${unit}` });
const describe = (t: Parameters<typeof v.cell>[2]) =>
  'atMost' in t ? `≤ ${t.atMost}` : 'atLeast' in t ? `≥ ${t.atLeast}` : 'equals' in t ? `= ${t.equals}` : '';

try {
  await Promise.all(replicas.map((r) => r.child.waitFor('tokenwatch started', 90_000)));
  const t0 = Date.now();
  await until(
    () => servedOnce(fake) && replicas.every((r) => r.shards().length === SHARDS / 3),
    90_000,
    '4/4/4',
  );
  const split = replicas.map((r) => r.shards().length).join('/');
  process.stdout.write(`shards split ${split} after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

  const started = Date.now();
  const sent = await burst(
    INTERACTIONS,
    Array.from({ length: SHARDS }, (_, s) => s),
    fake,
  );
  const handled = sent.filter(
    (x) => x.edits.length === 1 && x.callbacks.filter((c) => c.status === 204).length === 1,
  );
  const callbacks = sent.reduce((n, x) => n + x.callbacks.length, 0);
  const answeredIn = (Date.now() - started) / 1000;
  const ackMs = sent.flatMap((x) => (x.callbacks[0] ? [x.callbacks[0].at - x.createdAt] : []));
  row('interactions handled (answered exactly once)', handled.length, { equals: INTERACTIONS });
  row('callbacks (acknowledgements incl. refused)', callbacks, { equals: INTERACTIONS });
  row('callbacks per interaction', callbacks / INTERACTIONS, { equals: 1 }, '', (x) => x.toFixed(2));
  row('sessions an interaction reached (max)', Math.max(...sent.map((x) => x.deliveredTo)), { equals: 1 });
  row('acknowledgement p95, ms (Discord: 3,000)', p95(ackMs), { atMost: 3_000 }, '', (x) => x.toFixed(0));
  rows.push({
    what: 'commands per second (3 replicas, 2 cores)',
    target: 'info',
    measured: (INTERACTIONS / answeredIn).toFixed(0),
  });

  const victim = replicas[0] as Replica;
  const lost = victim.shards();
  await victim.child.crash();
  const diedAt = Date.now();
  const others = replicas.slice(1);
  const handOvers = (r: Replica) => r.child.output().split('discord shard handed over').length - 1;
  const handedBefore = others.reduce((n, r) => n + handOvers(r), 0);
  let back = Number.NaN;
  await until(
    () => servedOnce(fake) && lost.every((s) => others.some((r) => r.shards().includes(s))),
    60_000,
    'shards back',
  )
    .then(() => {
      back = (Date.now() - diedAt) / 1000;
    })
    .catch(() => undefined);
  row(`killed replica's ${lost.length} shards served again, s`, back, { atMost: 30 }, '', (x) =>
    x.toFixed(1),
  );
  const again = await burst(AFTER_KILL, lost, fake);
  // Sticky shares: only the dead replica's shards move; a survivor giving one up would leave it
  // unserved for a moment (the old i % members rule moved about half of them).
  row(
    'shards the survivors handed over after the kill',
    others.reduce((n, r) => n + handOvers(r), 0) - handedBefore,
    { equals: 0 },
  );
  const againOk = again.filter((x) => x.edits.length === 1 && x.callbacks.length === 1).length;
  row(`commands to those shards after the kill, answered once (of ${AFTER_KILL})`, againOk, {
    equals: AFTER_KILL,
  });
  const errors = replicas.reduce((n, r) => n + r.errorLines().length, 0);
  row('error log lines (all replicas)', errors, { equals: 0 });
  row('protocol violations seen by the fake (IDENTIFY, pacing)', fake.violations.length, { equals: 0 });
  for (const x of fake.violations) process.stdout.write(`violation: ${x}\n`);
} finally {
  await Promise.all(replicas.map((r) => r.child.stop()));
  await fake.close();
  await tm.close();
  await redis.flushdb();
  redis.disconnect();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
console.table(rows);
process.stdout.write(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}\n`,
);
v.finish();
