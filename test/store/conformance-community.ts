/** Issue 20 (communities) part of the conformance suite: forum topics as destinations; the brief store. */
import { describe, expect, it } from 'vitest';
import { generalOf, topicDestination } from '#src/domain/topics.js';
import { destinationKey } from '#src/domain/types.js';
import { parentScope, type Store } from '#src/store/ports.js';

const CHAT = '-1001234567890';

export function communityTests(ctx: { store: Store }): void {
  describe('forum topics', () => {
    it('keeps each topic its own subscriptions, apart from General and each other', async () => {
      const s = ctx.store.subscriptions;
      const a = topicDestination(CHAT, 11);
      const b = topicDestination(CHAT, 22);
      await s.subscribe(a, 1, 'SOL', ['levels'], 1);
      await s.subscribe(b, 2, 'ETH', ['signal'], 2);
      await s.subscribe(topicDestination(CHAT), 3, 'BTC', ['grade'], 3);
      expect((await s.list(a)).map((x) => x.symbol)).toEqual(['SOL']);
      expect((await s.list(b)).map((x) => x.symbol)).toEqual(['ETH']);
      expect((await s.list(generalOf(a))).map((x) => x.symbol)).toEqual(['BTC']);
      // The topic survives the store: destination, id and thread come back as they went in.
      expect((await s.subscribersOf([1])).get(1)?.[0]?.destination).toEqual(a);
      expect((await s.listByParent('telegram', CHAT)).map((x) => x.symbol).sort()).toEqual([
        'BTC',
        'ETH',
        'SOL',
      ]);
    });

    it('moving a gone topic to General merges its subscriptions and settings there', async () => {
      const s = ctx.store.subscriptions;
      const topic = topicDestination(CHAT, 33);
      const general = generalOf(topic);
      await s.subscribe(topic, 1, 'SOL', ['levels'], 10);
      await s.subscribe(topic, 2, 'ETH', ['signal'], 10);
      await s.subscribe(general, 1, 'SOL', ['signal'], 5);
      await ctx.store.settings.update(destinationKey(topic), { minStrength: 70, cooldownSec: 60 });
      await ctx.store.settings.update(destinationKey(general), { cooldownSec: 600 });
      await s.rekey(topic, general);
      expect(await s.list(topic)).toEqual([]);
      const moved = await s.list(general);
      expect(moved.map((x) => [x.symbol, x.types, x.createdAt])).toEqual([
        ['ETH', ['signal'], 10],
        ['SOL', ['signal', 'levels'], 5],
      ]);
      // General's own values win; the topic's others move with it.
      expect(await ctx.store.settings.get(destinationKey(general))).toEqual({
        cooldownSec: 600,
        minStrength: 70,
      });
      expect(await ctx.store.settings.get(destinationKey(topic))).toBeUndefined();
      // The group default is untouched (same parent).
      expect(await ctx.store.settings.get(parentScope('telegram', CHAT))).toBeUndefined();
    });
  });

  describe('briefs', () => {
    it('set, get, replace, list and clear per destination (topics apart from their group)', async () => {
      const b = ctx.store.briefs;
      const topic = topicDestination(CHAT, 44);
      const dm = { platform: 'telegram', kind: 'dm', id: '42' } as const;
      expect(await b.get(topic)).toBeUndefined();
      await b.set(topic, { time: '08:00', tz: 'Europe/Berlin', createdAt: 5 });
      await b.set(dm, { time: '07:30', tz: 'UTC', createdAt: 6 });
      await b.set(dm, { time: '06:15', tz: 'Asia/Tokyo', createdAt: 7 });
      expect(await b.get(topic)).toEqual({ time: '08:00', tz: 'Europe/Berlin', createdAt: 5 });
      expect(await b.get(generalOf(topic))).toBeUndefined();
      const all = (await b.all()).sort((x, y) => x.destination.id.localeCompare(y.destination.id));
      expect(all).toEqual(
        [
          { destination: topic, schedule: { time: '08:00', tz: 'Europe/Berlin', createdAt: 5 } },
          { destination: dm, schedule: { time: '06:15', tz: 'Asia/Tokyo', createdAt: 7 } },
        ].sort((x, y) => x.destination.id.localeCompare(y.destination.id)),
      );
      expect(await b.clear(dm)).toBe(true);
      expect(await b.clear(dm)).toBe(false);
      expect((await b.all()).map((x) => x.destination)).toEqual([topic]);
    });

    it('moves with the subscriptions when a topic goes to General (a brief set there wins)', async () => {
      const b = ctx.store.briefs;
      const s = ctx.store.subscriptions;
      const gone = topicDestination(CHAT, 55);
      const other = topicDestination(CHAT, 56);
      const general = generalOf(gone);
      await s.subscribe(gone, 1, 'SOL', ['levels'], 1);
      await b.set(gone, { time: '08:00', tz: 'Europe/Berlin', createdAt: 1 });
      await s.rekey(gone, general);
      expect(await b.get(gone)).toBeUndefined();
      expect(await b.get(general)).toEqual({ time: '08:00', tz: 'Europe/Berlin', createdAt: 1 });
      expect((await b.all()).find((x) => x.destination.id === general.id)?.destination).toEqual(general);
      await s.subscribe(other, 2, 'ETH', ['levels'], 1);
      await b.set(other, { time: '09:00', tz: 'UTC', createdAt: 2 });
      await s.rekey(other, general);
      expect(await b.get(general)).toEqual({ time: '08:00', tz: 'Europe/Berlin', createdAt: 1 });
      expect(await b.get(other)).toBeUndefined();
    });
  });
}
