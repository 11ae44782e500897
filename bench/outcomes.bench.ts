/**
 * Outcomes benchmark (issue 12), on SQLite and Redis:
 * 1. Scoring cost per tick with 10,000 open outcomes over 1,000 tokens: the tick reads and steps only the
 *    open outcomes of tokens whose price moved (`scoreMoved`), so 10 moved tokens must cost far less than
 *    1,000 (ratio ≈ moved tokens). Baseline in the same run: 10 moved tokens, but every open outcome read
 *    and stepped (what a scan without the per-token index would cost).
 * 2. /why and /stats answer time with 100,000 subscriptions and a year of outcomes (p50/p99; target
 *    p99 ≤ 100 ms), through the command handlers and the real store. /stats 7d, 30d, 90d over all tokens
 *    and 90d of one token, each against the old way in the same run (read and parse every record of the
 *    window, then `outcomeStats`), in the same run; both replies must be identical. A missed target
 *    or a differing reply makes the process exit 1.
 * Env: REDIS_URL (default redis://127.0.0.1:6379), BENCH_STORES=sqlite,redis.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { STATS_WINDOWS, statsCommand, statsReply } from '#commands/stats.js';
import type { CommandContext, CommandDeps } from '#commands/types.js';
import { whyCommand } from '#commands/why.js';
import type { Outcome } from '#src/domain/outcome.js';
import type { TokenInfo } from '#src/domain/types.js';
import { outcomeStats } from '#src/engine/outcome-stats.js';
import { stepOutcome } from '#src/engine/outcomes.js';
import type { TokenState } from '#src/engine/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { scoreMoved, type TickPrices } from '#src/pipeline/trust.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { yearOfOutcomes } from './outcome-fixtures.js';
import { seed } from './tick-fixtures.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STORES = (process.env.BENCH_STORES ?? 'sqlite,redis').split(',');
const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TOKENS = 1000;
const OPEN = 10_000;
const SUBS = 100_000;
/** A year of delivered events: 100 a day. */
const YEAR_OUTCOMES = 365 * 100;
/** p99 target for /why and /stats, ms. */
const TARGET_MS = 100;
/** Set by a missed target or a /stats reply that differs from the old way's: the process then exits 1. */
let failed = false;

const tokenIdOf = (i: number) => 100 + i;

