import { type ChartLabels, chartLabels } from './labels.js';
import { niceTicks, PLOT, priceLabel, type Scale, scaleFor, thin, timeTicks } from './layout.js';
import { escapeXml, type PaintText, type TextPainter } from './text.js';
import { CHART_HEIGHT, CHART_WIDTH, type ChartInput, type ChartLevel, COLORS } from './types.js';

export { escapeXml };

/**
 * Control characters break XML parsing; titles are also capped so one long name cannot fill the image.
 * Plain text: the painter escapes what it puts into the document.
 */
function clean(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const plain = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();
const LABEL_GAP = 14;

/** Right-hand labels pushed apart so they never overlap (stable: sorted by wanted y). */
function spread(labels: Array<{ y: number; draw: (y: number) => string }>): string[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  let last = Number.NEGATIVE_INFINITY;
  return sorted.map((l) => {
    const y = Math.min(PLOT.bottom, Math.max(l.y, last + LABEL_GAP, PLOT.top));
    last = y;
    return l.draw(y);
  });
}

function levelColor(l: ChartLevel, now: number | undefined): string {
  const side = l.side ?? (now !== undefined && l.level < now ? 'support' : 'resistance');
  return side === 'support' ? COLORS.support : COLORS.resistance;
}

function axes(input: ChartInput, s: Scale, paint: PaintText, words: ChartLabels): string[] {
  const out: string[] = [];
  for (const v of niceTicks(s.min, s.max, 5)) {
    const y = s.y(v);
    if (y < PLOT.top || y > PLOT.bottom) continue;
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y)}" y2="${n(y)}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      paint(priceLabel(v), PLOT.left - 6, y + 4, { size: 11, fill: COLORS.text, anchor: 'end' }),
    );
  }
  for (const tick of timeTicks(input.from, input.to, words.day)) {
    const x = s.x(tick.t);
    out.push(
      `<line x1="${n(x)}" x2="${n(x)}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      paint(tick.label, x, PLOT.bottom + 18, { size: 11, fill: COLORS.text, anchor: 'middle' }),
    );
  }
  return out;
}

/** Band half-height: 0.15% of the level, at least 3 px, so a band reads as a zone, not a hairline. */
function band(l: ChartLevel, s: Scale, color: string, opacity: number): string {
  const y = s.y(l.level);
  const half = Math.max(3, Math.abs(s.y(l.level * 0.9985) - y));
  return `<rect x="${PLOT.left}" y="${n(y - half)}" width="${PLOT.right - PLOT.left}" height="${n(half * 2)}" fill="${color}" fill-opacity="${opacity.toFixed(2)}"/>`;
}

/** `$150.00 · str 70`: a level and its strength. */
const levelLabel = (l: ChartLabels, level: number, strength: number) =>
  `${priceLabel(level)} · ${l.t('chartlabel-strength', { strength: Math.round(strength) })}`;

function levels(input: ChartInput, s: Scale, now: number | undefined, paint: PaintText, words: ChartLabels) {
  const shapes: string[] = [];
  const labels: Array<{ y: number; draw: (y: number) => string }> = [];
  const hl = input.highlight;
  for (const l of input.levels) {
    if (hl && l.level === hl.level) continue;
    const y = s.y(l.level);
    if (y < PLOT.top || y > PLOT.bottom) continue;
    const color = levelColor(l, now);
    shapes.push(band(l, s, color, 0.1 + (Math.min(100, Math.max(0, l.strength)) / 100) * 0.25));
    labels.push({
      y,
      draw: (ly) =>
        paint(levelLabel(words, l.level, l.strength), PLOT.right + 6, ly + 4, {
          size: 11,
          fill: color,
        }),
    });
  }
  if (hl) {
    const y = s.y(hl.level);
    shapes.push(band(hl, s, COLORS.highlight, 0.18));
    // Drawn after the price line (see buildChartSvg) so the alert's level is never hidden.
    labels.push({
      y,
      draw: (ly) =>
        `<rect x="${PLOT.right + 2}" y="${n(ly - 9)}" width="114" height="17" rx="3" fill="${COLORS.highlight}"/>` +
        paint(levelLabel(words, hl.level, hl.strength), PLOT.right + 6, ly + 4, {
          size: 11,
          fill: COLORS.background,
          bold: true,
        }),
    });
  }
  return { shapes, labels };
}

/**
 * The chart as an SVG document: grid and axes, level bands with their strength, the price line, the
 * alert's level highlighted, price now marked. Deterministic: same input, same string. Text is drawn
 * by `paint`: by default as outlines (no `<text>` for resvg to shape on each render).
 */
export function buildChartSvg(input: ChartInput, painter: TextPainter): string {
  if (painter.prepare) {
    // A dry run lists the chart's texts (~0.1 ms) so a cold painter measures them all at once.
    const texts: string[] = [];
    draw(input, (text) => {
      texts.push(text);
      return '';
    });
    painter.prepare(texts);
  }
  return draw(input, painter.paint);
}

function draw(input: ChartInput, paint: PaintText): string {
  const points = thin(input.points, input.from, input.to);
  const s = scaleFor(input, points);
  const nowPoint = input.now ?? points.at(-1);
  const nowPrice = nowPoint?.price;
  const words = input.labels ?? chartLabels('en');
  const lv = levels(input, s, nowPrice, paint, words);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="${COLORS.background}"/>`,
    paint(clean(input.title, 40), PLOT.left, 26, { size: 16, fill: COLORS.text, bold: true }),
  ];
  if (input.subtitle) {
    out.push(
      paint(clean(input.subtitle, 60), PLOT.right + 114, 26, { size: 12, fill: COLORS.text, anchor: 'end' }),
    );
  }
  out.push(...axes(input, s, paint, words), ...lv.shapes);
  if (points.length > 1) {
    const d = points.map((p) => `${n(s.x(p.t))},${n(s.y(p.price))}`).join(' ');
    out.push(
      `<polyline points="${d}" fill="none" stroke="${COLORS.price}" stroke-width="2" stroke-linejoin="round"/>`,
    );
  } else if (points.length === 0) {
    out.push(
      paint(words.t('chartlabel-empty'), (PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, {
        size: 13,
        fill: COLORS.text,
        anchor: 'middle',
      }),
    );
  }
  if (input.highlight) {
    const y = n(s.y(input.highlight.level));
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}" stroke="${COLORS.highlight}" stroke-width="2"/>`,
    );
  }
  const labels = [...lv.labels];
  if (nowPoint) {
    const x = Math.min(PLOT.right, Math.max(PLOT.left, s.x(nowPoint.t)));
    const y = s.y(nowPoint.price);
    out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="4" fill="${COLORS.now}"/>`);
    labels.push({
      y,
      draw: (ly) =>
        paint(words.t('chartlabel-now', { price: priceLabel(nowPoint.price) }), PLOT.right + 6, ly + 4, {
          size: 11,
          fill: COLORS.now,
          bold: true,
        }),
    });
  }
  out.push(...spread(labels), '</svg>');
  return out.join('\n');
}
