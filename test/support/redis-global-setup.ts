import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './net.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis every Redis-backed suite uses (each with its own key prefix). */
    redisUrl: string;
  }
}

/** True when something at host:port answers PING with +PONG within 1 s. */
async function answersPing(host: string, port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (b) => done(b.toString().startsWith('+PONG')));
  });
}

/**
 * Vitest global setup: use `TEST_REDIS_URL` or the Redis on 127.0.0.1:6379 when one answers; otherwise start
 * a throw-away `redis-server` on a free port for this run, so a newcomer's first `npm test` just works.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.TEST_REDIS_URL;
  if (configured) {
    project.provide('redisUrl', configured);
    return async () => undefined;
  }
  if (await answersPing('127.0.0.1', 6379)) {
    project.provide('redisUrl', 'redis://127.0.0.1:6379');
    return async () => undefined;
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run npm test again.',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-test-redis-'));
  const proc: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await answersPing('127.0.0.1', port)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await answersPing('127.0.0.1', port))) {
    proc.kill('SIGKILL');
    throw new Error(`the throw-away redis-server on port ${port} did not start`);
  }
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return async () => {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
}
