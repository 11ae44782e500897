import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run deps` (run by `npm run lint`) against copies of the project with one thing wrong: it must
 * fail on a runtime import package.json does not declare, on a runtime import declared only as a
 * devDependency (how `ws` shipped), and on two undici majors in the lockfile; and pass on the project
 * as it is. The commands are read from package.json, so the test checks what lint really runs.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const steps = (pkg.scripts.deps ?? '').split('&&').map((s) => s.trim().split(/\s+/));
const knipProduction = steps.find((s) => s[0] === 'knip' && s.includes('--production'));
const undiciCheck = steps.find((s) => s[0] === 'tsx' && s[1]?.includes('check-one-undici'));

function run(cmd: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: root }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The shipped code and its configuration in a fresh directory, with package.json changed by `edit`. */
function copy(edit: (p: typeof pkg) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-deps-'));
  dirs.push(dir);
  for (const f of ['src', 'commands', 'knip.jsonc', 'tsconfig.json']) {
    cpSync(join(root, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const p = structuredClone(pkg);
  edit(p);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(p, null, 2));
  return dir;
}

const knipIn = (dir: string) => {
  const [, ...args] = knipProduction ?? [];
  return run(bin('knip'), [...args, '--directory', dir]);
};

describe('npm run deps', () => {
  it('is part of npm run lint, with a production knip run and the undici check', () => {
    expect(pkg.scripts.lint).toContain('npm run deps');
    expect(knipProduction).toEqual(expect.arrayContaining(['--production', '--strict', '--dependencies']));
    expect(undiciCheck).toBeDefined();
    expect(pkg.dependencies.ws).toBeDefined();
    expect(pkg.devDependencies.ws).toBeUndefined();
  });

  it('passes on the project as it is', async () => {
    const r = await knipIn(copy());
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('fails on a runtime dependency listed only under devDependencies (ws, as it shipped)', async () => {
    const dir = copy((p) => {
      p.devDependencies.ws = p.dependencies.ws ?? '*';
      delete p.dependencies.ws;
    });
    const r = await knipIn(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Unlisted dependencies[\s\S]*ws\s+src\/market\/streams\/connection\.ts/);
  }, 60_000);

  it('fails on an import of a package package.json does not list', async () => {
    const dir = copy();
    appendFileSync(join(dir, 'src', 'main.ts'), "import 'left-pad';\n");
    const r = await knipIn(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Unlisted dependencies[\s\S]*left-pad\s+src\/main\.ts/);
  }, 60_000);

  it('fails when the lockfile holds two undici majors (ours and the one discord.js bundles)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-lock-'));
    dirs.push(dir);
    const lock = (ours: string) => {
      const file = join(dir, `lock-${ours}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          lockfileVersion: 3,
          packages: {
            '': { name: 'tokenwatch' },
            'node_modules/undici': { version: ours },
            'node_modules/@discordjs/rest/node_modules/undici': { version: '6.29.1' },
          },
        }),
      );
      return file;
    };
    const [cmd = 'tsx', script = ''] = undiciCheck ?? [];
    const two = await run(bin(cmd), [join(root, script), lock('7.30.2')]);
    expect(two.code).toBe(1);
    expect(two.out).toContain('node_modules/undici@7.30.2');
    expect(two.out).toContain('node_modules/@discordjs/rest/node_modules/undici@6.29.1');
    expect((await run(bin(cmd), [join(root, script), lock('6.21.0')])).code).toBe(0);
    // And the real lockfile.
    expect((await run(bin(cmd), [join(root, script)])).code).toBe(0);
  }, 60_000);
});
