import { describe, expect, it } from 'vitest';
import {
  buildChartSvg,
  CHART_HEIGHT,
  CHART_WIDTH,
  ChartCache,
  type ChartInput,
  COLORS,
  escapeXml,
  fontOutliner,
  PLOT,
  renderChart,
  scaleFor,
  thin,
} from '#src/charts/index.js';
import { decodePng, pixel, rgb } from '../support/png.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const HOUR = 3_600_000;
const outliner = fontOutliner();

function input(over: Partial<ChartInput> = {}): ChartInput {
  const points = Array.from({ length: 7 * 24 }, (_, i) => ({
    t: NOW - (7 * 24 - 1 - i) * HOUR,
    price: 180 + 15 * Math.sin(i / 12) + (i % 5),
  }));
  return {
    title: 'SOL · 7d',
    subtitle: 'touch of resistance',
    points,
    levels: [
      { level: 200, strength: 85 },
      { level: 170, strength: 60 },
    ],
    highlight: { level: 200, strength: 85 },
    from: NOW - 7 * 24 * HOUR,
    to: NOW,
    ...over,
  };
}

const close = (a: readonly number[], b: readonly number[], tol = 24) =>
  a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tol);

describe('chart rendering', () => {
  it('writes an 800×400 PNG that is not blank', () => {
    const { png, width, height } = renderChart(input(), outliner);
    expect([width, height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([800, 400]);
    const colours = new Set<number>();
    let priceLine = 0;
    for (let y = 0; y < img.height; y += 2) {
      for (let x = 0; x < img.width; x += 2) {
        const [r, g, b] = pixel(img, x, y);
        colours.add((r << 16) | (g << 8) | b);
        if (close([r, g, b], rgb(COLORS.price), 8)) priceLine++;
      }
    }
    expect(colours.size).toBeGreaterThan(20);
    expect(priceLine).toBeGreaterThan(100);
  });

  it("draws the alert's level at the height its price maps to", () => {
    const inp = input();
    const img = decodePng(renderChart(inp, outliner).png);
    const want = scaleFor(inp, thin(inp.points, inp.from, inp.to)).y(200);
    // A column left of the first price point's x so only the highlighted line is yellow there.
    const x = PLOT.left + 2;
    const rows: number[] = [];
    for (let y = PLOT.top; y < PLOT.bottom; y++) {
      if (close(pixel(img, x, y).slice(0, 3), rgb(COLORS.highlight), 30)) rows.push(y);
    }
    expect(rows.length).toBeGreaterThan(0);
    const mid = rows.reduce((a, b) => a + b, 0) / rows.length;
    expect(Math.abs(mid + 0.5 - want)).toBeLessThanOrEqual(1.5);
    // And nowhere near the other level.
    const other = scaleFor(inp, thin(inp.points, inp.from, inp.to)).y(170);
    expect(rows.every((r) => Math.abs(r - other) > 10)).toBe(true);
  });

  it('escapes user and API text that goes into the SVG', () => {
    const svg = buildChartSvg(
      input({ title: '<script>alert("x")</script> & \'co\'', subtitle: '</svg><g>' }),
      outliner,
    );
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('</svg><g>');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)');
    expect(svg).toContain('&#38; &#39;co&#39;');
    expect(escapeXml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
    // The escaped document still parses and renders.
    expect(renderChart(input({ title: '<b>&\u0007' }), outliner).png.length).toBeGreaterThan(1000);
  });

  it('gives the same bytes for the same input', () => {
    const a = renderChart(input(), outliner).png;
    const b = renderChart(input(), outliner).png;
    expect(Buffer.compare(a, b)).toBe(0);
    const c = renderChart(input({ highlight: { level: 170, strength: 60 } }), outliner).png;
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it('renders with no history at all, and keeps far levels out of the axis', () => {
    const empty = renderChart(input({ points: [], now: { t: NOW, price: 190 } }), outliner);
    expect(decodePng(empty.png).width).toBe(800);
    const inp = input({ levels: [...input().levels, { level: 5000, strength: 99 }] });
    expect(scaleFor(inp, inp.points).max).toBeLessThan(300);
    expect(buildChartSvg(inp, outliner)).not.toContain('$5,000');
  });

  it('thins minute samples to at most two per pixel column', () => {
    const pts = Array.from({ length: 30 * 1440 }, (_, i) => ({ t: NOW - i * 60_000, price: 1 + (i % 7) }));
    pts.reverse();
    const thinned = thin(pts, NOW - 30 * 86_400_000, NOW);
    expect(thinned.length).toBeLessThanOrEqual((PLOT.right - PLOT.left) * 2 + 2);
    expect(Math.max(...thinned.map((p) => p.price))).toBe(7);
  });
});

describe('chart cache', () => {
  it('renders once for 10,000 subscribers of one token in the same minute', async () => {
    const cache = new ChartCache();
    let renders = 0;
    const render = () => {
      renders++;
      return renderChart(input(), outliner);
    };
    const got = await Promise.all(
      Array.from({ length: 10_000 }, (_, i) =>
        cache.get({ tokenId: 1, at: NOW + (i % 50) * 1000, range: '7d', highlight: 200 }, render),
      ),
    );
    expect(renders).toBe(1);
    expect(cache.renders()).toBe(1);
    expect(new Set(got.map((g) => g.png)).size).toBe(1);
    // Next minute, another token, another level: new renders.
    await cache.get({ tokenId: 1, at: NOW + 60_000, range: '7d', highlight: 200 }, render);
    await cache.get({ tokenId: 2, at: NOW, range: '7d', highlight: 200 }, render);
    await cache.get({ tokenId: 1, at: NOW, range: '7d', highlight: 170 }, render);
    expect(renders).toBe(4);
  });

  it('does not keep a failed render and stays bounded', async () => {
    const cache = new ChartCache({ maxEntries: 2 });
    const key = { tokenId: 1, at: NOW, range: '24h' };
    await expect(
      cache.get(key, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ok = await cache.get(key, () => ({ png: Buffer.from('x'), width: 1, height: 1 }));
    expect(ok.png.toString()).toBe('x');
    await cache.get({ ...key, tokenId: 2 }, () => ({ png: Buffer.from('y'), width: 1, height: 1 }));
    await cache.get({ ...key, tokenId: 3 }, () => ({ png: Buffer.from('z'), width: 1, height: 1 }));
    let again = 0;
    await cache.get(key, () => {
      again++;
      return { png: Buffer.from('x2'), width: 1, height: 1 };
    });
    expect(again).toBe(1);
  });
});
