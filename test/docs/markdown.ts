import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Just enough Markdown to check the links of README.md and docs/*.md: headings and their GitHub anchors,
 * inline links and images, with code (fenced blocks, inline spans) left out so an example such as
 * `list [limit]` or a `# comment` in a shell block is neither a link nor a heading.
 */

/** A link or image target found in a file, with its 1-based line. */
export interface MdLink {
  readonly line: number;
  readonly target: string;
  readonly image: boolean;
}

/** A link that does not resolve, with why. */
export interface BrokenLink {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly problem: string;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** The text with fenced code blocks blanked (line count kept). */
export function blankFences(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with a run of the same character at least as long as the one that opened it.
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      out.push('');
    } else if (marker !== undefined) {
      fence = marker;
      out.push('');
    } else out.push(line);
  }
  return out.join('\n');
}

/**
 * The text with fenced code blanked and inline code spans reduced to `x`, for finding links (a heading
 * keeps its code spans: GitHub slugs their text).
 */
export function stripCode(md: string): string {
  return blankFences(md).replace(/(`+)(?:(?!\1)[\s\S])+?\1/g, 'x');
}

/**
 * GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped (letters, digits,
 * spaces, `-` and `_` kept), each space a `-`. Markdown syntax is dropped first, as GitHub slugs the
 * rendered text: code backticks, emphasis stars, a link's target.
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a file's headings, repeated ones numbered as GitHub does (`x`, `x-1`, `x-2`). */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of blankFences(md).split('\n')) {
    const m = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (!m?.[1]) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

const LINK = /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Inline links and images outside code. */
export function links(md: string): MdLink[] {
  const out: MdLink[] = [];
  for (const [i, line] of stripCode(md).split('\n').entries()) {
    for (const m of line.matchAll(LINK)) {
      const target = m[3];
      if (target !== undefined) out.push({ line: i + 1, target, image: m[1] === '!' });
    }
  }
  return out;
}

/** Targets with a scheme (https:, mailto:) are someone else's; only files in the repository are checked. */
const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/**
 * Every relative link of `files` (absolute paths): the file or folder must exist, and an anchor must be a
 * heading of the Markdown file it points into (the same file for `#anchor`). `root` only shortens the
 * reported paths.
 */
export function brokenLinks(files: readonly string[], root: string): BrokenLink[] {
  const cache = new Map<string, Set<string>>();
  const anchorsOf = (path: string) => {
    let a = cache.get(path);
    if (!a) {
      a = anchors(readFileSync(path, 'utf8'));
      cache.set(path, a);
    }
    return a;
  };
  const out: BrokenLink[] = [];
  for (const file of files) {
    const rel = relative(root, file);
    for (const l of links(readFileSync(file, 'utf8'))) {
      if (external(l.target)) continue;
      const hash = l.target.indexOf('#');
      const path = decodeURIComponent(hash === -1 ? l.target : l.target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(l.target.slice(hash + 1));
      const dest = path === '' ? file : resolve(dirname(file), path);
      const broken = (problem: string) => out.push({ file: rel, line: l.line, target: l.target, problem });
      if (!existsSync(dest)) broken(`no such file: ${relative(root, dest)}`);
      else if (anchor !== undefined && !dest.endsWith('.md'))
        broken('anchor into a file that is not Markdown');
      else if (anchor !== undefined && !anchorsOf(dest).has(anchor))
        broken(`no heading #${anchor} in ${relative(root, dest)}`);
    }
  }
  return out;
}

/** README.md and every docs/*.md of the repository at `root`. */
export function docFiles(root: string, listDocs: (dir: string) => readonly string[]): string[] {
  const docs = join(root, 'docs');
  return [
    join(root, 'README.md'),
    ...listDocs(docs)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(docs, f)),
  ];
}
