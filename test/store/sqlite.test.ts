import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUMMARY_VERSION } from '#src/engine/outcome-tally.js';
import { openStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { BEFORE_OUTCOME_SUMS, MIGRATIONS, migrate, SCHEMA_VERSION } from '#src/store/sqlite/schema.js';
import { outcomeArb, windowArb } from '../support/outcomes.js';
import { runStoreConformance } from './conformance.js';
import { bothWays } from './conformance-trust.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-store-'));
const files = new WeakMap<Store, string>();
let n = 0;

runStoreConformance(
  'sqlite',
  async (onRoundTrip) => {
    // A real file (not :memory:) so WAL mode and the corrupt-row hook are exercised.
    const file = join(dir, `s${n++}`, 'tokenwatch.db');
    const store = openSqliteStore({ file, onRoundTrip });
    files.set(store, file);
    return store;
  },
  async () => rmSync(dir, { recursive: true, force: true }),
  {
    async corrupt(store, what, id, raw) {
      const file = files.get(store);
      if (!file) throw new Error('unknown store');
      const db = new Database(file);
      if (what === 'settings') db.prepare('UPDATE settings SET json = ? WHERE scope = ?').run(raw, id);
      else db.prepare('UPDATE snapshots SET json = ? WHERE token_id = ?').run(raw, Number(id));
      db.close();
    },
    async plantAlert(store, alert, json) {
      const file = files.get(store);
      if (!file) throw new Error('unknown store');
      const db = new Database(file);
      db.prepare('UPDATE price_alerts SET json = ? WHERE id = ?').run(json, alert.id);
      db.close();
    },
  },
);

