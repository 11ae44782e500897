/**
 * `npm run bench`: runs every bench/*.bench.ts in its own child process, one after the other (so they do
 * not compete for CPU or skew each other's RSS), passing their output through. Exit code 1 if any failed.
 * Arguments pick entries by name (`npm run bench -- stream alert-latency`): stream.bench.ts is the live-price
 * frame path, alert-latency.bench.ts the level-alert latency on loopback peers (about 30 s each),
 * discord-shards.bench.ts three src/main.ts replicas sharing 12 Discord shards (about 40 s, needs Redis),
 * conditions.bench.ts the combined alert conditions and /backtest (issue 21, about 20 s),
 * watchlist.bench.ts `/watchlist` on both stores and 10,000 daily briefs in one minute (about a minute),
 * languages.bench.ts what an alert in a reader's language costs to render (issue 22, a few seconds).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const r = spawnSync(tsx, [join(here, f)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${f} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
