/**
 * Regenerates docs/chart-example.png (shown in docs/commands.md): `npx tsx bench/chart-example.ts`.
 * A deterministic random walk of SOL over 7 days approaching resistance at $200, the way a level alert
 * draws it. Same input, same bytes.
 */
import { writeFileSync } from 'node:fs';
import { fontOutliner, renderChart } from '#src/charts/index.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const HOUR = 3_600_000;
let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31 - 0.5;
};
let p = 176;
const points: Array<{ t: number; price: number }> = [];
// Hourly points for days 2..7, 5-minute points for the last day (what the history keeps, thinned).
for (let i = 7 * 24; i > 24; i--) {
  p *= 1 + rnd() * 0.012 + 0.0005;
  points.push({ t: NOW - i * HOUR, price: p });
}
for (let m = 24 * 60; m >= 0; m -= 5) {
  p *= 1 + rnd() * 0.003 + 0.00005;
  points.push({ t: NOW - m * 60_000, price: Math.min(p, 198.6) });
}
const chart = renderChart(
  {
    title: 'SOL · 7d',
    subtitle: 'approach of resistance $200.00',
    points,
    levels: [
      { level: 200, strength: 86, side: 'resistance' },
      { level: 212.5, strength: 71, side: 'resistance' },
      { level: 181, strength: 64, side: 'support' },
      { level: 172.4, strength: 58, side: 'support' },
    ],
    highlight: { level: 200, strength: 86 },
    from: NOW - 7 * 24 * HOUR,
    to: NOW,
  },
  fontOutliner(),
);
writeFileSync(new URL('../docs/chart-example.png', import.meta.url), chart.png);
console.log(`docs/chart-example.png: ${chart.png.length} bytes`);
