/** SubscriptionStore part of the conformance suite (see conformance.ts). */
import { describe, expect, it } from 'vitest';
import { destinationKey, type Subscription } from '#src/domain/types.js';
import { parentScope, type Store } from '#src/store/ports.js';
import { chan, dm, guild, tgGroup } from './fixtures.js';

const symbols = (subs: readonly Subscription[]) => subs.map((s) => s.symbol);

export function subscriptionTests(ctx: { store: Store }): void {
  describe('subscriptions', () => {
    it('subscribe is idempotent and merges types in canonical order', async () => {
      const s = ctx.store.subscriptions;
      const first = await s.subscribe(chan('1'), 3375, 'BTC', ['levels'], 1000);
      expect(first).toEqual({
        destination: chan('1'),
        tokenId: 3375,
        symbol: 'BTC',
        types: ['levels'],
        createdAt: 1000,
      });
      expect(await s.subscribe(chan('1'), 3375, 'BTC', ['levels'], 2000)).toEqual(first);
      const merged = await s.subscribe(chan('1'), 3375, 'BTC', ['grade', 'signal', 'levels'], 3000);
      expect(merged.types).toEqual(['signal', 'levels', 'grade']);
      expect(merged.createdAt).toBe(1000);
      expect(await s.list(chan('1'))).toEqual([merged]);
      expect((await s.list(chan('1'))).length).toBe(1);
      await expect(s.subscribe(chan('1'), 1, 'ETH', [], 1)).rejects.toThrow(/alert type/);
    });

    it('keeps symbols and ids with JSON-looking characters intact through merges', async () => {
      const s = ctx.store.subscriptions;
      const odd = 'X","types":["grade"],"createdAt":1,"destination":{}/\\ü🚀';
      const d = { platform: 'discord', kind: 'channel', id: '1"}', parentId: 'g,"x"' } as const;
      await s.subscribe(d, 9, odd, ['risk'], 5);
      await s.subscribe(d, 9, odd, ['signal'], 6);
      expect(await s.unsubscribe(d, 9, ['risk'])).toBe(true);
      const want = { destination: d, tokenId: 9, symbol: odd, types: ['signal'], createdAt: 5 };
      expect(await s.list(d)).toEqual([want]);
      expect(await s.listByParent('discord', 'g,"x"')).toEqual([want]);
      expect((await s.subscribersOf([9])).get(9)).toEqual([want]);
    });

    it('unsubscribe removes given types, and the whole subscription with the last one', async () => {
      const s = ctx.store.subscriptions;
      await s.subscribe(dm('5'), 1, 'ETH', ['signal', 'levels', 'risk'], 1);
      expect(await s.unsubscribe(dm('5'), 1, ['levels'])).toBe(true);
      expect((await s.list(dm('5')))[0]?.types).toEqual(['signal', 'risk']);
      expect(await s.unsubscribe(dm('5'), 1, ['hourly'])).toBe(false);
      expect((await s.subscribersOf([1])).get(1)?.[0]?.types).toEqual(['signal', 'risk']);
      expect(await s.unsubscribe(dm('5'), 1, ['signal', 'risk'])).toBe(true);
      expect(await s.list(dm('5'))).toEqual([]);
      expect(await s.watchedTokens()).toEqual([]);
      expect(await s.unsubscribe(dm('5'), 1)).toBe(false);
      await s.subscribe(dm('5'), 2, 'SOL', ['signal', 'grade'], 1);
      expect(await s.unsubscribe(dm('5'), 2)).toBe(true);
      expect((await s.list(dm('5'))).length).toBe(0);
      expect(await s.subscribersOf([1, 2])).toEqual(new Map());
    });

    it('lists sort by symbol; listByParent by destination then symbol', async () => {
      const s = ctx.store.subscriptions;
      await s.subscribe(chan('2'), 30, 'SOL', ['signal'], 1);
      await s.subscribe(chan('2'), 10, 'BTC', ['signal'], 1);
      await s.subscribe(chan('1'), 20, 'ETH', ['signal'], 1);
      await s.subscribe(chan('1'), 10, 'BTC', ['levels'], 1);
      await s.subscribe(chan('3', '901'), 10, 'BTC', ['levels'], 1);
      await s.subscribe(dm('1'), 10, 'BTC', ['levels'], 1);
      await ctx.store.destinations.deactivate(chan('2'), 'missing_permissions', 5);
      expect(symbols(await s.list(chan('2')))).toEqual(['BTC', 'SOL']);
      const byParent = await s.listByParent('discord', guild);
      expect(byParent.map((x) => `${destinationKey(x.destination)}/${x.symbol}`)).toEqual([
        'discord:channel:1/BTC',
        'discord:channel:1/ETH',
        'discord:channel:2/BTC',
        'discord:channel:2/SOL',
      ]);
      expect(byParent[0]?.destination).toEqual(chan('1'));
      expect(await s.listByParent('telegram', guild)).toEqual([]);
      expect((await s.list(chan('2'))).length).toBe(2);
      expect((await s.list(chan('9'))).length).toBe(0);
    });

    it('listMany gives each destination what list gives, sorted, and leaves out the empty ones', async () => {
      const s = ctx.store.subscriptions;
      await s.subscribe(chan('lm1'), 3375, 'BTC', ['levels'], 1);
      await s.subscribe(chan('lm1'), 1027, 'ETH', ['signal'], 1);
      await s.subscribe(chan('lm2'), 3375, 'BTC', ['grade'], 1);
      const many = await s.listMany([chan('lm1'), chan('lm2'), chan('lm-none'), chan('lm1')]);
      expect([...many.keys()].sort()).toEqual([destinationKey(chan('lm1')), destinationKey(chan('lm2'))]);
      expect(many.get(destinationKey(chan('lm1')))).toEqual(await s.list(chan('lm1')));
      expect(many.get(destinationKey(chan('lm2')))).toEqual(await s.list(chan('lm2')));
      expect((await s.listMany([])).size).toBe(0);
    });

    it('subscribersOf batches 1,000 tokens and leaves out inactive destinations', async () => {
      const s = ctx.store.subscriptions;
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          s.subscribe(chan(String(i % 3)), i + 1, `T${i + 1}`, ['signal'], 1),
        ),
      );
      await s.subscribe(dm('7'), 1, 'T1', ['risk'], 1);
      await ctx.store.destinations.deactivate(chan('0'), 'not_found', 10);
      const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
      const got = await s.subscribersOf(ids);
      // Tokens 1, 4, 7… belonged to channel 0 only (except token 1, which dm 7 also has).
      expect(got.size).toBe(201);
      expect(got.get(1)?.map((x) => destinationKey(x.destination))).toEqual(['telegram:dm:7']);
      expect(got.has(4)).toBe(false);
      expect(got.get(2)?.[0]).toMatchObject({ tokenId: 2, symbol: 'T2', types: ['signal'] });
      expect(got.has(301)).toBe(false);
      const watched = await s.watchedTokens();
      expect(watched).toHaveLength(201);
      expect(watched.slice(0, 4)).toEqual([1, 2, 3, 5]);
      await ctx.store.destinations.reactivate(chan('0'));
      expect((await s.subscribersOf([4])).get(4)?.[0]?.destination).toEqual(chan('0'));
      expect(await s.watchedTokens()).toHaveLength(300);
      expect((await s.subscribersOf([1])).get(1)).toHaveLength(2);
    });

    it('deactivate, status, clearNotice and reactivate', async () => {
      const s = ctx.store.subscriptions;
      await s.subscribe(dm('8'), 5, 'ADA', ['signal'], 1);
      await ctx.store.destinations.deactivate(dm('8'), 'blocked', 1234);
      await ctx.store.destinations.deactivate(dm('8'), 'blocked', 1234);
      let st = await ctx.store.destinations.status([dm('8'), dm('9')]);
      expect(st.get(destinationKey(dm('8')))).toEqual({
        active: false,
        reason: 'blocked',
        since: 1234,
        noticePending: true,
      });
      expect(st.get(destinationKey(dm('9')))?.active ?? true).toBe(true);
      expect(await s.watchedTokens()).toEqual([]);
      await ctx.store.destinations.clearNotice(dm('8'));
      st = await ctx.store.destinations.status([dm('8')]);
      expect(st.get(destinationKey(dm('8')))).toMatchObject({ active: false, noticePending: false });
      // Subscribing while inactive keeps the subscription out of delivery until reactivation.
      await s.subscribe(dm('8'), 6, 'XRP', ['signal'], 2);
      expect(await s.subscribersOf([5, 6])).toEqual(new Map());
      await ctx.store.destinations.reactivate(dm('8'));
      st = await ctx.store.destinations.status([dm('8')]);
      expect(st.get(destinationKey(dm('8')))?.active ?? true).toBe(true);
      expect(await s.watchedTokens()).toEqual([5, 6]);
      await ctx.store.destinations.clearNotice(dm('8'));
      expect(
        (await ctx.store.destinations.status([dm('8')])).get(destinationKey(dm('8')))?.active ?? true,
      ).toBe(true);
    });

    it('rekey moves subscriptions, settings and status; the old id is gone', async () => {
      const st = ctx.store;
      const s = st.subscriptions;
      const from = tgGroup('-100');
      const to = tgGroup('-100200');
      await s.subscribe(from, 1, 'BTC', ['signal'], 10);
      await s.subscribe(from, 2, 'ETH', ['levels'], 11);
      await s.subscribe(to, 2, 'ETH', ['risk'], 12);
      await st.settings.update(destinationKey(from), { proximityPct: 3, cooldownSec: 10 });
      await st.settings.update(destinationKey(to), { cooldownSec: 20 });
      await st.settings.update(parentScope('telegram', '-100'), { maxPerHour: 4 });
      await s.rekey(from, to);
      expect(await s.list(from)).toEqual([]);
      expect((await s.list(from)).length).toBe(0);
      const moved = await s.list(to);
      expect(moved.map((x) => [x.symbol, x.types, x.destination])).toEqual([
        ['BTC', ['signal'], to],
        ['ETH', ['levels', 'risk'], to],
      ]);
      expect(moved[0]?.createdAt).toBe(10);
      const subs = await s.subscribersOf([1, 2]);
      expect(subs.get(1)?.map((x) => destinationKey(x.destination))).toEqual([destinationKey(to)]);
      expect(subs.get(2)?.map((x) => destinationKey(x.destination))).toEqual([destinationKey(to)]);
      expect(await s.listByParent('telegram', '-100')).toEqual([]);
      expect(symbols(await s.listByParent('telegram', '-100200'))).toEqual(['BTC', 'ETH']);
      expect(await st.settings.get(destinationKey(from))).toBeUndefined();
      expect(await st.settings.get(destinationKey(to))).toEqual({ proximityPct: 3, cooldownSec: 20 });
      expect(await st.settings.get(parentScope('telegram', '-100'))).toBeUndefined();
      expect(await st.settings.get(parentScope('telegram', '-100200'))).toEqual({ maxPerHour: 4 });
      expect(await s.watchedTokens()).toEqual([1, 2]);
    });

    it('rekey carries an inactive status to the new id', async () => {
      const s = ctx.store.subscriptions;
      const from = tgGroup('-5');
      const to = tgGroup('-1005');
      await s.subscribe(from, 1, 'BTC', ['signal'], 10);
      await ctx.store.destinations.deactivate(from, 'kicked', 77);
      await s.rekey(from, to);
      const st = await ctx.store.destinations.status([from, to]);
      expect(st.get(destinationKey(from))?.active ?? true).toBe(true);
      expect(st.get(destinationKey(to))).toMatchObject({ active: false, reason: 'kicked', since: 77 });
      expect(await s.watchedTokens()).toEqual([]);
      await ctx.store.destinations.reactivate(to);
      expect((await s.subscribersOf([1])).get(1)?.[0]?.destination).toEqual(to);
    });
  });
}
