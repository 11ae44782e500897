import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** A script of the repository running in a child process exactly as its npm script starts it. */
export interface Child {
  readonly process: ChildProcess;
  /** Everything written so far (stdout and stderr interleaved as they arrived). */
  output(): string;
  /** Resolves when the output contains `text`; rejects on timeout or when the child exits first. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /**
   * SIGKILL to the whole process group (tsx and the node process it runs), as a crash: nothing runs
   * its shutdown. Only for children started with `{ group: true }`.
   */
  crash(): Promise<number | null>;
}

/**
 * `tsx <script>` from the repository root with only `env` (plus PATH and HOME): nothing from the
 * developer's shell (tokens, REDIS_URL) leaks in. This is what `npm start` / `npm run deploy-commands` run.
 */
export function startChild(
  script: string,
  env: Readonly<Record<string, string>>,
  opts: { group?: boolean } = {},
): Child {
  const child = spawn(tsx, [join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: crash() can kill tsx and the node process under it at once.
    ...(opts.group ? { detached: true } : {}),
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (c) => {
      code = c;
      for (const l of listeners) l();
      resolve(c);
    });
  });
  return {
    process: child,
    output: () => out,
    exited,
    waitFor(text, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes(text)) done(resolve);
          else if (code !== undefined)
            done(() => reject(new Error(`${script} exited (${code}) before "${text}"`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for "${text}" from ${script}`))),
          timeoutMs,
        );
        const done = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
    async crash() {
      if (code !== undefined) return code;
      if (!opts.group || child.pid === undefined)
        throw new Error('crash() needs startChild(..., { group: true })');
      process.kill(-child.pid, 'SIGKILL');
      return exited;
    },
    async stop(graceMs = 15_000) {
      if (code !== undefined) return code;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (opts.group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      }, graceMs);
      const c = await exited;
      clearTimeout(timer);
      return c;
    },
  };
}
