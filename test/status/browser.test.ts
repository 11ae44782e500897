import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pixelStats } from './browser.js';
import { type Scenario, startScenario } from './scenario.js';

/** The operator console in a real browser, on the embedded store and on Redis. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, sc: Scenario): Promise<void> {
  await page.goto(`${sc.base}/status`);
  await page.fill('#token', 'not-the-token');
  await page.click('button[type=submit]');
  await expect.poll(() => page.textContent('#login-error')).toContain('Wrong token');
  await page.fill('#token', sc.token);
  await page.click('button[type=submit]');
  await page.waitForSelector('#deadLetters');
}

/** What a reader sees in a panel, whitespace folded. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text (cells apart) is what an operator reads.
const panelText = async (page: Page, id: string) => (await page.innerText(`#${id}`)).replace(/\s+/g, ' ');

describe.each(['sqlite', 'redis'] as const)('status page in Chromium (%s)', (kind) => {
  let sc: Scenario;
  beforeAll(async () => {
    sc = await startScenario(kind);
  });
  afterAll(async () => {
    await sc?.close();
  });

  it('logs in, reads the panels, retries the dead letter and looks like a page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });
    try {
      await logIn(page, sc);
      const cookies = await context.cookies();
      expect(cookies).toEqual([
        expect.objectContaining({ name: 'tokenwatch_status', httpOnly: true, sameSite: 'Strict' }),
      ]);
      // Not readable from page scripts.
      expect(await page.evaluate('document.cookie')).toBe('');

      expect(await page.textContent('#overall')).toBe('degraded');
      expect(await panelText(page, 'health')).toContain('resistance-support refused');
      const endpoints = await panelText(page, 'endpoints');
      expect(endpoints).toMatch(/resistance-support disabled 403: not on this API plan/);
      expect(endpoints).toMatch(/hourly-trading-signals backing off/);
      expect(await panelText(page, 'ledger')).toMatch(
        /used 5200 \(52%\).*projected 11100 \(111%\).*budget 10000/,
      );
      expect(await page.locator('#ledger svg.chart polyline.used').count()).toBe(1);
      expect(await panelText(page, 'streams')).toMatch(/coinbase down/);
      expect(await panelText(page, 'watched')).toMatch(/SOL 11 3/);
      expect(await panelText(page, 'subscriptions')).toMatch(/telegram dm 1 2/);
      const outbox = await panelText(page, 'outbox');
      expect(outbox).toMatch(/discord 0 0 0 1/);
      expect(await panelText(page, 'alerts')).toMatch(/SOL level_breakout .* discord:channel:900/);
      const dead = await panelText(page, 'deadLetters');
      expect(dead).toContain('discord:channel:900');
      expect(dead).toContain('Missing <b>Permissions</b> & "access"');
      expect(await page.locator('#deadLetters b').count()).toBe(0);

      // The page must look like one: mostly background, but far from one colour.
      const shot = await page.screenshot({ fullPage: true });
      // `STATUS_SCREENSHOT=docs/status.png npx vitest run test/status/browser.test.ts` keeps the picture.
      if (process.env.STATUS_SCREENSHOT && kind === 'sqlite')
        writeFileSync(process.env.STATUS_SCREENSHOT, shot);
      const stats = await pixelStats(browser, shot);
      expect(stats.colours).toBeGreaterThan(50);
      expect(stats.dominant).toBeLessThan(0.97);

      sc.heal();
      await page.click('#deadLetters button[type=submit]');
      await page.waitForSelector('#notice');
      expect(await page.textContent('#notice')).toContain('Dead letter requeued');
      expect(await panelText(page, 'deadLetters')).toContain('None.');
      expect(page.url()).toMatch(/\/status\?retried=ok$/);
      await sc.outbox.drain(10_000);
      expect(sc.sent.map((m) => m.id)).toContain(sc.deadId);
      expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('fits a phone: no sideways scrolling of the page', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    try {
      await logIn(page, sc);
      const widths = (await page.evaluate(
        '({ doc: document.documentElement.scrollWidth, view: window.innerWidth })',
      )) as { doc: number; view: number };
      expect(widths.doc).toBeLessThanOrEqual(widths.view);
    } finally {
      await context.close();
    }
  }, 60_000);

  if (kind === 'redis') {
    it('loads the Bull Board behind the same login, read-only', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        const anonymous = await page.goto(`${sc.base}/status/queues/`);
        expect(anonymous?.status()).toBe(401);
        await logIn(page, sc);
        await page.goto(`${sc.base}/status/queues`);
        await page.getByText('discord', { exact: false }).first().waitFor({ timeout: 20_000 });
        const api = (await page.evaluate(
          "fetch('/status/queues/api/queues?activeQueue=discord&status=failed&page=1').then((r) => r.json())",
        )) as { queues: Array<{ name: string; readOnlyMode: boolean; counts: Record<string, number> }> };
        const discord = api.queues.find((q) => q.name === 'discord');
        expect(discord?.readOnlyMode).toBe(true);
        expect(Object.keys(discord?.counts ?? {})).toContain('failed');
        const refused = await page.evaluate(
          "fetch('/status/queues/api/queues/discord/retry/failed', { method: 'PUT' }).then((r) => r.status)",
        );
        expect(refused).toBe(403);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
