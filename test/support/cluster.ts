import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { freePort } from './net.js';

const run = promisify(execFile);

/** A three-master Redis Cluster of our own on loopback (no replicas, no persistence); never the system Redis. */
export interface OwnCluster {
  /** `127.0.0.1:P1`, `127.0.0.1:P2`, `127.0.0.1:P3` (the REDIS_CLUSTER_NODES value, split). */
  readonly nodes: string[];
  /** A client for the test's own use (cleanup, inspection). */
  client(): Cluster;
  stop(): Promise<void>;
}

export async function startOwnCluster(): Promise<OwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tw-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const procs: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--dir',
        dir,
        '--dbfilename',
        `dump-${port}.rdb`,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    ),
  );
  const nodes = ports.map((p) => `127.0.0.1:${p}`);
  const cli = (port: number, ...args: string[]) =>
    run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30_000 });
  for (const port of ports) {
    for (let i = 0; ; i++) {
      try {
        if ((await cli(port, 'PING')).stdout.trim() === 'PONG') break;
      } catch {
        if (i > 100) throw new Error(`redis-server on ${port} did not start`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
    timeout: 60_000,
  });
  for (let i = 0; ; i++) {
    const states = await Promise.all(ports.map((p) => cli(p, 'CLUSTER', 'INFO')));
    if (states.every((s) => s.stdout.includes('cluster_state:ok'))) break;
    if (i > 200) throw new Error('cluster did not reach cluster_state:ok');
    await new Promise((r) => setTimeout(r, 50));
  }
  const clients: Cluster[] = [];
  return {
    nodes,
    client() {
      const c = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await Promise.all(
        procs.map((p) =>
          p.exitCode !== null
            ? undefined
            : new Promise((r) => {
                p.once('exit', r);
                p.kill('SIGKILL');
              }),
        ),
      );
    },
  };
}
