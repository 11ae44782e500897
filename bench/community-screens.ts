/**
 * Regenerates the README's community screenshots (part of `npm run docs:screens`; needs Debian's
 * chromium): docs/watchlist-telegram.png (a daily brief in a Telegram forum topic: the watchlist table
 * and its card) and docs/alert-telegram-topic.png (a level alert inside a forum topic).
 *
 * The bot's own code makes every pixel of content: the watchlist service builds the rows from fixture
 * views and a stored 7-day price history and draws the card with resvg; the engine detects SOL's touch
 * of $200; the real Telegram sender posts both to topic destinations of our Bot API fake (which checks
 * every field, `message_thread_id` included, against the Bot API spec). The page around them is styled
 * like Telegram's forum view; only that frame is an approximation.
 */
import { writeFileSync } from 'node:fs';
import { Api } from 'grammy';
import { chromium } from 'playwright-core';
import { alertCharts, chartService } from '#src/charts/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { TokenObservation } from '#src/domain/market.js';
import { topicDestination } from '#src/domain/topics.js';
import type { AlertEvent } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { createDetector, type TokenState, viewOf } from '#src/engine/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { createTelegramSender } from '#src/platforms/telegram/sender.js';
import { openSqliteStore } from '#src/store/index.js';
import { messagePictures } from '#src/watchlist/pictures.js';
import { watchlistService } from '#src/watchlist/service.js';
import { startTelegramFake, type UploadedFile } from '../test/fakes/telegram-fake.js';
import { topicPage } from './community-screens-html.js';

const NOW = Date.UTC(2026, 11, 7, 7, 0); // 08:00 in Berlin
const HOUR = 3_600_000;
const CHAT = -1001234567890;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Fixture {
  readonly tokenId: number;
  readonly symbol: string;
  readonly start: number;
  readonly drift: number;
  /** Where the walk ends (the price now); the walk is scaled to it. */
  readonly end: number;
  readonly view: Omit<TokenView, 'tokenId' | 'symbol' | 'name' | 'price'>;
}

const lv = (level: number, side: 'support' | 'resistance', strength: number) => ({ level, side, strength });
const FIXTURES: readonly Fixture[] = [
  {
    tokenId: 3375,
    symbol: 'BTC',
    start: 91_200,
    drift: 0.0003,
    end: 96_720,
    view: {
      levels: [],
      daily: { signal: 1, trend: 1, date: '2026-12-06' },
      metrics: { SHARPE: 1.42 },
      grade: { signal: 'Buy', grade: 74 },
    },
  },
  {
    tokenId: 3306,
    symbol: 'ETH',
    start: 3_260,
    drift: -0.0004,
    end: 3_137.4,
    view: {
      levels: [],
      daily: { signal: -1, trend: -1, date: '2026-12-05' },
      metrics: { SHARPE: 0.61 },
      grade: { signal: 'Neutral', grade: 52 },
    },
  },
  {
    tokenId: 3988,
    symbol: 'SOL',
    start: 176,
    drift: 0.0008,
    end: 199.6,
    view: {
      levels: [],
      daily: { signal: 1, trend: 1, date: '2026-12-06' },
      metrics: { SHARPE: 1.87 },
      grade: { signal: 'Strong Buy', grade: 81 },
    },
  },
  {
    tokenId: 3378,
    symbol: 'DOGE',
    start: 0.384,
    drift: 0.0001,
    end: 0.3881,
    view: { levels: [], daily: { signal: 0, trend: 0, date: '2026-12-06' } },
  },
];
const LEVELS: Record<string, ReturnType<typeof lv>[]> = {
  BTC: [lv(99_000, 'resistance', 88), lv(92_500, 'support', 79)],
  ETH: [lv(3_400, 'resistance', 71), lv(3_000, 'support', 92)],
  SOL: [lv(200, 'resistance', 95), lv(181, 'support', 77)],
  DOGE: [lv(0.42, 'resistance', 64), lv(0.35, 'support', 58)],
};

/** A deterministic 7-day walk per token (hourly, then 5-minute points for the last day). */
function walk(f: Fixture) {
  let seed = f.tokenId;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  let p = f.start;
  const out: Array<{ tokenId: number; t: number; price: number }> = [];
  for (let m = 7 * 24 * 60; m >= 0; m -= m > 24 * 60 ? 60 : 5) {
    p *= 1 + rnd() * (m > 24 * 60 ? 0.012 : 0.003) + f.drift * (m > 24 * 60 ? 1 : 1 / 12);
    out.push({ tokenId: f.tokenId, t: NOW - m * 60_000, price: p });
  }
  const scale = f.end / (out.at(-1)?.price ?? f.end);
  return out.map((x) => ({ ...x, price: x.price * scale }));
}

