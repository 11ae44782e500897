import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { TextOutliner } from './outline.js';

/**
 * The shipped font, resolved through the package so it is found wherever node_modules is (repo,
 * Docker image). resvg draws no text without a font and slim images have none, so system fonts are
 * never loaded: the output is the same on every host. One face only; bold labels use the regular face.
 */
const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

export const FONT_OPTIONS: ResvgRenderOptions = {
  font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
};

/**
 * An outliner measuring glyphs with resvg and the shipped font. Its owner (the chart service) keeps it
 * for its life so glyphs are measured once (a few hundred KB at most, bounded in {@link TextOutliner}).
 */
export function fontOutliner(): TextOutliner {
  return new TextOutliner((svg) => new Resvg(svg, FONT_OPTIONS).toString());
}
