import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dir = mkdtempSync(join(tmpdir(), 'sq-'));
const db = new Database(join(dir, 'x.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
for (const p of (process.env.XPRAGMA ?? '').split(';').filter(Boolean)) db.pragma(p);
db.exec(
  `CREATE TABLE counters (key TEXT NOT NULL, window_start INTEGER NOT NULL, count INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (key, window_start)) WITHOUT ROWID; CREATE INDEX counters_expiry ON counters (expires_at);`,
);
const q = db.prepare(
  `INSERT INTO counters (key, window_start, count, expires_at) SELECT value, ?, ?, ? FROM json_each(?) WHERE true ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING key, count`,
);
const tx = db.transaction((keys: string[], w: number) => q.all(w, 1, w + 3600000, JSON.stringify(keys)));
const key = (i: number) => `n:telegram:dm:${10000 + i}`;
// prefill 20k keys
const W = 1_000_000;
for (let s = 0; s < 20000; s += 500)
  tx.immediate(
    Array.from({ length: 500 }, (_, j) => key(s + j)),
    W,
  );
const N = 300;
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let k = 0; k < N; k++) {
  const keys = Array.from({ length: 100 }, (_, j) => key((k * 7919 + j * 97) % 20000));
  tx.immediate(keys, W);
}
const c = process.cpuUsage(c0);
console.log(
  'per call ms wall',
  ((performance.now() - t0) / N).toFixed(3),
  'cpu',
  ((c.user + c.system) / 1000 / N).toFixed(3),
  'sys',
  (c.system / 1000 / N).toFixed(3),
);
