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
import { BEFORE_OUTCOME_SUMS, migrate, SCHEMA_VERSION } from '#src/store/sqlite/schema.js';
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
