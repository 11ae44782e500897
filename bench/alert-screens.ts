/**
 * Regenerates the README's alert screenshots: `npm run docs:screens` (needs Debian's chromium).
 * docs/alert-telegram.png and docs/alert-discord.png.
 *
 * Nothing in the pictures is typed by hand: the engine detects a touch of SOL's resistance from a
 * fixture market, the real senders post it (with its chart) to the loopback peers the tests use (our
 * Bot API fake, which takes sendPhoto; discord-digital-twin behind the recorder), and this script draws
 * what the peers received (caption HTML and buttons; the embed as the twin stored it, and the uploaded
 * PNG) in a page styled like each client, then screenshots it with chromium. The client styling is an
 * approximation; the text, fields, colours and chart are the bot's.
 */
import { writeFileSync } from 'node:fs';
import { ChannelType } from 'discord.js';
import { DigitalDiscord, generateSnowflake } from 'discord-digital-twin';
import { Api } from 'grammy';
import { chromium } from 'playwright-core';
import { alertCharts, chartService } from '#src/charts/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { TokenObservation } from '#src/domain/market.js';
import type { AlertEvent } from '#src/domain/types.js';
import { createDetector, type TokenState, viewOf } from '#src/engine/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { createDiscordSender, createSenderRest } from '#src/platforms/discord/sender.js';
import { createTelegramSender } from '#src/platforms/telegram/sender.js';
import { openSqliteStore } from '#src/store/index.js';
import { startDiscordRecorder } from '../test/fakes/discord-recorder.js';
import { startTelegramFake, type UploadedFile } from '../test/fakes/telegram-fake.js';
import { discordPage, telegramPage } from './alert-screens-html.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const HOUR = 3_600_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The same deterministic walk as docs/chart-example.png: SOL over 7 days, rising into $200.
function history(): Array<{ tokenId: number; t: number; price: number }> {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  let p = 176;
  const out: Array<{ tokenId: number; t: number; price: number }> = [];
  for (let i = 7 * 24; i > 24; i--) {
    p *= 1 + rnd() * 0.012 + 0.0005;
    out.push({ tokenId: 3988, t: NOW - i * HOUR, price: p });
  }
  for (let m = 24 * 60; m >= 125; m -= 5) {
    p *= 1 + rnd() * 0.003 + 0.00005;
    out.push({ tokenId: 3988, t: NOW - m * 60_000, price: Math.min(p, 198.6) });
  }
  return out;
}

/** SOL's fixture market: strong resistance clusters at $200 and $212.50, supports at $181 and $172.40. */
function observation(price: number): TokenObservation {
  const cluster = (level: number, dates: readonly string[]) =>
    dates.map((date, i) => ({ level: level * (1 + (i - 1) * 0.001), date }));
  return {
    tokenId: 3988,
    symbol: 'SOL',
    name: 'Solana',
    url: 'https://app.tokenmetrics.com/en/solana',
    price: { price },
    daily: { signal: 1, trend: 1, date: '2026-11-27', traderGrade: 71.4 },
    levels: {
      levels: [
        ...cluster(200, ['2026-10-02', '2026-11-01', '2026-11-20']),
        ...cluster(212.5, ['2026-05-14', '2026-06-03']),
        ...cluster(181, ['2026-09-12', '2026-10-21', '2026-11-10', '2026-11-24']),
        ...cluster(172.4, ['2026-07-30', '2026-08-22', '2026-10-09']),
      ],
    },
  };
}

/** The last two hours as the ticks saw them: each polled price is also a history sample. */
const TICKS = [
  { t: NOW - 2 * HOUR, price: 188.4 },
  { t: NOW - HOUR, price: 196.4 },
  { t: NOW, price: 199.6 },
];

/** The engine's own alert: a baseline far below, an approach, then price within the touch band of $200. */
function touchEvent() {
  const detector = createDetector({ proximityPcts: [2], sharpeThresholds: [] });
  let state: TokenState | undefined;
  let events: AlertEvent[] = [];
  for (const tick of TICKS) ({ state, events } = detector.detect(state, observation(tick.price), tick.t));
  const event = events.find((e) => e.kind === 'level_touch');
  if (!event || !state) throw new Error(`no touch detected: ${JSON.stringify(events.map((e) => e.kind))}`);
  return { event, view: viewOf(state) };
}

async function screenshot(html: string, file: string, width: number): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width, height: 1600 }, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    const box = await page.locator('#shot').boundingBox();
    if (!box) throw new Error('nothing to capture');
    writeFileSync(file, await page.screenshot({ clip: box }));
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const store = openSqliteStore({ file: ':memory:' });
  await store.priceHistory.record([...history(), ...TICKS.map((p) => ({ tokenId: 3988, ...p }))]);
  const { event, view } = touchEvent();
  const charts = alertCharts(chartService({ history: store.priceHistory, view: async () => view }));
  const message = (destination: OutboundMessage['destination']): OutboundMessage => ({
    id: 'screens',
    destination,
    events: [event],
    createdAt: NOW,
    origin: 'tick',
    chart: true,
  });

  // Telegram: the real sender through grammY into our Bot API fake (sendPhoto, multipart).
  const tg = await startTelegramFake();
  await createTelegramSender({
    api: new Api(tg.token, { apiRoot: tg.apiRoot }),
    logger: silentLogger(),
    charts,
  }).send(message({ platform: 'telegram', kind: 'dm', id: '42' }), 'screens-tg');
  const [photo] = tg.photos(42);
  await tg.close();
  if (!photo) throw new Error('the Telegram fake received no photo');
  const tgPng = (photo.photo as UploadedFile).bytes;

  // Discord: the real sender through @discordjs/rest into discord-digital-twin (recorder in front).
  const channelId = generateSnowflake();
  const guildId = generateSnowflake();
  const twin = new DigitalDiscord({
    guilds: [
      {
        id: guildId,
        name: 'Traders',
        channels: [{ id: channelId, name: 'alerts', type: ChannelType.GuildText }],
      },
    ],
  });
  await twin.start();
  const recorder = await startDiscordRecorder(twin.restUrl);
  await createDiscordSender({
    rest: createSenderRest({ token: twin.botToken, apiBase: recorder.apiBase }),
    logger: silentLogger(),
    charts,
  }).send(message({ platform: 'discord', kind: 'channel', id: channelId, parentId: guildId }), 'screens-dc');
  const [stored] = (await twin.channel(channelId).getMessages()).filter((m) => m.embeds.length > 0);
  const upload = recorder.calls.find((c) => (c.files?.length ?? 0) > 0)?.files?.[0];
  await recorder.close();
  await twin.stop();
  await store.close();
  if (!stored || !upload) throw new Error('discord-digital-twin stored no embed with an upload');

  await screenshot(
    telegramPage({
      caption: String(photo.caption ?? ''),
      png: tgPng,
      buttons: buttonsOf(photo.reply_markup),
    }),
    'docs/alert-telegram.png',
    560,
  );
  await screenshot(
    discordPage({ embed: stored.embeds[0] ?? {}, png: upload.bytes, at: NOW }),
    'docs/alert-discord.png',
    640,
  );
  console.log('docs/alert-telegram.png and docs/alert-discord.png written');
}

function buttonsOf(markup: unknown): string[][] {
  const parsed = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: Array<Array<{ text?: string }>> } | undefined)?.inline_keyboard;
  return (rows ?? []).map((r) => r.map((b) => String(b.text ?? '')));
}

await main();
