import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDiscordToken, fakeTelegramToken, fakeTmKey } from '../support/secrets.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin/secretlint');
// secretlint only lints files under its cwd: samples go in a temp dir that sees the repo's node_modules.
const dir = mkdtempSync(join(tmpdir(), 'tw-secretlint-'));
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Finding {
  readonly message: string;
}

/**
 * secretlint with the repo's config over every sample at once (one process: it takes ~2 s to start);
 * exit code 1 just means "found something". Unmasked so rule names show (the samples are random).
 */
async function lintAll(): Promise<Map<string, Finding[]>> {
  const args = [
    '--secretlintrc',
    join(ROOT, '.secretlintrc.json'),
    '--format',
    'json',
    '--no-color',
    '--no-maskSecrets',
    '*.txt',
  ];
  const out = await run(BIN, args, { cwd: dir }).catch((e: { stdout?: string; code?: number }) => {
    if (e.code !== 1 || e.stdout === undefined) throw e;
    return { stdout: e.stdout };
  });
  const results = JSON.parse(out.stdout) as Array<{ filePath: string; messages: Finding[] }>;
  return new Map(results.map((r) => [r.filePath.split('/').pop() ?? '', r.messages]));
}

function sample(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

describe('secretlint rules of ours (.secretlintrc.json)', () => {
  const cases: Array<[string, string]> = [
    ['Telegram bot token', `const token = '${fakeTelegramToken()}';\n`],
    ['Telegram bot token', `fetch('https://api.telegram.org/bot${fakeTelegramToken()}/getMe')\n`],
    ['Discord bot token', `DISCORD_TOKEN=${fakeDiscordToken()}\n`],
    ['Token Metrics API key', `TM_API_KEY=${fakeTmKey()}\n`],
    [
      'Token Metrics API key',
      `headers: { 'x-api-key': '${fakeTmKey().toUpperCase().replace('TM-', 'tm-')}' }\n`,
    ],
  ];
  const nearMiss = [
    "const t = '123456:short';",
    `const id = '${crypto.randomUUID()}';`,
    "const v = 'MTIzNDU2Nzg5MTIzNDU2Nzg5.abc';",
  ].join('\n');
  let findings = new Map<string, Finding[]>();
  beforeAll(async () => {
    for (const [i, [, text]] of cases.entries()) sample(`sample-${i}.txt`, text);
    sample('near-miss.txt', nearMiss);
    findings = await lintAll();
  });

  it.each(cases.map(([rule], i) => [rule, i] as const))(
    'GIVEN a file with a %s (sample %i) THEN secretlint reports it',
    (rule, i) => {
      const found = findings.get(`sample-${i}.txt`) ?? [];
      expect(found.some((m) => m.message.includes(rule))).toBe(true);
    },
  );

  it('GIVEN near misses (short token, uuid without tm-, two-part dotted id) THEN nothing is reported', () => {
    expect(findings.get('near-miss.txt') ?? []).toEqual([]);
  });

  it('GIVEN the repository THEN no findings (what `npm run secrets` checks in CI)', async () => {
    const out = await run('npm', ['run', '--silent', 'secrets'], { cwd: ROOT }).catch(
      (e: { stdout?: string; stderr?: string }) => ({
        stdout: `${e.stdout ?? ''}${e.stderr ?? ''}`,
        failed: true,
      }),
    );
    expect('failed' in out ? out.stdout : '').toBe('');
  });
});
