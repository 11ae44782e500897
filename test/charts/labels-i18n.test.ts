import { describe, expect, it } from 'vitest';
import {
  alertCharts,
  buildChartSvg,
  ChartCache,
  type ChartInput,
  type ChartService,
  fontOutliner,
  renderChart,
  svgTextPainter,
} from '#src/charts/index.js';
import { chartLabels } from '#src/charts/labels.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { LevelEvent } from '#src/domain/types.js';
import type { Locale } from '#src/i18n/locales.js';

/** Chart words in the reader's language (issue 22); prices on the chart stay the same everywhere. */

const DAY = 86_400_000;
const TO = Date.UTC(2026, 10, 28, 12);
const input = (over: Partial<ChartInput> = {}): ChartInput => ({
  title: 'SOL · 7d',
  subtitle: 'touch of resistance',
  points: [
    { t: TO - 6 * DAY, price: 140 },
    { t: TO - DAY, price: 148 },
  ],
  levels: [{ level: 160, strength: 70, side: 'resistance' }],
  highlight: { level: 150, strength: 82 },
  from: TO - 7 * DAY,
  to: TO,
  ...over,
});

describe('chart labels', () => {
  it('English: no labels and English labels draw the same document as before', () => {
    const svg = buildChartSvg(input(), svgTextPainter);
    expect(buildChartSvg(input({ labels: chartLabels('en') }), svgTextPainter)).toBe(svg);
    expect(svg).toContain('$150.0 · str 82');
    expect(svg).toContain('now $148.0');
    expect(svg).toMatch(/>Nov \d+</);
    expect(buildChartSvg(input({ points: [] }), svgTextPainter)).toContain('No price history yet');
  });

  it.each([
    ['es', 'fza. 82', 'ahora $148.0', '22 nov', 'Aún no hay historial de precios'],
    ['pt-BR', 'força 82', 'agora $148.0', '22 de nov.', 'Ainda não há histórico de preços'],
    ['ru', 'сила 82', 'сейчас $148.0', '22 нояб.', 'Истории цен пока нет'],
  ] as const)('%s: strength, now, month names and the empty note', (locale, str, now, month, empty) => {
    const labels = chartLabels(locale);
    const svg = buildChartSvg(input({ labels }), svgTextPainter);
    expect(svg).toContain(`$150.0 · ${str}`);
    expect(svg).toContain(now);
    expect(svg).toContain(`>${month}<`);
    expect(buildChartSvg(input({ labels, points: [] }), svgTextPainter)).toContain(empty);
  });

  it('the shipped font outlines Cyrillic, accented Latin and the month names (a real PNG)', () => {
    const painter = fontOutliner();
    for (const locale of ['es', 'pt-BR', 'ru'] as const) {
      const svg = buildChartSvg(
        input({ labels: chartLabels(locale), subtitle: 'касание сопротивления' }),
        painter,
      );
      expect(svg).toContain('aria-label="касание сопротивления"');
      expect(svg).not.toContain('<text');
      expect(renderChart(input({ labels: chartLabels(locale) }), painter).png.length).toBeGreaterThan(1000);
    }
  });

  it('the cache keeps one render per language', () => {
    const key = { tokenId: 1, at: TO, range: '7d', highlight: 150 };
    const keys = (['en', 'es', 'pt-BR', 'ru'] as const).map((locale) => ChartCache.keyOf({ ...key, locale }));
    expect(new Set(keys).size).toBe(4);
    expect(ChartCache.keyOf(key)).toBe(ChartCache.keyOf({ ...key, locale: 'en' }));
  });

  it.each([
    ['en', 'touch of resistance'],
    ['es', 'toque de resistencia'],
    ['pt-BR', 'toque da resistência'],
    ['ru', 'касание сопротивления'],
  ] as const)("%s: a level alert's chart is asked for in the message's language", async (locale, caption) => {
    const asked: Array<{ caption: string; locale?: Locale }> = [];
    const service = {
      async levelChart(req: { caption: string; locale?: Locale }) {
        asked.push(req);
        return { png: new Uint8Array([1]), filename: 'x.png', alt: 'chart' };
      },
    } as unknown as ChartService;
    const e: LevelEvent = {
      id: 'e1',
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      at: 0,
      priority: 60,
      kind: 'level_touch',
      level: 150,
      side: 'resistance',
      direction: 'up',
      price: 149.8,
      distancePct: 0.13,
      strength: 80,
      proximityPct: 2,
    };
    const m: OutboundMessage = {
      id: 'm1',
      destination: { platform: 'telegram', kind: 'dm', id: 'a' },
      events: [e],
      createdAt: 0,
      origin: 'tick',
      chart: true,
      ...(locale === 'en' ? {} : { locale }),
    };
    await alertCharts(service)(m);
    expect(asked.map((r) => [r.caption, r.locale])).toEqual([[caption, locale]]);
  });
});
