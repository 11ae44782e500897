import Database from 'better-sqlite3';

const db = new Database(':memory:');
const mode = process.env.MODE ?? 'json';
db.exec(
  `CREATE TABLE counters (key TEXT NOT NULL, window_start INTEGER NOT NULL, count INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (key, window_start)) WITHOUT ROWID;` +
    (process.env.NOIDX ? '' : 'CREATE INDEX counters_expiry ON counters (expires_at);'),
);
const q = db.prepare(
  `INSERT INTO counters (key, window_start, count, expires_at) SELECT value, ?, ?, ? FROM json_each(?) WHERE true ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING key, count`,
);
const one = db.prepare(
  `INSERT INTO counters (key, window_start, count, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING count`,
);
const tx = db.transaction((keys: string[], w: number) =>
  mode === 'json'
    ? q.all(w, 1, w + 3600000, JSON.stringify(keys))
    : keys.map((k) => one.get(k, w, 1, w + 3600000)),
);
const key = (i: number) => `n:telegram:dm:${10000 + i}`;
const W = 1_000_000;
for (let s = 0; s < 20000; s += 500)
  tx(
    Array.from({ length: 500 }, (_, j) => key(s + j)),
    W,
  );
const N = 1000;
const c0 = process.cpuUsage();
for (let k = 0; k < N; k++) {
  const keys = Array.from({ length: 100 }, (_, j) => key((k * 7919 + j * 97) % 20000));
  tx(keys, W);
}
const c = process.cpuUsage(c0);
console.log(
  mode,
  process.env.NOIDX ? 'noidx' : 'idx',
  'cpu per 100-row call',
  ((c.user + c.system) / 1000 / N).toFixed(3),
  'ms',
);
