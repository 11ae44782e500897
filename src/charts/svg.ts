import { niceTicks, PLOT, priceLabel, type Scale, scaleFor, thin, timeTicks } from './layout.js';
import { CHART_HEIGHT, CHART_WIDTH, type ChartInput, type ChartLevel, COLORS } from './types.js';

/** Escapes text for SVG/XML content and attribute values: `& < > " '`. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Control characters break XML parsing; titles are also capped so one long name cannot fill the image. */
function clean(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const plain = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return escapeXml(plain.length > max ? `${plain.slice(0, max - 1)}…` : plain);
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();
const FONT = 'font-family="DejaVu Sans"';
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

function axes(input: ChartInput, s: Scale): string[] {
  const out: string[] = [];
  for (const v of niceTicks(s.min, s.max, 5)) {
    const y = s.y(v);
    if (y < PLOT.top || y > PLOT.bottom) continue;
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y)}" y2="${n(y)}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${n(y + 4)}" text-anchor="end" font-size="11" fill="${COLORS.text}" ${FONT}>${escapeXml(priceLabel(v))}</text>`,
    );
  }
  for (const tick of timeTicks(input.from, input.to)) {
    const x = s.x(tick.t);
    out.push(
      `<line x1="${n(x)}" x2="${n(x)}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      `<text x="${n(x)}" y="${PLOT.bottom + 18}" text-anchor="middle" font-size="11" fill="${COLORS.text}" ${FONT}>${escapeXml(tick.label)}</text>`,
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

function levels(input: ChartInput, s: Scale, now: number | undefined) {
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
        `<text x="${PLOT.right + 6}" y="${n(ly + 4)}" font-size="11" fill="${color}" ${FONT}>${escapeXml(`${priceLabel(l.level)} · str ${Math.round(l.strength)}`)}</text>`,
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
        `<text x="${PLOT.right + 6}" y="${n(ly + 4)}" font-size="11" font-weight="bold" fill="${COLORS.background}" ${FONT}>${escapeXml(`${priceLabel(hl.level)} · str ${Math.round(hl.strength)}`)}</text>`,
    });
  }
  return { shapes, labels };
}

/**
 * The chart as an SVG document: grid and axes, level bands with their strength, the price line, the
 * alert's level highlighted, price now marked. Deterministic: same input, same string.
 */
export function buildChartSvg(input: ChartInput): string {
  const points = thin(input.points, input.from, input.to);
  const s = scaleFor(input, points);
  const nowPoint = input.now ?? points.at(-1);
  const nowPrice = nowPoint?.price;
  const lv = levels(input, s, nowPrice);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="${COLORS.background}"/>`,
    `<text x="${PLOT.left}" y="26" font-size="16" font-weight="bold" fill="${COLORS.text}" ${FONT}>${clean(input.title, 40)}</text>`,
  ];
  if (input.subtitle) {
    out.push(
      `<text x="${PLOT.right + 114}" y="26" text-anchor="end" font-size="12" fill="${COLORS.text}" ${FONT}>${clean(input.subtitle, 60)}</text>`,
    );
  }
  out.push(...axes(input, s), ...lv.shapes);
  if (points.length > 1) {
    const d = points.map((p) => `${n(s.x(p.t))},${n(s.y(p.price))}`).join(' ');
    out.push(
      `<polyline points="${d}" fill="none" stroke="${COLORS.price}" stroke-width="2" stroke-linejoin="round"/>`,
    );
  } else if (points.length === 0) {
    out.push(
      `<text x="${(PLOT.left + PLOT.right) / 2}" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" font-size="13" fill="${COLORS.text}" ${FONT}>No price history yet</text>`,
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
        `<text x="${PLOT.right + 6}" y="${n(ly + 4)}" font-size="11" font-weight="bold" fill="${COLORS.now}" ${FONT}>${escapeXml(`now ${priceLabel(nowPoint.price)}`)}</text>`,
    });
  }
  out.push(...spread(labels), '</svg>');
  return out.join('\n');
}
