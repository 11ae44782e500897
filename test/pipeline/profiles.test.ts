import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/obs/logger.js';
import { createProfileTracker, type TickMeta } from '#src/pipeline/profiles.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { ANCHOR, dm, subscribe, TOK } from '../app/helpers.js';

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

const HOUR = 3_600_000;
const tracker = () => createProfileTracker({ store, logger: silentLogger(), scanMs: 6 * HOUR });
const stored = (proximityPcts: number[], scannedAt: number): TickMeta => ({
  w: 1,
  profiles: { proximityPcts, sharpeThresholds: [1], minStrength: 50 },
  scannedAt,
});

describe('profile tracker', () => {
  it('scans when nothing is stored, and commit writes the record', async () => {
    await subscribe(store, dm, TOK.SOL);
    await store.settings.update('console:dm:alice', { proximityPct: 3 });
    const t = tracker();
    const r = await t.resolve(await t.load(), [TOK.SOL.id], ANCHOR);
    expect(r).toMatchObject({ scanned: true, dirty: true });
    expect(r.meta.profiles.proximityPcts).toEqual([2, 3]);
    await t.commit(r);
    expect(await t.load()).toEqual(r.meta);
  });

  it.each([
    { name: 'fresh record: used as is', age: HOUR, scanned: false },
    { name: 'record as old as scanMs: scanned again', age: 6 * HOUR, scanned: true },
  ])('$name', async ({ age, scanned }) => {
    const t = tracker();
    const r = await t.resolve(stored([2, 5], ANCHOR - age), [TOK.SOL.id], ANCHOR);
    expect(r.scanned).toBe(scanned);
    expect(r.dirty).toBe(scanned);
  });

  it('learn marks the record dirty only for values it did not have', () => {
    const t = tracker();
    const r = { meta: stored([2], ANCHOR), dirty: false, scanned: false };
    expect(t.learn(r, [{ proximityPct: 2 }])).toBe(r);
    const learned = t.learn(r, [{ proximityPct: 4 }]);
    expect(learned.dirty).toBe(true);
    expect(learned.meta.profiles.proximityPcts).toEqual([2, 4]);
  });

  it('a settings change merges into the stored record at once and asks this replica for a scan', async () => {
    const t = tracker();
    await store.tickMeta.put(stored([2], ANCHOR));
    await t.noteSettingsChange({ proximityPct: 7, cooldownSec: 60 });
    expect((await t.load())?.profiles.proximityPcts).toEqual([2, 7]);
    const r = await t.resolve(await t.load(), [], ANCHOR + 1);
    expect(r.scanned).toBe(true);
    // The scan request is used up.
    expect((await t.resolve(r.meta, [], ANCHOR + 2)).scanned).toBe(false);
  });

  it('a settings change before any tick writes nothing (the first tick scans anyway)', async () => {
    await tracker().noteSettingsChange({ proximityPct: 7 });
    expect(await store.tickMeta.get()).toBeUndefined();
  });
});
