import { describe, expect, it } from 'vitest';
import { describeAlert } from '#src/delivery/describe.js';
import { cooldown, cooldownKey, dedupKey, plan, planKeys } from '#src/delivery/plan/index.js';
import { conditionOf } from '#src/domain/price-alerts.js';
import { type Destination, destinationKey, type PriceAlertEvent } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { eventEmbed } from '#src/platforms/discord/render.js';
import { renderEvent } from '#src/platforms/telegram/render.js';
import { chan, dm, group, ids, level, SOL, sub, subsByToken, T0 } from '../plan-fixtures.js';
import { ctxOf } from './helpers.js';

const EN = { t: translatorFor('en') };

function priceAlert(
  id: string,
  destination: Destination,
  over: Partial<PriceAlertEvent> = {},
): PriceAlertEvent {
  return {
    ...SOL,
    id,
    kind: 'price_alert',
    at: T0,
    priority: 85,
    alertId: `a${id}`,
    destination,
    rule: { kind: 'above', price: 210 },
    repeat: 'once',
    price: 211,
    source: 'poll',
    ...over,
  };
}

const base = (events: Parameters<typeof plan>[0]['events']) => ({
  events,
  subscribers: subsByToken([sub(dm, SOL), sub(chan, SOL, ['levels'])]),
  settings: new Map(),
  marks: new Set<string>(),
  held: [],
  counters: new Map<string, number>(),
  now: T0,
});

describe('planner: a user price alert', () => {
  it('goes only to its own destination, never to the token subscribers', () => {
    const p = plan(base([priceAlert('p1', group), level(SOL, 'a1', 'level_approach')]));
    const to = (d: Destination) => p.messages.find((m) => m.destination.id === d.id);
    expect(ids(to(group)?.events ?? [])).toEqual(['p1']);
    expect(ids(to(dm)?.events ?? [])).toEqual(['a1']);
    expect(ids(to(chan)?.events ?? [])).toEqual(['a1']);
  });

  it('joins the destination digest, sorted above an approach', () => {
    const p = plan(base([level(SOL, 'a1', 'level_approach'), priceAlert('p1', dm)]));
    expect(p.messages).toHaveLength(2);
    expect(ids(p.messages.find((m) => m.destination.id === dm.id)?.events ?? [])).toEqual(['p1', 'a1']);
  });

  it('is deduplicated by its event id, and gets no planner cooldown (the alert has its own)', () => {
    const e = priceAlert('p1', dm);
    const keys = planKeys(base([e]));
    expect(keys).toEqual([dedupKey('p1')]);
    const again = plan({ ...base([e]), marks: new Set([dedupKey('p1')]) });
    expect(again.messages).toEqual([]);
    expect(again.suppressed).toEqual({ dedup: 1 });
    const ctx = ctxOf();
    const marked = new Set([cooldownKey(destinationKey(dm), SOL.tokenId, 'price_ap1')]);
    const r = cooldown([e, priceAlert('p2', dm)], marked, ctx);
    expect(ids(r.accepted)).toEqual(['p1', 'p2']);
    expect(r.coolMarks).toEqual([]);
  });

  it('quiet hours and the hourly cap hold it like any alert', () => {
    const quiet = new Map([
      [destinationKey(dm), { quietHours: { start: '00:00', end: '23:59', tz: 'UTC' } }],
    ]);
    const held = plan({ ...base([priceAlert('p1', dm)]), settings: quiet });
    expect(held.messages.filter((m) => m.destination.id === dm.id)).toEqual([]);
    expect(held.holds.map((h) => [h.destination.id, ids(h.events)])).toEqual([[dm.id, ['p1']]]);
    expect(held.suppressed).toEqual({ quiet_hours: 1 });
    const capped = plan({
      ...base([priceAlert('p1', dm)]),
      counters: new Map([[`n:${destinationKey(dm)}`, 20]]),
    });
    expect(capped.suppressed).toEqual({ rate_cap: 1 });
  });
});

describe('describe: a user price alert', () => {
  it('says what was crossed, the price now and its source, the target and what becomes of the alert', () => {
    const d = describeAlert(priceAlert('p1', dm, { alertId: 'abc123' }), EN);
    expect(`${d.subject} ${d.headline}`).toBe('SOL above $210.00 (your alert)');
    expect(d.tone).toBe('up');
    expect(d.icon).toBe('🔔');
    expect(d.facts).toEqual([
      { label: 'Price now', value: '$211.00 (12:00 UTC, Token Metrics)' },
      { label: 'Target', value: 'above $210.00' },
      { label: 'Alert', value: 'abc123 · once: removed' },
    ]);
  });

  it('a move gives the signed change, the window and the price it started from', () => {
    const d = describeAlert(
      priceAlert('p2', dm, {
        alertId: 'mv0001',
        rule: { kind: 'move', pct: 5, windowMs: 3_600_000 },
        repeat: 'every',
        price: 94.5,
        priceBefore: 100,
        changePct: -5.5,
        source: 'stream',
      }),
      EN,
    );
    expect(d.headline).toBe('moved -5.50% in 1h (your alert)');
    expect(d.tone).toBe('down');
    expect(d.facts).toEqual([
      { label: 'Price now', value: '$94.50 (12:00 UTC, live exchange price)' },
      { label: 'Move', value: '-5.50% in 1h, from $100.00' },
      { label: 'Alert', value: 'mv0001 · every: next after cooldown' },
    ]);
  });

  it('below is a down alert', () => {
    const d = describeAlert(priceAlert('p3', dm, { rule: { kind: 'below', price: 180 }, price: 179.5 }), EN);
    expect(d.headline).toBe('below $180.00 (your alert)');
    expect(d.tone).toBe('down');
  });

  it('a combined condition: the headline as written, each part with its value, a move with when; escaped on both platforms', () => {
    const { rule: _legacy, ...base } = priceAlert('p4', dm);
    const e: PriceAlertEvent = {
      ...base,
      condition: conditionOf([
        { kind: 'move', pct: 5, windowMs: 3_600_000 },
        { kind: 'grade', op: '>=', value: 70 },
      ]),
      parts: [
        { part: 'move 5% 1h', value: '+5.45% from $211.00' },
        { part: 'grade >= 70', value: '74' },
      ],
      price: 222.5,
      priceBefore: 211,
      beforeAt: T0 - 2 * 60_000,
      changePct: 5.45,
    };
    const d = describeAlert(e, EN);
    expect(d.headline).toBe('move 5% 1h and grade >= 70 (your alert)');
    expect(d.tone).toBe('up');
    expect(d.facts).toEqual([
      { label: 'Price now', value: '$222.50 (12:00 UTC, Token Metrics)' },
      { label: '✓ move 5% 1h', value: '+5.45% in 1h, from $211.00 at 11:58 UTC' },
      { label: '✓ grade >= 70', value: '74' },
      { label: 'Alert', value: 'ap4 · once: removed' },
    ]);
    const html = renderEvent(e).join('\n');
    expect(html).toContain('grade &gt;= 70');
    expect(html).not.toMatch(/grade >= 70/);
    const embed = JSON.stringify(eventEmbed(e));
    expect(embed).toContain('grade >= 70');
    expect(embed).toContain('from $211.00 at 11:58 UTC');
  });
});
