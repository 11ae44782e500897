import { svgToPng } from '../charts/render.js';
import type { PaintText, TextPainter } from '../charts/text.js';
import { COLORS } from '../charts/types.js';
import { formatPct, formatPrice } from '../domain/format.js';
import { DASH } from './table.js';

/**
 * The watchlist card (issue 20): one PNG, one row per token with its price, 24 h change and a 7-day
 * sparkline between the nearest strong support (green) and resistance (red), drawn as dashed lines (their
 * values are in the table beside the card: every glyph is a path to rasterise, the card's main cost). Drawn with the chart code's
 * painter (text as outlines) and resvg, like every chart. Pure: the same input gives the same bytes.
 */
export interface CardRow {
  readonly symbol: string;
  readonly price?: number;
  readonly change24h?: number;
  /** 7 days of prices, oldest first. */
  readonly points: ReadonlyArray<{ readonly t: number; readonly price: number }>;
  readonly support?: number;
  readonly resistance?: number;
}

/** The card's words in the reader's language (plain text, escaped by the painter). */
export interface CardLabels {
  /** The sparkline legend: `7 days`, `support`, `resistance`. */
  readonly days: string;
  readonly support: string;
  readonly resistance: string;
  /** Shown when no token is followed. */
  readonly empty: string;
}

export const ENGLISH_CARD_LABELS: CardLabels = {
  days: '7 days',
  support: 'support',
  resistance: 'resistance',
  empty: 'Nothing followed here yet',
};

export interface CardInput {
  /** Plain text (escaped here), e.g. `Watchlist · 2026-12-06 08:00 Europe/Berlin`. */
  readonly title: string;
  /** Default English. */
  readonly labels?: CardLabels;
  readonly rows: readonly CardRow[];
  /** The 7 days shown end here (epoch ms). */
  readonly to: number;
}

export const CARD_WIDTH = 800;
const HEAD = 48;
const ROW = 34;
const SPARK = { left: 300, right: 780 } as const;
const SEVEN_DAYS = 7 * 86_400_000;
const n = (v: number) => (Math.round(v * 10) / 10).toString();

export const cardHeight = (rows: number) => HEAD + Math.max(1, rows) * ROW + 12;

/** Control characters out, length capped: titles and symbols come from users and the API. */
function clean(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const plain = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function sparkline(r: CardRow, top: number, from: number, to: number): string[] {
  const pts = r.points.filter((p) => p.t >= from && p.t <= to && p.price > 0);
  if (pts.length < 2) return [];
  const prices = pts.map((p) => p.price);
  // Levels widen the scale only when near (within 15 %), so a far level does not flatten the line.
  const near = [r.support, r.resistance].filter(
    (l): l is number => l !== undefined && Math.abs(l / (prices.at(-1) ?? l) - 1) < 0.15,
  );
  const lo = Math.min(...prices, ...near);
  const hi = Math.max(...prices, ...near);
  const span = hi - lo || hi * 0.01 || 1;
  const y = (v: number) => top + ROW - 8 - ((v - lo) / span) * (ROW - 16);
  const x = (t: number) => SPARK.left + ((t - from) / (to - from)) * (SPARK.right - SPARK.left);
  const out: string[] = [];
  for (const [level, color] of [
    [r.support, COLORS.support],
    [r.resistance, COLORS.resistance],
  ] as const) {
    if (level === undefined || !near.includes(level)) continue;
    out.push(
      `<line x1="${SPARK.left}" x2="${SPARK.right}" y1="${n(y(level))}" y2="${n(y(level))}" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
  }
  // About one point per 2 h: a 300 px sparkline shows no more, and the render stays small.
  const step = Math.max(1, Math.ceil(pts.length / 84));
  const d = pts
    .filter((_, i) => i % step === 0 || i === pts.length - 1)
    .map((p) => `${n(x(p.t))},${n(y(p.price))}`)
    .join(' ');
  out.push(`<polyline points="${d}" fill="none" stroke="${COLORS.price}" stroke-width="1.8"/>`);
  return out;
}

/** Legend labels are capped so the legend never reaches the title, whatever the language. */
const LEGEND_MAX = 16;
/** A generous width estimate of 12 px DejaVu Sans text (its widest common letters, Cyrillic too, are ~0.7 em). */
const legendWidth = (s: string) => s.length * 8.4;

/**
 * The legend right-aligned above the sparklines, laid out from the right: `7 days`, then `resistance` and
 * `support` ending before it (each word's length differs by language, so no fixed x fits them all).
 */
function legend(labels: CardLabels, paint: PaintText): string[] {
  const days = clean(labels.days, LEGEND_MAX);
  const resistance = clean(labels.resistance, LEGEND_MAX);
  const support = clean(labels.support, LEGEND_MAX);
  const resistanceEnd = SPARK.right - legendWidth(days) - 12;
  const supportEnd = resistanceEnd - legendWidth(resistance) - 12;
  return [
    paint(days, SPARK.right, 30, { size: 12, fill: COLORS.text, anchor: 'end' }),
    paint(support, supportEnd, 30, { size: 12, fill: COLORS.support, anchor: 'end' }),
    paint(resistance, resistanceEnd, 30, { size: 12, fill: COLORS.resistance, anchor: 'end' }),
  ];
}

function draw(input: CardInput, paint: PaintText): string {
  const h = cardHeight(input.rows.length);
  const from = input.to - SEVEN_DAYS;
  const text = { size: 14, fill: COLORS.text };
  const labels = input.labels ?? ENGLISH_CARD_LABELS;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${h}" viewBox="0 0 ${CARD_WIDTH} ${h}">`,
    `<rect width="${CARD_WIDTH}" height="${h}" fill="${COLORS.background}"/>`,
    paint(clean(input.title, 70), 16, 30, { size: 17, fill: COLORS.text, bold: true }),
    ...legend(labels, paint),
  ];
  if (input.rows.length === 0) out.push(paint(clean(labels.empty, 80), 16, HEAD + 28, text));
  input.rows.forEach((r, i) => {
    const top = HEAD + i * ROW;
    const base = top + 22;
    if (i % 2 === 0) {
      out.push(
        `<rect x="0" y="${top}" width="${CARD_WIDTH}" height="${ROW}" fill="${COLORS.grid}" fill-opacity="0.35"/>`,
      );
    }
    const change = r.change24h;
    const tone = change === undefined ? COLORS.text : change >= 0 ? COLORS.support : COLORS.resistance;
    out.push(
      paint(clean(r.symbol, 10), 16, base, { ...text, bold: true }),
      paint(r.price === undefined ? DASH : formatPrice(r.price), 200, base, { ...text, anchor: 'end' }),
      paint(change === undefined ? DASH : formatPct(change, true), 284, base, {
        ...text,
        fill: tone,
        anchor: 'end',
      }),
      ...sparkline(r, top, from, input.to),
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

/** The card's SVG (text painted by `painter`, outlined by default in the service). */
export function buildCardSvg(input: CardInput, painter: TextPainter): string {
  if (painter.prepare) {
    const texts: string[] = [];
    draw(input, (t) => {
      texts.push(t);
      return '';
    });
    painter.prepare(texts);
  }
  return draw(input, painter.paint);
}

/** The card as PNG bytes. */
export function renderCard(input: CardInput, painter: TextPainter): Uint8Array {
  return svgToPng(buildCardSvg(input, painter)).png;
}
