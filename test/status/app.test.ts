import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#src/app/create-app.js';
import type { Config } from '#src/config/index.js';
import { type OutboundMessage, SendError } from '#src/delivery/ports.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import type { PlatformAdapter } from '#src/platforms/types.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { ANCHOR, at, channel, dm, subscribe, TOK, testConfig } from '../app/helpers.js';
import { linkOf } from '../support/platform.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/** The status page as createApp wires it: real ticks on the replayed market, a channel that refuses. */
const TOKEN = `app-status-${randomBytes(12).toString('hex')}`;
const prefixes: string[] = [];
afterAll(async () => {
  const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
  for (const p of prefixes) {
    await deleteRedisPrefix(r, p);
    await deleteRedisPrefix(r, `${p.replace(/:+$/, '')}-outbox`);
  }
  r.disconnect();
});

/** The console platform, except that sends to the channel fail for good (a dead letter each). */
function refusingChannel(): PlatformAdapter & { sent: OutboundMessage[] } {
  const inner = createConsolePlatform({ out: new PassThrough().resume() });
  const sent: OutboundMessage[] = [];
  return {
    ...inner,
    platform: 'console',
    start: () => inner.start(),
    stop: () => inner.stop(),
    sent,
    sender: {
      ...inner.sender,
      async send(m, key, signal) {
        if (m.destination.id === channel.id)
          throw new SendError('Missing Permissions', 'invalid', { status: 403 });
        sent.push(m);
        return inner.sender.send(m, key, signal);
      },
      sendNotice: (n, key, signal) => inner.sender.sendNotice(n, key, signal),
    },
  };
}

/** makeApp (test/app/helpers.ts) without its `httpPort: false`: these tests need the HTTP server. */
async function startApp(store: Store, config: Config, platforms: PlatformAdapter[]) {
  const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
  const app = await createApp(
    { ...config, schedule: false },
    {
      store,
      market: replay,
      logger: silentLogger(),
      platforms: platforms.map(linkOf),
      now: () => at(replay.step),
    },
  );
  return {
    app,
    step(n: number) {
      replay.setStep(n);
      return app.tick(at(n));
    },
  };
}

describe.each(['sqlite', 'redis'] as const)('status page wired by createApp (%s)', (kind) => {
  it('shows the ticks, alerts, subscriptions, outbox and dead letters the app holds', async () => {
    const prefix = `tw-test-status-${randomBytes(4).toString('hex')}:`;
    let store: Store;
    if (kind === 'redis') {
      prefixes.push(prefix);
      store = await openRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
    } else {
      store = openSqliteStore({ file: ':memory:' });
    }
    await subscribe(store, dm, TOK.SOL);
    await subscribe(store, dm, TOK.BTC);
    await subscribe(store, channel, TOK.SOL, ['levels', 'signal']);
    const platform = refusingChannel();
    const env: Record<string, string> = { STATUS_TOKEN: TOKEN, HTTP_PORT: '0' };
    if (kind === 'redis') env.REDIS_URL = TEST_REDIS_URL;
    const t = await startApp(
      store,
      { ...testConfig(env), keyPrefix: prefix, outboxKind: kind === 'redis' ? 'redis' : 'memory' },
      [platform],
    );
    try {
      await t.app.start();
      const base = `http://127.0.0.1:${t.app.httpPort}`;
      let steps = 0;
      for (let s = 0; s < 40 && (await t.app.outbox.stats()).dead === 0; s++) {
        await t.step(s);
        steps++;
      }
      await t.app.outbox.drain(15_000);
      const get = (path: string) =>
        fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect((await fetch(`${base}/status.json`)).status).toBe(401);
      const j = (await (await get('/status.json')).json()) as Record<string, unknown> & {
        ticks: Array<{ outcome: string; messages: number }>;
        alerts: Array<{ symbol: string; kind: string; destinations: string[] }>;
        deadLetters: Array<{ id: string; destination: string; error: string }>;
        outbox: Array<{ platform: string; dead: number; waiting: number }>;
        health: { ready: boolean; checks: Record<string, boolean> };
      };
      expect(Object.keys(j).sort()).toEqual(
        [
          'alerts',
          'deadLetters',
          'errors',
          'generatedAt',
          'health',
          // The credit ledger is a store port (issue 10), so its panel is there on both stores.
          'ledger',
          'outbox',
          'subscriptions',
          'ticks',
          'watched',
        ].sort(),
      );
      expect(j.errors).toEqual({});
      expect(j.health.checks).toEqual({ store: true, tick: true });
      expect(j.ticks).toHaveLength(Math.min(steps, 10));
      expect(j.ticks[0]?.outcome).toBe('ran');
      // Every event the console received is in the alerts panel with its destination.
      const sentEvents = platform.sent.flatMap((m) => m.events.map((e) => `${e.symbol} ${e.kind}`));
      const shown = j.alerts
        .filter((a) => a.destinations.includes('console:dm:alice'))
        .map((a) => `${a.symbol} ${a.kind}`);
      expect(new Set(shown)).toEqual(new Set(sentEvents.slice(-50)));
      const dead = await t.app.outbox.deadLetters();
      expect(dead.length).toBeGreaterThan(0);
      expect(j.deadLetters.map((d) => d.id)).toEqual(dead.map((d) => d.id));
      expect(j.deadLetters[0]?.destination).toBe('console:channel:alerts');
      const stats = await t.app.outbox.stats();
      const deadShown = j.outbox.reduce((n, o) => n + o.dead, 0);
      expect(deadShown).toBe(stats.dead);
      expect(j.outbox.map((o) => o.platform)).toEqual(['console']);
      expect(j.subscriptions).toEqual([
        { platform: 'console', kind: 'channel', destinations: 1, subscriptions: 1 },
        { platform: 'console', kind: 'dm', destinations: 1, subscriptions: 2 },
      ]);
      const page = await get('/status');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('console:channel:alerts');
      if (kind === 'redis') expect((await get('/status/queues/api/queues')).status).toBe(200);
    } finally {
      await t.app.stop();
      await store.close();
    }
  }, 60_000);
});

describe('status page off', () => {
  it('answers 404 when STATUS_TOKEN is not set', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const t = await startApp(store, { ...testConfig({ HTTP_PORT: '0' }), outboxKind: 'memory' }, [
      createConsolePlatform({ out: new PassThrough().resume() }),
    ]);
    try {
      await t.app.start();
      const r = await fetch(`http://127.0.0.1:${t.app.httpPort}/status`, {
        headers: { authorization: 'Bearer x' },
      });
      expect(r.status).toBe(404);
    } finally {
      await t.app.stop();
      await store.close();
    }
  });
});
