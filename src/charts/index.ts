/** Charts: a hand-built SVG rendered to PNG by resvg with the shipped DejaVu Sans, cached per minute. */
export { type AlertChart, type AlertChartSource, alertCharts } from './attach.js';
export { ChartCache, type ChartCacheOptions, type ChartKey } from './cache.js';
export { fontOutliner } from './font.js';
export { PLOT, priceDomain, scaleFor, thin } from './layout.js';
export { type OutlineSource, TextOutliner } from './outline.js';
export { type RenderedChart, renderChart, svgToPixels, svgToPng } from './render.js';
export {
  type ChartImage,
  type ChartService,
  type ChartServiceDeps,
  chartService,
  type LevelChartRequest,
} from './service.js';
export { buildChartSvg, escapeXml } from './svg.js';
export { type PaintText, svgTextPainter, type TextAnchor, type TextPainter, type TextStyle } from './text.js';
export * from './types.js';
