import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startTwin, type TwinWorld } from '../discord/twin-setup.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Child, startChild } from './child.js';
import { freePort } from './net.js';

/**
 * The environment of `src/main.ts` against the local peers, shared by the end-to-end tests that start
 * the assembled bot in a child process the way `npm start` does.
 */

/** Every exchange endpoint at a port where nothing listens: each connection is refused, prices come from Token Metrics polls. */
export function closedExchanges(port: number): Record<string, string> {
  return Object.fromEntries(
    ['BINANCE', 'COINBASE', 'OKX', 'KRAKEN'].flatMap((x) => [
      [`${x}_WS_URL`, `ws://127.0.0.1:${port}`],
      [`${x}_REST_URL`, `http://127.0.0.1:${port}`],
    ]),
  );
}

/** The bot's Discord settings against discord-digital-twin (through our recorder, which checks every request). */
export function twinDiscordEnv(world: TwinWorld): Record<string, string> {
  return {
    DISCORD_TOKEN: world.discord.botToken,
    DISCORD_APPLICATION_ID: world.discord.botUserId,
    DISCORD_API_BASE: world.recorder.apiBase,
  };
}

/** The operator's step before the first start: `npm run deploy-commands`, guild-scoped to the twin's guild. */
export async function deployToTwin(world: TwinWorld): Promise<void> {
  const deploy = startChild('src/platforms/discord/deploy.ts', {
    ...twinDiscordEnv(world),
    DISCORD_GUILD_ID: world.ids.guild,
  });
  expect(await deploy.exited, deploy.output()).toBe(0);
}

export interface LocalPeers {
  readonly world: TwinWorld;
  readonly tg: Pick<TelegramFake, 'token' | 'apiRoot'>;
  readonly tm: { readonly url: string };
  readonly tmKey: string;
  readonly dataDir: string;
}

/**
 * Both platforms, Token Metrics and a data folder, with default settings except the clock: a tick every
 * second with prices wanted every second (and a budget that allows it), so tests wait seconds, not minutes.
 */
export async function localBotEnv(p: LocalPeers): Promise<Record<string, string>> {
  return {
    ...twinDiscordEnv(p.world),
    TELEGRAM_BOT_TOKEN: p.tg.token,
    TELEGRAM_API_ROOT: p.tg.apiRoot,
    TM_API_KEY: p.tmKey,
    TM_API_BASE_URL: p.tm.url,
    DATA_DIR: p.dataDir,
    HTTP_PORT: '0',
    TICK_CRON: '* * * * * *',
    REFRESH_PRICE: '1s',
    TM_MONTHLY_CALLS: '100000000',
    ...closedExchanges(await freePort()),
  };
}

/** The assembled bot (`src/main.ts` in a child process) with its local peers, as the e2e tests start it. */
export interface AssembledBot {
  readonly world: TwinWorld;
  readonly tg: TelegramFake;
  readonly tm: FakeTokenMetrics;
  readonly dataDir: string;
  readonly bot: Child;
  /** Waits for `cond`; on timeout the error carries the bot's log, which says what went wrong. */
  until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void>;
  /** A slash command in `channelId` of the twin's guild; resolves to the interaction's id. */
  slash(userId: string, channelId: string, name: string, options: unknown[]): Promise<string>;
  /** Stops the bot and the peers, removes the data folder; resolves to the bot's exit code. */
  close(): Promise<number | null>;
}

/**
 * discord-digital-twin, the Bot API fake and the Token Metrics fake; `npm run deploy-commands`; then the
 * bot with default settings (localBotEnv) until it says it started.
 */
export async function startAssembledBot(name: string, tmKey: string): Promise<AssembledBot> {
  const world = await startTwin();
  const tg = await startTelegramFake();
  const tm = await startFakeTokenMetrics({ apiKey: tmKey });
  const dataDir = mkdtempSync(join(tmpdir(), `tw-${name}-`));
  await deployToTwin(world);
  const bot = startChild('src/main.ts', await localBotEnv({ world, tg, tm, tmKey, dataDir }));
  await bot.waitFor('tokenwatch started', 60_000);
  return {
    world,
    tg,
    tm,
    dataDir,
    bot,
    async until(cond, ms, what) {
      const end = Date.now() + ms;
      while (!(await cond())) {
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${what}; the bot's log:\n${bot.output()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async slash(userId, channelId, command, options) {
      const { id } = await world.discord
        .channel(channelId)
        .user(userId)
        .runSlashCommand({ name: command, options: options as never });
      return id;
    },
    async close() {
      const code = await bot.stop();
      await world.close();
      await tg.close();
      await tm.close();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
