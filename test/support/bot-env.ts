import { expect } from 'vitest';
import type { TwinWorld } from '../discord/twin-setup.js';
import type { TelegramFake } from '../fakes/telegram-fake.js';
import { startChild } from './child.js';
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
