import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer } from '#src/app/http.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createStatusServer } from '#src/ops/status/index.js';
import { NASTY_ERROR, type Scenario, startScenario } from './scenario.js';

let sc: Scenario | undefined;
afterEach(async () => {
  await sc?.close();
  sc = undefined;
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(s: Scenario): Promise<{ cookie: string; setCookie: string }> {
  const r = await fetch(`${s.base}/status/login`, {
    method: 'POST',
    body: new URLSearchParams({ token: s.token }),
    redirect: 'manual',
  });
  expect(r.status).toBe(303);
  expect(r.headers.get('location')).toBe('/status');
  const setCookie = r.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

/** The retry form's hidden CSRF value on the page. */
async function csrfOf(s: Scenario, cookie: string): Promise<string> {
  const page = await (await fetch(`${s.base}/status`, { headers: { cookie } })).text();
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('no csrf field on the page');
  return m[1];
}

describe('status page: access', () => {
  it('is off (404) when no STATUS_TOKEN is set', async () => {
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      logger: silentLogger(),
      platforms: [],
      storeReachable: async () => true,
      lastTickAt: () => undefined,
      startedAt: Date.now(),
    });
    try {
      for (const p of ['/status', '/status.json', '/status/login', '/status/queues/']) {
        expect((await fetch(`http://127.0.0.1:${http.port}${p}`)).status, p).toBe(404);
      }
    } finally {
      await http.close();
    }
  });

  it('without a token: 401 (JSON, and the login form for the page)', async () => {
    sc = await startScenario('sqlite');
    const j = await fetch(`${sc.base}/status.json`);
    expect(j.status).toBe(401);
    expect(j.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await j.json()).toEqual({ error: 'unauthorized' });
    const p = await fetch(`${sc.base}/status`);
    expect(p.status).toBe(401);
    const html = await p.text();
    expect(html).toContain('action="/status/login"');
    expect(html).not.toContain('Dead letters');
    // Another replica's cookie, a forged or an expired one is no session either.
    const forged = await fetch(`${sc.base}/status.json`, {
      headers: { cookie: 'tokenwatch_status=9999999999.AAAAAAAAAAAAAAAAAAAAAAAA.x' },
    });
    expect(forged.status).toBe(401);
  });

  it('a wrong bearer token: 401 five times, then 429 (even for the right token) until the window ends', async () => {
    sc = await startScenario('sqlite');
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${sc.base}/status.json`, { headers: bearer(`${sc.token}x`) });
      expect(r.status, `try ${i + 1}`).toBe(401);
    }
    const limited = await fetch(`${sc.base}/status.json`, { headers: bearer('wrong') });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${sc.base}/status.json`, { headers: bearer(sc.token) })).status).toBe(429);
    const form = await fetch(`${sc.base}/status/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: sc.token }),
    });
    expect(form.status).toBe(429);
  });

  it('the login form counts wrong tokens too', async () => {
    sc = await startScenario('sqlite', { failures: { max: 2, windowMs: 60_000 } });
    const post = (token: string) =>
      fetch(`${sc?.base}/status/login`, {
        method: 'POST',
        body: new URLSearchParams({ token }),
        redirect: 'manual',
      });
    expect((await post('nope')).status).toBe(401);
    const second = await post('nope');
    expect(second.status).toBe(401);
    expect(await second.text()).toContain('Wrong token.');
    expect(second.headers.get('set-cookie')).toBeNull();
    expect((await post(sc.token)).status).toBe(429);
  });

  it('the right bearer token reads the page and the JSON', async () => {
    sc = await startScenario('sqlite');
    expect((await fetch(`${sc.base}/status.json`, { headers: bearer(sc.token) })).status).toBe(200);
    expect((await fetch(`${sc.base}/status`, { headers: bearer(sc.token) })).status).toBe(200);
  });

  it('login sets an HttpOnly, SameSite=Strict session cookie that carries no token', async () => {
    sc = await startScenario('sqlite');
    const { cookie, setCookie } = await login(sc);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    // Plain http on loopback: not Secure; behind a TLS proxy it is.
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).not.toContain(sc.token);
    expect(cookie).toMatch(/^tokenwatch_status=/);
    const page = await fetch(`${sc.base}/status`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Dead letters');

    const proxied = await fetch(`${sc.base}/status/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: sc.token }),
      headers: { 'x-forwarded-proto': 'https' },
      redirect: 'manual',
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a retry without the CSRF token, with a wrong one, or with a bearer header alone', async () => {
    sc = await startScenario('sqlite');
    const { cookie } = await login(sc);
    const retry = (headers: Record<string, string>, body: Record<string, string>) =>
      fetch(`${sc?.base}/status/dead-letters/retry`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(body),
        redirect: 'manual',
      });
    expect((await retry({ cookie }, { id: sc.deadId })).status).toBe(403);
    expect((await retry({ cookie }, { id: sc.deadId, csrf: 'forged' })).status).toBe(403);
    const csrf = await csrfOf(sc, cookie);
    expect((await retry(bearer(sc.token), { id: sc.deadId, csrf })).status).toBe(403);
    // Another session's token does not fit this session.
    const other = await login(sc);
    expect((await retry({ cookie: other.cookie }, { id: sc.deadId, csrf })).status).toBe(403);
    expect((await sc.outbox.deadLetters()).map((d) => d.id)).toEqual([sc.deadId]);

    sc.heal();
    const ok = await retry({ cookie }, { id: sc.deadId, csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/status?retried=ok');
    expect(await sc.outbox.deadLetters()).toEqual([]);
    await sc.outbox.drain(10_000);
    expect(sc.sent.map((m) => m.id)).toContain(sc.deadId);
    // Retrying it again: gone.
    const again = await retry({ cookie }, { id: sc.deadId, csrf });
    expect(again.headers.get('location')).toBe('/status?retried=missing');
  });

  it('logout ends the session (POST with CSRF)', async () => {
    sc = await startScenario('sqlite');
    const { cookie } = await login(sc);
    const csrf = await csrfOf(sc, cookie);
    const out = await fetch(`${sc.base}/status/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ csrf }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${sc.base}/status.json`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('status page: content', () => {
  it('sends a strict CSP, no-store and escapes every value', async () => {
    sc = await startScenario('sqlite');
    const r = await fetch(`${sc.base}/status`, { headers: bearer(sc.token) });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle="/i);
    // Reloads the plain page (a notice after a retry is shown once).
    expect(html).toContain('<meta http-equiv="refresh" content="30; url=/status">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('Missing &lt;b&gt;Permissions&lt;/b&gt; &amp; &quot;access&quot;');
    expect(html).not.toContain(NASTY_ERROR);
    expect(html).toMatch(/<svg class="chart"/);
    const css = await fetch(`${sc.base}/status/style.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('the streams panel: per exchange state, frames/s, last frame, reconnects, tokens; live, ambiguous, lease', async () => {
    sc = await startScenario('sqlite');
    const page = await (await fetch(`${sc.base}/status`, { headers: bearer(sc.token) })).text();
    const panel = /<section id="streams">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
    const text = panel.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('live tokens 2');
    expect(text).toContain('ambiguous 1');
    expect(text).toContain('lease held by this replica');
    expect(text).toMatch(/binance connected 3\.4 1 s 1 2/);
    expect(text).toMatch(/coinbase down – – 0 0 reconnecting in 8 s/);
    expect(text).toMatch(/kraken idle – – 0 0/);
    expect(text).toMatch(/okx unavailable – – 2 0 until \d\d:\d\d UTC HTTP 451/);
    const j = (await (await fetch(`${sc.base}/status.json`, { headers: bearer(sc.token) })).json()) as {
      streams: { lease: unknown; exchanges: unknown[] };
      health: { degraded: boolean };
    };
    expect(j.streams.lease).toEqual({ held: true, holder: 'replica-a' });
    expect(j.streams.exchanges).toHaveLength(4);
  });

  it('/status.json matches what the store and outbox hold', async () => {
    sc = await startScenario('sqlite');
    const j = (await (await fetch(`${sc.base}/status.json`, { headers: bearer(sc.token) })).json()) as Record<
      string,
      unknown
    >;
    const stats = await sc.outbox.stats();
    const byPlatform = (await sc.outbox.statsByPlatform?.()) ?? new Map();
    expect(j.outbox).toEqual(
      (['discord', 'telegram'] as const).map((platform) => {
        const s = byPlatform.get(platform);
        return { platform, waiting: s?.waiting, active: s?.active, delayed: s?.delayed, dead: s?.dead };
      }),
    );
    expect(j.outbox).toEqual([
      { platform: 'discord', waiting: 0, active: 0, delayed: 0, dead: 1 },
      { platform: 'telegram', waiting: 0, active: 0, delayed: 0, dead: 0 },
    ]);
    expect(stats.dead).toBe(1);
    expect(JSON.stringify(j.deadLetters)).toContain(NASTY_ERROR.replaceAll('"', '\\"'));
    const dead = await sc.outbox.deadLetters();
    expect(j.deadLetters).toEqual(
      dead.map((d) => ({
        id: d.id,
        destination: 'discord:channel:900',
        error: d.error,
        attempts: d.attempts,
        failedAt: d.failedAt,
        about: 'SOL level_breakout',
      })),
    );
    const watched = await sc.store.subscriptions.watchedTokens();
    const subs = await sc.store.subscriptions.subscribersOf(watched);
    expect(j.watched).toEqual([
      { tokenId: 11, symbol: 'SOL', subscribers: subs.get(11)?.length },
      { tokenId: 3375, symbol: 'BTC', subscribers: subs.get(3375)?.length },
    ]);
    expect(j.subscriptions).toEqual([
      { platform: 'discord', kind: 'channel', destinations: 1, subscriptions: 1 },
      { platform: 'telegram', kind: 'dm', destinations: 1, subscriptions: 2 },
      { platform: 'telegram', kind: 'group', destinations: 1, subscriptions: 1 },
    ]);
    expect(j.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          symbol: 'SOL',
          kind: 'level_breakout',
          destinations: ['discord:channel:900'],
        }),
        expect.objectContaining({ symbol: 'SOL', kind: 'signal_flip', destinations: ['telegram:dm:42'] }),
      ]),
    );
    expect(j.ticks).toEqual([
      { at: expect.any(Number), durationMs: 42, outcome: 'ran', events: 3, messages: 2 },
    ]);
    expect(j.endpoints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpoint: 'resistance-support', state: 'disabled' }),
      ]),
    );
    expect(j.errors).toEqual({});
  });
});

describe('status page: failures', () => {
  it('a failing source shows its error without secrets; the other panels still render', async () => {
    const secret = ['redis', 'password', 'value', '42'].join('-');
    const token = ['failing', 'sources', 'token', '0001'].join('-');
    const status = createStatusServer({
      token,
      secrets: [secret],
      sources: {
        health: () => ({
          live: true,
          ready: false,
          reasons: ['the store does not answer'],
          checks: { store: false },
        }),
        outbox: () => {
          throw new Error(`connect ECONNREFUSED redis://:${secret}@10.0.0.1:6379\n    at stack`);
        },
      },
    });
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      logger: silentLogger(),
      platforms: [],
      storeReachable: async () => false,
      lastTickAt: () => undefined,
      startedAt: Date.now(),
      status,
    });
    try {
      const get = (p: string) => fetch(`http://127.0.0.1:${http.port}${p}`, { headers: bearer(token) });
      const j = (await (await get('/status.json')).json()) as {
        errors: Record<string, string>;
        health: unknown;
      };
      expect(j.errors).toEqual({ outbox: 'connect ECONNREFUSED redis://:[REDACTED]@10.0.0.1:6379' });
      const page = await (await get('/status')).text();
      expect(page).not.toContain(secret);
      expect(page).toContain('Could not read: connect ECONNREFUSED');
      expect(page).toContain('the store does not answer');
      expect(page).toMatch(/id="overall">not ready</);
      expect(page).not.toContain('id="deadLetters"');
    } finally {
      await http.close();
      await status.close();
    }
  });
});
