/** Glyph outlines as usvg writes them, and the geometry the outliner does on them. */

/** One character measured at the outliner's measurement size, origin on the baseline. */
export interface Glyph {
  /** Its outline as relative path commands from the origin (`m … z`), empty when it has none. */
  readonly rel: string;
  /** The outline's command letters (`MLQZ…`), to find this glyph in a measured line. */
  readonly ops: string;
  readonly count: number;
  /** The outline, origin at 0 (to recognise the probe in a measured line). */
  readonly cmds: readonly Cmd[];
  /** x of the outline's first point (the left side bearing, roughly). */
  readonly firstX: number;
  readonly advance: number;
}

export const BLANK: Glyph = { rel: '', ops: '', count: 0, cmds: [], firstX: 0, advance: 0 };

/** Font units to text: usvg's f32 output leaves noise past the third decimal. */
export const units = (v: number) => (Math.round(v * 1000) / 1000).toString();

export interface Cmd {
  readonly op: string;
  readonly xy: readonly number[];
}

/** usvg writes absolute `M`, `L`, `Q`, `C` and `Z` with space-separated numbers. */
export function parsePath(d: string): Cmd[] {
  const out: Array<{ op: string; xy: number[] }> = [];
  for (const tok of d.trim().split(/\s+/)) {
    if (/^[A-Za-z]$/.test(tok)) out.push({ op: tok, xy: [] });
    else out.at(-1)?.xy.push(Number(tok));
  }
  return out;
}

/**
 * The outline in relative commands, so a label places each glyph with one `M pen 0` before it and
 * the glyph's own numbers are reused as they are.
 */
export function relative(cmds: readonly Cmd[]): string {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const out: string[] = [];
  for (const { op, xy } of cmds) {
    if (op === 'Z' || op === 'z') {
      out.push('z');
      cx = sx;
      cy = sy;
      continue;
    }
    const rel = xy.map((v, j) => v - (j % 2 === 0 ? cx : cy));
    out.push(op.toLowerCase(), ...rel.map(units));
    cx = xy[xy.length - 2] ?? cx;
    cy = xy[xy.length - 1] ?? cy;
    if (op === 'M') {
      sx = cx;
      sy = cy;
    }
  }
  return out.join(' ').replace(/^m/, ' m');
}

export interface Cut {
  /** Where the character's origin is: the end of the probe before it. */
  readonly origin: number;
  /** The next probe's origin. */
  readonly next: number;
  readonly cmds: readonly Cmd[];
}

/** The outline of `|a|b|…|` cut into the characters between the probes, or undefined if it is not one. */
export function cutAtProbes(cmds: readonly Cmd[], probe: Glyph): Cut[] | undefined {
  const probeAt = (i: number): number | undefined => {
    const x = cmds[i]?.xy[0];
    if (x === undefined) return undefined;
    const pen = x - probe.firstX;
    for (let k = 0; k < probe.count; k++) {
      const got = cmds[i + k];
      const want = probe.cmds[k];
      if (!got || !want || got.op !== want.op || got.xy.length !== want.xy.length) return undefined;
      const off = (j: number) => (j % 2 === 0 ? pen : 0);
      if (got.xy.some((v, j) => Math.abs(v - off(j) - (want.xy[j] as number)) > 0.25)) return undefined;
    }
    return pen;
  };
  let pen = probeAt(0);
  if (pen === undefined) return undefined;
  const out: Cut[] = [];
  let i = probe.count;
  let own: Cmd[] = [];
  while (i < cmds.length) {
    const next = probeAt(i);
    if (next === undefined) {
      own.push(cmds[i] as Cmd);
      i++;
      continue;
    }
    out.push({ origin: pen + probe.advance, next, cmds: own });
    pen = next;
    own = [];
    i += probe.count;
  }
  return own.length === 0 ? out : undefined;
}

export function glyphOf(cmds: readonly Cmd[], advance: number): Glyph {
  const own = cmds.map(({ op, xy }) => ({ op, xy: xy.map(half) }));
  const ops = own.map((c) => c.op).join('');
  const firstX = own[0]?.xy[0] ?? 0;
  return { rel: relative(own), ops, count: own.length, firstX, advance, cmds: own };
}

/**
 * DejaVu's outlines are whole font units, with halves where a curve's on-point is implied; usvg's
 * f32 arithmetic leaves noise that depends on where the glyph sat in the measured line. Rounding to
 * half units removes it, so a measurement is the same in any line.
 */
export function half(v: number): number {
  return Math.round(v * 2) / 2;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
