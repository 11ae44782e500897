import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { webhookDeliveries } from '#src/delivery/webhooks/fanout.js';
import { testPayload, webhookPayload } from '#src/delivery/webhooks/payload.js';
import { WebhookPayloadSchema } from '#src/delivery/webhooks/payload-schema.js';
import type { AlertEvent, PriceAlertEvent } from '#src/domain/types.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { chan, cross, dm, flip, grade, level, SOL, T0 } from '../plan-fixtures.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'docs', 'webhook-payload.schema.json');

const priceAlert: PriceAlertEvent = {
  ...SOL,
  id: 'pa-1',
  kind: 'price_alert',
  alertId: 'abc123',
  destination: dm,
  rule: { kind: 'above', price: 210 },
  repeat: 'once',
  price: 211.5,
  source: 'stream',
  at: T0,
  priority: 95,
};

const events: AlertEvent[] = [
  { ...flip(SOL, 'f-1'), price: 150.2, priceAt: T0 - 5000, priceSource: 'Binance SOL/USDT', tmGrade: 71 },
  flip(SOL, 'f-2', 'hourly'),
  { ...level(SOL, 'l-1', 'level_approach'), url: 'https://app.tokenmetrics.com/en/solana' },
  level(SOL, 'l-2', 'level_breakout'),
  cross(SOL, 'c-1'),
  grade(SOL, 'g-1'),
  priceAlert,
  { ...grade(SOL, 'g-demo'), demo: true },
];

describe('webhook payload (docs/webhook-payload.schema.json)', () => {
  it('the documented JSON Schema is the one generated from the payload contract', () => {
    const generated = `${JSON.stringify(z.toJSONSchema(WebhookPayloadSchema), null, 2)}\n`;
    if (process.env.UPDATE_WEBHOOK_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    // Out of date: UPDATE_WEBHOOK_SCHEMA=1 npx vitest run test/delivery/webhooks/payload.test.ts
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it.each(events.map((e) => [e.kind, e] as const))('a real %s payload validates', (_kind, e) => {
    const p = webhookPayload(e, chan);
    expect(WebhookPayloadSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(p.id).toBe(e.id);
    expect(p.token).toEqual({ id: SOL.tokenId, symbol: 'SOL', name: 'Solana' });
    expect(p.message).toMatch(/^SOL: /);
    expect(p.destination).toEqual({ platform: 'discord', kind: 'channel' });
    expect(JSON.stringify(p)).not.toContain(chan.id); // no destination ids leave the bot
  });

  it('carries each kind its facts', () => {
    const [f, , l, , c, g, pa, demo] = events.map((e) => webhookPayload(e as AlertEvent, dm));
    expect(f?.price).toEqual({
      usd: 150.2,
      source: 'Binance SOL/USDT',
      at: new Date(T0 - 5000).toISOString(),
    });
    expect(f?.signal).toEqual({ timeframe: 'daily', from: -1, to: 1 });
    expect(f?.grade).toMatchObject({ tmGrade: 71 });
    expect(l?.level).toEqual({ usd: 100, side: 'resistance', strength: 80, distancePct: 1, direction: 'up' });
    expect(l?.price?.source).toBe('Token Metrics');
    expect(l?.links.token).toBe('https://app.tokenmetrics.com/en/solana');
    expect(c?.metric).toEqual({ name: 'SHARPE', value: 1.3, threshold: 1, direction: 'up' });
    expect(g?.grade).toMatchObject({ from: 'Neutral', to: 'Buy' });
    expect(pa?.priceAlert).toMatchObject({ alertId: 'abc123', rule: 'above $210.00', repeat: 'once' });
    expect(pa?.price).toMatchObject({ usd: 211.5, source: 'exchange stream' });
    expect(demo?.demo).toBe(true);
    expect(WebhookPayloadSchema.parse(testPayload('test_1', T0, dm)).kind).toBe('test');
  });

  it('planned messages become one delivery per event and webhook of their destination', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const add = (d: typeof dm, n: number) =>
      store.webhooks.add(
        { destination: d, url: `https://h.example/${n}`, secret: 'whsec_AAAA', createdAt: n },
        3,
      );
    await add(dm, 1);
    await add(dm, 2);
    const msg = (d: typeof dm, evs: AlertEvent[]) => ({
      id: `m-${d.id}`,
      destination: d,
      events: evs,
      createdAt: T0,
      origin: 'tick' as const,
    });
    const out = await webhookDeliveries(store.webhooks, [
      msg(dm, [events[0] as AlertEvent, events[4] as AlertEvent]),
      msg(chan, [events[5] as AlertEvent]), // no webhooks
    ]);
    expect(out).toHaveLength(4);
    expect(new Set(out.map((d) => d.id)).size).toBe(4);
    expect(out.map((d) => d.eventId).sort()).toEqual(['c-1', 'c-1', 'f-1', 'f-1']);
    for (const d of out) {
      expect(d.id).not.toMatch(/:/);
      expect(JSON.parse(d.body).id).toBe(d.eventId);
      expect(d.body).not.toContain('whsec_');
    }
    expect(await webhookDeliveries(store.webhooks, [])).toEqual([]);
    await store.close();
  });
});
