/**
 * Chart text as filled outlines instead of SVG `<text>`. resvg shapes every `<text>` element on every
 * render (font faces parsed, glyphs shaped and outlined): for the ~17 labels of a chart that was more
 * than half of the render time. The labels use a few dozen characters, so each character's outline
 * and advance, and each pair's kerning, are measured once per process (by resvg itself, with the same
 * font) and every later label is plain path data.
 *
 * Layout is one glyph per code point, advance plus pair kerning, which is what resvg does for the
 * Latin text we draw (DejaVu Sans kerns pairs and has no ligatures among these characters). Scripts
 * that need contextual shaping are not drawn correctly; chart text is symbols, prices and English.
 */

import {
  BLANK,
  type Cmd,
  type Cut,
  chunks,
  cutAtProbes,
  type Glyph,
  glyphOf,
  half,
  parsePath,
  units,
} from './glyph-path.js';
import { escapeXml, num, type PaintText, type TextPainter } from './text.js';

/**
 * Turns a measurement SVG into usvg's simplified SVG (text converted to paths, ids kept), e.g.
 * `new Resvg(svg, fontOptions).toString()`. Throws if the document cannot be parsed.
 */
export type OutlineSource = (svg: string) => string;

/**
 * Measurement size: DejaVu's 2,048 units per em, so outlines, advances and kerning come back as whole
 * font units (halves at most) and the layout sums them exactly.
 */
const UNITS = 2048;
/** Characters and pairs kept at most; past that the cache starts over (results stay identical). */
const MAX_GLYPHS = 4096;
const MAX_PAIRS = 65_536;
/** Separates measured units: DejaVu kerns no pair with `|` (nor with a space). */
const PROBE = '|';
/**
 * Units per measured line: f32 coordinates stay exact to well under half a font unit while a line
 * is shorter than 2^20 units (~500 glyphs).
 */
const LINE = 128;

/**
 * A {@link TextPainter} that draws text as one `<path>` per line from outlines measured once per
 * character and kerning measured once per pair, each in isolation: the same text gives the same path
 * whatever was measured before (cache cold, warm or started over). The plain text stays in the
 * document as the path's `aria-label` (escaped), for readers and tests.
 */
export class TextOutliner implements TextPainter {
  private readonly glyphs = new Map<string, Glyph>();
  /** Pen step from one character to the next: its advance plus the pair's kerning (font units). */
  private readonly steps = new Map<string, number>();

  constructor(private readonly source: OutlineSource) {}

  readonly paint: PaintText = (text, x, y, style) => {
    const chars = [...text];
    this.prepare([text]);
    const parts: string[] = [];
    let pen = 0;
    for (let i = 0; i < chars.length; i++) {
      const g = this.glyph(chars[i] as string);
      if (g.rel) parts.push(`M${units(pen)} 0${g.rel}`);
      pen += i + 1 < chars.length ? this.step(chars[i] as string, chars[i + 1] as string) : g.advance;
    }
    if (parts.length === 0) return '';
    const k = style.size / UNITS;
    const ox = x - (style.anchor === 'end' ? pen : style.anchor === 'middle' ? pen / 2 : 0) * k;
    const label = `aria-label="${escapeXml(text)}"`;
    return `<path ${label} fill="${style.fill}" transform="matrix(${k} 0 0 ${k} ${num(ox)} ${num(y)})" d="${parts.join('')}"/>`;
  };

  private glyph(c: string): Glyph {
    return this.glyphs.get(c) ?? BLANK;
  }

  /** A pair with a glyph-less character is not kerned (DejaVu kerns none), so it is not measured. */
  private step(a: string, b: string): number {
    return this.steps.get(a + b) ?? this.glyph(a).advance;
  }

