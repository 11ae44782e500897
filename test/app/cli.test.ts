import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function run(
  script: string,
  env: Record<string, string>,
  /** Called with the child once spawned (to signal it). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
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
    onSpawn?.(child);
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

describe('npm start shutdown', () => {
  it('exits after SHUTDOWN_TIMEOUT even when the platform API has stopped answering', async () => {
    // A Bot API that lets the bot start and hands it one command, then stops answering: the reply to that
    // command never returns, so the update being handled never finishes (a pending long poll would just
    // be aborted on stop). SIGTERM comes once the reply is hanging.
    let replyHanging: () => void = () => undefined;
    const hanging = new Promise<void>((r) => {
      replyHanging = r;
    });
    let polls = 0;
    const hung: Server = createServer((req, res) => {
      const answer = (result: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, result }));
      };
      if (req.url?.endsWith('/getUpdates')) {
        if (polls++ > 0) return;
        return answer([
          {
            update_id: 1,
            message: {
              message_id: 1,
              date: Math.floor(Date.now() / 1000),
              from: { id: 7, is_bot: false, first_name: 'U' },
              chat: { id: 7, type: 'private', first_name: 'U' },
              text: '/help',
              entities: [{ type: 'bot_command', offset: 0, length: 5 }],
            },
          },
        ]);
      }
      if (req.url?.endsWith('/sendMessage')) return replyHanging();
      answer(
        req.url?.endsWith('/getMe')
          ? { id: 1, is_bot: true, first_name: 'Hung', username: 'hung_bot' }
          : true,
      );
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const addr = hung.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const started = Date.now();
    try {
      const r = await run(
        'src/main.ts',
        {
          TELEGRAM_BOT_TOKEN: '123456:hung-api-test-token-value',
          TM_SOURCE: 'replay', // no Token Metrics key in this test: replay only when asked
          TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
          // Its own directory: a fixed /tmp path is shared with other checkouts' schema versions.
          DATA_DIR: mkdtempSync(join(tmpdir(), 'tw-main-shutdown-')),
          HTTP_PORT: '0',
          SHUTDOWN_TIMEOUT: '1s',
        },
        (child) => {
          // Once (a second signal means "exit now"), after the bot said it started and the reply hangs.
          let seen = '';
          const onData = (b: Buffer) => {
            seen += b.toString();
            if (!seen.includes('tokenwatch started')) return;
            child.stdout?.off('data', onData);
            void hanging.then(() => child.kill('SIGTERM'));
          };
          child.stdout?.on('data', onData);
        },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('shutting down');
      expect(r.stdout).toContain('shutdown took too long');
      expect(r.stdout + r.stderr).not.toContain('hung-api-test-token-value');
      // Start + the 1 s deadline, with room for a slow machine; without the deadline it never exits.
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
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
      'daily signal flipped',
      'hourly signal flipped',
      'approaching resistance',
      'touching resistance',
      'broke above resistance',
      'Sharpe crossed',
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
    // It ends with /stats and /why of the replayed market (issue 12), after the summary.
    const ending = out.slice(out.indexOf('=== Summary ==='));
    expect(ending).toContain('> /stats');
    expect(ending).toMatch(/Daily flip\s+1\s+100% of 1\*/);
    expect(ending).toMatch(/Hourly flip\s+1\s+0% of 1\*/);
    expect(ending).toContain('Too few decided alerts to mean much');
    expect(ending).toContain('> /why SOL');
    expect(ending).toMatch(/Why: SOL in your DMs\nPrice \$229\.00 from the replay data/);
    expect(ending.indexOf('> /why SOL')).toBeGreaterThan(ending.indexOf('> /stats'));
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
