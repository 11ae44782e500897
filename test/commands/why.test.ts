/**
 * /why worded from the engine's and the planner's explanations, against a real (SQLite) store: every
 * line of a busy place pinned, a metric beyond Sharpe covered by the planner's own cooldown classes,
 * times in the place's zone, and bad input answered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { cooldownKey, counterKey, HOUR_MS, hourWindow } from '#src/delivery/plan/index.js';
import { type ConditionPart, conditionOf } from '#src/domain/price-alerts.js';
import { type Destination, destinationKey } from '#src/domain/types.js';
import type { TokenState } from '#src/engine/index.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store, StoredSuppression } from '#src/store/ports.js';
import { call, makeCtx, makeDeps, NOW, say, text } from './fakes.js';

const MIN = 60_000;
const SOL = 3988;
const group: Destination = { platform: 'telegram', kind: 'group', id: '-100', parentId: '-100' };
const GROUP_PLACE = { kind: 'group', parentId: '-100', chatId: '-100' } as const;

/** SOL at 101.5: approaching support 100, a pending breakout at 101 (weak 102.6 inside the band). */
const STATE: TokenState = {
  v: 1,
  tokenId: SOL,
  symbol: 'SOL',
  name: 'Solana',
  updatedAt: NOW,
  price: { value: 101.5, at: NOW - 30_000 },
  daily: { signal: 1, trend: 1, date: '2026-11-28', at: NOW },
  hourly: { signal: -1, position: -1, timestamp: '2026-11-28T11:00:00', at: NOW },
  levels: {
    at: NOW,
    profiles: '2',
    items: [
      {
        key: '100',
        level: 100,
        count: 3,
        newest: '2026-11-01',
        strength: 83,
        phases: { '2': { p: 'near', ref: 'above', since: NOW - 10 * MIN } },
      },
      {
        key: '101',
        level: 101,
        count: 2,
        newest: '2026-10-01',
        strength: 60,
        phases: { '2': { p: 'far', ref: 'below', since: NOW - HOUR_MS, x: NOW - 2 * MIN } },
      },
      {
        key: '102.6',
        level: 102.6,
        count: 1,
        newest: '2020-01-01',
        strength: 18,
        phases: { '2': { p: 'far', ref: 'below', since: NOW - HOUR_MS } },
      },
    ],
  },
  metrics: { at: NOW, values: { SHARPE: 0.95, MAX_DRAWDOWN: -12 } },
  sides: {
    'SHARPE@1': { side: 'below', since: NOW - 24 * HOUR_MS },
    'MAX_DRAWDOWN@-20': { side: 'above', since: NOW - 24 * HOUR_MS },
  },
};

let store: Store;
let deps: CommandDeps;
beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
  deps = makeDeps(store, {
    store,
    market: { view: async () => undefined, state: async (id) => (id === SOL ? STATE : undefined) },
  });
});
afterEach(async () => {
  await store.close();
});

const sup = (over: Partial<StoredSuppression>): StoredSuppression => ({
  destination: group,
  tokenId: SOL,
  symbol: 'SOL',
  kind: 'level_touch',
  eventId: `e${Math.random()}`,
  reason: 'cooldown',
  at: NOW,
  ...over,
});

