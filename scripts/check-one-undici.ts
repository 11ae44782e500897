/**
 * `npm run deps` (part of `npm run lint`): fails when the install tree (package-lock.json) holds more
 * than one major version of undici.
 *
 * Why: every undici copy in a process shares one global dispatcher slot
 * (`Symbol.for('undici.globalDispatcher.1')`, also read by Node's own fetch), filled by whichever copy is
 * imported first. discord.js / @discordjs/rest bundle their own undici and hand it a FormData for every
 * upload; undici 7 brand-checks FormData where 6 duck-types it, so with a 7 in the slot and a 6 in
 * @discordjs/rest every Discord request carrying a file failed with "action is not a function" (issue 18).
 * One major in the tree keeps the slot's owner compatible whatever the import order. When discord.js
 * moves to a new undici major, move ours with it.
 *
 * Usage: tsx scripts/check-one-undici.ts [path/to/package-lock.json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Lock {
  readonly packages?: Readonly<Record<string, { readonly version?: string }>>;
}

/** Every installed copy of `name` in a lockfile: install path → version. */
function copiesOf(lock: Lock, name: string): Array<{ path: string; version: string }> {
  return Object.entries(lock.packages ?? {})
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, p]) => ({ path, version: p.version ?? '?' }));
}

/** The problem with `name`'s copies, or undefined when they share one major version. */
function majorProblem(lock: Lock, name: string): string | undefined {
  const copies = copiesOf(lock, name);
  const majors = new Set(copies.map((c) => c.version.split('.')[0]));
  if (majors.size <= 1) return undefined;
  return [
    `${name}: ${majors.size} major versions in the install tree; they share Node's global dispatcher and`,
    'break each other (Discord uploads fail). Align the version in package.json with the one discord.js uses:',
    ...copies.map((c) => `  ${c.path}@${c.version}`),
  ].join('\n');
}

const lockPath = process.argv[2] ?? join(import.meta.dirname, '..', 'package-lock.json');
const problem = majorProblem(JSON.parse(readFileSync(lockPath, 'utf8')) as Lock, 'undici');
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
}
