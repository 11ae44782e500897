/**
 * Replaces known secret values in text, in every form a secret takes on its way into a log line, an
 * error message or a stored error: raw, JSON-escaped, percent-encoded (any subset of its characters,
 * upper- or lower-case hex, also double-encoded as `%253A`), and base64 / base64url, including when
 * the secret sits inside a longer base64 blob (HTTP Basic auth `user:password`).
 */

/** Values shorter than this are not treated as secrets (too likely to match ordinary text). */
export const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[REDACTED]';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One character as itself or as its percent-encoded UTF-8 bytes (either hex case, optionally %25-escaped). */
function charPattern(ch: string): string {
  const bytes = [...Buffer.from(ch, 'utf8')];
  const pct = bytes
    .map((b) => {
      const hex = b.toString(16).padStart(2, '0');
      const cls = [...hex].map((h) => (/[a-f]/.test(h) ? `[${h}${h.toUpperCase()}]` : h)).join('');
      return `%(?:25)?${cls}`;
    })
    .join('');
  return `(?:${escapeRe(ch)}|${pct})`;
}

/** The value, raw or with any of its characters percent-encoded. */
function percentPattern(secret: string): string {
  return [...secret].map(charPattern).join('');
}

/**
 * The parts of base64(secret) that do not depend on what precedes or follows it, for each of the three
 * byte alignments a secret can have inside a longer encoded string.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters covering the prefix (and the partially shared group) depend on the prefix; drop them.
    // Character i covers bits [6i, 6i+6): stable when it starts after the prefix and ends inside the secret.
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

function base64Patterns(secret: string): string[] {
  const out = new Set<string>();
  for (const core of base64Cores(secret)) {
    out.add(escapeRe(core));
    out.add(escapeRe(core.replace(/\+/g, '-').replace(/\//g, '_')));
    // base64 inside a URL query: + / = percent-encoded.
    out.add([...core].map((c) => (c === '+' || c === '/' ? charPattern(c) : escapeRe(c))).join(''));
  }
  return [...out];
}

/** Every pattern for one secret, most specific first. */
export function secretPatterns(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const pats = [percentPattern(secret)];
  if (json !== secret) pats.push(escapeRe(json));
  pats.push(...base64Patterns(secret));
  return pats;
}

export type Scrubber = (text: string) => string;

/**
 * A function that replaces every form of every secret in a string. Secrets shorter than
 * MIN_SECRET_LENGTH are ignored. Longer secrets are matched first so a secret that contains another
 * (a URL containing a password) is replaced whole.
 */
export function createScrubber(secrets: readonly string[]): Scrubber {
  const list = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.flatMap(secretPatterns).join('|'), 'g');
  return (text) => text.replace(re, REDACTED);
}
