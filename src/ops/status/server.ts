import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from '../../obs/logger.js';
import { createScrubber } from '../../obs/scrub.js';
import { createFailureLimiter, createStatusAuth } from './auth.js';
import { collectStatus, type StatusSnapshot } from './collect.js';
import { loginPage, statusPage } from './page.js';
import { QUEUE_BOARD_PATH, type QueueBoard } from './queues.js';
import type { StatusSources } from './sources.js';
import { STYLE_CSS } from './style.js';

export interface StatusServerOptions {
  /** STATUS_TOKEN. */
  readonly token: string;
  readonly sources: StatusSources;
  /** Redis mode: the Bull Board, mounted at /status/queues behind the same login. */
  readonly queueBoard?: QueueBoard;
  /** Clock, epoch ms (sessions, limiter, page time). Default Date.now. */
  readonly now?: () => number;
  /** Page reload interval, seconds. Default 30. */
  readonly refreshS?: number;
  /** Wrong tokens allowed per client address and window before 429. Defaults 5 per 60 000 ms. */
  readonly failures?: { readonly max: number; readonly windowMs: number };
  /** Per source, ms. Default 3000. */
  readonly sourceTimeoutMs?: number;
  /** Values never shown (secrets): replaced, in any form (see obs/scrub.ts), in any error line a source produced. */
  readonly secrets?: readonly string[];
  readonly logger?: Logger;
}

