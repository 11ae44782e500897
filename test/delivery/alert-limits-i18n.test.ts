import { describe, expect, it } from 'vitest';
import { describeMessage } from '#src/delivery/describe.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { AlertEvent, LevelEvent, PriceAlertEvent, SignalFlipEvent } from '#src/domain/types.js';
import type { Locale } from '#src/i18n/locales.js';
import { DISCORD_LIMITS, renderAlert as discordAlert, embedLength } from '#src/platforms/discord/render.js';
import { MESSAGE_LIMIT, stripTags } from '#src/platforms/telegram/html.js';
import { renderAlert as telegramAlert } from '#src/platforms/telegram/render.js';
import { CAPTION_LIMIT, stepsOf } from '#src/platforms/telegram/sender.js';
import { checkHtml } from '../fakes/telegram-fake.js';

/**
 * Platform limits hold in every language (issue 22): a Russian or Spanish digest is ~30% longer than the
 * English one, and must still split at Telegram's 4,096 and fit Discord's embed limits.
 */

const T0 = Date.UTC(2026, 10, 28, 14, 0);
const LOCALES: readonly Locale[] = ['en', 'es', 'pt-BR', 'ru'];

function levelEvent(i: number): LevelEvent {
  return {
    id: `l${i}`,
    kind: i % 3 === 0 ? 'level_breakout' : i % 3 === 1 ? 'level_touch' : 'level_approach',
    tokenId: 1000 + i,
    symbol: `TOKEN${i}`,
    name: `A rather long token name number ${i} <with> *markup*`,
    at: T0 - i * 60_000,
    priority: 50,
    level: 64_210.5,
    side: i % 2 === 0 ? 'resistance' : 'support',
    direction: i % 2 === 0 ? 'up' : 'down',
    price: 64_000,
    distancePct: 0.33,
    strength: 91,
    proximityPct: 2,
    priceAt: T0 - i * 60_000,
    priceSource: 'Binance TOKEN/USDT',
    beyond: { level: 70_000, strength: 75 },
    behind: { level: 60_000, strength: 66 },
    url: 'https://app.tokenmetrics.com/en/token',
  };
}

function flipEvent(i: number): SignalFlipEvent {
  return {
    id: `f${i}`,
    kind: 'signal_flip',
    tokenId: 1000 + i,
    symbol: `TOKEN${i}`,
    name: `Token ${i}`,
    at: T0 - i * 60_000,
    priority: 80,
    timeframe: i % 2 === 0 ? 'daily' : 'hourly',
    from: -1,
    to: 1,
    price: 1.2345,
    traderGrade: 71.4,
    tmGrade: 65.2,
    signalTime: '2026-11-28T13:00:00',
    demo: true,
  };
}

function priceEvent(i: number): PriceAlertEvent {
  return {
    id: `p${i}`,
    kind: 'price_alert',
    tokenId: 1000 + i,
    symbol: `TOKEN${i}`,
    name: `Token ${i}`,
    at: T0 - i * 60_000,
    priority: 95,
    alertId: `a${i}`,
    rule: { kind: 'move', pct: 5, windowMs: 3_600_000 },
    repeat: 'every',
    price: 94.5,
    priceBefore: 100,
    beforeAt: T0 - i * 60_000 - 3_600_000,
    changePct: -5.5,
    source: 'stream',
  } as PriceAlertEvent;
}

const many = (n: number): AlertEvent[] =>
  Array.from({ length: n }, (_, i) => [levelEvent, flipEvent, priceEvent][i % 3]?.(i) as AlertEvent);

const msg = (events: AlertEvent[], locale: Locale, kind: 'dm' | 'channel' = 'dm'): OutboundMessage => ({
  id: 'm1',
  destination: { platform: 'discord', kind, id: '42' },
  events,
  createdAt: T0,
  origin: 'held',
  tz: 'Europe/Berlin',
  ...(locale === 'en' ? {} : { locale }),
});

const textLength = (locale: Locale) =>
  describeMessage(msg(many(60), locale))
    .alerts.flatMap((a) => [a.headline, ...a.facts.flatMap((f) => [f.label, f.value])])
    .join('').length;

describe('the longest language still fits every platform limit', () => {
  it('the translations are longer than English (so these tests test something)', () => {
    const en = textLength('en');
    for (const l of ['es', 'pt-BR', 'ru'] as const) expect(textLength(l)).toBeGreaterThan(en);
  });

  it.each(LOCALES)('%s: a held digest of 120 events splits into valid Telegram parts of ≤ 4096', (locale) => {
    const r = telegramAlert(msg(many(120), locale));
    expect(r.parts.length).toBeGreaterThan(1);
    for (const part of r.parts) {
      expect(stripTags(part).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(checkHtml(part)).toBeUndefined();
    }
    for (const row of r.keyboard?.inline_keyboard ?? [])
      for (const b of row)
        if ('callback_data' in b) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  });

  it.each(LOCALES)('%s: one alert with a chart: caption ≤ 1024, else the photo goes first', (locale) => {
    for (const e of many(3)) {
      const r = telegramAlert(msg([e], locale));
      const steps = stepsOf(r, { png: new Uint8Array([1]), filename: 'c.png' });
      const caption = steps[0]?.photo ? steps[0].text : undefined;
      if (caption !== undefined) expect(stripTags(caption).length).toBeLessThanOrEqual(CAPTION_LIMIT);
    }
  });

  it.each(LOCALES)('%s: a digest of 120 events stays within Discord embed limits', (locale) => {
    const bodies = discordAlert(msg(many(120), locale));
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) {
      const embeds = b.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      expect((b.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      for (const e of embeds) {
        expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
        expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
        for (const f of e.fields ?? []) {
          expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
          expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
        }
      }
      for (const row of b.components ?? [])
        for (const c of row.components)
          expect(('label' in c ? (c.label ?? '') : '').length).toBeLessThanOrEqual(
            DISCORD_LIMITS.buttonLabel,
          );
    }
  });

  it.each(LOCALES)('%s: a very long API name is trimmed to Discord title and field limits', (locale) => {
    const e = { ...levelEvent(1), symbol: 'S'.repeat(300), priceSource: 'X'.repeat(2000) };
    const embed = discordAlert(msg([e], locale))[0]?.embeds?.[0];
    expect((embed?.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    for (const f of embed?.fields ?? [])
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  });
});
