/** Painting chart text: the style, the painter interface and the plain SVG `<text>` painter. */

/** Anchor as SVG's `text-anchor`. */
export type TextAnchor = 'start' | 'middle' | 'end';

export interface TextStyle {
  /** Font size in px. */
  readonly size: number;
  /** CSS colour. */
  readonly fill: string;
  /** Default `start`. */
  readonly anchor?: TextAnchor;
  /** Bold in the `<text>` form only: the one shipped face is regular, as resvg drew it before. */
  readonly bold?: boolean;
}

/** Draws one line of text with its baseline at (x, y); returns SVG markup. */
export type PaintText = (text: string, x: number, y: number, style: TextStyle) => string;

export interface TextPainter {
  readonly paint: PaintText;
  /** Called with every text of a document before any is painted, so work can be batched. */
  prepare?(texts: readonly string[]): void;
}

/** Escapes text for SVG/XML content and attribute values: `& < > " '`. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pixel coordinates to 0.01 px: plenty for anti-aliasing, and short. */
export const num = (v: number) => (Math.round(v * 100) / 100).toString();

/** The text as SVG `<text>`: resvg shapes it on every render. Kept for comparison (bench) and tests. */
export const svgTextPainter: TextPainter = {
  paint: (text, x, y, style) => {
    const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
    const weight = style.bold ? ' font-weight="bold"' : '';
    return `<text x="${num(x)}" y="${num(y)}"${anchor} font-size="${style.size}"${weight} fill="${style.fill}" font-family="DejaVu Sans">${escapeXml(text)}</text>`;
  },
};
