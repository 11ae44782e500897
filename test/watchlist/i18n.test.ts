import { describe, expect, it } from 'vitest';
import { svgTextPainter } from '#src/charts/text.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { Destination } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { LOCALES, type Locale } from '#src/i18n/locales.js';
import { openSqliteStore } from '#src/store/index.js';
import { runBriefs } from '#src/watchlist/briefs.js';
import { buildCardSvg } from '#src/watchlist/card.js';
import { buildRow } from '#src/watchlist/rows.js';
import { cardLabels, cardTitle, watchlistService } from '#src/watchlist/service.js';
import { footnote, tableLines } from '#src/watchlist/table.js';
import { ANCHOR, subscribe, TOK } from '../app/helpers.js';

/**
 * The watchlist, the card and the daily brief in every shipped language (issue 22): English unchanged,
 * es/pt-BR/ru translated, the `<pre>` table aligned in each, the brief in its place's language, and the
 * card cache keeping languages apart.
 */
const NOW = Date.UTC(2026, 11, 6, 8);
const view: TokenView = {
  tokenId: 1,
  symbol: 'SOL',
  name: 'Solana',
  price: 150,
  priceSource: { label: 'Binance SOL/USDT', ageMs: 3000 },
  levels: [
    { level: 155, side: 'resistance', strength: 70, distancePct: 3.33 },
    { level: 140, side: 'support', strength: 80, distancePct: -6.67 },
  ],
  daily: { signal: 1, trend: 1, date: '2026-12-05T00:00:00Z' },
  metrics: { SHARPE: 1.234 },
  grade: { signal: 'Buy', grade: 78.4 },
};
const history = [{ t: NOW - 86_400_000 + 60_000, price: 120 }];
const full = buildRow({ tokenId: 1, symbol: 'SOL', view, history, unavailable: [], now: NOW });
const stale = buildRow({
  tokenId: 1,
  symbol: 'SOL',
  view: { ...view, priceSource: { label: 'Token Metrics', ageMs: 3 * 3_600_000 } },
  history: [],
  unavailable: ['grade'],
  now: NOW,
});
const none = buildRow({
  tokenId: 2,
  symbol: 'DOGE',
  view: undefined,
  history: [],
  unavailable: ['grade'],
  now: NOW,
});
const nothing = buildRow({
  tokenId: 3,
  symbol: 'PEPE',
  view: undefined,
  history: [],
  unavailable: [],
  now: NOW,
});

const WANT: Record<Exclude<Locale, 'en'>, { head: RegExp; signal: string; note: RegExp; all: string }> = {
  es: {
    head: /^Token\s+Precio\s+Fuente\s+24h\s+Señal diaria\s+Grado/,
    signal: 'alcista',
    note: /^— no incluido en este plan de la API: grado · aún sin datos: SOL cambio 24h; DOGE precio, cambio 24h, .* · desactualizado: SOL precio con 3h de antigüedad\.$/,
    all: 'PEPE (todo)',
  },
  'pt-BR': {
    head: /^Token\s+Preço\s+Fonte\s+24h\s+Sinal diário\s+Nota/,
    signal: 'alta',
    note: /^— fora deste plano da API: nota · ainda sem dados: SOL variação 24h; DOGE preço, .* · desatualizado: SOL preço de 3h atrás\.$/,
    all: 'PEPE (tudo)',
  },
  ru: {
    head: /^Токен\s+Цена\s+Источник\s+24ч\s+Дневной сигнал\s+Оценка/,
    signal: 'бычий',
    note: /^— нет в этом тарифе API: оценка · пока нет данных: SOL изменение за 24ч; DOGE цена, .* · устарело: SOL цена 3ч назад\.$/,
    all: 'PEPE (всё)',
  },
};

/** Where each column starts in a line of the table (cells are separated by two or more spaces). */
function columnEnds(line: string): number[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => (m.index ?? 0) + m[0].length);
}

