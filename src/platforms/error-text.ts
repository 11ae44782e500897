import type { Scrubber } from '../obs/scrub.js';

/** Longest error text kept in a SendError message (and so in logs and the dead-letter list). */
const MAX_TEXT = 300;
/** Causes followed: undici's "fetch failed" keeps its reason (ECONNREFUSED, a TypeError) one level down. */
const MAX_CAUSES = 3;

/**
 * What an error a request failed with inside the process says: its message and those of its causes,
 * on one line, bounded, passed through `scrub` (the platform's secrets in every encoding). Telegram puts
 * the bot token in its URLs (`/bot<token>/<method>`), so that path segment is cut out even when no
 * scrubber is given. For errors thrown before or instead of an answer (network, a bug in a client
 * library): the platform's own answers are mapped from their status and code instead.
 */
export function errorText(err: unknown, scrub: Scrubber = (t) => t): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < MAX_CAUSES && e !== undefined && e !== null; depth++) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message);
    e = e.cause;
  }
  const text = scrub(parts.filter((p) => p !== '').join(': '))
    .replace(/\/bot[^/\s]+/gi, '/bot[REDACTED]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