export interface StatusServer {
  /** Whether a URL path belongs here (`/status`, `/status.json`, `/status/...`). */
  matches(path: string): boolean;
  /** node:http handler for the paths that match. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'tokenwatch_status';

type Env = { Bindings: HttpBindings; Variables: { session: string | undefined } };

const PAGE_CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};
// Bull Board: its own scripts and stylesheet, React's inline style attributes; still nothing external.
const BOARD_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
};

/**
 * The operator console: `/status` (HTML), `/status.json`, a login form, the dead-letter retry and, in
 * Redis mode, the Bull Board. Reading takes the token as a bearer header or a session cookie; actions
 * (retry, logout) take the session plus its CSRF token. Built on hono, mounted into the app's node:http
 * server through @hono/node-server's request listener.
 */
export function createStatusServer(o: StatusServerOptions): StatusServer {
  const now = o.now ?? Date.now;
  const auth = createStatusAuth(o.token);
  const scrub = createScrubber(o.secrets ?? []);
  const limiter = createFailureLimiter(o.failures ?? { max: 5, windowMs: 60_000 });
  const app = new Hono<Env>();
  const clientOf = (c: Context<Env>) => c.env.incoming.socket.remoteAddress ?? 'unknown';
  const secure = (c: Context<Env>) =>
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

  const pageHeaders = secureHeaders({ contentSecurityPolicy: PAGE_CSP, referrerPolicy: 'no-referrer' });
  const boardHeaders = secureHeaders({ contentSecurityPolicy: BOARD_CSP, referrerPolicy: 'no-referrer' });
  app.use('*', async (c, next) => {
    c.header('cache-control', 'no-store');
    const board = c.req.path === QUEUE_BOARD_PATH || c.req.path.startsWith(`${QUEUE_BOARD_PATH}/`);
    return (board ? boardHeaders : pageHeaders)(c, next);
  });
  app.use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('request too large\n', 413) }));

  const tooMany = (c: Context<Env>, ms: number) => {
    c.header('retry-after', String(Math.ceil(ms / 1000)));
    return c.text('too many wrong tokens: try again later\n', 429);
  };
  const wantsHtml = (c: Context<Env>) => c.req.path !== '/status.json';
  const unauthorized = (c: Context<Env>, message?: string) => {
    c.header('www-authenticate', 'Bearer realm="tokenwatch status"');
    if (!wantsHtml(c)) return c.json({ error: message ?? 'unauthorized' }, 401);
    return c.html(loginPage(message), 401);
  };

  app.get('/status/style.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    return c.body(STYLE_CSS);
  });
  app.get('/status/login', (c) =>
    auth.session(getCookie(c, SESSION_COOKIE), now()) ? c.redirect('/status', 303) : c.html(loginPage()),
  );
  app.post('/status/login', async (c) => {
    const client = clientOf(c);
    const wait = limiter.blockedFor(client, now());
    if (wait > 0) return tooMany(c, wait);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    if (!auth.tokenMatches(token)) {
      limiter.fail(client, now());
      o.logger?.warn({ client }, 'status login: wrong token');
      return unauthorized(c, 'Wrong token.');
    }
    const s = auth.newSession(now());
    setCookie(c, SESSION_COOKIE, s.cookie, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      path: '/',
      maxAge: s.maxAgeS,
    });
    return c.redirect('/status', 303);
  });

  // Everything below needs a bearer token or a session.
  const authenticate: MiddlewareHandler<Env> = async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const client = clientOf(c);
      const wait = limiter.blockedFor(client, now());
      if (wait > 0) return tooMany(c, wait);
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m?.[1] || !auth.tokenMatches(m[1])) {
        limiter.fail(client, now());
        o.logger?.warn({ client }, 'status: wrong bearer token');
        return unauthorized(c, 'wrong token');
      }
      c.set('session', undefined);
      return next();
    }
    const session = auth.session(getCookie(c, SESSION_COOKIE), now());
    if (!session) return unauthorized(c);
    c.set('session', session);
    return next();
  };
  // `/status/*` covers `/status` itself too.
  app.use('/status/*', authenticate);
  app.use('/status.json', authenticate);

  // Actions: the session and its form token, never a bearer header alone.
  const action = async (
    c: Context<Env>,
  ): Promise<{ session: string; form: Record<string, unknown> } | Response> => {
    const session = c.get('session');
    if (!session) return c.text('actions need a logged-in session\n', 403);
    const form = await c.req.parseBody();
    if (!auth.csrfMatches(session, typeof form.csrf === 'string' ? form.csrf : undefined)) {
      return c.text('invalid or missing CSRF token: reload the page and try again\n', 403);
    }
    return { session, form };
  };

  const snapshot = async (): Promise<StatusSnapshot> => {
    const snap = await collectStatus(o.sources, {
      now,
      ...(o.sourceTimeoutMs ? { timeoutMs: o.sourceTimeoutMs } : {}),
    });
    const errors = snap.errors as Record<string, string>;
    for (const [k, v] of Object.entries(errors)) errors[k] = scrub(v);
    return snap;
  };

  app.get('/status', async (c) => {
    const session = c.get('session');
    const retried = c.req.query('retried');
    const notice =
      retried === 'ok'
        ? { text: 'Dead letter requeued.', ok: true }
        : retried === 'missing'
          ? { text: 'That dead letter is gone already (retried or removed).', ok: false }
          : undefined;
    return c.html(
      statusPage(await snapshot(), {
        csrf: session ? auth.csrfToken(session) : '',
        refreshS: o.refreshS ?? 30,
        queueBoard: o.queueBoard !== undefined,
        ...(notice ? { notice } : {}),
      }),
    );
  });
  app.get('/status.json', async (c) => c.json(await snapshot()));

  app.post('/status/dead-letters/retry', async (c) => {
    const a = await action(c);
    if (a instanceof Response) return a;
    const id = typeof a.form.id === 'string' ? a.form.id : '';
    const dl = o.sources.deadLetters;
    if (!dl || id === '' || id.length > 512) return c.text('no such dead letter\n', 400);
    const ok = await dl.retry(id);
    o.logger?.info({ id, ok }, 'status: dead letter retry');
    return c.redirect(`/status?retried=${ok ? 'ok' : 'missing'}`, 303);
  });
  app.post('/status/logout', async (c) => {
    const a = await action(c);
    if (a instanceof Response) return a;
    auth.revoke(a.session, now());
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    return c.redirect('/status/login', 303);
  });

  const board = o.queueBoard;
  if (board) {
    app.use(`${QUEUE_BOARD_PATH}/*`, async (c, next) => {
      if (board.readOnly && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        return c.text('the queue board is read-only\n', 403);
      }
      return next();
    });
    // The board's entry is the bare path; its own links may add the slash.
    app.get(`${QUEUE_BOARD_PATH}/`, (c) => c.redirect(QUEUE_BOARD_PATH, 302));
    app.route(QUEUE_BOARD_PATH, board.app as unknown as Hono<Env>);
  }
  app.notFound((c) => c.text('not found\n', 404));
  app.onError((err, c) => {
    o.logger?.error({ err }, 'status handler failed');
    return c.text('internal error\n', 500);
  });

  const listener = getRequestListener((req, env) => app.fetch(req, env), { overrideGlobalObjects: false });
  return {
    matches: (path) => path === '/status' || path === '/status.json' || path.startsWith('/status/'),
    handle: (req, res) => listener(req, res),
    close: async () => {
      await board?.close();
    },
  };
}
