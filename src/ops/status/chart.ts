import { html } from 'hono/html';
import type { LedgerStatus } from './sources.js';

const W = 320;
const H = 120;
const PAD = { l: 8, r: 8, t: 10, b: 16 };

/**
 * The month's credits as a small inline SVG (no script, styled by classes from the page's stylesheet, so
 * the CSP needs no inline styles): cumulative use per day, a dashed projection to the month's end, the
 * budget as a line. Every value is a number we computed; text still goes through the escaping template.
 */
export function ledgerChart(l: LedgerStatus): ReturnType<typeof html> {
  const days = Math.max(1, l.daysInMonth ?? 30);
  const daily = [...(l.daily ?? [])].sort((a, b) => a.day - b.day);
  const points: Array<[number, number]> = [[0, 0]];
  let sum = 0;
  for (const d of daily) {
    sum += d.used;
    points.push([d.day, sum]);
  }
  const lastDay = daily.at(-1)?.day ?? 0;
  // When the days do not add up to `used` (a ledger that only keeps the total), the total wins.
  const used = Math.max(l.used, sum);
  if (used > sum) points.push([Math.max(lastDay, l.asOfDay ?? 1), used]);
  const top = Math.max(l.budget, l.projected, used, 1) * 1.08;
  const x = (day: number) => PAD.l + (day / days) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v / top) * (H - PAD.t - PAD.b);
  const f = (n: number) => n.toFixed(1);
  const line = points.map(([d, v]) => `${f(x(d))},${f(y(v))}`).join(' ');
  const [lx, ly] = points.at(-1) ?? [0, 0];
  const over = l.projected > l.budget;
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="credits used ${used} of ${l.budget}, projected ${l.projected}">
<line class="budget" x1="${f(x(0))}" y1="${f(y(l.budget))}" x2="${f(x(days))}" y2="${f(y(l.budget))}"></line>
<text class="label" x="${f(x(0) + 2)}" y="${f(y(l.budget) - 3)}">budget ${l.budget}</text>
<line class="${over ? 'projection over' : 'projection'}" x1="${f(x(lx))}" y1="${f(y(ly))}" x2="${f(x(days))}" y2="${f(y(l.projected))}"></line>
<polyline class="used" points="${line}"></polyline>
<line class="axis" x1="${f(x(0))}" y1="${f(y(0))}" x2="${f(x(days))}" y2="${f(y(0))}"></line>
<text class="label" x="${f(x(0))}" y="${H - 3}">${l.month}-01</text>
<text class="label end" x="${f(x(days))}" y="${H - 3}">day ${days}</text>
</svg>`;
}