describe('watchlist table and footnote in every language', () => {
  it('English is unchanged', () => {
    const en = translatorFor('en');
    expect(tableLines([full], en)[0]).toMatch(
      /^Token\s+Price\s+Source\s+24h\s+Daily signal\s+Grade\s+Support\s+Resistance\s+Sharpe$/,
    );
    expect(tableLines([full], en)[1]).toMatch(/^SOL\s+\$150\.00\s+Binance 3s\s+\+25\.00%\s+bull 2026-12-05/);
    expect(footnote([stale, none], en)).toBe(
      '— not on this API plan: grade · no data yet: SOL 24h change; DOGE price, 24h change, daily signal, support, resistance, Sharpe · stale: SOL price 3h old.',
    );
  });

  it.each(Object.entries(WANT))(
    '%s: translated header, signal word and footnote; numbers as traders read them',
    (locale, want) => {
      const t = translatorFor(locale as Locale);
      const [head, line] = tableLines([full], t);
      expect(head).toMatch(want.head);
      expect(line).toContain(`${want.signal} 2026-12-05`);
      expect(line).toMatch(/^SOL\s+\$150\.00\s+Binance \S+\s+\+25\.00%/);
      expect(line).toContain('$140.00 -6.67%');
      expect(footnote([stale, none], t)).toMatch(want.note);
      expect(footnote([nothing], t)).toBe(`— ${t('watchlist-note-no-data', { items: want.all })}.`);
    },
  );

  it.each(LOCALES)(
    '%s: the <pre> table stays aligned (right-aligned numbers end in one column)',
    (locale) => {
      const t = translatorFor(locale);
      const lines = tableLines([full, stale, none], t);
      // Every character is one code unit and precomposed, so padding by length aligns in a monospaced font.
      for (const l of lines) {
        expect(l.normalize('NFC')).toBe(l);
        expect([...l].length).toBe(l.length);
      }
      const [head = '', sol = ''] = lines;
      // Price (column 2) and 24h (column 4) are right-aligned: their header and cell end at the same place.
      const h = columnEnds(head);
      const r = columnEnds(sol);
      expect(r[1]).toBe(h[1]);
      expect(r[3]).toBe(h[3]);
    },
  );
});

describe('the watchlist card in every language', () => {
  it.each(LOCALES)('%s: title, legend and empty text from the catalog, escaped in the SVG', (locale) => {
    const t = translatorFor(locale);
    const labels = cardLabels(t);
    const svg = buildCardSvg({ title: cardTitle(NOW, t), labels, rows: [], to: NOW }, svgTextPainter);
    expect(svg).toContain('2026-12-06 08:00 UTC');
    for (const s of [labels.days, labels.support, labels.resistance, labels.empty])
      expect(svg).toContain(`>${s}<`);
    if (locale === 'ru') expect(svg).toContain('>сопротивление<');
    if (locale === 'en') expect(cardTitle(NOW, t)).toBe('Watchlist · 2026-12-06 08:00 UTC');
  });

  it('labels with markup stay text', () => {
    const evil = { days: '<b>7', support: '&s', resistance: '"r"', empty: '<svg onload=1>' };
    const svg = buildCardSvg({ title: 'x', labels: evil, rows: [], to: NOW }, svgTextPainter);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<svg onload');
    expect(svg).toContain('&#60;b&#62;7');
  });

  it('the legend fits between the title and the right edge in every language', () => {
    for (const locale of LOCALES) {
      const svg = buildCardSvg(
        {
          title: cardTitle(NOW, translatorFor(locale)),
          labels: cardLabels(translatorFor(locale)),
          rows: [],
          to: NOW,
        },
        svgTextPainter,
      );
      const xs = [...svg.matchAll(/<text x="([\d.]+)" y="30" text-anchor="end"/g)].map((m) => Number(m[1]));
      expect(xs).toHaveLength(3);
      // The leftmost legend word ends well right of where a ~45-character title ends (16 + 45 × 10 px).
      const leftmostEnd = Math.min(...xs);
      const labels = cardLabels(translatorFor(locale));
      expect(leftmostEnd - labels.support.length * 8.4).toBeGreaterThan(470);
      expect(Math.max(...xs)).toBeLessThanOrEqual(780);
    }
  });
});