  /**
   * Measures what `texts` need and is not known yet, in two resvg calls (three the first time): the
   * new characters in one line, then the new pairs in another. resvg's cost is per shaped run far
   * more than per glyph, so a cold chart costs a few runs, not one per label, character and pair.
   */
  prepare(texts: readonly string[]): void {
    const all = texts.map((t) => [...t]);
    let newChars = this.newChars(all.flat());
    if (newChars.length > 0 && this.glyphs.size + newChars.length + 1 > MAX_GLYPHS) {
      // Start over rather than evict one by one; these texts' entries are measured again, identically.
      this.glyphs.clear();
      this.steps.clear();
      newChars = this.newChars(all.flat());
    }
    if (newChars.length > 0) this.measureChars(newChars);
    let pairs = this.newPairs(all);
    if (this.steps.size + pairs.length > MAX_PAIRS) {
      this.steps.clear();
      pairs = this.newPairs(all);
    }
    if (pairs.length > 0) this.measurePairs(pairs);
  }

  private newPairs(texts: ReadonlyArray<readonly string[]>): string[] {
    const pairs = new Set<string>();
    for (const chars of texts) {
      for (let i = 0; i + 1 < chars.length; i++) {
        const a = chars[i] as string;
        const b = chars[i + 1] as string;
        if (this.glyph(a).count > 0 && this.glyph(b).count > 0 && !this.steps.has(a + b)) pairs.add(a + b);
      }
    }
    return [...pairs];
  }

  private newChars(chars: readonly string[]): string[] {
    const out = new Set(chars.filter((c) => !this.glyphs.has(c)));
    if (out.size > 0 && !this.glyphs.has(PROBE)) out.add(PROBE);
    return [...out];
  }

  /**
   * New characters in one line between probes, `|a|b| |`, cut at the probes: each character's
   * origin is where the probe before it ends (nothing kerns with the probe), its advance runs to the
   * next probe, and a blank one (a space) is just that gap. Characters the cut cannot tell apart (an
   * outline that contains the probe's) are measured alone instead.
   */
  private measureChars(chars: readonly string[]): void {
    if (!this.glyphs.has(PROBE)) this.measureAlone([PROBE]);
    const probe = this.glyph(PROBE);
    const todo = chars.filter((c) => c !== PROBE);
    if (todo.length === 0) return;
    if (probe.count === 0) {
      this.measureAlone(todo);
      return;
    }
    const lines = chunks(todo, LINE);
    const texts = new Map(lines.map((l, i) => [`l${i}`, `${PROBE}${l.map((c) => `${c}${PROBE}`).join('')}`]));
    const m = this.measureAll(texts, false);
    lines.forEach((line, i) => {
      const cut = cutAtProbes(m.get(`l${i}`)?.start ?? [], probe);
      if (cut?.length !== line.length) {
        this.measureAlone(line);
        return;
      }
      line.forEach((c, k) => {
        const { origin, next, cmds } = cut[k] as Cut;
        const own = cmds.map(({ op, xy }) => ({ op, xy: xy.map((v, j) => (j % 2 === 0 ? v - origin : v)) }));
        this.glyphs.set(c, glyphOf(own, half(next - origin)));
      });
    });
  }

  /** Each character set alone at the start anchor (its outline) and the end anchor (moved left by its advance). */
  private measureAlone(chars: readonly string[]): void {
    const m = this.measureAll(new Map(chars.map((c, i) => [`c${i}`, c])), true);
    chars.forEach((c, i) => {
      const got = m.get(`c${i}`);
      const x0 = got?.start[0]?.xy[0];
      const x1 = got?.end?.[0]?.xy[0];
      // A blank character alone has no outline to measure: it keeps advance 0.
      this.glyphs.set(
        c,
        got && x0 !== undefined && x1 !== undefined ? glyphOf(got.start, half(x0 - x1)) : BLANK,
      );
    });
  }

