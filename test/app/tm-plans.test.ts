/**
 * End to end on a smaller plan: the API refuses /resistance-support (403) while the other endpoints
 * answer. Alerts from the other endpoints keep flowing, /readyz says ready but degraded with the list,
 * the metric shows the endpoint down, and the ledger equals the requests the fake counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import { startFakeTokenMetrics } from '../fakes/tm-server.js';
import { ANCHOR, at, dm, subscribe, TOK } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a plan without resistance-support', () => {
  it('keeps alerting from the other endpoints, /readyz is ready but degraded, the ledger is exact', async () => {
    const apiKey = `tm-${Math.random().toString(36).slice(2)}-plans`;
    const tm = await startFakeTokenMetrics({ apiKey, anchorMs: ANCHOR });
    tm.refuse('/resistance-support');
    const dir = mkdtempSync(join(tmpdir(), 'tw-plans-'));
    dirs.push(dir);
    const parsed = parseConfig({
      DATA_DIR: dir,
      TM_API_KEY: apiKey,
      TM_API_BASE_URL: tm.url,
      HTTP_PORT: '0',
      REFRESH_DAILY: '1h',
      TM_MONTHLY_CALLS: '1000000',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const consoleP = createConsolePlatform({ out: new PassThrough().resume() });
    let now = ANCHOR;
    const app = await createApp(
      { ...parsed.config, schedule: false },
      { logger: silentLogger(), platforms: [consoleP], now: () => now },
    );
    try {
      await subscribe(app.store, dm, TOK.BTC);
      await subscribe(app.store, dm, TOK.SOL);
      await app.start();
      for (let s = 0; s <= SCENARIO_MARKS.solGradeChange; s++) {
        now = at(s);
        tm.setStep(s);
        await app.tick(now);
      }
      await app.outbox.drain(10_000);
      const kinds = new Set(consoleP.sent.flatMap((m) => m.events.map((e) => e.kind)));
      expect(kinds).toContain('signal_flip'); // BTC daily flip: /trading-signals
      expect(kinds).toContain('metric_cross'); // BTC Sharpe: /quantmetrics
      expect(kinds).toContain('grade_change'); // SOL grade: /tm-grade
      expect([...kinds].some((k) => k.startsWith('level_'))).toBe(false);
      // Refused, then skipped but for a probe every 6 hours (17 hourly ticks: at 0 h, 6 h, 12 h).
      expect(tm.calls.filter((c) => c.endpoint === '/resistance-support')).toHaveLength(3);
      expect(tm.calls.filter((c) => c.endpoint === '/price').length).toBeGreaterThanOrEqual(17);

      const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ok: true,
        degraded: { unavailable: ['/resistance-support'] },
      });
      const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      expect(metrics).toContain('tokenwatch_tm_endpoint_up{endpoint="/resistance-support"} 0');
      expect(metrics).toMatch(/tokenwatch_tm_credits_used \d+/);
      expect(metrics).toContain('tokenwatch_tm_credits_budget 1000000');
      expect(metrics).toContain('tokenwatch_tm_request_duration_seconds_bucket');
      const month = new Date(now).toISOString().slice(0, 7);
      const ledger = [...(await app.store.credits.get(month)).values()].reduce((a, b) => a + b, 0);
      expect(ledger).toBe(tm.calls.length);
    } finally {
      await app.stop();
      await tm.close();
    }
  });
});