describe('card cache and the daily brief per language', () => {
  async function setup() {
    const store = openSqliteStore({ file: ':memory:' });
    const service = watchlistService({
      views: async (ids) => new Map(ids.map((id) => [id, { ...view, tokenId: id }])),
      history: { rangeMany: async () => new Map() },
      unavailable: () => [],
      painter: svgTextPainter,
    });
    return { store, service };
  }

  it('an English and a Russian card of the same tokens and minute are two renders; the same language is one', async () => {
    const { store, service } = await setup();
    const tokens = [{ tokenId: 1, symbol: 'SOL' }];
    const en = await service.card(tokens, NOW);
    const ru = await service.card(tokens, NOW + 1000, 'ru');
    const ruAgain = await service.card(tokens, NOW + 2000, 'ru');
    const enAgain = await service.card(tokens, NOW + 3000, 'en');
    expect(service.renders()).toBe(2);
    expect(Buffer.from(en.png).equals(Buffer.from(ru.png))).toBe(false);
    expect(Buffer.from(ruAgain.png).equals(Buffer.from(ru.png))).toBe(true);
    expect(Buffer.from(enAgain.png).equals(Buffer.from(en.png))).toBe(true);
    expect(en.alt).toBe('Watchlist · 2026-12-06 08:00 UTC: prices and 7-day lines');
    expect(ru.alt).toBe('Наблюдение · 2026-12-06 08:00 UTC: цены и графики за 7 дней');
    await store.close();
  });

  it('a ru group gets a Russian brief (and its locale) while an English DM brief stays English', async () => {
    const { store, service } = await setup();
    const group: Destination = { platform: 'telegram', kind: 'group', id: '-100', parentId: '-100' };
    const dm: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
    const es: Destination = { platform: 'telegram', kind: 'dm', id: '43' };
    for (const d of [group, dm, es]) {
      await subscribe(store, d, TOK.SOL);
      await store.briefs.set(d, { time: '08:00', tz: 'UTC', createdAt: NOW - 86_400_000 });
    }
    await store.settings.update('telegram:group:-100', { language: 'ru' });
    // The member's own language never changes the group's; the DM's platform language picks its own.
    await store.settings.update('telegram:dm:42', { language: 'en' });
    await store.settings.update('telegram:dm:43', { platformLocale: 'es-419' });
    const sent: OutboundMessage[] = [];
    const run = await runBriefs(
      { store, outbox: { enqueue: async (ms) => void sent.push(...ms) }, watchlist: service },
      NOW,
    );
    expect(run).toMatchObject({ enqueued: 3, sets: 3 });
    const of = (d: Destination) => sent.find((m) => m.destination.id === d.id);
    expect(of(group)?.locale).toBe('ru');
    expect(of(group)?.brief?.title).toBe('Ежедневная сводка · 2026-12-06 08:00 UTC');
    expect(of(group)?.brief?.table[0]).toMatch(/^Токен\s+Цена/);
    expect(of(dm)?.locale).toBeUndefined();
    expect(of(dm)?.brief?.title).toBe('Daily brief · 2026-12-06 08:00 UTC');
    expect(of(dm)?.brief?.table[0]).toMatch(/^Token\s+Price/);
    expect(of(es)?.locale).toBe('es');
    expect(of(es)?.brief?.title).toBe('Resumen diario · 2026-12-06 08:00 UTC');
    // Same token set, three languages: the ids (and dedup) do not depend on the language.
    expect(of(group)?.id).toBe('brief~telegram:group:-100~2026-12-06');
    await store.close();
  });

  it('the brief card is drawn in the message locale', async () => {
    const { messagePictures } = await import('#src/watchlist/pictures.js');
    const asked: Array<Locale | undefined> = [];
    const pictures = messagePictures(async () => undefined, {
      card: async (_tokens, _at, locale) => {
        asked.push(locale);
        return { png: new Uint8Array(), filename: 'watchlist.png', alt: '' };
      },
    });
    const base = {
      id: 'b',
      destination: { platform: 'telegram', kind: 'dm', id: '1' },
      events: [],
      createdAt: ANCHOR,
      origin: 'tick',
      chart: true,
      brief: { title: 't', table: [], tokens: [{ tokenId: 1, symbol: 'SOL' }], at: ANCHOR },
    } as const satisfies OutboundMessage;
    await pictures({ ...base, locale: 'ru' });
    await pictures(base);
    expect(asked).toEqual(['ru', undefined]);
  });
});