describe('sqlite store file', () => {
  it('persists across reopen, uses WAL and records the schema version', async () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-open-'));
    try {
      const first = await openStore({ dataDir: join(d, 'nested') });
      expect(first.kind).toBe('sqlite');
      await first.subscriptions.subscribe(
        { platform: 'telegram', kind: 'dm', id: '1' },
        3,
        'ETH',
        ['signal'],
        5,
      );
      await first.close();
      const db = new Database(join(d, 'nested', 'tokenwatch.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION });
      db.close();
      const again = openSqliteStore({ file: join(d, 'nested', 'tokenwatch.db') });
      expect(await again.subscriptions.watchedTokens()).toEqual([3]);
      await again.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('rate counters: totals survive a reopen, and an upgrade keeps the counts of the old counters table', async () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-counters-'));
    const file = join(d, 'tokenwatch.db');
    try {
      const first = openSqliteStore({ file });
      await first.counters.increment(['n:a', 'n:b'], 0, 3_600_000);
      await first.counters.increment(['n:a'], 0, 3_600_000, 2);
      await first.close();
      const again = openSqliteStore({ file });
      expect(await again.counters.get(['n:a', 'n:b', 'n:c'], 0)).toEqual(
        new Map([
          ['n:a', 3],
          ['n:b', 1],
          ['n:c', 0],
        ]),
      );
      expect(await again.counters.increment(['n:b'], 0, 3_600_000)).toEqual(new Map([['n:b', 2]]));
      await again.close();
      // A file as the version before the counter log left it: a counters table of one row per key and window.
      const old = join(d, 'old.db');
      const db = new Database(old);
      const before = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE counter_log'));
      for (const m of MIGRATIONS.slice(0, before)) db.exec(m);
      db.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO counters VALUES ('n:a', 0, 7, 3600000), ('n:z', 0, 4, 3600000), ('n:a', 60000, 1, 120000);`);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(before);
      db.close();
      const upgraded = openSqliteStore({ file: old });
      expect(await upgraded.counters.increment(['n:a', 'n:z'], 0, 3_600_000)).toEqual(
        new Map([
          ['n:a', 8],
          ['n:z', 5],
        ]),
      );
      expect(await upgraded.counters.get(['n:a'], 60_000)).toEqual(new Map([['n:a', 1]]));
      await upgraded.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('suppressions: an upgrade keeps the records of the old per-destination table', async () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-sup-'));
    const file = join(d, 'old.db');
    try {
      const db = new Database(file);
      const before = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE suppression_groups'));
      for (const m of MIGRATIONS.slice(0, before)) db.exec(m);
      db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(before);
      const destination = { platform: 'telegram', kind: 'dm', id: '42' } as const;
      const rec = {
        destination,
        tokenId: 7,
        symbol: 'SOL',
        kind: 'level_touch',
        eventId: 'e1',
        reason: 'cooldown',
        until: 5_000,
        at: 1_000,
      } as const;
      db.prepare('INSERT INTO suppressions (dest_key, token_id, at, json) VALUES (?, ?, ?, ?)').run(
        'telegram:dm:42',
        7,
        1_000,
        JSON.stringify(rec),
      );
      db.close();
      const store = openSqliteStore({ file });
      expect(await store.suppressions.recent(destination, 7, 5, 2_000)).toEqual([rec]);
      await store.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses a file written by a newer schema', () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-new-'));
    try {
      const file = join(d, 'tokenwatch.db');
      const db = new Database(file);
      db.exec(
        'CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (99)',
      );
      db.close();
      expect(() => openSqliteStore({ file })).toThrow(/newer/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('reports failures as StoreError saying whether to retry', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.close();
    await expect(store.settings.get('x')).rejects.toMatchObject({ name: 'StoreError', retryable: false });
    await expect(
      openSqliteStore({ file: ':memory:' }).subscriptions.subscribe(
        { platform: 'telegram', kind: 'dm', id: '1' },
        1,
        'BTC',
        [],
        0,
      ),
    ).rejects.toMatchObject({ name: 'StoreError', retryable: false });
  });

  it('skips a subscription row with corrupt types instead of failing the batch', async () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-bad-'));
    try {
      const file = join(d, 'tokenwatch.db');
      const store = openSqliteStore({ file });
      const dest = { platform: 'telegram', kind: 'dm', id: '1' } as const;
      await store.subscriptions.subscribe(dest, 1, 'BTC', ['signal'], 0);
      await store.subscriptions.subscribe(dest, 2, 'ETH', ['signal'], 0);
      const db = new Database(file);
      db.prepare('UPDATE subscriptions SET types = ? WHERE token_id = 2').run('[not json');
      db.close();
      expect([...(await store.subscriptions.subscribersOf([1, 2])).keys()]).toEqual([1]);
      expect((await store.subscriptions.list(dest)).map((x) => x.symbol)).toEqual(['BTC']);
      const repaired = await store.subscriptions.subscribe(dest, 2, 'ETH', ['levels'], 5);
      expect(repaired.types).toEqual(['levels']);
      await store.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('summarises outcomes stored before summaries existed, once, at open (upgrade)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'tw-store-sums-'));
    try {
      const file = join(d, 'tokenwatch.db');
      // A file as the version before issue 18 left it: outcome rows, no tallies, no sums.
      const db = new Database(file);
      migrate(db, BEFORE_OUTCOME_SUMS);
      const ins = db.prepare(
        'INSERT OR REPLACE INTO outcomes (id, token_id, at, open, json) VALUES (?, ?, ?, ?, ?)',
      );
      const legacy = fc.sample(outcomeArb({ ids: 300 }), { numRuns: 400, seed: 7 });
      for (const o of legacy) ins.run(o.id, o.tokenId, o.at, o.status === 'open' ? 1 : 0, JSON.stringify(o));
      db.close();
      const windows = fc.sample(windowArb(), { numRuns: 30, seed: 8 });
      const store = openSqliteStore({ file });
      for (const w of windows) {
        const both = await bothWays(store, w);
        expect(both.summaries).toEqual(both.records);
      }
      await store.close();
      // Built once: the version is recorded; a file whose sums were built by another version rebuilds them.
      const raw = new Database(file);
      expect(raw.prepare('SELECT version FROM outcome_sums_version').pluck().get()).toBe(SUMMARY_VERSION);
      raw.exec('UPDATE outcome_sums_version SET version = 0; UPDATE outcome_sums SET n = n + 5');
      raw.close();
      const again = openSqliteStore({ file });
      for (const w of windows) {
        const both = await bothWays(again, w);
        expect(both.summaries).toEqual(both.records);
      }
      await again.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('accepts :memory:', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.marks.set([{ key: 'k', ttlMs: 10 }], 0);
    expect(await store.marks.has(['k'], 5)).toEqual(new Set(['k']));
    expect(await store.marks.has(['k'], 10)).toEqual(new Set());
    await store.close();
  });
});