/** SOL nearing its $200 resistance cluster: the engine's own touch event (as in alert-screens.ts). */
function touchEvent(): AlertEvent {
  const cluster = (level: number, dates: readonly string[]) =>
    dates.map((date, i) => ({ level: level * (1 + (i - 1) * 0.001), date }));
  const obs = (price: number): TokenObservation => ({
    tokenId: 3988,
    symbol: 'SOL',
    name: 'Solana',
    url: 'https://app.tokenmetrics.com/en/solana',
    price: { price },
    daily: { signal: 1, trend: 1, date: '2026-12-06', traderGrade: 71.4 },
    levels: {
      levels: [
        ...cluster(200, ['2026-10-02', '2026-11-01', '2026-11-20']),
        ...cluster(212.5, ['2026-05-14', '2026-06-03']),
        ...cluster(181, ['2026-09-12', '2026-10-21', '2026-11-10']),
      ],
    },
  });
  const detector = createDetector({ proximityPcts: [2], sharpeThresholds: [] });
  let state: TokenState | undefined;
  let events: AlertEvent[] = [];
  for (const [t, price] of [
    [NOW - 2 * HOUR, 188.4],
    [NOW - HOUR, 196.4],
    [NOW, 199.6],
  ] as const) {
    ({ state, events } = detector.detect(state, obs(price), t));
  }
  const e = events.find((x) => x.kind === 'level_touch');
  if (!e || !state) throw new Error('no touch detected');
  void viewOf(state);
  return e;
}

async function shoot(html: string, file: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 940, height: 2000 }, deviceScaleFactor: 1 });
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
  const walks = FIXTURES.map(walk);
  await store.priceHistory.record(walks.flat());
  const views = new Map<number, TokenView>(
    FIXTURES.map((f, i) => {
      const price = walks[i]?.at(-1)?.price ?? f.start;
      const levels = (LEVELS[f.symbol] ?? []).map((l) => ({
        ...l,
        distancePct: Math.round(((l.level - price) / price) * 1e4) / 100,
      }));
      const source = f.symbol === 'SOL' ? 'Binance SOL/USDT' : 'Token Metrics';
      return [
        f.tokenId,
        {
          ...f.view,
          tokenId: f.tokenId,
          symbol: f.symbol,
          name: f.symbol,
          price,
          levels,
          priceSource: { label: source, ageMs: f.symbol === 'SOL' ? 2000 : 140_000 },
        },
      ];
    }),
  );
  const watchlist = watchlistService({
    history: store.priceHistory,
    unavailable: () => [],
    views: async (ids) =>
      new Map(ids.flatMap((id) => (views.has(id) ? [[id, views.get(id) as TokenView]] : []))),
  });
  const tokens = FIXTURES.map((f) => ({ tokenId: f.tokenId, symbol: f.symbol }));
  const [content] = await watchlist.contents([tokens], NOW);
  const charts = chartService({ history: store.priceHistory, view: async (id) => views.get(id) });
  const pictures = messagePictures(alertCharts(charts), watchlist);

  const tg = await startTelegramFake();
  const sender = createTelegramSender({
    api: new Api(tg.token, { apiRoot: tg.apiRoot }),
    logger: silentLogger(),
    charts: pictures,
  });
  const brief: OutboundMessage = {
    id: 'screens-brief',
    destination: topicDestination(String(CHAT), 12),
    events: [],
    createdAt: NOW,
    origin: 'tick',
    chart: true,
    brief: {
      title: 'Daily brief · 2026-12-07 08:00 Europe/Berlin',
      table: content?.table ?? [],
      tokens,
      at: NOW,
    },
  };
  await sender.send(brief, 'screens-brief');
  const alert: OutboundMessage = {
    id: 'screens-topic-alert',
    destination: topicDestination(String(CHAT), 7),
    events: [touchEvent()],
    createdAt: NOW,
    origin: 'tick',
    chart: true,
  };
  await sender.send(alert, 'screens-topic-alert');
  const [briefPhoto, alertPhoto] = tg.photos(CHAT);
  await tg.close();
  await store.close();
  if (!briefPhoto || !alertPhoto) throw new Error('the Telegram fake received no photos');
  if (briefPhoto.message_thread_id !== 12 || alertPhoto.message_thread_id !== 7)
    throw new Error('not in the topics');
  await shoot(
    topicPage({
      group: 'Crypto Club',
      topic: 'Morning brief',
      caption: String(briefPhoto.caption ?? ''),
      png: (briefPhoto.photo as UploadedFile).bytes,
    }),
    'docs/watchlist-telegram.png',
  );
  await shoot(
    topicPage({
      group: 'Crypto Club',
      topic: 'SOL traders',
      caption: String(alertPhoto.caption ?? ''),
      png: (alertPhoto.photo as UploadedFile).bytes,
    }),
    'docs/alert-telegram-topic.png',
  );
  console.log('docs/watchlist-telegram.png and docs/alert-telegram-topic.png written');
}

await main();
