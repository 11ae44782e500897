import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketError } from '#src/domain/market.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS as M } from '#src/market/index.js';
import { readSnapshot } from '#src/pipeline/snapshot.js';
import type { TickReport } from '#src/pipeline/tick.js';
import { openSqliteStore } from '#src/store/index.js';
import { type CountedStore, countStoreCalls, wrapStorePorts } from '#src/store/instrumented.js';
import type { Store } from '#src/store/ports.js';
import { ANCHOR, at, channel, dm, makeApp, subscribe, TOK } from '../app/helpers.js';

let store: CountedStore;
/** Calls of the outbox's delivery log (/export), made as messages are confirmed, beside the tick. */
let logCalls = 0;
beforeEach(() => {
  logCalls = 0;
  const counted = countStoreCalls(openSqliteStore({ file: ':memory:' }));
  store = wrapStorePorts(counted, (name, call) => {
    if (name.startsWith('alertLog.')) logCalls++;
    return call();
  }) as CountedStore;
});
afterEach(async () => {
  await store.close();
});

async function seedDefault(s: Store) {
  await subscribe(s, dm, TOK.SOL);
  await subscribe(s, dm, TOK.BTC);
  await subscribe(s, dm, TOK.ETH, ['signal', 'hourly', 'levels', 'risk', 'grade']);
  await subscribe(s, channel, TOK.SOL, ['levels']);
}

