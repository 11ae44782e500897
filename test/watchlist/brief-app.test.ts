import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { ANCHOR, makeApp, subscribe, type TestApp, TOK } from '../app/helpers.js';

/**
 * The daily brief through the app (console platform, SQLite store, memory outbox): `/brief` validates and
 * stores; the runner posts the watchlist once per local date however often it runs, holds it during
 * quiet hours and sends it when they end.
 */
const me = { platform: 'console', kind: 'dm', id: 'console-user' } as const;
// ANCHOR is 2026-01-15 08:00 UTC = 09:00 in Berlin.
const berlinNine = ANCHOR;

describe('daily brief (console platform)', () => {
  let store: Store;
  let t: TestApp;
  beforeEach(async () => {
    store = openSqliteStore({ file: ':memory:' });
    t = await makeApp(store);
    await t.app.start();
  });
  afterEach(async () => {
    await t.app.stop();
    await store.close();
  });

  const briefs = () => t.console.sent.filter((m) => m.brief !== undefined);

  it('/brief validates time and zone, and bad input changes nothing', async () => {
    const bad = await t.console.runLine('/brief 25:00 Europe/Berlin');
    expect(bad?.kind).toBe('error');
    expect(bad?.lines[0]).toBe('"25:00" is not a time of day. Use HH:MM from 00:00 to 23:59, e.g. 08:00.');
    const zone = await t.console.runLine('/brief 08:00 Mars/Olympus');
    expect(zone?.lines[0]).toMatch(/^Unknown time zone "Mars\/Olympus"/);
    expect(await store.briefs.get(me)).toBeUndefined();
    expect((await t.console.runLine('/brief'))?.lines[0]).toBe('No daily brief for you.');
    const ok = await t.console.runLine('/brief 8:00 europe/berlin');
    expect(ok?.lines[0]).toBe('Daily brief for you: every day at 08:00 Europe/Berlin.');
    expect((await store.briefs.get(me))?.tz).toBe('Europe/Berlin');
    expect((await t.console.runLine('/brief'))?.lines[0]).toBe(
      'Daily brief for you: every day at 08:00 Europe/Berlin.',
    );
    expect((await t.console.runLine('/brief off'))?.lines[0]).toBe('Daily brief for you stopped.');
    expect(await store.briefs.get(me)).toBeUndefined();
  });

  it('posts once per local day with the watchlist, whatever the number of runs', async () => {
    await subscribe(store, me, TOK.SOL);
    await subscribe(store, me, TOK.ETH);
    await t.step(0);
    await store.briefs.set(me, { time: '09:00', tz: 'Europe/Berlin', createdAt: ANCHOR - 86_400_000 });
    expect(await t.app.briefs(berlinNine - 60_000)).toMatchObject({ due: 0, enqueued: 0 });
    expect(await t.app.briefs(berlinNine)).toMatchObject({ due: 1, enqueued: 1, sets: 1 });
    // The same minute again (another replica, a restart): the slot is taken.
    expect(await t.app.briefs(berlinNine)).toBe('skipped_claimed');
    expect(await t.app.briefs(berlinNine + 60_000)).toMatchObject({ due: 0, enqueued: 0 });
    await t.app.outbox.drain(10_000);
    expect(briefs()).toHaveLength(1);
    const [m] = briefs();
    expect(m?.id).toBe('brief~console:dm:console-user~2026-01-15');
    expect(m?.brief?.title).toBe('Daily brief · 2026-01-15 09:00 Europe/Berlin');
    expect(m?.brief?.table.find((l) => l.startsWith('SOL'))).toMatch(/^SOL\s+\$180\.00\s/);
    expect(m?.brief?.table.find((l) => l.startsWith('ETH'))).toMatch(/^ETH\s+\$3,300\.00\s/);
    expect(m?.chart).toBe(true);
    // The next day: again, once.
    expect(await t.app.briefs(berlinNine + 86_400_000)).toMatchObject({ enqueued: 1 });
  });

  it('quiet hours hold the brief until they end; then it goes once', async () => {
    await subscribe(store, me, TOK.SOL);
    await t.step(0);
    await store.briefs.set(me, { time: '09:00', tz: 'Europe/Berlin', createdAt: ANCHOR - 86_400_000 });
    await store.settings.update('console:dm:console-user', {
      quietHours: { start: '08:30', end: '09:30', tz: 'Europe/Berlin' },
    });
    expect(await t.app.briefs(berlinNine)).toMatchObject({ due: 1, held: 1, enqueued: 0 });
    expect(await t.app.briefs(berlinNine + 29 * 60_000)).toMatchObject({ held: 1, enqueued: 0 });
    expect(await t.app.briefs(berlinNine + 30 * 60_000)).toMatchObject({ held: 0, enqueued: 1 });
    expect(await t.app.briefs(berlinNine + 31 * 60_000)).toMatchObject({ due: 0, enqueued: 0 });
    await t.app.outbox.drain(10_000);
    expect(briefs()).toHaveLength(1);
  });
});
