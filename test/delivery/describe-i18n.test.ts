import { describe, expect, it } from 'vitest';
import {
  describeAlert,
  describeMessage,
  gradeSignalLabel,
  kindLabel,
  metricLabel,
  outcomeLabel,
} from '#src/delivery/describe.js';
import { plan } from '#src/delivery/plan/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { type AlertEvent, destinationKey, type LevelEvent } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import { renderMessage } from '#src/platforms/console/render.js';
import { renderAlert as discordAlert } from '#src/platforms/discord/render.js';
import { alertKeyboard, renderAlert as telegramAlert } from '#src/platforms/telegram/render.js';
import { checkHtml } from '../fakes/telegram-fake.js';
import { chan, dm, flip, SOL, sub, subsByToken, T0 } from './plan-fixtures.js';

/** Alerts in the destination's language (issue 22): the message's `locale` picks the words, nothing else. */

const level = (over: Partial<LevelEvent> = {}): LevelEvent => ({
  id: 'e1',
  kind: 'level_approach',
  tokenId: 11111,
  symbol: 'SOL',
  name: 'Solana',
  at: T0,
  priority: 1,
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  distancePct: 1.8667,
  strength: 82,
  proximityPct: 2,
  ...over,
});

const msg = (events: AlertEvent[], locale?: Locale, origin: 'tick' | 'held' = 'tick'): OutboundMessage => ({
  id: 'm1',
  destination: { platform: 'telegram', kind: 'dm', id: '42' },
  events,
  createdAt: T0,
  origin,
  ...(locale ? { locale } : {}),
});

/** Per language: the level alert's headline, its first fact label, the held note, mute button. */
const EXPECTED: ReadonlyArray<[Locale, string, string, string, string]> = [
  ['en', 'approaching resistance $150.00', 'Price', 'Held during your quiet hours or mute', '🔕 Mute SOL 1d'],
  [
    'es',
    'acercándose a la resistencia $150.00',
    'Precio',
    'Retenidas durante tus horas',
    '🔕 Silenciar SOL 1d',
  ],
  [
    'pt-BR',
    'aproximando-se da resistência $150.00',
    'Preço',
    'Retidos durante seu horário',
    '🔕 Silenciar SOL 1d',
  ],
  ['ru', 'приближается к сопротивлению $150.00', 'Цена', 'Отложено на время', '🔕 Заглушить SOL 1d'],
];

