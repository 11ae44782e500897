import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function run(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A clean environment: nothing from the developer's shell (tokens, REDIS_URL) leaks in.
    const child = spawn(tsx, [join(root, script)], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start (src/main.ts)', () => {
  it('exits 1 with one clear message when no platform token is configured', async () => {
    const r = await run('src/main.ts', { DATA_DIR: '/tmp/tokenwatch-main-test' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(r.stderr).toContain('DISCORD_TOKEN');
    expect(r.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(r.stderr).toContain('npm run demo');
    expect(r.stdout).toBe('');
  });

  it('exits 1 listing every configuration problem, without echoing secrets', async () => {
    const r = await run('src/main.ts', {
      TELEGRAM_BOT_TOKEN: '123456:very-secret-token-value',
      TM_MONTHLY_CALLS: 'lots',
      HTTP_PORT: '-5',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TM_MONTHLY_CALLS');
    expect(r.stderr).toContain('HTTP_PORT');
    expect(r.stderr).not.toContain('very-secret-token-value');
  });
});

describe('npm run demo (src/demo.ts)', () => {
  it('shows every alert type and the summary, quickly', async () => {
    const started = Date.now();
    const r = await run('src/demo.ts', {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    for (const needle of [
      'Daily signal flipped',
      'Hourly signal flipped',
      'approaching resistance',
      'touching resistance',
      'broke above resistance',
      'Sharpe ratio',
      'TM grade signal',
      '[held digest]',
      'first tick: baseline',
      '=== Summary ===',
      'Events detected by type',
      'Suppressed by reason',
      'quiet_hours',
      'dedup',
    ]) {
      expect(out, needle).toContain(needle);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