describe('tick on the replay source + SQLite store', () => {
  it('first tick is a silent baseline, then the scenario produces every alert type', async () => {
    await seedDefault(store);
    const t = await makeApp(store);
    await t.app.start();
    try {
      const first = await t.step(M.baseline);
      expect(first.outcome).toBe('ran');
      expect(first.watched).toBe(3);
      expect(first.events).toEqual({});
      expect(first.messages).toBe(0);

      const reports: TickReport[] = [];
      const calls: number[] = [];
      for (let s = 1; s <= 20; s++) {
        const from = store.calls() - logCalls;
        reports.push(await t.step(s));
        calls.push(store.calls() - logCalls - from);
      }
      await t.app.outbox.drain(10_000);
      const kinds = new Set(t.console.sent.flatMap((m) => m.events.map((e) => `${e.kind}:${e.symbol}`)));
      for (const k of [
        'level_approach:SOL',
        'level_touch:SOL',
        'level_breakout:SOL',
        'signal_flip:BTC',
        'signal_flip:ETH',
        'metric_cross:BTC',
        'level_approach:ETH',
        'grade_change:SOL',
      ]) {
        expect(kinds, k).toContain(k);
      }
      // Hourly flips only for the subscriber of 'hourly'; the channel only gets levels.
      const toChannel = t.console.sent.filter((m) => m.destination.id === channel.id);
      expect(toChannel.length).toBeGreaterThan(0);
      expect(toChannel.every((m) => m.events.every((e) => e.kind.startsWith('level_')))).toBe(true);
      // One message per destination per tick.
      for (const r of reports) expect(r.messages).toBeLessThanOrEqual(2);
      // Every message id unique, and every (destination, event) delivered once.
      const pairs = t.console.sent.flatMap((m) => m.events.map((e) => `${m.destination.id}|${e.id}`));
      expect(new Set(pairs).size).toBe(pairs.length);
      // 11 + up to 3 trust calls beside others + 2 for the price history (record, hourly CLOSE seed)
      // + the price-alert revision read beside the watched read + the webhook count beside the
      // fan-out (issue 21; no webhooks here, so no lookup of the planned destinations' webhooks).
      expect(reports.every((r, i) => (calls[i] ?? 99) <= 18 + (r.profileScan ? 3 : 0))).toBe(true);
    } finally {
      await t.app.stop();
    }
  });

  it('a second claim of the same slot does nothing (same process or another replica)', async () => {
    await seedDefault(store);
    const a = await makeApp(store, { instanceId: 'a' });
    const b = await makeApp(store, { instanceId: 'b' });
    await a.step(0);
    const from = store.calls();
    const again = await a.step(0);
    expect(again.outcome).toBe('skipped_claimed');
    expect(store.calls() - from).toBe(1);
    const other = await b.step(0);
    expect(other.outcome).toBe('skipped_claimed');
    await a.app.stop();
    await b.app.stop();
  });

  it.each([
    { name: 'snapshots.putMany', fail: (s: Store) => wrapOnce(s, 'snapshots', 'putMany') },
    { name: 'marks.set', fail: (s: Store) => wrapOnce(s, 'marks', 'set') },
  ])('a crash after enqueue ($name throws) → the rerun sends nothing twice', async ({ fail }) => {
    await seedDefault(store);
    const t = await makeApp(store);
    await t.app.start();
    try {
      await t.step(M.baseline);
      for (let s = 1; s < M.solApproach; s++) await t.step(s);
      const restore = fail(store);
      // The crashed tick enqueued its messages, then failed before committing.
      t.replay.setStep(M.solApproach);
      const crashed = await t.app.tick(at(M.solApproach));
      restore();
      expect(crashed.outcome).toBe('failed');
      expect(crashed.messages).toBeGreaterThan(0);
      // Next slot, same market data (nothing was committed): either the marks suppress the events, or
      // the plan yields the same message ids and the outbox drops them.
      const rerun = await t.app.tick(at(M.solApproach) + 60_000);
      expect(rerun.outcome).toBe('ran');
      for (const id of rerun.messageIds) expect(crashed.messageIds).toContain(id);
      await t.app.outbox.drain(10_000);
      const ids = t.console.sent.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      const approaches = t.console.sent.flatMap((m) =>
        m.events.filter((e) => e.kind === 'level_approach').map((e) => `${m.destination.id}|${e.id}`),
      );
      // One approach each for the DM and the channel: delivered once, not twice.
      expect(approaches.map((p) => p.split('|')[0]).sort()).toEqual([channel.id, dm.id].sort());
    } finally {
      await t.app.stop();
    }
  });

  it('a market error ends the tick without committing; the next tick sees the same change', async () => {
    await seedDefault(store);
    const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
    let failNext = false;
    const market = {
      ...replay,
      async fetch(...args: Parameters<typeof replay.fetch>) {
        if (failNext) {
          failNext = false;
          throw new MarketError('upstream 503', 'server', true);
        }
        return replay.fetch(...args);
      },
    };
    const t = await makeApp(store, { market });
    replay.setStep(0);
    await t.app.tick(at(0));
    const before = (await store.snapshots.getMany([TOK.SOL.id])).get(TOK.SOL.id);
    replay.setStep(M.solApproach);
    failNext = true;
    const failed = await t.app.tick(at(M.solApproach));
    expect(failed.outcome).toBe('market_error');
    expect(failed.messages).toBe(0);
    expect((await store.snapshots.getMany([TOK.SOL.id])).get(TOK.SOL.id)).toEqual(before);
    const next = await t.app.tick(at(M.solApproach) + 60_000);
    expect(next.outcome).toBe('ran');
    expect(next.events.level_approach).toBeGreaterThan(0);
    await t.app.stop();
  });

  it('quiet hours hold alerts and release them as one held digest when the window ends', async () => {
    const group = { platform: 'console', kind: 'group', id: 'club', parentId: 'club' } as const;
    await subscribe(store, group, TOK.SOL, ['levels']);
    // ANCHOR is 08:00 UTC: quiet 10:00-14:00 UTC covers steps 2..5; the approach (step 5) is held.
    await store.settings.update('console:group:club', {
      quietHours: { start: '10:00', end: '14:00', tz: 'UTC' },
    });
    const t = await makeApp(store);
    await t.app.start();
    try {
      const reports: TickReport[] = [];
      for (let s = 0; s <= M.solApproach + 1; s++) reports.push(await t.step(s));
      expect(reports[M.solApproach]?.suppressed).toEqual({ quiet_hours: 1 });
      expect(reports[M.solApproach]?.messages).toBe(0);
      const release = reports[M.solApproach + 1];
      expect(release?.messages).toBe(1);
      await t.app.outbox.drain(10_000);
      expect(t.console.sent).toHaveLength(1);
      expect(t.console.sent[0]?.origin).toBe('held');
      expect(t.console.sent[0]?.events.map((e) => e.kind)).toEqual(['level_approach']);
      // Released once: later ticks bring only new events (the touch), never the approach again.
      await t.step(M.solApproach + 2);
      await t.app.outbox.drain(10_000);
      const kinds = t.console.sent.flatMap((m) => m.events.map((e) => e.kind));
      expect(kinds.filter((k) => k === 'level_approach')).toHaveLength(1);
    } finally {
      await t.app.stop();
    }
  });

  it('a kind that failed while others succeeded is not recorded as fetched and is asked again next tick', async () => {
    await seedDefault(store);
    const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
    const asked: string[][] = [];
    let failLevels = true;
    const market = {
      ...replay,
      async fetch(req: Parameters<typeof replay.fetch>[0]) {
        asked.push([...req.kinds]);
        if (!failLevels || !req.kinds.includes('levels')) return replay.fetch(req);
        failLevels = false;
        req.onKindError?.('levels', new MarketError('upstream 503', 'server', true));
        return replay.fetch({ ...req, kinds: req.kinds.filter((k) => k !== 'levels') });
      },
    };
    const t = await makeApp(store, { market });
    await t.step(0);
    expect(asked[0]).toContain('levels');
    const snap = readSnapshot((await store.snapshots.getMany([TOK.SOL.id])).get(TOK.SOL.id));
    expect(snap.fetched.price).toBe(at(0));
    expect(snap.fetched.levels).toBeUndefined();
    // One minute later price is not due (1m cadence with slack aside), but the failed levels are.
    await t.app.tick(at(0) + 60_000);
    expect(asked[1]).toContain('levels');
    await t.app.stop();
  });

  it('stores fetch times per token, and the detection profiles in the tick meta store', async () => {
    await seedDefault(store);
    await store.settings.update('console:channel:alerts', { proximityPct: 3 });
    const t = await makeApp(store);
    const r = await t.step(0);
    expect(r.profileScan).toBe(true);
    const snaps = await store.snapshots.getMany([TOK.SOL.id]);
    expect(readSnapshot(snaps.get(TOK.SOL.id)).fetched.price).toBe(at(0));
    expect(await store.tickMeta.get()).toMatchObject({
      profiles: { proximityPcts: [2, 3] },
      scannedAt: at(0),
    });
    const r2 = await t.app.tick(at(0) + 60_000);
    expect(r2.profileScan).toBe(false);
    await t.app.stop();
  });
});

/** Makes `store[part][method]` throw once; returns a restore function. */
function wrapOnce(s: Store, part: 'snapshots' | 'marks', method: 'putMany' | 'set'): () => void {
  const target = s[part] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = target[method];
  if (!original) throw new Error(`no ${part}.${method}`);
  target[method] = async () => {
    target[method] = original;
    throw new Error(`simulated crash in ${part}.${method}`);
  };
  return () => {
    target[method] = original;
  };
}
