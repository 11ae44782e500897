import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import { runCli } from '#src/delivery/outbox/cli.js';
import { SendError } from '#src/delivery/ports.js';
import { deleteKeys, dest, message, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';

const prefix = randomPrefix('cli');
afterAll(async () => {
  await deleteKeys(SYSTEM_REDIS, prefix);
});

/** Puts two dead letters into the outbox the environment points at. */
async function seedDeadLetters(env: Record<string, string>): Promise<string[]> {
  const outbox = createOutbox({
    kind: env.REDIS_URL ? 'redis' : 'sqlite',
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL, prefix } : { dataDir: env.DATA_DIR as string }),
    senders: new Map([
      [
        'discord',
        {
          platform: 'discord',
          limits: { concurrency: 8 },
          send: async () => {
            throw new SendError('Invalid Form Body', 'invalid', { status: 400, code: 50035 });
          },
          sendNotice: async () => ({ messageIds: [] }),
        },
      ],
    ]),
    store: recordingStore(),
  });
  const ids = [`cli-a-${prefix}`, `cli-b-${prefix}`];
  await outbox.enqueue(ids.map((id) => message(id, dest('discord', 'channel', id))));
  await outbox.start();
  await outbox.drain(10_000);
  await outbox.close();
  return ids;
}

describe.each(['sqlite', 'redis'] as const)('dead-letter CLI (%s)', (kind) => {
  it('lists, retries one, retries all; unknown ids and bad usage fail', async () => {
    const env: Record<string, string> =
      kind === 'redis' ? { REDIS_URL: SYSTEM_REDIS, OUTBOX_PREFIX: prefix } : { DATA_DIR: tempDir('cli') };
    const ids = await seedDeadLetters(env);
    const lines: string[] = [];
    const io = { env, out: (l: string) => void lines.push(l) };

    expect(await runCli(['list'], io)).toBe(0);
    expect(lines.filter((l) => ids.some((id) => l.startsWith(id)))).toHaveLength(2);
    expect(lines.at(-1)).toBe('2 dead letter(s)');
    expect(lines.join('\n')).toMatch(/invalid: Invalid Form Body/);

    expect(await runCli(['retry', 'nope'], io)).toBe(1);
    expect(await runCli(['retry', ids[0] as string], io)).toBe(0);
    lines.length = 0;
    await runCli(['list'], io);
    expect(lines.at(-1)).toBe('1 dead letter(s)');
    expect(await runCli(['retry-all'], io)).toBe(0);
    lines.length = 0;
    await runCli(['list'], io);
    expect(lines.at(-1)).toBe('0 dead letter(s)');
    expect(await runCli(['frobnicate'], io)).toBe(2);
  });
});

it('runs as a script (npm run dead-letters)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/delivery/outbox/cli.ts', 'list'], {
    env: { ...process.env, REDIS_URL: '', DATA_DIR: tempDir('cli-script') },
    encoding: 'utf8',
  });
  expect(r.stdout).toContain('0 dead letter(s)');
  expect(r.status).toBe(0);
});