  /**
   * New pairs in one line between probes, `|ab|cd|`, walked glyph by glyph: a pair's step is the
   * distance between its two glyphs' origins. The probe is never kerned, so each pair is measured as
   * if alone (and is, one element each, when a line does not come back glyph for glyph as expected).
   */
  private measurePairs(pairs: readonly string[]): void {
    const lines = chunks(pairs, LINE);
    const text = (group: readonly string[]) => `${PROBE}${group.map((u) => `${u}${PROBE}`).join('')}`;
    const m = this.measureAll(new Map(lines.map((l, i) => [`l${i}`, text(l)])), false);
    lines.forEach((line, i) => {
      const pens = this.walk(text(line), m.get(`l${i}`)?.start);
      if (pens) {
        for (const [k, u] of line.entries()) this.learn(u, pens, 1 + 3 * k);
        return;
      }
      const alone = this.measureAll(new Map(line.map((u, k) => [`p${k}`, text([u])])), false);
      for (const [k, u] of line.entries()) {
        this.learn(u, this.walk(text([u]), alone.get(`p${k}`)?.start) ?? [], 1);
      }
    });
  }

  /** Records pair `u` whose first character is at index `at` of a walked line. */
  private learn(u: string, pens: ReadonlyArray<number | undefined>, at: number): void {
    const pa = pens[at];
    const pb = pens[at + 1];
    this.steps.set(
      u,
      pa === undefined || pb === undefined ? this.glyph([...u][0] ?? '').advance : half(pb - pa),
    );
  }

  /**
   * The origin x of each outlined character of `line` in its measured outline, or undefined when the
   * outline is not the characters' own outlines one after the other.
   */
  private walk(line: string, cmds: readonly Cmd[] | undefined): Array<number | undefined> | undefined {
    if (!cmds) return undefined;
    const pens: Array<number | undefined> = [];
    let i = 0;
    for (const c of line) {
      const g = this.glyph(c);
      if (g.count === 0) {
        pens.push(undefined);
        continue;
      }
      const x = cmds[i]?.xy[0];
      const ops = cmds
        .slice(i, i + g.count)
        .map((cmd) => cmd.op)
        .join('');
      if (x === undefined || ops !== g.ops) return undefined;
      pens.push(x - g.firstX);
      i += g.count;
    }
    return i === cmds.length ? pens : undefined;
  }

  /**
   * One resvg call for all texts; if the batch does not parse (a character XML forbids), each text
   * alone, and the ones that still fail count as blank.
   */
  private measureAll(texts: ReadonlyMap<string, string>, withEnd: boolean): Map<string, Measured> {
    try {
      return this.measure(texts, withEnd);
    } catch {
      const out = new Map<string, Measured>();
      for (const [id, t] of texts) {
        try {
          for (const [key, v] of this.measure(new Map([[id, t]]), withEnd)) out.set(key, v);
        } catch {
          // Blank: no outline, no advance.
        }
      }
      return out;
    }
  }

  /** Text with no outline (spaces) comes back absent. */
  private measure(texts: ReadonlyMap<string, string>, withEnd: boolean): Map<string, Measured> {
    // Preserved: by default SVG drops leading and trailing spaces, which would hide their width.
    const attrs = `x="0" y="0" font-size="${UNITS}" font-family="DejaVu Sans" xml:space="preserve"`;
    const body = [...texts]
      .map(([id, t]) => {
        const esc = escapeXml(t);
        const end = withEnd ? `<text id="${id}e" ${attrs} text-anchor="end">${esc}</text>` : '';
        return `<text id="${id}s" ${attrs}>${esc}</text>${end}`;
      })
      .join('');
    const out = this.source(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">${body}</svg>`);
    const paths = new Map<string, Cmd[]>();
    for (const g of out.matchAll(/<g id="([a-z]\d+[se])">\s*<path [^>]*?d="([^"]*)"/g)) {
      paths.set(g[1] as string, parsePath(g[2] as string));
    }
    const result = new Map<string, Measured>();
    for (const id of texts.keys()) {
      const start = paths.get(`${id}s`);
      if (start && start.length > 0) result.set(id, { start, end: paths.get(`${id}e`) });
    }
    return result;
  }
}

interface Measured {
  readonly start: readonly Cmd[];
  readonly end: readonly Cmd[] | undefined;
}