describe('/why', () => {
  it('words every part of the explanation, in the place’s time zone', async () => {
    const key = destinationKey(group);
    await store.subscriptions.subscribe(group, SOL, 'SOL', ['signal', 'levels'], NOW);
    await store.settings.update(key, { quietHours: { start: '22:00', end: '07:00', tz: 'Europe/Berlin' } });
    const ck = (cls: string) => cooldownKey(key, SOL, cls);
    await store.marks.set(
      [
        { key: ck('flip_daily'), ttlMs: 50 * MIN },
        { key: ck('flip_hourly'), ttlMs: 30 * MIN },
        { key: ck('cross_MAX_DRAWDOWN'), ttlMs: 20 * MIN },
      ],
      NOW,
    );
    await store.counters.increment([counterKey(key)], hourWindow(NOW), HOUR_MS, 3);
    await store.suppressions.record([
      sup({
        kind: 'metric_cross',
        reason: 'quiet_hours',
        until: NOW - 6 * HOUR_MS,
        at: NOW - 2 * 24 * HOUR_MS,
      }),
      sup({ kind: 'level_touch', reason: 'inhibited', by: 'level_breakout', at: NOW - 3 * MIN }),
      sup({ kind: 'signal_flip', reason: 'cooldown', at: NOW - 5 * MIN }),
    ]);
    const r = await say(makeCtx({ place: GROUP_PLACE }), deps, '/why SOL');
    expect(r.kind).toBe('ok');
    expect(text(r).split('\n')).toEqual([
      'Why: SOL in this group',
      'Price $101.50 from the market feed, 30s old',
      'Followed here for: signal, levels; not for hourly, risk, grade',
      'Levels (proximity 2%, minstrength 50):',
      '  S $101.00 -0.49% (inside the band) · strength 60 · armed, inside the band; breakout pending since 12:58 GMT+1',
      '  S $100.00 -1.48% (inside the band) · strength 83 · approaching (since 12:50 GMT+1); re-arms once price is over 3% away (now 1.5%)',
      '  $102.60 is within the band but strength 18 is below minstrength 50',
      'Daily signal: bullish (2026-11-28)',
      'Hourly signal: bearish (2026-11-28T11:00)',
      'Sharpe: 0.95, below threshold 1; alerts on crossing 1.1 up or 0.9 down',
      'Price alerts on SOL here: none (e.g. /alert SOL above 210)',
      'Mute: off',
      'Quiet hours 22:00-07:00 Europe/Berlin',
      'Cooldown 1h per kind: daily flip until 13:50 GMT+1, hourly flip until 13:30 GMT+1, max drawdown until 13:20 GMT+1',
      'Hourly cap: 3 of 20 sent this hour',
      'Recent suppressions:',
      '  12:55 GMT+1 signal flip: cooldown until 13:50 GMT+1 (daily flip) or 13:30 GMT+1 (hourly flip)',
      '  12:57 GMT+1 touch: inhibited by breakout',
      '  Nov 26 13:00 GMT+1 metric crossing: held for quiet hours until 07:00 GMT+1',
    ]);
  });

  it("lists the place's price alerts on the token and which parts hold now", async () => {
    const add = (parts: ConditionPart[], createdAt = NOW) =>
      store.priceAlerts.add(
        {
          destination: group,
          tokenId: SOL,
          symbol: 'SOL',
          condition: conditionOf(parts),
          repeat: 'once',
          createdAt,
        },
        20,
      );
    await add([
      { kind: 'above', price: 100 },
      { kind: 'signal', timeframe: 'daily', value: 'bullish' },
      { kind: 'signal', timeframe: 'hourly', value: 'bullish' },
    ]);
    await add(
      [
        { kind: 'move', pct: 5, windowMs: HOUR_MS },
        { kind: 'near', side: 'support', pct: 2 },
      ],
      NOW + 1,
    );
    // Another token's alert and another place's alert are not listed.
    await store.priceAlerts.add(
      {
        destination: group,
        tokenId: 1,
        symbol: 'BTC',
        condition: conditionOf([{ kind: 'above', price: 1 }]),
        repeat: 'once',
        createdAt: NOW,
      },
      20,
    );
    await store.priceHistory.record([{ tokenId: SOL, t: NOW - 20 * MIN, price: 96 }]);
    const lines = text(await say(makeCtx({ place: GROUP_PLACE }), deps, '/why SOL')).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Price alerts on SOL here (2)'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 10).map((l) => l.replace(/^ {2}[a-z0-9]{6} /, '  <id> '))).toEqual([
      '  <id> above $100.00 and signal bullish and hourly bullish (once): does not hold now',
      '    ✓ above $100.00: $101.50',
      '    ✓ signal bullish: bullish',
      '    ✗ hourly bullish: bearish',
      '  <id> move 5% 1h and near support 2% (once): holds now',
      '    ✓ move 5% 1h: +5.73% from $96.00',
      '    ✓ near support 2%: support $101.00, +0.50% away',
      '  An alert that holds now fires the next time it becomes true again (after being false).',
      'Mute: off',
    ]);
  });

  it('says what holds alerts now: the hourly cap, a mute lasting into quiet hours, a token mute', async () => {
    const dm: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
    const key = destinationKey(dm);
    await store.subscriptions.subscribe(dm, SOL, 'SOL', ['levels'], NOW);
    await store.counters.increment([counterKey(key)], hourWindow(NOW), HOUR_MS, 2);
    await store.settings.update(key, {
      maxPerHour: 2,
      mutedUntil: NOW + HOUR_MS,
      quietHours: { start: '11:00', end: '15:00', tz: 'UTC' },
      tokenMutes: { [SOL]: NOW + 2 * 24 * HOUR_MS },
    });
    const lines = text(await say(makeCtx(), deps, '/why SOL')).split('\n');
    expect(lines).toContain('Muted until 13:00 UTC (alerts held until 15:00 UTC)');
    expect(lines).toContain('This token is muted until Nov 30 12:00 UTC');
    expect(lines).toContain('Quiet hours 11:00-15:00 UTC: now, alerts held until 15:00 UTC');
    expect(lines).toContain('Hourly cap: 2 of 2 sent this hour');
    await store.settings.update(key, { mutedUntil: null, quietHours: null, muteMode: 'drop' });
    const capped = text(await say(makeCtx(), deps, '/why SOL')).split('\n');
    expect(capped).toContain('Mute: off');
    expect(capped).toContain('Hourly cap: 2 of 2 sent this hour; alerts held until 13:00 UTC');
  });

  it('a crossing on a token watched on Sharpe alone is a Sharpe crossing; an ended cooldown says so', async () => {
    deps = makeDeps(store, {
      store,
      market: {
        view: async () => undefined,
        state: async () => ({ ...STATE, sides: { 'SHARPE@1': { side: 'below', since: NOW - HOUR_MS } } }),
      },
    });
    await store.suppressions.record([
      sup({
        destination: { platform: 'telegram', kind: 'dm', id: '42' },
        kind: 'metric_cross',
        at: NOW - MIN,
      }),
    ]);
    const out = text(await say(makeCtx(), deps, '/why SOL'));
    expect(out).toContain('11:59 UTC Sharpe crossing: cooldown (since ended)');
    expect(out).toContain('Not followed here, so no SOL alerts come here. Add them with /subscribe SOL.');
  });

  it('bad input gets a clear answer and reads nothing', async () => {
    let reads = 0;
    deps = makeDeps(store, {
      store,
      market: {
        view: async () => undefined,
        state: async () => {
          reads++;
          return STATE;
        },
      },
    });
    // Both paths stop at the missing required option, before the handler.
    for (const none of [await call(makeCtx(), deps, 'why', {}), await say(makeCtx(), deps, '/why')]) {
      expect(none.kind).toBe('error');
      expect(text(none)).toMatch(/Missing symbol\.\s+Usage: \/why SOL/);
    }
    const unknown = await say(makeCtx(), deps, '/why NOPE');
    expect(unknown.kind).toBe('error');
    expect(text(unknown)).toMatch(/I don't know the token NOPE/);
    expect(reads).toBe(0);
  });
});
