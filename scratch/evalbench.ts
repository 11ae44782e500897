import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataKind } from '#src/domain/market.js';
import { evaluateStreamedMany } from '#src/live/evaluate.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createProfileTracker } from '#src/pipeline/profiles.js';
import { createTicker } from '#src/pipeline/tick.js';
import { openSqliteStore } from '#src/store/index.js';
import { levelMarket } from '../bench/stream-fixtures.js';
import { seed } from '../bench/tick-fixtures.js';

const TOKENS = 1000,
  MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 60 * MIN;
const PRICE_ONLY = { price: 0, daily: 1e15, hourly: 1e15, levels: 1e15, quant: 1e15, grade: 1e15 } as Record<
  DataKind,
  number
>;
const dir = mkdtempSync(join(tmpdir(), 'evb-'));
const store = openSqliteStore({ file: join(dir, 'store.db') });
await seed(store, { tokens: TOKENS, subs: 100_000, perDest: 5, changing: 0 }, T0);
const market = levelMarket({ symbolOf: (id) => `T${id - 100}`, resistance: 120, support: 80, price: 100 });
const logger = silentLogger();
const metrics = createMetrics();
const profiles = createProfileTracker({ store, logger });
let enq = 0;
const outbox = {
  enqueue: async (m: readonly unknown[]) => {
    enq += m.length;
  },
};
const ticker = createTicker({
  store,
  market,
  profiles,
  outbox,
  logger,
  metrics,
  owner: 'b',
  slotMs: MIN,
  cadence: () => PRICE_ONLY,
});
for (let i = 0; i < 3; i++) await ticker.run(T0 + i * MIN);
const deps = { store, outbox, metrics, profiles, breakoutHoldMs: 30_000 };
const src = { exchange: 'binance', label: 'Binance', pair: 'X', time: Date.now() } as const;
const N = Number(process.env.N ?? 300);
const c0 = process.cpuUsage();
const w0 = performance.now();
for (let k = 0; k < N; k++) {
  const id = 100 + ((k * 7919) % TOKENS);
  const at = Date.now();
  const up = k % 2 === 0;
  const tid = 100 + ((Math.floor(k / 2) * 7919) % TOKENS);
  await evaluateStreamedMany(
    deps,
    new Map([[tid, { price: up ? 118.5 : 100, source: { ...src, time: at }, receivedAt: at }]]),
    at,
  );
  void id;
}
const c = process.cpuUsage(c0);
const w = performance.now() - w0;
console.log(
  `evals ${N} msgs ${enq} cpu/eval ${((c.user + c.system) / 1000 / N).toFixed(3)} ms (user ${(c.user / 1000 / N).toFixed(3)} sys ${(c.system / 1000 / N).toFixed(3)}) wall/eval ${(w / N).toFixed(3)} ms`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