describe('a level alert in the destination language', () => {
  it.each(EXPECTED)(
    '%s: Telegram, Discord and console show the same words',
    (locale, headline, label, held) => {
      const m = msg([level()], locale);
      const tg = telegramAlert(m).parts.join('\n');
      expect(tg).toContain(`<b>SOL</b> ${headline}`);
      expect(tg).toContain(`${label} $147.20`);
      const [body] = discordAlert(m);
      expect(body?.embeds?.[0]?.title).toBe(`SOL ${headline}`);
      expect(body?.embeds?.[0]?.fields?.[0]?.name).toBe(label);
      expect(renderMessage(m)).toContain(`👀 SOL: ${headline} · ${label} $147.20`);
      const heldTg = telegramAlert(msg([level()], locale, 'held')).parts[0] ?? '';
      expect(heldTg.startsWith(`⏰ ${held}`)).toBe(true);
      expect(renderMessage(msg([level()], locale, 'held'))).toContain(held);
    },
  );

  it.each(EXPECTED)('%s: prices, percents and strengths read the same as in English', (locale) => {
    const facts = describeAlert(level(), { t: translatorFor(locale) }).facts.map((f) => f.value);
    expect(facts[1]).toMatch(/^\$150\.00 \(/);
    expect(facts.slice(2)).toEqual(['1.87%', '82/100']);
  });

  it('English: a message without locale and one with `en` render byte for byte the same', () => {
    const events = [level(), level({ id: 'e2', kind: 'level_breakout', symbol: 'BTC', tokenId: 2 })];
    for (const origin of ['tick', 'held'] as const) {
      expect(telegramAlert(msg(events, 'en', origin))).toEqual(telegramAlert(msg(events, undefined, origin)));
      expect(discordAlert(msg(events, 'en', origin))).toEqual(discordAlert(msg(events, undefined, origin)));
      expect(renderMessage(msg(events, 'en', origin))).toBe(renderMessage(msg(events, undefined, origin)));
    }
    expect(describeMessage(msg(events)).count).toBe('2 alerts');
  });

  it.each(EXPECTED)(
    '%s: buttons are labelled in the language, their callback data is not',
    (locale, ...rest) => {
      const mute = rest[3];
      const kb = alertKeyboard([level()], translatorFor(locale));
      const en = alertKeyboard([level()], translatorFor('en'));
      expect(kb?.inline_keyboard[0]?.[0]?.text).toBe(mute);
      const data = (k: typeof kb) =>
        k?.inline_keyboard.flat().map((b) => ('callback_data' in b ? b.callback_data : ''));
      expect(data(kb)).toEqual(data(en));
      for (const d of data(kb) ?? []) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
      // Discord DMs: the same words without the bell, the same custom ids in every language.
      const dc = discordAlert({
        ...msg([level()], locale),
        destination: { platform: 'discord', kind: 'dm', id: '7' },
      });
      const [muteButton, unsubButton] = dc[0]?.components?.[0]?.components ?? [];
      expect(muteButton && 'label' in muteButton ? muteButton.label : '').toBe(mute.replace('🔕 ', ''));
      expect(muteButton && 'custom_id' in muteButton ? muteButton.custom_id : '').toBe('mute:11111:1d');
      expect(unsubButton && 'custom_id' in unsubButton ? unsubButton.custom_id : '').toBe('unsub:11111');
      // The Telegram message itself carries the same keyboard data.
      expect(data(telegramAlert(msg([level()], locale)).keyboard)).toEqual(data(en));
    },
  );

  it('Russian plurals in the digest count: 1 оповещение, 3 оповещения, 5 оповещений', () => {
    const n = (k: number) =>
      describeMessage(
        msg(
          Array.from({ length: k }, (_, i) => level({ id: `e${i}` })),
          'ru',
        ),
      ).count;
    expect([n(1), n(3), n(5), n(21)]).toEqual([
      '1 оповещение',
      '3 оповещения',
      '5 оповещений',
      '21 оповещение',
    ]);
    expect(describeMessage(msg([level(), level({ id: 'b' })], 'es')).count).toBe('2 alertas');
  });

  it.each([
    ['en', 'Jan 14 12:00 UTC'],
    ['es', '14 ene 12:00 UTC'],
    ['pt-BR', '14 de jan. 12:00 UTC'],
    ['ru', '14 янв. 12:00 UTC'],
  ] as const)(
    '%s: a held item of another day shows its day and month in the language, hour and zone unchanged',
    (locale, want) => {
      const m = { ...msg([level({ at: T0 - 86_400_000 })], locale === 'en' ? undefined : locale, 'held') };
      expect(describeMessage(m).alerts[0]?.time).toBe(want);
      expect(describeMessage({ ...m, tz: 'Europe/Berlin' }).alerts[0]?.time).toBe(
        want.replace('12:00 UTC', '13:00 GMT+1'),
      );
    },
  );

  it('kind labels follow the reader language, English when none is given', () => {
    expect(kindLabel('signal_flip', { timeframe: 'daily' }, 'long', translatorFor('en'))).toBe(
      'daily signal flip',
    );
    expect(kindLabel('signal_flip', { timeframe: 'daily' }, 'short', translatorFor('ru'))).toBe(
      'дневная смена',
    );
    expect(kindLabel('level_breakout', {}, 'long', translatorFor('es'))).toBe('ruptura');
    expect(outcomeLabel('daily_flip', translatorFor('pt-BR'))).toBe('Virada diária');
    expect(outcomeLabel('sharpe', translatorFor('ru'))).toBe('Sharpe');
  });
});

describe('Token Metrics words in the reader language', () => {
  it.each([
    [
      'en',
      'max drawdown',
      'Strong Buy',
      'TM grade signal Neutral → Strong Buy',
      'volatility crossed above 0.5',
    ],
    [
      'es',
      'caída máxima',
      'Compra fuerte',
      'señal de calificación TM Neutral → Compra fuerte',
      'volatilidad cruzó',
    ],
    [
      'pt-BR',
      'drawdown máximo',
      'Compra forte',
      'sinal da nota TM Neutro → Compra forte',
      'volatilidade cruzou',
    ],
    [
      'ru',
      'максимальная просадка',
      'Активно покупать',
      'сигнал оценки TM Нейтрально → Активно покупать',
      'волатильность: переход выше',
    ],
  ] as const)(
    '%s: metric names and grade signals',
    (locale, drawdown, strongBuy, gradeHeadline, metricHeadline) => {
      const t = translatorFor(locale);
      expect(metricLabel('MAX_DRAWDOWN', t)).toBe(drawdown);
      expect(metricLabel('SHARPE', t)).toBe('Sharpe');
      // A field the catalog does not name: its own words, in every language.
      expect(metricLabel('NEW_FIELD_X', t)).toBe('new field x');
      // Matched like the grade rule matches them: case and spacing do not matter.
      expect(gradeSignalLabel('strong  BUY', t)).toBe(strongBuy);
      expect(gradeSignalLabel('Hodl', t)).toBe('Hodl'); // unknown words stay as the API sent them
      const grade = describeAlert(
        { ...level(), kind: 'grade_change', from: 'Neutral', to: 'Strong Buy' } as AlertEvent,
        { t },
      );
      expect(grade.headline).toBe(gradeHeadline);
      const cross = describeAlert(
        {
          ...level(),
          kind: 'metric_cross',
          metric: 'VOLATILITY',
          direction: 'up',
          value: 0.6,
          threshold: 0.5,
        } as AlertEvent,
        { t },
      );
      expect(cross.headline).toContain(metricHeadline);
      expect(cross.facts[0]?.label).toBe(metricLabel('VOLATILITY', t));
    },
  );
});

describe('API strings with markup stay text in every language', () => {
  const hostile = level({ symbol: '<b>x</b>', name: '**x**', url: 'javascript:alert(1)' });
  it.each(EXPECTED)('%s', (locale) => {
    const m = msg([hostile], locale);
    const tg = telegramAlert(m).parts.join('\n');
    expect(tg).toContain('<b>&lt;b&gt;x&lt;/b&gt;</b>');
    expect(tg).not.toContain('<b>x</b>');
    expect(tg).not.toContain('javascript:');
    for (const part of telegramAlert(m).parts) expect(checkHtml(part)).toBeUndefined();
    const embed = discordAlert({ ...m, events: [level({ symbol: '**x**' })] })[0]?.embeds?.[0];
    expect(embed?.title?.startsWith('\\*\\*x\\*\\* ')).toBe(true);
    expect(renderMessage(m)).toContain('<b>x</b>');
  });
});

describe('language never changes the event or the message id', () => {
  it('one event to a Spanish DM and an English channel: same events, ids independent of locale', () => {
    const events = [level({ tokenId: SOL.tokenId, symbol: 'SOL' }), flip(SOL, 'f1')];
    const input = (lang: Locale | null) => ({
      events,
      subscribers: subsByToken([sub(dm, SOL), sub(chan, SOL)]),
      settings: new Map([[destinationKey(dm), { language: lang }]]),
      marks: new Set<string>(),
      held: [],
      counters: new Map<string, number>(),
      now: T0,
    });
    const es = plan(input('es'));
    const en = plan(input(null));
    const strip = (p: typeof es) => p.messages.map(({ locale: _l, ...rest }) => rest);
    expect(es.messages.length).toBe(2);
    expect(strip(es)).toEqual(strip(en));
    expect(es.messages.map((m) => m.locale)).toEqual(
      es.messages.map((m) => (m.destination.kind === 'dm' ? 'es' : undefined)),
    );
    expect(es.marks).toEqual(en.marks);
  });
});
