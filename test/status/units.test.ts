import { describe, expect, it } from 'vitest';
import { optionalSources } from '#src/app/status.js';
import { parseConfig, secretsOf } from '#src/config/index.js';
import { createActivityLog } from '#src/ops/status/activity.js';
import { createFailureLimiter, createStatusAuth, SESSION_TTL_S } from '#src/ops/status/auth.js';
import { ledgerChart } from '#src/ops/status/chart.js';
import { collectStatus } from '#src/ops/status/collect.js';
import { statusPage } from '#src/ops/status/page.js';
import { ledgerSource, refusedEndpointsSource } from '#src/ops/status/wire.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { testConfig } from '../app/helpers.js';
import { BTC, chan, dm, flip, level, SOL, T0 } from '../delivery/plan-fixtures.js';

const TOKEN = ['unit', 'status', 'token', '0123456789'].join('-');

describe('status auth', () => {
  const auth = createStatusAuth(TOKEN);

  it('compares the token exactly', () => {
    expect(auth.tokenMatches(TOKEN)).toBe(true);
    for (const wrong of ['', TOKEN.slice(0, -1), `${TOKEN} `, TOKEN.toUpperCase(), `${TOKEN}x`]) {
      expect(auth.tokenMatches(wrong), JSON.stringify(wrong)).toBe(false);
    }
  });

  it('sessions: genuine until they expire or are revoked; forged, tampered or foreign ones are not', () => {
    const { cookie, maxAgeS } = auth.newSession(T0);
    expect(maxAgeS).toBe(SESSION_TTL_S);
    expect(cookie).not.toContain(TOKEN);
    const id = auth.session(cookie, T0 + 1000);
    expect(id).toBeDefined();
    expect(auth.session(cookie, T0 + SESSION_TTL_S * 1000 + 1000)).toBeUndefined();
    const [exp, nonce, mac] = cookie.split('.');
    expect(auth.session(`${Number(exp) + 3600}.${nonce}.${mac}`, T0)).toBeUndefined();
    expect(
      auth.session(`${exp}.${nonce}.${mac?.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, T0),
    ).toBeUndefined();
    expect(auth.session('garbage', T0)).toBeUndefined();
    expect(auth.session(undefined, T0)).toBeUndefined();
    // Another token (another deployment, or the token was changed): every session ends.
    expect(createStatusAuth(`${TOKEN}-rotated`).session(cookie, T0)).toBeUndefined();
    // Same token on another replica: accepted.
    expect(createStatusAuth(TOKEN).session(cookie, T0)).toBe(id);
    auth.revoke(id as string, T0);
    expect(auth.session(cookie, T0)).toBeUndefined();
  });

  it('CSRF tokens belong to one session', () => {
    const a = auth.session(auth.newSession(T0).cookie, T0) as string;
    const b = auth.session(auth.newSession(T0).cookie, T0) as string;
    expect(auth.csrfMatches(a, auth.csrfToken(a))).toBe(true);
    expect(auth.csrfMatches(a, auth.csrfToken(b))).toBe(false);
    expect(auth.csrfMatches(a, undefined)).toBe(false);
    expect(auth.csrfMatches(a, '')).toBe(false);
  });
});

describe('failure limiter', () => {
  it('blocks a client after max failures until its window ends; other clients are not affected', () => {
    const l = createFailureLimiter({ max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(l.blockedFor('a', T0 + i)).toBe(0);
      l.fail('a', T0 + i);
    }
    expect(l.blockedFor('a', T0 + 10)).toBe(60_000 - 10);
    expect(l.blockedFor('b', T0 + 10)).toBe(0);
    expect(l.blockedFor('a', T0 + 60_000)).toBe(0);
    l.fail('a', T0 + 60_000);
    expect(l.blockedFor('a', T0 + 60_001)).toBe(0);
  });

  it('stays bounded under a flood of addresses', () => {
    const l = createFailureLimiter({ max: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) l.fail(`10.0.${i >> 8}.${i & 255}`, T0);
    expect(l.blockedFor('10.0.3.231', T0)).toBeGreaterThan(0);
    expect(l.blockedFor('10.0.0.0', T0)).toBe(0);
  });
});

describe('collectStatus', () => {
  it('asks only the sources that exist; a failing or slow source costs its own panel only', async () => {
    const snap = await collectStatus(
      {
        ticks: () => [],
        endpoints: () => {
          throw new Error('boom\nstack line');
        },
        streams: () => new Promise(() => {}),
        ledger: async () => undefined,
      },
      { now: () => T0, timeoutMs: 50 },
    );
    expect(Object.keys(snap).sort()).toEqual(['errors', 'generatedAt', 'ledger', 'ticks']);
    expect(snap.ledger).toBeNull();
    expect(snap.errors).toEqual({ endpoints: 'boom', streams: 'no answer within 50 ms' });
    const html = String(await statusPage(snap, { csrf: 'c', refreshS: 30, queueBoard: false }));
    expect(html).toContain('id="endpoints"');
    expect(html).toContain('Could not read: boom');
    expect(html).not.toContain('id="watched"');
    expect(html).not.toContain('id="deadLetters"');
    expect(html).not.toContain('/status/queues');
  });
});

describe('activity log', () => {
  it('keeps each event once with all its destinations, newest first, bounded', () => {
    const log = createActivityLog({ alerts: 2, ticks: 2 });
    const e1 = { ...flip(SOL, 'e1'), at: T0 };
    const e2 = { ...level(BTC, 'e2', 'level_touch'), at: T0 + 1 };
    const e3 = { ...flip(BTC, 'e3'), at: T0 + 2 };
    log.recordMessages([{ id: 'm1', destination: dm, events: [e1], createdAt: T0, origin: 'tick' }]);
    log.recordMessages([{ id: 'm2', destination: chan, events: [e1, e2], createdAt: T0, origin: 'tick' }]);
    expect(log.alerts().map((a) => [a.symbol, a.kind, a.destinations])).toEqual([
      ['BTC', 'level_touch', ['discord:channel:900']],
      ['SOL', 'signal_flip', ['telegram:dm:42', 'discord:channel:900']],
    ]);
    log.recordMessages([{ id: 'm3', destination: dm, events: [e3], createdAt: T0, origin: 'tick' }]);
    expect(log.alerts().map((a) => a.kind)).toEqual(['signal_flip', 'level_touch']);
    for (let i = 0; i < 3; i++)
      log.recordTick({
        at: T0 + i,
        durationMs: 1.4,
        outcome: 'ran',
        events: { signal_flip: i },
        messages: i,
      });
    expect(log.ticks().map((t) => [t.at - T0, t.events, t.durationMs])).toEqual([
      [2, 2, 1],
      [1, 1, 1],
    ]);
  });
});

describe('ledger chart', () => {
  it('draws use, projection and budget; over budget in red', () => {
    const svg = String(
      ledgerChart({
        month: '2026-01',
        used: 300,
        projected: 1200,
        budget: 1000,
        daily: [
          { day: 1, used: 100 },
          { day: 2, used: 200 },
        ],
      }),
    );
    expect(svg).toMatch(/<polyline class="used" points="[\d., ]+"/);
    expect(svg).toContain('class="projection over"');
    expect(svg).toContain('budget 1000');
    expect(svg).not.toMatch(/style=|<script/);
    // Only the total known: still a line from zero to it.
    expect(String(ledgerChart({ month: '2026-01', used: 50, projected: 60, budget: 1000 }))).toContain(
      'class="projection"',
    );
  });
});

describe('STATUS_TOKEN', () => {
  const base = { DATA_DIR: '/tmp/x' };
  it('is optional, read from a file too, at least 16 characters, and redacted', () => {
    const off = parseConfig(base);
    expect(off.ok ? off.config.statusToken : 'invalid').toBeUndefined();
    const short = parseConfig({ ...base, STATUS_TOKEN: 'short-secret' });
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.problems.join('\n')).toMatch(/^STATUS_TOKEN: must be at least 16 characters/m);
      expect(short.problems.join('\n')).not.toContain('short-secret');
    }
    const fromFile = parseConfig({ ...base, STATUS_TOKEN_FILE: '/run/secrets/status' }, () => `${TOKEN}\n`);
    expect(fromFile.ok && fromFile.config.statusToken).toBe(TOKEN);
    if (fromFile.ok) expect(secretsOf(fromFile.config)).toContain(TOKEN);
  });
});

describe('sources from other modules', () => {
  it('ledger: the month total over endpoints, projected at the pace so far', async () => {
    const asked: string[] = [];
    const ledger = {
      get: async (month: string) => {
        asked.push(month);
        return new Map([
          ['/trading-signals', 300],
          ['/price', 100],
        ]);
      },
    };
    // 2026-01-11 00:00 UTC: 10 of 31 days gone.
    const at = Date.UTC(2026, 0, 11);
    const l = await ledgerSource(ledger, 1000, () => at)();
    expect(asked).toEqual(['2026-01']);
    expect(l).toEqual({
      month: '2026-01',
      used: 400,
      projected: 1240,
      budget: 1000,
      daysInMonth: 31,
      asOfDay: 10,
    });
    // Five minutes into a month: projected as if an hour had passed.
    const early = await ledgerSource(ledger, 1000, () => Date.UTC(2026, 1, 1, 0, 5))();
    expect(early?.projected).toBe(400 * 24 * 28);
  });

  it('endpoints: a refused endpoint is disabled until its next probe', async () => {
    const src = refusedEndpointsSource(() => ({
      down: [{ endpoint: '/resistance-support', status: 403, since: T0, nextProbeAt: T0 + 6 * 3600_000 }],
    }));
    expect(await src()).toEqual([
      {
        endpoint: 'resistance-support',
        state: 'disabled',
        detail: 'HTTP 403: not allowed with this key or plan',
        until: T0 + 6 * 3600_000,
      },
    ]);
  });
});

describe('optionalSources', () => {
  it('uses a market that reports refused endpoints and a store with a credit ledger, when they exist', async () => {
    const config = testConfig({ TM_MONTHLY_CALLS: '5000' });
    const store = openSqliteStore({ file: ':memory:' });
    try {
      expect(optionalSources(config, {}, { kind: 'sqlite' } as unknown as Store, () => T0)).toEqual({});
      const market = {
        health: () => ({ down: [{ endpoint: '/tm-grade', status: 401, since: T0, nextProbeAt: T0 + 1 }] }),
      };
      const withLedger = Object.assign(Object.create(store) as Store, {
        credits: { get: async () => new Map([['/price', 7]]) },
      });
      const s = optionalSources(config, market, withLedger, () => T0);
      expect((await s.endpoints?.())?.map((e) => [e.endpoint, e.state])).toEqual([['tm-grade', 'disabled']]);
      expect(await s.ledger?.()).toMatchObject({ used: 7, budget: 5000, month: '2026-01' });
    } finally {
      await store.close();
    }
  });
});
