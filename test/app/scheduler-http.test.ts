import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type HttpServer, startHttpServer } from '#src/app/http.js';
import { createScheduler } from '#src/app/scheduler.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import type { PlatformAdapter } from '#src/platforms/types.js';
import { flip, grade, level, SOL } from '../delivery/plan-fixtures.js';

async function counterValue(metrics: ReturnType<typeof createMetrics>, outcome: string): Promise<number> {
  const m = await metrics.ticks.get();
  return m.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

describe('scheduler', () => {
  // Time is the thing under test: fake timers (and a fake Date, which node-cron reads) drive the cron.
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 15, 8, 0, 0, 500) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('skips a trigger while the previous run is going and stop() waits for it', async () => {
    const metrics = createMetrics();
    let runs = 0;
    let finished = 0;
    const s = createScheduler({
      cron: '* * * * * *',
      logger: silentLogger(),
      metrics,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 4000));
        finished++;
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(1);
    expect(s.busy).toBe(true);
    expect(await counterValue(metrics, 'skipped_overlap')).toBeGreaterThanOrEqual(1);
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(2000);
    await stopped;
    expect(finished).toBe(1);
    expect(runs).toBe(1);
    expect(s.busy).toBe(false);
  });

  it('a failing run is logged, not thrown, and the next trigger runs', async () => {
    let runs = 0;
    const s = createScheduler({
      cron: '* * * * * *',
      logger: silentLogger(),
      metrics: createMetrics(),
      run: async () => {
        runs++;
        throw new Error('boom');
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(2200);
    await s.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it('refuses an invalid cron expression', () => {
    const s = createScheduler({
      cron: 'not cron',
      logger: silentLogger(),
      metrics: createMetrics(),
      run: async () => 0,
    });
    expect(() => s.start()).toThrow(/invalid cron/);
  });
});

describe('http server', () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(opts: {
    reachable?: boolean;
    lastTickAt?: number;
    now?: number;
    platforms?: PlatformAdapter[];
  }) {
    const metrics = createMetrics();
    metrics.ticks.inc({ outcome: 'ran' });
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      metrics,
      logger: silentLogger(),
      platforms: opts.platforms ?? [],
      storeReachable: async () => {
        if (opts.reachable === false) throw new Error('ECONNREFUSED redis://user:hunter2secret@x');
        return true;
      },
      lastTickAt: () => opts.lastTickAt,
      startedAt: 1_000_000,
      now: () => opts.now ?? 1_000_000,
    });
    return `http://127.0.0.1:${server.port}`;
  }

  it.each([
    { name: 'ready', reachable: true, lastTickAt: 1_000_000, now: 1_060_000, status: 200 },
    { name: 'store down', reachable: false, lastTickAt: 1_000_000, now: 1_060_000, status: 503 },
    {
      name: 'last tick too old',
      reachable: true,
      lastTickAt: 1_000_000,
      now: 1_000_000 + 6 * 60_000,
      status: 503,
    },
    { name: 'no tick yet, within grace', reachable: true, now: 1_000_000 + 60_000, status: 200 },
  ])('/readyz: $name → $status', async (c) => {
    const base = await start(c);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(c.status);
    const body = await res.text();
    expect(body).not.toContain('hunter2');
  });

  it('/healthz, /metrics, 404, and platforms get requests first', async () => {
    const hook: PlatformAdapter = {
      ...createConsolePlatform({ out: new PassThrough() }),
      handleHttp(req, res) {
        if (req.url !== '/telegram/hook') return false;
        res.writeHead(204).end();
        return true;
      },
    };
    const base = await start({ platforms: [hook] });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const metrics = await fetch(`${base}/metrics`);
    expect(await metrics.text()).toContain('tokenwatch_ticks_total{outcome="ran"} 1');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/telegram/hook`, { method: 'POST' })).status).toBe(204);
  });
});

describe('console platform', () => {
  it('prints each alert message with its destination, highest priority first', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const p = createConsolePlatform({ out });
    const msg: OutboundMessage = {
      id: 'm1',
      destination: { platform: 'console', kind: 'channel', id: 'alerts', parentId: 'guild' },
      events: [level(SOL, 'b', 'level_breakout'), flip(SOL, 'f'), grade(SOL, 'g')],
      createdAt: 0,
      origin: 'tick',
    };
    const receipt = await p.sender.send(msg, 'm1');
    expect(receipt.messageIds).toEqual(['m1']);
    expect(text).toContain('to channel guild/alerts');
    expect(text).toContain('tokenwatch · SOL (Solana)');
    expect(text).toContain(
      '  🚀 SOL: broke above resistance $100.00 · Price $99.00 · Level $100.00 (resistance) · Distance 1.00%',
    );
    expect(text).toContain('  🟢 SOL: daily signal flipped bearish → bullish\n');
    expect(text.indexOf('broke above resistance $100.00')).toBeLessThan(text.indexOf('daily signal flipped'));
    expect(text).toContain('  🏷️ SOL: TM grade signal Neutral → Buy');
    expect(p.sent).toEqual([msg]);
  });
});
