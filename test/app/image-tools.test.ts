import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../delivery/helpers.js';
import { type DiscordFake, startDiscordFake } from '../fakes/discord-fake.js';

/**
 * What the Docker image runs: the compiled entry points under dist/, started with plain
 * `node --conditions=dist` (package.json `imports` maps `#src/*` and `#commands/*` to dist/ under that
 * condition). No tsx, no TypeScript at run time. Docker itself is not available in CI; this runs the same
 * command lines docs/operating.md gives for `docker compose run`.
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

const node = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--conditions=dist', script, ...args], {
    cwd: root,
    // Not the test's environment: the tools must work from what the image sets.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
    timeout: 30_000,
  });

let discord: DiscordFake;
beforeAll(async () => {
  // The Dockerfile's build step.
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    timeout: 170_000,
  });
  discord = await startDiscordFake();
}, 180_000);
afterAll(async () => {
  await discord?.close();
});

describe('compiled tools in the image', () => {
  it('dead-letters: list on the embedded outbox', async () => {
    const r = await node('dist/src/delivery/outbox/cli.js', ['list'], { DATA_DIR: tempDir('image-dl') });
    expect(r.stdout).toContain('0 dead letter(s)');
  });

  it('dead-letters: usage error exits 2', async () => {
    const err = await node('dist/src/delivery/outbox/cli.js', ['frobnicate'], {
      DATA_DIR: tempDir('image-dl'),
    }).catch((e: { code: number; stdout: string }) => e);
    expect(err).toMatchObject({ code: 2 });
  });

  it('deploy-commands: registers the slash commands', async () => {
    await node('dist/src/platforms/discord/deploy.js', [], {
      DATA_DIR: tempDir('image-deploy'),
      DISCORD_TOKEN: 'image-test-discord-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_BASE: discord.apiBase,
    });
    const puts = discord.requests.filter((q) => q.method === 'PUT' && /\/commands$/.test(q.path));
    expect(puts).toHaveLength(1);
    const body = (puts[0]?.body ?? []) as Array<{ name: string }>;
    expect(body.map((c) => c.name)).toContain('subscribe');
  });
});
