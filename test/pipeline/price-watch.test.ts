import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partValueWords } from '#src/delivery/describe-price.js';
import type { TokenObservation } from '#src/domain/market.js';
import type { PriceAlertSpec } from '#src/domain/price-alerts.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import { translatorFor } from '#src/i18n/catalog.js';
import {
  type CooldownLookup,
  type PriceChange,
  PriceWatch,
  recordPrices,
} from '#src/pipeline/price-watch.js';
import { openSqliteStore } from '#src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-pw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2026, 10, 28, 12, 0);
const HOUR = 3_600_000;
const me = { platform: 'telegram', kind: 'dm', id: '42' } as const;
const spec = (over: Partial<PriceAlertSpec>): PriceAlertSpec => ({
  destination: me,
  tokenId: 1,
  symbol: 'SOL',
  condition: conditionOf([{ kind: 'above', price: 210 }]),
  repeat: 'once',
  createdAt: T,
  ...over,
});
const change = (prev: number | undefined, now: number, at = T): PriceChange => ({
  tokenId: 1,
  symbol: 'SOL',
  name: 'Solana',
  prev,
  now,
  at,
  source: 'poll',
});
const cooldown: CooldownLookup = async () => () => HOUR;

describe('price watch', () => {
  it('evaluate only reads; claim removes a once-alert, and a new process never sees it again', async () => {
    const file = join(dir, 'once.db');
    let store = openSqliteStore({ file });
    await store.priceAlerts.add(spec({}), 20);
    let watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    await watch.refresh();
    expect(await watch.evaluate([change(205, 209)], cooldown)).toEqual([]);
    const fired = await watch.evaluate([change(209, 211)], cooldown);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      kind: 'price_alert',
      destination: me,
      price: 211,
      source: 'poll',
      repeat: 'once',
    });
    // Not claimed yet (the caller enqueues first): the same work finds it again, with the same id.
    const again = await watch.evaluate([change(209, 211, T + 60_000)], cooldown);
    expect(again.map((e) => e.id)).toEqual(fired.map((e) => e.id));
    expect(await watch.claim(fired, T)).toEqual(new Set([fired[0]?.alertId]));
    expect(await watch.claim(fired, T)).toEqual(new Set());
    await watch.refresh();
    expect(await watch.evaluate([change(209, 211, T + HOUR)], cooldown)).toEqual([]);
    await store.close();
    store = openSqliteStore({ file });
    watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    await watch.refresh();
    expect(await watch.evaluate([change(209, 211)], cooldown)).toEqual([]);
    expect(await watch.evaluate([change(200, 215, T + 2 * HOUR)], cooldown)).toEqual([]);
    expect(await store.priceAlerts.list(me)).toEqual([]);
    await store.close();
  });

  it('an every-alert fires on each crossing, at most once per cooldown, asking cooldowns only then', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.priceAlerts.add(
      spec({ repeat: 'every', condition: conditionOf([{ kind: 'below', price: 180 }]) }),
      20,
    );
    const watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    await watch.refresh();
    let asked = 0;
    const lookup: CooldownLookup = async (alerts) => {
      asked += alerts.length;
      return () => HOUR;
    };
    const a = await watch.evaluate([change(185, 179)], lookup);
    expect(a).toHaveLength(1);
    expect(asked).toBe(0); // never fired before: no cooldown to wait out
    await watch.claim(a, T);
    await watch.refresh();
    expect(await watch.evaluate([change(181, 178, T + 10 * 60_000)], lookup)).toEqual([]);
    expect(asked).toBe(1);
    const b = await watch.evaluate([change(181, 178, T + HOUR)], lookup);
    expect(b).toHaveLength(1);
    expect(b[0]?.id).not.toBe(a[0]?.id);
    await store.close();
  });

  it('the issue case: move 5% 1h, two minutes later 211 → 222.5 fires, from 211 and when', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.priceAlerts.add(
      spec({ condition: conditionOf([{ kind: 'move', pct: 5, windowMs: HOUR }]) }),
      20,
    );
    const obs = (price: number): Map<number, TokenObservation> =>
      new Map([[1, { tokenId: 1, symbol: 'SOL', name: 'Solana', price: { price } }]]);
    // The tick records each polled price before it evaluates: 211 two minutes ago, then 222.5 now.
    await recordPrices(store.priceHistory, obs(211), T - 2 * 60_000);
    await recordPrices(store.priceHistory, obs(222.5), T);
    const watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    await watch.refresh();
    const [hit] = await watch.evaluate([change(211, 222.5)], cooldown);
    expect(hit).toMatchObject({ priceBefore: 211, beforeAt: T - 2 * 60_000, price: 222.5 });
    expect(hit?.changePct).toBeCloseTo(5.45, 2);
    expect(
      hit?.parts?.map((r) => [r.part, r.reading && partValueWords(r.reading, translatorFor('en'))]),
    ).toEqual([['move 5% 1h', '+5.45% from $211.00']]);
    await store.close();
  });

  it('a move re-arms only after it fell back under the percent; a failed delivery repeats the same hit', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.priceAlerts.add(
      spec({ repeat: 'every', condition: conditionOf([{ kind: 'move', pct: 5, windowMs: HOUR }]) }),
      20,
    );
    await store.priceHistory.record([{ tokenId: 1, t: T - 30 * 60_000, price: 100 }]);
    const watch = new PriceWatch({ alerts: store.priceAlerts, history: store.priceHistory });
    await watch.refresh();
    const m = 60_000;
    expect(await watch.evaluate([change(100, 104, T)], cooldown)).toEqual([]);
    watch.commit();
    const first = await watch.evaluate([change(104, 106, T + m)], cooldown);
    expect(first).toHaveLength(1);
    // Not committed (the enqueue failed): the repeat is judged against the same window and fires again.
    const repeat = await watch.evaluate([change(104, 106, T + 2 * m)], cooldown);
    expect(repeat.map((e) => e.id)).toEqual(first.map((e) => e.id));
    watch.commit();
    expect(await watch.claim(repeat, T + 2 * m)).toEqual(new Set([repeat[0]?.alertId]));
    await watch.refresh();
    // Still 6% over the low: no new edge.
    expect(await watch.evaluate([change(106, 106.5, T + 3 * m)], cooldown)).toEqual([]);
    watch.commit();
    // The low of 100 leaves the window at T + 30 min: the move falls under 5% (re-armed)…
    expect(await watch.evaluate([change(106.5, 106, T + HOUR + 5 * m)], cooldown)).toEqual([]);
    watch.commit();
    // …and a fall of 5% from the window's high is a new edge (past the destination's cooldown).
    const again = await watch.evaluate([change(106, 100, T + HOUR + 10 * m)], cooldown);
    expect(again.map((e) => [e.priceBefore, e.changePct?.toFixed(2)])).toEqual([[106, '-5.66']]);
    await store.close();
  });

  it('records polled prices and seeds hours from hourly CLOSE', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const obs = new Map<number, TokenObservation>([
      [
        1,
        {
          tokenId: 1,
          symbol: 'SOL',
          name: 'Solana',
          price: { price: 200 },
          hourly: {
            signal: 0,
            position: 1,
            timestamp: '',
            closes: [
              { t: T - 2 * HOUR, close: 190 },
              { t: T - HOUR, close: 195 },
            ],
          },
        },
      ],
      [2, { tokenId: 2, symbol: 'X', name: 'X' }],
    ]);
    await recordPrices(store.priceHistory, obs, T + 5_000);
    expect(await store.priceHistory.range(1, 0, T + HOUR)).toEqual([
      { t: T - 2 * HOUR, price: 190 },
      { t: T - HOUR, price: 195 },
      { t: T, price: 200 },
    ]);
    expect(await store.priceHistory.range(2, 0, T + HOUR)).toEqual([]);
    await store.close();
  });
});