function openOutcome(i: number, at: number): Outcome {
  const tokenId = tokenIdOf(i % TOKENS);
  return {
    id: `o${i}`,
    tokenId,
    symbol: `T${i % TOKENS}`,
    kind: 'approach',
    at,
    entry: 100,
    dir: 1,
    level: 98,
    band: 2,
    distancePct: 2,
    until: at + 30 * DAY,
    status: 'open',
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await run();
  return [performance.now() - t, r];
}

/** Part 1: ms per tick to score open outcomes, moving `moved` tokens (prices stay inside every band). */
async function scoring(store: Store) {
  const at = T0 + HOUR;
  const batch: Outcome[] = [];
  for (let i = 0; i < OPEN; i++) batch.push(openOutcome(i, T0));
  for (let i = 0; i < batch.length; i += 2000) await store.outcomes.save(batch.slice(i, i + 2000), []);
  const rows: Array<Record<string, string | number>> = [];
  const runs: Array<[string, number]> = [
    ['few moved', 10],
    ['many moved', TOKENS],
  ];
  let few = 0;
  for (const [name, moved] of runs) {
    const ms: number[] = [];
    let read = 0;
    for (let k = 0; k < 20; k++) {
      const price = new Map<number, number>();
      const ids: number[] = [];
      for (let j = 0; j < moved; j++) {
        const id = tokenIdOf((k * 37 + j) % TOKENS);
        price.set(id, 100 + ((k % 5) + 1) * 0.01);
        ids.push(id);
      }
      const prices: TickPrices = { price, moved: ids };
      const [dt, changed] = await time(async () => {
        const c = await scoreMoved(store, prices, at + k * 60_000);
        await store.outcomes.save([], c);
        return c;
      });
      read = changed.length;
      ms.push(dt);
    }
    const p50 = pct(ms, 50);
    if (name === 'few moved') few = p50;
    rows.push({
      store: store.kind,
      case: name,
      'moved tokens': moved,
      'outcomes stepped': read,
      'p50 ms/tick': +p50.toFixed(2),
      '× few moved': +(p50 / few).toFixed(1),
    });
  }
  // Baseline: the same few moved tokens, but every open outcome read and stepped (a scan, no token index).
  const all = Array.from({ length: TOKENS }, (_, i) => tokenIdOf(i));
  const ms: number[] = [];
  for (let k = 0; k < 5; k++) {
    const price = new Map<number, number>();
    for (let j = 0; j < 10; j++) price.set(tokenIdOf((k * 37 + j) % TOKENS), 100 + (k + 1) * 0.013);
    const [dt] = await time(async () => {
      const open = await store.outcomes.openOf(all);
      const changed = open.flatMap((o) => {
        const p = price.get(o.tokenId);
        const n = p === undefined ? o : stepOutcome(o, p, at + (20 + k) * 60_000);
        return n === o ? [] : [n];
      });
      await store.outcomes.save([], changed);
    });
    ms.push(dt);
  }
  const scan = pct(ms, 50);
  rows.push({
    store: store.kind,
    case: 'baseline: scan all open, 10 moved',
    'moved tokens': 10,
    'outcomes stepped': OPEN,
    'p50 ms/tick': +scan.toFixed(2),
    '× few moved': +(scan / few).toFixed(1),
  });
  return rows;
}

function stateOf(tokenId: number, now: number): TokenState {
  const phase = { p: 'far' as const, ref: 'above' as const, since: now - DAY };
  return {
    v: 1,
    tokenId,
    symbol: `T${tokenId - 100}`,
    name: 'Token',
    updatedAt: now,
    price: { value: 100, at: now - 60_000 },
    daily: { signal: 1, trend: 1, date: '2026-12-30', at: now },
    levels: {
      at: now,
      items: [90, 95, 105, 110].map((level, i) => ({
        key: String(level),
        level,
        count: 3,
        newest: '2026-12-01',
        strength: 60 + i * 5,
        phases: { '2': phase },
      })),
    },
    metrics: { at: now, values: { SHARPE: 1.2 } },
    sides: { 'SHARPE@1': { side: 'above', since: now - DAY } },
  };
}

/** A year of outcomes, saved as the tick would (2,000 a call); the list is garbage once this returns. */
async function saveYear(store: Store, now: number) {
  const year = yearOfOutcomes({ perDay: YEAR_OUTCOMES / 365, tokens: TOKENS, from: T0, now, tokenIdOf });
  for (let i = 0; i < year.length; i += 2000) await store.outcomes.save(year.slice(i, i + 2000), []);
}

/** Part 2: /why and /stats with 100k subscriptions and a year of outcomes. */
async function commands(store: Store) {
  // Mid-day, as users ask: every window starts inside a day (its first day is read from records).
  const now = T0 + 365 * DAY + 13 * HOUR + 17 * 60_000;
  await seed(store, { tokens: TOKENS, subs: SUBS, perDest: 10, changing: 0.05 }, T0);
  await saveYear(store, now);
  const directory = {
    async resolve(sym: string): Promise<TokenInfo | undefined> {
      const n = Number(sym.slice(1));
      return Number.isInteger(n) && n >= 0 && n < TOKENS
        ? { tokenId: tokenIdOf(n), symbol: `T${n}`, name: 'Token' }
        : undefined;
    },
    search: async () => [],
    byId: async () => undefined,
  };
  const deps: CommandDeps = {
    store,
    directory,
    market: { view: async () => undefined, state: async (id) => stateOf(id, now), priceSource: 'bench' },
    limits: { maxSubscriptionsPerDestination: 25 },
  };
  // Destination 0 (a Telegram DM, '10000') follows T0, T100, ...; ask about one of them.
  const ctx: CommandContext = {
    locale: 'en',
    t: translatorFor('en'),
    platform: 'telegram',
    userId: '10000',
    place: { kind: 'dm' },
    now,
    isModerator: async () => false,
  };
  const why = await timed(() => whyCommand.run?.(ctx, { symbol: 'T0' }, deps) ?? Promise.resolve(), 100);
  const whyRows = [
    {
      store: store.kind,
      command: '/why T0',
      'p50 ms': why.p50,
      'p99 ms': why.p99,
      'target ≤100': verdict(why.p99),
    },
  ];
  const statsRows: Array<Record<string, string | number>> = [];
  const cases: Array<[window: keyof typeof STATS_WINDOWS, symbol?: string]> = [
    ['7d'],
    ['30d'],
    ['90d'],
    ['90d', 'T5'],
  ];
  for (const [window, symbol] of cases) {
    const args = symbol ? { symbol, window } : { window };
    const summaries = () => statsCommand.run?.(ctx, args, deps) ?? Promise.resolve();
    // The old way, as /stats did it before issue 18: every record of the window read and parsed.
    const records = async () => {
      const tok = symbol ? await directory.resolve(symbol) : undefined;
      const list = await store.outcomes.since(now - STATS_WINDOWS[window], tok?.tokenId);
      const s = list.length === 0 ? undefined : outcomeStats(list, now);
      return statsReply(s, tok?.symbol, window, tok !== undefined, ctx.t);
    };
    const same = JSON.stringify(await summaries()) === JSON.stringify(await records());
    if (!same) failed = true;
    // Each way in its own loop: alternating would bill the old way's garbage collections to the new one.
    const fresh = await timed(summaries, 300);
    const old = await timed(records, 100);
    statsRows.push({
      store: store.kind,
      command: `/stats ${symbol ? `${symbol} ` : ''}${window}`,
      outcomes: (await store.outcomes.since(now - STATS_WINDOWS[window], symbol ? tokenIdOf(5) : undefined))
        .length,
      'p50 ms': fresh.p50,
      'p99 ms': fresh.p99,
      'old p50 ms': old.p50,
      'old p99 ms': old.p99,
      '× p50': +(old.p50 / fresh.p50).toFixed(1),
      '× p99': +(old.p99 / fresh.p99).toFixed(1),
      'target p99 ≤100': verdict(fresh.p99),
      'same reply': same ? 'yes' : 'NO',
    });
  }
  return { whyRows, statsRows };
}

/** `ok` or `MISSED` against the 100 ms p99 target; a miss makes the process exit 1. */
function verdict(p99: number): string {
  if (p99 <= TARGET_MS) return 'ok';
  failed = true;
  return 'MISSED';
}

async function timed(run: () => Promise<unknown>, n: number) {
  for (let k = 0; k < 20; k++) await run(); // warm-up
  const ms: number[] = [];
  for (let k = 0; k < n; k++) ms.push((await time(run))[0]);
  return { p50: +pct(ms, 50).toFixed(2), p99: +pct(ms, 99).toFixed(2) };
}

async function withStore<T>(kind: string, run: (s: Store) => Promise<T>): Promise<T> {
  if (kind === 'sqlite') {
    const s = openSqliteStore({ file: ':memory:' });
    try {
      return await run(s);
    } finally {
      await s.close();
    }
  }
  const prefix = `twbench:${randomBytes(4).toString('hex')}:`;
  const client = new Redis(REDIS_URL);
  const s = await openRedisStore({ client, keyPrefix: prefix });
  try {
    return await run(s);
  } finally {
    await deleteRedisPrefix(client, prefix);
    client.disconnect();
  }
}

const started = Date.now();
const scoringRows: Array<Record<string, string | number>> = [];
const whyRows: Array<Record<string, string | number>> = [];
const statsRows: Array<Record<string, string | number>> = [];
for (const kind of STORES) scoringRows.push(...(await withStore(kind, scoring)));
for (const kind of STORES) {
  const r = await withStore(kind, commands);
  whyRows.push(...r.whyRows);
  statsRows.push(...r.statsRows);
}
process.stdout.write(
  `Outcome scoring per tick, ${OPEN.toLocaleString('en')} open outcomes over ${TOKENS} tokens:\n`,
);
console.table(scoringRows);
process.stdout.write(`/why with ${SUBS.toLocaleString('en')} subscriptions:\n`);
console.table(whyRows);
process.stdout.write(
  `/stats over ${YEAR_OUTCOMES.toLocaleString('en')} outcomes (a year, ${TOKENS} tokens): summaries vs the old way (read every record of the window; × = old / new), in the same run:\n`,
);
console.table(statsRows);
process.stdout.write(
  `goal: scoring cost follows moved tokens (few ≪ many; few ≪ scan baseline); p99 ≤ ${TARGET_MS} ms, same reply both ways. ${failed ? 'MISSED' : 'all ok'}. Load average: ${(await import('node:os')).loadavg()[0]?.toFixed(1)}. ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
);
if (failed) process.exitCode = 1;
