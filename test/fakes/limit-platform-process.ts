import { fork } from 'node:child_process';
import type { LimitPlatform, LimitPlatformOptions, Post } from './limit-platform.js';

/** The limit-platform fake in a child process (see limit-platform-child.ts). */
export interface RemoteLimitPlatform {
  readonly url: string;
  counts(): Promise<LimitPlatform['counts']>;
  posts(): Promise<Post[]>;
  close(): Promise<void>;
}

export async function startLimitPlatformProcess(o: LimitPlatformOptions): Promise<RemoteLimitPlatform> {
  const child = fork(new URL('./limit-platform-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TW_FAKE: JSON.stringify(o) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (data: unknown) => void>();
  let next = 1;
  child.on('message', (m: { id: number; data: unknown }) => {
    pending.get(m.id)?.(m.data);
    pending.delete(m.id);
  });
  const url = await new Promise<string>((resolve, reject) => {
    pending.set(0, (d) => resolve(String(d)));
    child.once('exit', (code) => reject(new Error(`fake platform exited (${code})`)));
  });
  const ask = <T>(op: string) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, (d) => resolve(d as T));
      child.send({ id, op });
    });
  return {
    url,
    counts: () => ask('counts'),
    posts: () => ask('posts'),
    close: async () => {
      if (child.exitCode === null) await ask('close');
    },
  };
}
