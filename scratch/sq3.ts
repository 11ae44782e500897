import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const db = new Database(join(mkdtempSync(join(tmpdir(), 'sq-')), 'x.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
for (const p of (process.env.XPRAGMA ?? '').split(';').filter(Boolean)) db.pragma(p);
db.exec(
  `CREATE TABLE marks (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID; CREATE INDEX marks_expiry ON marks (expires_at);`,
);
const q = db.prepare(
  `INSERT INTO marks (key, expires_at) SELECT value, ? FROM json_each(?) WHERE true ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`,
);
const tx = db.transaction((keys: string[], at: number) => {
  q.run(at, JSON.stringify(keys));
});
const grouped = process.env.GROUPED === '1';
const key = (tok: number, d: number) =>
  grouped
    ? `c:${tok}:level_approach:telegram:dm:${10000 + d}`
    : `c:telegram:dm:${10000 + d}:${tok}:level_approach`;
// prefill: 1000 tokens x 100 dests
for (let t = 0; t < 1000; t++)
  tx(
    Array.from({ length: 100 }, (_, j) => key(t, (t * 7 + j * 200) % 20000)),
    1e12,
  );
const N = 500;
const c0 = process.cpuUsage();
const w0 = performance.now();
for (let k = 0; k < N; k++) {
  const t = (k * 7919) % 1000;
  tx(
    Array.from({ length: 100 }, (_, j) => key(t, (t * 7 + j * 200) % 20000)),
    1e12 + k,
  );
}
const c = process.cpuUsage(c0);
console.log(
  grouped ? 'grouped' : 'dest-first',
  'cpu per call',
  ((c.user + c.system) / 1000 / N).toFixed(3),
  'ms',
  'sys',
  (c.system / 1000 / N).toFixed(3),
  'wall',
  ((performance.now() - w0) / N).toFixed(3),
);
