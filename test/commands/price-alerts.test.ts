import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePriceAlert } from '#commands/price-alert-parse.js';
import type { ChartProvider, CommandDeps } from '#commands/types.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import type { Destination } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { call, dm, fakeMarket, makeCtx, makeDeps, NOW, say, text } from './fakes.js';

const EN = translatorFor('en');
const me = dm('telegram', '42');
const group: Destination = { platform: 'telegram', kind: 'group', id: '-100777', parentId: '-100777' };
const groupPlace = { kind: 'group', parentId: '-100777', chatId: '-100777' } as const;
const chanPlace = { kind: 'channel', parentId: 'g1', channelId: 'c1' } as const;
const here: Destination = { platform: 'discord', kind: 'channel', id: 'c1', parentId: 'g1' };

const solView: TokenView = {
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana',
  price: 200,
  updatedAt: NOW,
  levels: [{ level: 210, side: 'resistance', strength: 80, distancePct: 5 }],
};

describe('price alert parsing', () => {
  it.each([
    ['above 210', { condition: conditionOf([{ kind: 'above', price: 210 }]), repeat: 'once' }],
    ['below $1,234.5 every', { condition: conditionOf([{ kind: 'below', price: 1234.5 }]), repeat: 'every' }],
    ['> 0.00012', { condition: conditionOf([{ kind: 'above', price: 0.00012 }]), repeat: 'once' }],
    [
      'move 5% 1h',
      { condition: conditionOf([{ kind: 'move', pct: 5, windowMs: 3_600_000 }]), repeat: 'once' },
    ],
    [
      'MOVE 2.5 in 30m once',
      { condition: conditionOf([{ kind: 'move', pct: 2.5, windowMs: 1_800_000 }]), repeat: 'once' },
    ],
  ])('%s', (raw, want) => {
    expect(parsePriceAlert(raw, EN)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['above 210 and signal bullish', 'above $210.00 and signal bullish', 'once'],
    ['near support 2% and grade >= 70', 'near support 2% and grade >= 70', 'once'],
    ['move 5% 1h and hourly bearish every', 'move 5% 1h and hourly bearish', 'every'],
    ['NEAR RESISTANCE and sharpe<=0.5', 'near resistance 2% and sharpe <= 0.5', 'once'],
    ['below 180 and daily bearish and grade=>40', 'below $180.00 and signal bearish and grade >= 40', 'once'],
  ])('combined: %s', (raw, text, repeat) => {
    const r = parsePriceAlert(raw, EN);
    expect(r.ok && r.value.condition.text).toBe(text);
    expect(r.ok && r.value.repeat).toBe(repeat);
  });

  it.each([
    ['above -5', /above zero/],
    ['below 0', /above zero/],
    ['above 2O0', /not a price/],
    ['move 900% 1h', /between 0.1% and 100%/],
    ['move 5% 30s', /at least 1 minute/],
    ['move 5% 0m', /at least 1 minute/],
    ['move 5% 30d', /window/i],
    ['move 5%', /percentage and a window/],
    ['sideways 5', /not a condition/],
    ['above', /one price/],
    ['', /what to watch/],
    ['above 210 and signal bulish', /^Part 2 \("signal bulish"\): Say signal bullish or signal bearish/],
    ['above 210 and', /^Part 2 \(empty\)/],
    ['grade >= 170 and above 1', /^Part 1 .*0 to 100/],
    ['grade > 70', /Compare with >= or <=/],
    ['sharpe >= x', /not a number/],
    ['near support 50%', /at most 20%/],
    ['near floor', /near support or near resistance/],
    ['above 1 and above 2 and above 3 and above 4', /At most 3 parts/],
    ['above 1 and hourly sideways', /^Part 2 .*hourly bullish or hourly bearish/],
    ['above 210 and below 200', /^above \$210\.00 and below \$200\.00 can never hold together/],
    ['signal bullish and signal bearish', /can never hold together/],
    ['grade >= 80 and grade <= 70', /^grade >= 80 and grade <= 70 can never hold together/],
  ])('refuses %s', (raw, msg) => {
    const r = parsePriceAlert(raw, EN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});

describe('/alert, /alerts, /alert delete', () => {
  let store: Store;
  let deps: CommandDeps;
  beforeEach(() => {
    store = openSqliteStore({ file: ':memory:' });
    deps = makeDeps(store, { market: fakeMarket(new Map([[3988, solView]])) });
  });
  afterEach(() => store.close());

  it('sets a combined condition, lists it as written; a bad part is named and changes nothing', async () => {
    const ok = await say(makeCtx(), deps, '/alert sol above 210 and signal bullish and grade >= 70 every');
    // The fake market has no state for SOL: its signal and grade were never fetched.
    expect(text(ok)).toContain('Not known yet for SOL: signal bullish and grade >= 70.');
    expect(text(ok)).toMatch(
      /set for you: SOL above \$210\.00 and signal bullish and grade >= 70 \(every time\)/,
    );
    const bad = await say(makeCtx(), deps, '/alert sol above 210 and signal bulish');
    expect(bad.kind).toBe('error');
    expect(text(bad)).toContain('Part 2 ("signal bulish")');
    const list = await store.priceAlerts.list(me);
    expect(list.map((a) => a.condition.text)).toEqual(['above $210.00 and signal bullish and grade >= 70']);
    expect((await say(makeCtx(), deps, '/alerts')).lines[0]).toBe(
      `${list[0]?.id}  SOL above $210.00 and signal bullish and grade >= 70 (every time)`,
    );
  });

  it('sets, lists and deletes alerts of the caller', async () => {
    const ctx = makeCtx();
    // Alerts list oldest first: give each its own creation time.
    const at = (ms: number) => ({ ...ctx, now: NOW + ms });
    const r1 = await say(ctx, deps, '/alert sol above 210');
    expect(r1.kind).toBe('ok');
    expect(text(r1)).toMatch(/Alert [a-z0-9]{6} set for you: SOL above \$210\.00 \(once\)/);
    expect(text(r1)).toContain('Price now: $200.00');
    const r2 = await say(at(1), deps, '/alert SOL below 180 every');
    expect(text(r2)).toContain('at most once per cooldown');
    await say(at(2), deps, '/alert btc move 5% 1h');
    const stored = await store.priceAlerts.list(me);
    expect(stored.map((a) => a.condition.parts[0]?.kind)).toEqual(['above', 'below', 'move']);
    const list = await say(ctx, deps, '/alerts');
    expect(list.title).toBe('Your price alerts (3/20)');
    expect(list.lines[0]).toBe(`${stored[0]?.id}  SOL above $210.00 (once)`);
    expect(list.lines[2]).toBe(`${stored[2]?.id}  BTC move 5% 1h (once)`);
    const del = await say(ctx, deps, `/alert delete ${stored[1]?.id}`);
    expect(text(del)).toContain('Deleted');
    expect((await store.priceAlerts.list(me)).map((a) => a.id)).toEqual([stored[0]?.id, stored[2]?.id]);
    expect(text(await say(ctx, deps, `/alert delete ${stored[1]?.id}`))).toContain('No price alert');
  });

  it('near counts the levels this place calls strong: its minstrength, recorded on the part', async () => {
    // Default minstrength (50), said in the reply and kept on the alert.
    const plain = await say(makeCtx(), deps, '/alert SOL near resistance 6%');
    expect(text(plain)).toContain('"near" counts levels of strength 50 or more');
    await say(makeCtx(), deps, '/settings minstrength 85');
    const strict = await say(
      { ...makeCtx(), now: NOW + 1 },
      deps,
      '/alert SOL near resistance 6% and grade >= 70',
    );
    expect(text(strict)).toContain('"near" counts levels of strength 85 or more');
    const parts = (await store.priceAlerts.list(me)).map((a) => a.condition.parts[0]);
    expect(parts).toEqual(
      expect.arrayContaining([
        { kind: 'near', side: 'resistance', pct: 6, minStrength: 50 },
        { kind: 'near', side: 'resistance', pct: 6, minStrength: 85 },
      ]),
    );
    expect(parts).toHaveLength(2);
    // Only a condition with a near part gets the line; bad input stores nothing.
    expect(text(await say({ ...makeCtx(), now: NOW + 2 }, deps, '/alert SOL above 300'))).not.toContain(
      '"near"',
    );
    expect((await say(makeCtx(), deps, '/alert SOL near floor')).kind).toBe('error');
    expect(await store.priceAlerts.list(me)).toHaveLength(3);
  });

  it('says when the target is already passed', async () => {
    const r = await say(makeCtx(), deps, '/alert SOL above 150');
    expect(text(r)).toContain('already above $150.00');
  });

  it.each([
    '/alert SOL above -5',
    '/alert SOL move 900% 1h',
    '/alert SOL move 5% 10s',
    '/alert SOL',
    '/alert NOPE above 5',
    '/alert delete <b>x</b>',
  ])('GIVEN %s THEN a clear error and nothing stored', async (line) => {
    const r = await say(makeCtx(), deps, line);
    expect(r.kind).toBe('error');
    expect(text(r)).not.toContain('<b>');
    expect(await store.priceAlerts.list(me)).toEqual([]);
  });

  it('enforces the limit per destination', async () => {
    const small = {
      ...deps,
      limits: { maxSubscriptionsPerDestination: 25, maxPriceAlertsPerDestination: 2 },
    };
    const ctx = makeCtx();
    await say(ctx, small, '/alert SOL above 300');
    await say(ctx, small, '/alert SOL above 301');
    const r = await say(ctx, small, '/alert SOL above 302');
    expect(r.kind).toBe('error');
    expect(text(r)).toContain('You have 2 price alerts, the limit is 2');
    expect(await store.priceAlerts.list(me)).toHaveLength(2);
  });

  it("cannot delete someone else's alert", async () => {
    await say(makeCtx({ userId: '1' }), deps, '/alert SOL above 300');
    const [theirs] = await store.priceAlerts.list(dm('telegram', '1'));
    const r = await say(makeCtx(), deps, `/alert delete ${theirs?.id}`);
    expect(r.kind).toBe('error');
    expect(await store.priceAlerts.list(dm('telegram', '1'))).toHaveLength(1);
  });

  it('in a Telegram group: admins set group alerts, members are refused', async () => {
    const admin = makeCtx({ place: groupPlace, moderator: true });
    expect((await say(admin, deps, '/alert SOL above 300')).kind).toBe('ok');
    expect(await store.priceAlerts.list(group)).toHaveLength(1);
    const member = makeCtx({ place: groupPlace, moderator: false });
    const r = await say(member, deps, '/alert SOL above 301');
    expect(text(r)).toContain("Only group admins can change this group's price alerts");
    expect(await store.priceAlerts.list(group)).toHaveLength(1);
    expect(text(await say(member, deps, '/alerts'))).toContain('Only group admins');
  });

  it('/channel alert: moderators only, on this channel', async () => {
    const mod = makeCtx({ platform: 'discord', userId: '7', place: chanPlace, moderator: true });
    const r = await call(mod, deps, 'channel', { symbol: 'SOL', condition: 'move 3% 4h every' }, 'alert');
    expect(r.kind).toBe('ok');
    const [a] = await store.priceAlerts.list(here);
    expect(a?.condition.parts[0]).toEqual({ kind: 'move', pct: 3, windowMs: 4 * 3_600_000 });
    expect((await call(mod, deps, 'channel', {}, 'alerts')).lines[0]).toContain(
      'SOL move 3% 4h (every time)',
    );
    const member = makeCtx({ platform: 'discord', userId: '8', place: chanPlace, moderator: false });
    const refused = await call(
      member,
      deps,
      'channel',
      { symbol: 'delete', condition: a?.id ?? '' },
      'alert',
    );
    expect(text(refused)).toMatch(/moderators/i);
    expect(await store.priceAlerts.list(here)).toHaveLength(1);
    await call(mod, deps, 'channel', { symbol: 'delete', condition: a?.id ?? '' }, 'alert');
    expect(await store.priceAlerts.list(here)).toEqual([]);
  });

  it('/alerts shows how to start when empty; without a price-alert store it says so', async () => {
    expect(text(await say(makeCtx(), deps, '/alerts'))).toContain('No price alerts for you');
    const bare = makeDeps({
      subscriptions: store.subscriptions,
      destinations: store.destinations,
      settings: store.settings,
    });
    expect(text(await say(makeCtx(), bare, '/alert SOL above 5'))).toContain('not available');
  });
});

describe('/chart', () => {
  it('replies with the image and the levels; range defaults to 7d', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const asked: unknown[] = [];
    const charts: ChartProvider = {
      async tokenChart(req) {
        asked.push(req);
        return { png: new Uint8Array([137, 80, 78, 71]), filename: 'sol-7d.png', alt: 'SOL chart' };
      },
    };
    const deps = makeDeps(store, { charts, market: fakeMarket(new Map([[3988, solView]])) });
    const r = await say(makeCtx(), deps, '/chart sol');
    expect(r.kind).toBe('ok');
    expect(r.title).toBe('SOL · 7d');
    expect(r.image?.filename).toBe('sol-7d.png');
    expect(text(r)).toContain('$210.00');
    expect(asked).toEqual([{ tokenId: 3988, symbol: 'SOL', range: '7d', now: NOW, locale: 'en' }]);
    await say(makeCtx(), deps, '/chart SOL 30d');
    expect(asked[1]).toMatchObject({ range: '30d' });
    const bad = await say(makeCtx(), deps, '/chart SOL 5y');
    expect(bad.kind).toBe('error');
    expect(asked).toHaveLength(2);
    const none = await say(makeCtx(), makeDeps(store), '/chart SOL');
    expect(text(none)).toContain('not available');
    await store.close();
  });
});

describe('charts setting', () => {
  it('defaults to on, turns off and back, refuses nonsense', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const deps = makeDeps(store);
    const ctx = makeCtx();
    expect(text(await say(ctx, deps, '/settings'))).toContain('charts: on (default)');
    expect((await say(ctx, deps, '/settings charts off')).kind).toBe('ok');
    expect(await store.settings.get('telegram:dm:42')).toEqual({ charts: false });
    const bad = await say(ctx, deps, '/settings charts maybe');
    expect(bad.kind).toBe('error');
    expect(await store.settings.get('telegram:dm:42')).toEqual({ charts: false });
    await say(ctx, deps, '/settings charts on');
    expect(await store.settings.get('telegram:dm:42')).toEqual({ charts: true });
    await store.close();
  });
});
