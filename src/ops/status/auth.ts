import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The operator page's login. One shared secret (STATUS_TOKEN) is checked in constant time; a browser
 * exchanges it once for a session cookie that carries no secret: `<expiry>.<nonce>.<mac>`, signed with a
 * key derived from the token. Stateless, so every replica with the same STATUS_TOKEN accepts it, and
 * changing the token ends every session. The CSRF token of a session is another MAC of its id, so forms
 * need no server-side state either.
 */
export interface StatusAuth {
  /** Constant-time comparison with the configured token. */
  tokenMatches(given: string): boolean;
  /** A new session: the cookie value and its lifetime. */
  newSession(now: number): { cookie: string; maxAgeS: number };
  /** The session id when the cookie is genuine, unexpired and not logged out. */
  session(cookie: string | undefined, now: number): string | undefined;
  /** The form token for a session. */
  csrfToken(sessionId: string): string;
  csrfMatches(sessionId: string, given: string | undefined): boolean;
  /** Logs the session out on this replica (others keep it until it expires). */
  revoke(sessionId: string, now: number): void;
}

/** Session lifetime. */
export const SESSION_TTL_S = 12 * 3600;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createStatusAuth(token: string): StatusAuth {
  const tokenDigest = sha256(token);
  const key = createHmac('sha256', token).update('tokenwatch:status-session:v1').digest();
  const mac = (s: string) => createHmac('sha256', key).update(s).digest('base64url');
  const revoked = new Map<string, number>();

  return {
    tokenMatches(given) {
      // Digests have one length, so the comparison time does not tell the token's length either.
      return sameBytes(sha256(given), tokenDigest);
    },
    newSession(now) {
      const exp = Math.floor(now / 1000) + SESSION_TTL_S;
      const id = `${exp}.${randomBytes(18).toString('base64url')}`;
      return { cookie: `${id}.${mac(`session:${id}`)}`, maxAgeS: SESSION_TTL_S };
    },
    session(cookie, now) {
      if (!cookie) return undefined;
      const m = /^(\d{1,12}\.[A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
      if (!m?.[1] || !m[2]) return undefined;
      const id = m[1];
      if (!sameBytes(Buffer.from(m[2]), Buffer.from(mac(`session:${id}`)))) return undefined;
      const exp = Number(id.split('.')[0]) * 1000;
      if (exp <= now || revoked.has(id)) return undefined;
      return id;
    },
    csrfToken: (id) => mac(`csrf:${id}`),
    csrfMatches(id, given) {
      if (given === undefined) return false;
      return sameBytes(Buffer.from(given), Buffer.from(mac(`csrf:${id}`)));
    },
    revoke(id, now) {
      for (const [k, exp] of revoked) if (exp <= now) revoked.delete(k);
      revoked.set(id, Number(id.split('.')[0]) * 1000);
    },
  };
}

/**
 * Wrong credentials allowed per client and window before every further attempt from that client answers
 * 429 until the window ends (the right token too: a guesser cannot tell). A fixed window per key, held in
 * memory and bounded: no library in our stack does this for a plain node:http handler.
 */
export interface FailureLimiter {
  /** Milliseconds until the key may try again, or 0. */
  blockedFor(key: string, now: number): number;
  /** Counts one failure. */
  fail(key: string, now: number): void;
}

export function createFailureLimiter(opts: {
  max: number;
  windowMs: number;
  maxKeys?: number;
}): FailureLimiter {
  const hits = new Map<string, { n: number; resetAt: number }>();
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    blockedFor(key, now) {
      const h = hits.get(key);
      if (!h || h.resetAt <= now) return 0;
      return h.n >= opts.max ? h.resetAt - now : 0;
    },
    fail(key, now) {
      const h = hits.get(key);
      if (h && h.resetAt > now) {
        h.n++;
        return;
      }
      if (hits.size >= maxKeys) {
        for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
        // Still full: a flood of addresses. Forget the oldest rather than grow without bound.
        if (hits.size >= maxKeys) hits.delete(hits.keys().next().value as string);
      }
      hits.set(key, { n: 1, resetAt: now + opts.windowMs });
    },
  };
}
