import { describe, expect, it } from 'vitest';
import { destinationKey } from '#src/domain/types.js';
import { ALERT_LOG_RETENTION_MS, type LoggedAlert } from '#src/store/alert-log-ports.js';
import type { Store } from '#src/store/ports.js';
import { MAX_WEBHOOKS_PER_DESTINATION } from '#src/store/webhook-ports.js';
import { chan, dm } from './fixtures.js';

const spec = (n: number, destination = dm('7')) => ({
  destination,
  url: `https://hooks.example.com/${n}`,
  secret: `whsec_c2VjcmV0LXNlY3JldC0${n}`,
  createdAt: 1_700_000_000_000 + n,
});

/** The webhook port (issue 21), run against both adapters. */
export function webhookTests(ctx: { store: Store }): void {
  describe('webhooks', () => {
    it('adds up to the limit per destination, lists oldest first and reads one back by id', async () => {
      const w = ctx.store.webhooks;
      const added = [];
      for (let n = 1; n <= MAX_WEBHOOKS_PER_DESTINATION; n++) {
        const r = await w.add(spec(n), MAX_WEBHOOKS_PER_DESTINATION);
        if (!r.ok) throw new Error('refused');
        expect(r.webhook.id).toMatch(/^wh[0-9a-z]{8}$/);
        added.push(r.webhook);
      }
      expect(await w.add(spec(9), MAX_WEBHOOKS_PER_DESTINATION)).toEqual({
        ok: false,
        reason: 'limit',
        count: 3,
      });
      // Another destination has its own budget.
      expect((await w.add(spec(4, chan('55')), MAX_WEBHOOKS_PER_DESTINATION)).ok).toBe(true);
      const list = await w.list(dm('7'));
      expect(list.map((x) => x.url)).toEqual(added.map((x) => x.url));
      expect(list[0]).toEqual(added[0]);
      expect(await w.get(added[1]?.id ?? '')).toEqual(added[1]);
      expect(await w.get('whnothere0')).toBeUndefined();
      expect(await w.count()).toBe(4);
    });

    it("removes only the owner destination's webhook, and frees its slot", async () => {
      const w = ctx.store.webhooks;
      const a = await w.add(spec(1), 1);
      if (!a.ok) throw new Error('refused');
      expect(await w.remove(dm('8'), a.webhook.id)).toBe(false);
      expect(await w.get(a.webhook.id)).toBeDefined();
      expect(await w.remove(dm('7'), a.webhook.id)).toBe(true);
      expect(await w.remove(dm('7'), a.webhook.id)).toBe(false);
      expect(await w.get(a.webhook.id)).toBeUndefined();
      expect(await w.list(dm('7'))).toEqual([]);
      expect(await w.count()).toBe(0);
      expect((await w.add(spec(2), 1)).ok).toBe(true);
    });

    it('byDestinations returns the webhooks of the destinations that have some', async () => {
      const w = ctx.store.webhooks;
      await w.add(spec(1), 3);
      await w.add(spec(2, chan('55')), 3);
      await w.add(spec(3, chan('55')), 3);
      const keys = [destinationKey(dm('7')), destinationKey(chan('55')), destinationKey(dm('99'))];
      const got = await w.byDestinations([...keys, keys[0] ?? '']);
      expect([...got.keys()].sort()).toEqual([keys[0], keys[1]].sort());
      expect(got.get(keys[1] ?? '')?.map((x) => x.url)).toEqual([spec(2).url, spec(3).url]);
      expect(await w.byDestinations([])).toEqual(new Map());
      const removed = got.get(keys[0] ?? '')?.[0];
      await w.remove(dm('7'), removed?.id ?? '');
      expect((await w.byDestinations(keys)).has(keys[0] ?? '')).toBe(false);
    });
  });

  describe('alert log', () => {
    const T = 1_800_000_000_000;
    const entry = (n: number, at: number): LoggedAlert => ({
      eventId: `e${n}`,
      at,
      detectedAt: at - 1000,
      tokenId: 3988,
      symbol: 'SOL',
      kind: 'level_touch',
      price: 150 + n,
      level: 151,
    });
    it('keeps the first record of an event, lists oldest first from `since`, bounded by limit', async () => {
      const log = ctx.store.alertLog;
      await log.record(dm('7'), [entry(2, T + 2000), entry(1, T + 1000)], T + 2000);
      await log.record(dm('7'), [{ ...entry(1, T + 9000), price: 999 }, entry(3, T + 3000)], T + 9000);
      await log.record(chan('55'), [entry(4, T + 4000)], T + 9000);
      const all = await log.list(dm('7'), 0, 100);
      expect(all.map((a) => a.eventId)).toEqual(['e1', 'e2', 'e3']);
      expect(all[0]).toEqual(entry(1, T + 1000));
      expect((await log.list(dm('7'), T + 2000, 100)).map((a) => a.eventId)).toEqual(['e2', 'e3']);
      expect((await log.list(dm('7'), 0, 2)).map((a) => a.eventId)).toEqual(['e1', 'e2']);
      expect(await log.list(dm('8'), 0, 100)).toEqual([]);
      expect((await log.list(chan('55'), 0, 100)).map((a) => a.eventId)).toEqual(['e4']);
    });
    it('drops entries older than the retention when the destination records again', async () => {
      const log = ctx.store.alertLog;
      await log.record(dm('7'), [entry(1, T)], T);
      const later = T + ALERT_LOG_RETENTION_MS + 5000;
      await log.record(dm('7'), [entry(2, later)], later);
      expect((await log.list(dm('7'), 0, 100)).map((a) => a.eventId)).toEqual(['e2']);
    });
  });
}
