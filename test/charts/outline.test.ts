import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { FONT_OPTIONS } from '#src/charts/font.js';
import {
  buildChartSvg,
  type ChartInput,
  svgTextPainter,
  svgToPixels,
  TextOutliner,
  type TextStyle,
} from '#src/charts/index.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const HOUR = 3_600_000;

function counting() {
  const calls: string[] = [];
  const outliner = new TextOutliner((svg) => {
    calls.push(svg);
    return new Resvg(svg, FONT_OPTIONS).toString();
  });
  return { outliner, calls };
}

/** One line of text on a white 400×40 image, drawn by `draw`, as RGBA pixels. */
function line(draw: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><rect width="400" height="40" fill="#fff"/>${draw}</svg>`;
  return svgToPixels(svg).pixels;
}

/** Share of pixels whose grey level differs by more than `tol` between two renders. */
function differing(a: Buffer, b: Buffer, tol: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > tol) n++;
  return n / (a.length / 4);
}

function inked(a: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if ((a[i] ?? 255) < 128) n++;
  return n;
}

const CASES: Array<[string, number, TextStyle]> = [
  ['$1,234.56 · str 71', 10, { size: 11, fill: '#000' }],
  ['Nov 28 AV Ty. LT Wo', 390, { size: 16, fill: '#000', anchor: 'end' }],
  ['now $0.00001234', 200, { size: 12, fill: '#000', anchor: 'middle' }],
  ['touch of resistance', 10, { size: 13, fill: '#000', bold: true }],
];

describe('text outliner', () => {
  it.each(CASES)('draws %j where resvg draws the same <text>', (text, x, style) => {
    const { outliner } = counting();
    const want = line(svgTextPainter.paint(text, x, 28, style));
    const got = line(outliner.paint(text, x, 28, style));
    expect(inked(want)).toBeGreaterThan(50);
    // Same glyphs in the same places: at most a few anti-aliased edge pixels differ.
    expect(differing(want, got, 64)).toBeLessThan(0.002);
    // And a shift of one pixel (a wrong advance or kerning) would be seen.
    const shifted = line(outliner.paint(text, x + 1, 28, style));
    expect(differing(want, shifted, 64)).toBeGreaterThan(0.005);
  });

  it('gives the same path for a text whatever was measured before', () => {
    const warm = counting().outliner;
    warm.prepare(['Quick brown fox · 0123456789', 'AVAV Ty To', 'Ünïcödé ½ € ≈']);
    warm.paint('Jan 1 Feb 2 Mar', 0, 0, { size: 11, fill: '#000' });
    const cold = counting().outliner;
    for (const [text, x, style] of CASES) {
      expect(warm.paint(text, x, 28, style)).toBe(cold.paint(text, x, 28, style));
    }
  });

  it('measures a cold chart in at most three resvg calls and a warm one in none', () => {
    const { outliner, calls } = counting();
    const input: ChartInput = {
      title: 'SOL · 7d',
      subtitle: 'touch of resistance',
      points: Array.from({ length: 168 }, (_, i) => ({ t: NOW - (167 - i) * HOUR, price: 180 + (i % 13) })),
      levels: [
        { level: 200, strength: 85 },
        { level: 170, strength: 60 },
      ],
      highlight: { level: 200, strength: 85 },
      from: NOW - 7 * 24 * HOUR,
      to: NOW,
    };
    const svg = buildChartSvg(input, outliner);
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('aria-label="$200.0 · str 85"');
    const cold = calls.length;
    // Another chart of the same token: at most its new digit pairs are measured, in one call.
    const next = { ...input, highlight: { level: 170, strength: 60 }, now: { t: NOW, price: 181.5 } };
    buildChartSvg(next, outliner);
    expect(calls.length - cold).toBeLessThanOrEqual(1);
    const warm = calls.length;
    buildChartSvg(input, outliner);
    buildChartSvg(next, outliner);
    expect(calls.length).toBe(warm);
  });

  it('escapes the text it keeps and survives characters XML forbids', () => {
    const { outliner } = counting();
    const path = outliner.paint('<b>&"x\'\uffff', 10, 28, { size: 11, fill: '#000' });
    expect(path).toContain('aria-label="&#60;b&#62;&#38;&#34;x&#39;');
    expect(path).not.toContain('<b>');
    // The document still parses; resvg's own <text> of the same string does not.
    expect(inked(line(path.replace('\uffff', '')))).toBeGreaterThan(20);
    expect(() => line(svgTextPainter.paint('x\uffff', 10, 28, { size: 11, fill: '#000' }))).toThrow();
  });
});
