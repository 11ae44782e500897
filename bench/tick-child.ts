import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How the tick bench runs its children: each phase (seed, measure) of each backend in a fresh process,
 * so RSS is the tick's own. tsx's loader alone costs ~70 MB of RSS, which would drown the tick's
 * footprint, so the bench is bundled with esbuild (tsx's own compiler, dependencies left external) and
 * run on plain node. The bundle goes to a private temporary directory (several checkouts share one
 * node_modules: a fixed cache path there would let two runs overwrite each other's bundle).
 *
 * A baseline (BENCH_BASELINE=<git ref>) is the same harness on an older implementation: the ref's src/,
 * commands/ and package.json are extracted with `git archive` into a temporary tree beside this
 * checkout's bench files, and bundled from there, so `#src/...` resolves to the old code.
 */

const here = import.meta.dirname;
/** The bench files a child needs (the harness, not the code under test). */
const HARNESS = [
  'tick.bench.ts',
  'tick-child.ts',
  'tick-fixtures.ts',
  'tick-report.ts',
  'store-trace.ts',
  'verdict.ts',
];

export interface Child {
  /** What runs: 'this checkout' or the baseline ref. */
  readonly label: string;
  readonly command: readonly [string, readonly string[]];
  /** The esbuild bundle the command runs (absent on the tsx fallback). */
  readonly bundle?: string;
  /** Removes the temporary tree. */
  dispose(): void;
}

/** A temporary directory whose node_modules is this checkout's, so external imports resolve. */
function tempTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-tick-bench-'));
  symlinkSync(join(here, '..', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function bundle(entry: string, outdir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = join(outdir, '.bundle', 'tick.bench.mjs');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** This checkout's bench as a child (tsx when esbuild is not there: correct, but RSS includes tsx). */
export async function currentChild(): Promise<Child> {
  const dir = tempTree();
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const out = await bundle(join(here, 'tick.bench.ts'), dir);
    return { label: 'this checkout', command: [process.execPath, [out]], bundle: out, dispose };
  } catch {
    const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
    return { label: 'this checkout (tsx)', command: [tsx, [join(here, 'tick.bench.ts')]], dispose };
  }
}

/** The same harness on `ref`'s implementation. Throws when the ref cannot be extracted or built. */
export async function baselineChild(ref: string): Promise<Child> {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: here, encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const dir = tempTree();
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', commit, 'src', 'commands', 'package.json'], {
      cwd: root,
      maxBuffer: 256 * 2 ** 20,
    });
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: tar });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    mkdirSync(join(dir, 'bench'));
    for (const f of HARNESS) copyFileSync(join(here, f), join(dir, 'bench', f));
    const out = await bundle(join(dir, 'bench', 'tick.bench.ts'), dir);
    return { label: `baseline ${ref} (${commit})`, command: [process.execPath, [out]], bundle: out, dispose };
  } catch (err) {
    dispose();
    throw new Error(`baseline ${ref}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Runs one phase in a child; its stdout (the RESULT line) is returned, its stderr passed through. */
export function runChild(child: Child, env: Record<string, string>): string {
  const [cmd, args] = child.command;
  const r = spawnSync(cmd, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  if (r.status !== 0)
    throw new Error(`${child.label}: ${env.BENCH_PHASE} failed (exit ${r.status}): ${r.stdout}`);
  return r.stdout;
}
