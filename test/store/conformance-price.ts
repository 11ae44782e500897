/** PriceHistoryStore and PriceAlertStore part of the conformance suite (see conformance.ts). */
import { describe, expect, it } from 'vitest';
import type { PriceAlert, PriceAlertSpec } from '#src/domain/price-alerts.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { Store } from '#src/store/ports.js';
import { HISTORY } from '#src/store/price-ports.js';
import { chan, dm } from './fixtures.js';

const T0 = Date.UTC(2026, 10, 1, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;

const spec = (over: Partial<PriceAlertSpec> = {}): PriceAlertSpec => ({
  destination: dm('7'),
  tokenId: 3375,
  symbol: 'BTC',
  condition: conditionOf([{ kind: 'above', price: 100_000.5 }]),
  repeat: 'once',
  createdAt: 1000,
  ...over,
});

/** Writes an alert's stored JSON as-is (an old format), the way each adapter keeps it. */
export interface PriceHooks {
  plantAlert(store: Store, alert: PriceAlert, json: string): Promise<void>;
}

export function priceTests(ctx: { store: Store }, hooks: PriceHooks): void {
  describe('price history', () => {
    it('keeps the last sample of each minute and each hour, oldest first', async () => {
      const h = ctx.store.priceHistory;
      await h.record([
        { tokenId: 1, t: T0 + 5_000, price: 10 },
        { tokenId: 1, t: T0 + 50_000, price: 11 },
        { tokenId: 2, t: T0 + 50_000, price: 99 },
      ]);
      await h.record([{ tokenId: 1, t: T0 + MIN + 1, price: 12.345678901234 }]);
      expect(await h.range(1, T0, T0 + HOUR)).toEqual([
        { t: T0, price: 11 },
        { t: T0 + MIN, price: 12.345678901234 },
      ]);
      expect(await h.range(2, T0, T0 + HOUR)).toEqual([{ t: T0, price: 99 }]);
      expect(await h.range(3, 0, T0 * 2)).toEqual([]);
      // Bad samples change nothing.
      await h.record([
        { tokenId: 1, t: T0 + 2 * MIN, price: -1 },
        { tokenId: 1, t: T0 + 2 * MIN, price: Number.NaN },
      ]);
      expect(await h.range(1, T0, T0 + HOUR)).toHaveLength(2);
    });

    it('rangeMany reads many tokens over one window: what range gives each, every token a key', async () => {
      const h = ctx.store.priceHistory;
      await h.record([
        { tokenId: 41, t: T0 + 5_000, price: 10 },
        { tokenId: 41, t: T0 + MIN + 5_000, price: 11 },
        { tokenId: 42, t: T0 + 5_000, price: 20 },
      ]);
      const many = await h.rangeMany([41, 42, 43, 41], T0, T0 + HOUR);
      expect([...many.keys()].sort()).toEqual([41, 42, 43]);
      expect(many.get(41)).toEqual(await h.range(41, T0, T0 + HOUR));
      expect(many.get(42)).toEqual(await h.range(42, T0, T0 + HOUR));
      expect(many.get(43)).toEqual([]);
      expect((await h.rangeMany([], 0, T0)).size).toBe(0);
    });

    it('is bounded: minutes for a day, hours for 30 days, hours fill in before the minutes', async () => {
      const h = ctx.store.priceHistory;
      const samples = [];
      // 40 days, one sample every 10 minutes.
      for (let t = T0; t < T0 + 40 * 24 * HOUR; t += 10 * MIN)
        samples.push({ tokenId: 5, t, price: 1 + t / 1e12 });
      for (let i = 0; i < samples.length; i += 500) await h.record(samples.slice(i, i + 500));
      const last = samples.at(-1)?.t ?? 0;
      const all = await h.range(5, 0, last);
      const minutes = all.filter((p) => p.t >= last - HISTORY.minuteKeepMs);
      const hours = all.filter((p) => p.t < last - HISTORY.minuteKeepMs);
      expect(minutes.length).toBeLessThanOrEqual(24 * 6 + 1);
      expect(minutes.length).toBeGreaterThanOrEqual(24 * 6 - 1);
      expect(hours.length).toBeLessThanOrEqual(29 * 24 + 2);
      expect(hours.length).toBeGreaterThan(28 * 24);
      expect(all[0]?.t).toBeGreaterThanOrEqual(last - HISTORY.hourKeepMs - HOUR);
      expect(all.map((p) => p.t)).toEqual([...all.map((p) => p.t)].sort((a, b) => a - b));
      expect(hours.every((p) => p.t % HOUR === 0)).toBe(true);
    });

    it('seeds empty hours (hourly CLOSE) without overwriting recorded ones', async () => {
      const h = ctx.store.priceHistory;
      await h.record([{ tokenId: 9, t: T0 + 3 * HOUR + 10, price: 50 }]);
      await h.seedHourly([
        {
          tokenId: 9,
          points: [
            { t: T0 + HOUR, price: 40 },
            { t: T0 + 2 * HOUR + 59 * MIN, price: 45 },
            { t: T0 + 3 * HOUR, price: 1 },
            { t: T0 - 60 * 24 * HOUR, price: 2 },
          ],
        },
        { tokenId: 10, points: [{ t: T0, price: 3 }] },
      ]);
      expect(await h.range(9, 0, T0 + 10 * HOUR)).toEqual([
        { t: T0 + HOUR, price: 40 },
        { t: T0 + 2 * HOUR, price: 45 },
        { t: T0 + 3 * HOUR, price: 50 },
      ]);
      expect(await h.range(10, 0, T0 + HOUR)).toEqual([{ t: T0, price: 3 }]);
    });
  });

  describe('price alerts', () => {
    it('stores every kind of part and combined conditions as written', async () => {
      const s = ctx.store.priceAlerts;
      const parts = [
        { kind: 'near', side: 'resistance', pct: 3.5, minStrength: 70 },
        { kind: 'signal', timeframe: 'hourly', value: 'bearish' },
        { kind: 'sharpe', op: '<=', value: -0.25 },
      ] as const;
      const added = await s.add(spec({ condition: conditionOf(parts), repeat: 'every' }), 20);
      const more = await s.add(
        spec({
          condition: conditionOf([
            { kind: 'move', pct: 2.5, windowMs: HOUR },
            { kind: 'signal', timeframe: 'daily', value: 'bullish' },
            { kind: 'grade', op: '>=', value: 70 },
          ]),
          createdAt: 2000,
        }),
        20,
      );
      expect(added.ok && more.ok).toBe(true);
      const list = await s.list(dm('7'));
      expect(list.map((a) => a.condition.text)).toEqual([
        'near resistance 3.5% and hourly bearish and sharpe <= -0.25',
        'move 2.5% 1h and signal bullish and grade >= 70',
      ]);
      expect(list[0]?.condition.parts).toEqual(parts);
      expect((await s.byTokens([3375])).get(3375)?.map((a) => a.condition)).toEqual(
        list.map((a) => a.condition),
      );
    });

    it('reads an alert stored before combined conditions (one rule) as a one-part condition', async () => {
      const s = ctx.store.priceAlerts;
      const added = await s.add(spec({}), 20);
      if (!added.ok) throw new Error('not added');
      const legacy = JSON.stringify({
        destination: dm('7'),
        tokenId: 3375,
        symbol: 'BTC',
        rule: { kind: 'move', pct: 5, windowMs: HOUR },
        repeat: 'once',
        createdAt: 1000,
      });
      await hooks.plantAlert(ctx.store, added.alert, legacy);
      const [read] = await s.list(dm('7'));
      expect(read?.condition).toEqual({
        parts: [{ kind: 'move', pct: 5, windowMs: HOUR }],
        text: 'move 5% 1h',
      });
      expect((await s.byTokens([3375])).get(3375)?.[0]?.condition.text).toBe('move 5% 1h');
    });

    it('adds, lists oldest first, and enforces the per-destination limit atomically', async () => {
      const a = ctx.store.priceAlerts;
      const rev0 = await a.revision();
      const first = await a.add(spec(), 2);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expect(first.alert.id).toMatch(/^[a-z0-9]{6}$/);
      expect(first.alert).toMatchObject(spec());
      const second = await a.add(
        spec({
          condition: conditionOf([{ kind: 'move', pct: 5, windowMs: HOUR }]),
          repeat: 'every',
          createdAt: 500,
        }),
        2,
      );
      expect(second.ok).toBe(true);
      expect(await a.add(spec(), 2)).toEqual({ ok: false, reason: 'limit', count: 2 });
      const racing = await Promise.all(
        [1, 2, 3].map((i) => a.add(spec({ destination: dm('8'), createdAt: i }), 2)),
      );
      expect(racing.filter((r) => r.ok)).toHaveLength(2);
      const list = await a.list(dm('7'));
      expect(list.map((x) => x.createdAt)).toEqual([500, 1000]);
      expect(list[0]?.condition.parts[0]).toEqual({ kind: 'move', pct: 5, windowMs: HOUR });
      expect(await a.revision()).not.toBe(rev0);
      expect(await a.tokens()).toEqual([3375]);
    });

    it("removes only the destination's own alert", async () => {
      const a = ctx.store.priceAlerts;
      const added = await a.add(spec({ destination: chan('1'), tokenId: 5 }), 20);
      if (!added.ok) throw new Error('add failed');
      const rev = await a.revision();
      expect(await a.remove(chan('2'), added.alert.id)).toBe(false);
      expect(await a.remove(chan('1'), 'zzzzzz')).toBe(false);
      expect(await a.revision()).toBe(rev);
      expect(await a.remove(chan('1'), added.alert.id)).toBe(true);
      expect(await a.remove(chan('1'), added.alert.id)).toBe(false);
      expect(await a.list(chan('1'))).toEqual([]);
      expect(await a.tokens()).toEqual([]);
      expect(await a.byTokens([5])).toEqual(new Map());
    });

    it('fired removes once-alerts for good and stamps every-alerts', async () => {
      const a = ctx.store.priceAlerts;
      const once = await a.add(spec({ tokenId: 1 }), 20);
      const every = await a.add(
        spec({ tokenId: 1, repeat: 'every', condition: conditionOf([{ kind: 'below', price: 0.00001234 }]) }),
        20,
      );
      const other = await a.add(spec({ tokenId: 2, destination: dm('9') }), 20);
      if (!once.ok || !every.ok || !other.ok) throw new Error('add failed');
      const got = await a.fired([once.alert.id, every.alert.id, 'nothere'], 5000);
      expect(got).toEqual(new Set([once.alert.id, every.alert.id]));
      // A second firing of the same once-alert (a replica, a restart) finds nothing.
      expect(await a.fired([once.alert.id], 6000)).toEqual(new Set());
      const byToken = await a.byTokens([1, 2, 3]);
      expect([...byToken.keys()].sort()).toEqual([1, 2]);
      expect(byToken.get(1)).toEqual([{ ...every.alert, lastFiredAt: 5000 }]);
      expect((await a.list(dm('7'))).map((x) => x.lastFiredAt)).toEqual([5000]);
      expect(await a.fired([], 1)).toEqual(new Set());
    });
  });
}
