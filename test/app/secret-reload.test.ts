import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretReload } from '#src/app/secret-reload.js';
import { parseConfig } from '#src/config/index.js';
import { captureLogger } from '../market/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SIGHUP re-reads every *_FILE secret', () => {
  it('applies a rotated TM key at once, names the others for a restart, never logs values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-hup-'));
    dirs.push(dir);
    const tmFile = join(dir, 'tm');
    const tgFile = join(dir, 'tg');
    writeFileSync(tmFile, 'tm-old-key-1234\n');
    writeFileSync(tgFile, '123:old-token-abcdef\n');
    const env = { TM_API_KEY_FILE: tmFile, TELEGRAM_BOT_TOKEN_FILE: tgFile };
    const parsed = parseConfig(env);
    if (!parsed.ok) throw new Error(parsed.problems.join());
    const log = captureLogger();
    let applied = 0;
    const reload = createSecretReload({
      config: parsed.config,
      logger: log.logger,
      env,
      applyTmKey: () => {
        applied++;
        return true;
      },
    });
    expect(reload()).toEqual([]);
    writeFileSync(tmFile, 'tm-new-key-5678\n');
    writeFileSync(tgFile, '123:new-token-ghijkl\n');
    expect(reload()).toEqual(['TM_API_KEY', 'TELEGRAM_BOT_TOKEN']);
    expect(applied).toBe(1);
    expect(reload()).toEqual([]);
    const text = log.lines.join('');
    expect(text).toContain('restart to apply TELEGRAM_BOT_TOKEN');
    for (const v of ['tm-old-key-1234', 'tm-new-key-5678', 'old-token-abcdef', 'new-token-ghijkl']) {
      expect(text).not.toContain(v);
    }
  });
});
