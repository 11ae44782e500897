import { createHash } from 'node:crypto';

/**
 * Deterministic event id: 16 hex chars of sha1 over the parts joined with a separator that cannot occur
 * in them unescaped. Callers pass the token, the rule, the profile/threshold, the transition and a value
 * from the PREVIOUS committed state (the time the previous phase began) or the data's own date — never
 * the current tick time, so a tick repeated after a crash yields the same ids and the outbox dedups them.
 */
export function eventId(...parts: ReadonlyArray<string | number>): string {
  const h = createHash('sha1');
  for (const p of parts) {
    h.update(String(p).replaceAll('\\', '\\\\').replaceAll('|', '\\|'));
    h.update('|');
  }
  return h.digest('hex').slice(0, 16);
}
