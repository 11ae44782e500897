import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (installed by .ci/run when absent), driven by playwright-core. No browser download:
 * the executable path is given.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Distinct colours and the share of the most common one in a PNG, measured by the browser itself (a
 * canvas in a blank page), so no PNG decoder is needed. Written as a string: tests compile without DOM types.
 */
export async function pixelStats(
  browser: Browser,
  png: Buffer,
): Promise<{ colours: number; dominant: number }> {
  const page = await browser.newPage();
  try {
    const src = JSON.stringify(`data:image/png;base64,${png.toString('base64')}`);
    return (await page.evaluate(`(async () => {
      const img = new Image();
      img.src = ${src};
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      return { colours: counts.size, dominant: Math.max(...counts.values()) / (data.length / 4) };
    })()`)) as { colours: number; dominant: number };
  } finally {
    await page.close();
  }
}
