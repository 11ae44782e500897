import { Resvg } from '@resvg/resvg-js';
import { FONT_OPTIONS } from './font.js';
import { buildChartSvg } from './svg.js';
import type { TextPainter } from './text.js';
import type { ChartInput } from './types.js';

export interface RenderedChart {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Text already outlined needs no font: resvg then skips loading the font file. */
const NO_FONT = { font: { loadSystemFonts: false } };

function resvgFor(svg: string): Resvg {
  return new Resvg(svg, svg.includes('<text') ? FONT_OPTIONS : NO_FONT);
}

/** SVG → PNG with the shipped DejaVu Sans for any `<text>` left in it. */
export function svgToPng(svg: string): RenderedChart {
  const img = resvgFor(svg).render();
  return { png: img.asPng(), width: img.width, height: img.height };
}

/** SVG → raw RGBA pixels (tests read lines back from them). */
export function svgToPixels(svg: string): { pixels: Buffer; width: number; height: number } {
  const img = resvgFor(svg).render();
  return { pixels: img.pixels, width: img.width, height: img.height };
}

/**
 * A chart input straight to PNG bytes. `painter` draws its text: a `fontOutliner()` outlines it (the
 * shipped path), `svgTextPainter` leaves `<text>` for resvg to shape (the slower path, for comparison).
 */
export function renderChart(input: ChartInput, painter: TextPainter): RenderedChart {
  return svgToPng(buildChartSvg(input, painter));
}
