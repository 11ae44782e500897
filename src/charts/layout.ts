import { CHART_HEIGHT, CHART_WIDTH, type ChartInput, type ChartLevel, type PricePoint } from './types.js';

/** Plot area inside the image: room on the right for level and price labels, below for the time axis. */
export const PLOT = { left: 56, right: CHART_WIDTH - 118, top: 44, bottom: CHART_HEIGHT - 30 } as const;

export interface Scale {
  readonly min: number;
  readonly max: number;
  /** Price → y pixel (top is high). */
  y(price: number): number;
  /** Epoch ms → x pixel. */
  x(t: number): number;
}

/**
 * Price range of the chart: the samples, price now and the highlighted level, plus the nearest strong
 * level on each side of price now and the next one beyond the highlighted level (the target if it
 * breaks, and the failure point), padded 6%. Other levels are drawn
 * only when they fall inside; stretching the axis for a far level would flatten the price line.
 */
export function priceDomain(input: ChartInput, points: readonly PricePoint[]): { min: number; max: number } {
  const values = points.map((p) => p.price);
  const now = input.now?.price ?? points.at(-1)?.price;
  if (now !== undefined) values.push(now);
  const hl = input.highlight?.level;
  if (hl !== undefined) values.push(hl);
  if (now !== undefined) {
    // A level far from the price would flatten the line into a stripe: pulled-in levels stay within 30%.
    const near = (l: ChartLevel) => l.level >= now * 0.7 && l.level <= now * 1.3;
    const levels = input.levels.filter(near);
    const above = nearest(
      levels,
      (l) => l.level > now,
      (l) => l.level - now,
    );
    const below = nearest(
      levels,
      (l) => l.level < now,
      (l) => now - l.level,
    );
    if (above) values.push(above.level);
    if (below) values.push(below.level);
    // The next strong level beyond the alert's level: where the move is heading if it breaks.
    if (hl !== undefined) {
      const beyond =
        hl >= now
          ? nearest(
              levels,
              (l) => l.level > hl,
              (l) => l.level - hl,
            )
          : nearest(
              levels,
              (l) => l.level < hl,
              (l) => hl - l.level,
            );
      if (beyond) values.push(beyond.level);
    }
  }
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  if (max - min < max * 0.002) {
    // A flat line: give it a visible range around the price.
    min = min * 0.99;
    max = max * 1.01;
  }
  const pad = (max - min) * 0.06;
  return { min: Math.max(0, min - pad), max: max + pad };
}

function nearest(
  levels: readonly ChartLevel[],
  keep: (l: ChartLevel) => boolean,
  dist: (l: ChartLevel) => number,
): ChartLevel | undefined {
  let best: ChartLevel | undefined;
  for (const l of levels) if (keep(l) && (!best || dist(l) < dist(best))) best = l;
  return best;
}

export function scaleFor(input: ChartInput, points: readonly PricePoint[]): Scale {
  const { min, max } = priceDomain(input, points);
  const span = max - min || 1;
  const tSpan = input.to - input.from || 1;
  return {
    min,
    max,
    y: (p) => PLOT.bottom - ((p - min) / span) * (PLOT.bottom - PLOT.top),
    x: (t) => PLOT.left + ((t - input.from) / tSpan) * (PLOT.right - PLOT.left),
  };
}

/**
 * At most two samples per pixel column (the lowest and highest, in time order), so 30 days of minute
 * points cost what 1,300 do and spikes stay visible.
 */
export function thin(points: readonly PricePoint[], from: number, to: number): PricePoint[] {
  const inside = points.filter((p) => p.t >= from && p.t <= to && p.price > 0 && Number.isFinite(p.price));
  const columns = PLOT.right - PLOT.left;
  if (inside.length <= columns * 2) return inside;
  const out: PricePoint[] = [];
  const width = (to - from) / columns || 1;
  let i = 0;
  while (i < inside.length) {
    const first = inside[i] as PricePoint;
    const col = Math.floor((first.t - from) / width);
    let lo = first;
    let hi = first;
    while (i < inside.length) {
      const p = inside[i] as PricePoint;
      if (Math.floor((p.t - from) / width) !== col) break;
      if (p.price < lo.price) lo = p;
      if (p.price > hi.price) hi = p;
      i++;
    }
    if (lo === hi) out.push(lo);
    else if (lo.t < hi.t) out.push(lo, hi);
    else out.push(hi, lo);
  }
  return out;
}

/** "Nice" steps (1, 2, 2.5, 5 × 10^n) giving about `count` ticks over [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return [];
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(v);
  return out;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 5 * DAY, 7 * DAY];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Time ticks on whole UTC hours/days, about 6 of them; labels `14:00` or `Nov 28` (`day`: a day in the
 * reader's language, `28 нояб.`; default English).
 */
export function timeTicks(
  from: number,
  to: number,
  day: (t: number) => string = dayLabel,
): Array<{ t: number; label: string }> {
  const step = TIME_STEPS.find((s) => (to - from) / s <= 7) ?? 7 * DAY;
  const out: Array<{ t: number; label: string }> = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    out.push({ t, label: step < DAY ? hourLabel(t, day) : day(t) });
  }
  return out;
}

function hourLabel(t: number, day: (t: number) => string): string {
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  return hh === '00' ? day(t) : `${hh}:00`;
}

function dayLabel(t: number): string {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** Price label with digits that fit its size (no locale: the same bytes on every host). */
export function priceLabel(p: number): string {
  const abs = Math.abs(p);
  const decimals =
    abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : Math.min(10, 3 - Math.floor(Math.log10(abs || 1)));
  const fixed = p.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${frac === undefined ? grouped : `${grouped}.${frac}`}`;
}
