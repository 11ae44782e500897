import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { type App, type AppMarket, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import type { FetchRequest, MarketSource } from '#src/domain/market.js';
import type { TokenId } from '#src/domain/types.js';
import { createReplaySource, DEFAULT_SCENARIO } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { binanceFormat } from '../fakes/exchange-binance.js';
import { coinbaseFormat } from '../fakes/exchange-coinbase.js';
import { FakeExchange, until } from '../fakes/exchange-server.js';
import { freePort } from './net.js';

type Replay = ReturnType<typeof createReplaySource>;

/** The replay market, recording every fetch request in `calls` (which TM calls a tick made). */
export function recordingMarket(replay: Replay, calls: FetchRequest[]): AppMarket {
  const fetch: MarketSource['fetch'] = (req, signal) => {
    calls.push(req);
    return replay.fetch(req, signal);
  };
  return {
    fetch,
    resolve: (s) => replay.resolve(s),
    search: (p, n) => replay.search(p, n),
    byId: (id) => replay.byId(id),
    exchangesOf: (id) => replay.exchangesOf?.(id),
  };
}

/** The whole app on telegram-test-api with a local Binance: what the live-price end-to-end tests drive. */
export interface LiveWorld {
  readonly server: TelegramServer;
  readonly binance: FakeExchange;
  /** A local Coinbase, second in PRICE_EXCHANGES, when `coinbasePairs` was given. */
  readonly coinbase?: FakeExchange;
  readonly app: App;
  readonly replay: Replay;
  /** Every market request so far. */
  readonly calls: FetchRequest[];
  /** The bot's messages to the chat, tags stripped. */
  botTexts(): string[];
  /** Waits until the bot sent the chat `n` messages; returns them. */
  waitForCount(n: number, ms?: number): Promise<string[]>;
  /** One tick in its own one-second slot, outbox drained; returns the market calls it made. */
  tick(): Promise<FetchRequest[]>;
  /**
   * Sends a pair's price (on Binance unless `exchange` says otherwise) until the app has received it for
   * the token (a reconnect may swallow a frame).
   */
  push(tokenId: TokenId, pair: string, price: number, exchange?: FakeExchange): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveWorld(opts: {
  readonly botToken: string;
  readonly chat: number;
  /** Pairs the local Binance lists. */
  readonly pairs: ReadonlyArray<{ base: string; quote: string }>;
  /** Pairs a local Coinbase lists (started only when given): PRICE_EXCHANGES becomes binance,coinbase. */
  readonly coinbasePairs?: ReadonlyArray<{ base: string; quote: string }>;
  /** Further environment (BREAKOUT_HOLD, ...). */
  readonly env?: Readonly<Record<string, string>>;
}): Promise<LiveWorld> {
  const base = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: base });
  const calls: FetchRequest[] = [];
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  const binance = await new FakeExchange(binanceFormat, [...opts.pairs]).start();
  const coinbase = opts.coinbasePairs
    ? await new FakeExchange(coinbaseFormat, [...opts.coinbasePairs]).start()
    : undefined;
  const coinbaseEnv = coinbase
    ? {
        PRICE_EXCHANGES: 'binance,coinbase',
        COINBASE_WS_URL: coinbase.wsUrl,
        COINBASE_REST_URL: coinbase.httpUrl,
      }
    : {};
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-live-e2e-'));
  const parsed = parseConfig({
    TELEGRAM_BOT_TOKEN: opts.botToken,
    TELEGRAM_API_ROOT: server.config.apiURL,
    DATA_DIR: dataDir,
    // Ticks driven by the test, one-second slots; price wanted every second within an unlimited budget, so
    // a price poll skipped for a streamed token can only be the stream's doing.
    TICK_CRON: '0 0 0 1 1 *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
    PRICE_EXCHANGES: 'binance',
    BINANCE_WS_URL: binance.wsUrl,
    BINANCE_REST_URL: binance.httpUrl,
    LOG_LEVEL: 'silent',
    ...coinbaseEnv,
    ...opts.env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const app = await createApp(
    { ...parsed.config, outboxKind: 'memory', httpPort: false, priceStreams: true, priceLiveMaxAgeMs: 2_000 },
    { market: recordingMarket(replay, calls), logger: silentLogger() },
  );
  await app.start();

  const botTexts = () =>
    server.storage.botMessages
      .filter((m) => m.botToken === opts.botToken && String(m.message.chat_id) === String(opts.chat))
      .map((m) => stripTags(String(m.message.text)));
  return {
    server,
    binance,
    ...(coinbase ? { coinbase } : {}),
    app,
    replay,
    calls,
    botTexts,
    async waitForCount(n, ms = 8000) {
      await until(() => botTexts().length >= n, ms, `${n} bot messages (have: ${botTexts().join(' | ')})`);
      return botTexts();
    },
    async tick() {
      await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1000)));
      const from = calls.length;
      await app.tick();
      await app.outbox.drain(10_000);
      return calls.slice(from);
    },
    async push(tokenId, pair, price, exchange = binance) {
      await until(
        () => {
          if (app.prices?.service.path.last(tokenId)?.price === price) return true;
          exchange.price(pair, price);
          return false;
        },
        5_000,
        `price ${price} received`,
      );
      await app.outbox.drain(10_000);
    },
    async close() {
      await app.stop();
      await binance.stop();
      await coinbase?.stop();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
