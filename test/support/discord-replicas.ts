import type { GatewayFake } from '../fakes/discord-gateway.js';
import { closedExchanges } from './bot-env.js';
import { type Child, startChild } from './child.js';

/**
 * Replicas of the assembled bot (`tsx src/main.ts`, as `npm start` runs it) against the sharded gateway
 * fake: what each one says it runs, read from its log ("discord shard ready" / "discord shard handed
 * over"), and its error lines.
 */
export interface Replica {
  readonly name: string;
  readonly child: Child;
  /** Shards this replica runs now, by its log. */
  shards(): number[];
  /** Log lines at error level or above (pino level ≥ 50). */
  errorLines(): string[];
}

/** Each log line of a child, parsed (non-JSON lines skipped). */
export function logLines(out: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const l of out.split('\n')) {
    if (!l.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      // a partial line still being written
    }
  }
  return lines;
}

export function startReplica(name: string, env: Readonly<Record<string, string>>): Replica {
  const child = startChild('src/main.ts', env, { group: true });
  return {
    name,
    child,
    shards() {
      const held = new Set<number>();
      for (const l of logLines(child.output())) {
        if (typeof l.shard !== 'number') continue;
        if (l.msg === 'discord shard ready') held.add(l.shard);
        else if (l.msg === 'discord shard handed over') held.delete(l.shard);
      }
      return [...held].sort((a, b) => a - b);
    },
    errorLines: () =>
      child
        .output()
        .split('\n')
        .filter((l) => {
          const level = logLines(l)[0]?.level;
          return typeof level === 'number' ? level >= 50 : /\b(Error|error)\b/.test(l) && !l.startsWith('{');
        }),
  };
}

/** The environment of one replica: Discord through the fake, Token Metrics fake, Redis, default settings. */
export function replicaEnv(
  fake: GatewayFake,
  o: { tmUrl: string; tmKey: string; redisUrl: string; dataDir: string; closedPort: number },
): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.appId,
    DISCORD_API_BASE: fake.apiBase,
    TM_API_KEY: o.tmKey,
    TM_API_BASE_URL: o.tmUrl,
    REDIS_URL: o.redisUrl,
    DATA_DIR: o.dataDir,
    HTTP_PORT: '0',
    // Every exchange connection is refused: prices come from Token Metrics polls.
    ...closedExchanges(o.closedPort),
  };
}

/** Waits for `cond`, polling; the error says what was awaited. */
export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every shard served by exactly one gateway session. */
export function servedOnce(fake: GatewayFake): boolean {
  const cov = fake.coverage();
  for (let s = 0; s < fake.shardCount; s++) if (cov.get(s) !== 1) return false;
  return true;
}
