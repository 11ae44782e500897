import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, readSecret, startProblem } from '#src/config/index.js';

const BOT = `123456:${'A'.repeat(20)}`;

describe('replay only when asked', () => {
  it('a platform token without TM_API_KEY and without TM_SOURCE=replay is a start problem', () => {
    const c = parseConfig({ TELEGRAM_BOT_TOKEN: BOT });
    if (!c.ok) throw new Error(c.problems.join());
    expect(c.config.tm.source).toBe('api');
    expect(startProblem(c.config)).toMatch(
      /TM_API_KEY is not set.*\n.*TM_API_KEY_FILE.*\n.*TM_SOURCE=replay/,
    );
    const replay = parseConfig({ TELEGRAM_BOT_TOKEN: BOT, TM_SOURCE: 'Replay' });
    if (!replay.ok) throw new Error(replay.problems.join());
    expect(replay.config.tm.source).toBe('replay');
    expect(startProblem(replay.config)).toBeUndefined();
    const keyed = parseConfig({ TELEGRAM_BOT_TOKEN: BOT, TM_API_KEY: 'tm-abc' });
    expect(keyed.ok && startProblem(keyed.config)).toBeUndefined();
    expect(parseConfig({ TM_SOURCE: 'live' })).toMatchObject({
      ok: false,
      problems: ['TM_SOURCE: "live" must be api or replay'],
    });
  });

  it('npm start with a bot token and no key exits 1 with the message, before connecting anywhere', () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', TELEGRAM_BOT_TOKEN: BOT };
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/main.ts'], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('TM_API_KEY is not set');
    expect(r.stderr).toContain('TM_SOURCE=replay');
    expect(r.stderr).not.toContain(BOT);
  });
});

describe('readSecret (SIGHUP, 401 re-read)', () => {
  it('reads the file again each time, trimmed; falls back to the variable; undefined when empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-secret-'));
    try {
      const file = join(dir, 'key');
      writeFileSync(file, 'tm-one\n');
      const env = { TM_API_KEY_FILE: file };
      expect(readSecret('TM_API_KEY', env)).toBe('tm-one');
      writeFileSync(file, 'tm-two\n');
      expect(readSecret('TM_API_KEY', env)).toBe('tm-two');
      writeFileSync(file, '\n');
      expect(readSecret('TM_API_KEY', env)).toBeUndefined();
      expect(readSecret('TM_API_KEY', { TM_API_KEY: 'tm-env' })).toBe('tm-env');
      expect(readSecret('TM_API_KEY', { TM_API_KEY_FILE: join(dir, 'missing') })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
