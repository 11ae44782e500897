import { ChannelType } from 'discord.js';
import { DigitalDiscord, generateSnowflake } from 'discord-digital-twin';
import type { CommandDeps } from '#commands/types.js';
import type { TokenDirectory } from '#src/domain/market.js';
import type { TokenInfo } from '#src/domain/types.js';
import { type Logger, silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createDiscordPlatform, type DiscordPlatform } from '#src/platforms/discord/index.js';
import type { Store } from '#src/store/ports.js';
import { type DiscordRecorder, startDiscordRecorder } from '../fakes/discord-recorder.js';
import { memoryDirectory as sharedMemoryDirectory } from '../support/directory.js';

/** Permission bitfields (decimal strings, as Discord sends them). */
export const PERMS = {
  member: String(1024n | 2048n), // View Channel + Send Messages
  moderator: String(1024n | 2048n | 16n), // + Manage Channels
} as const;

export const TOKENS: readonly TokenInfo[] = [
  { tokenId: 11, symbol: 'SOL', name: 'Solana', url: 'https://app.tokenmetrics.com/en/solana' },
  { tokenId: 3375, symbol: 'BTC', name: 'Bitcoin' },
  { tokenId: 12, symbol: 'SOLO', name: 'Sologenic' },
];

export function memoryDirectory(tokens: readonly TokenInfo[] = TOKENS): TokenDirectory {
  return sharedMemoryDirectory(tokens);
}

export interface TwinWorld {
  readonly discord: DigitalDiscord;
  readonly recorder: DiscordRecorder;
  readonly ids: {
    guild: string;
    otherGuild: string;
    alerts: string;
    general: string;
    voice: string;
    /** A text channel that stands in for DM channels (the twin has no DM route). */
    dmSink: string;
    foreign: string;
    member: string;
    moderator: string;
  };
  setPermissions(userId: string, perms: string): Promise<void>;
  /** Content of the bot's (edited) reply to an interaction, waiting for it. */
  replyOf(interactionId: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** A twin with two guilds (ours and another one), a member, a moderator, and a recorder in front. */
export async function startTwin(): Promise<TwinWorld> {
  const ids = {
    guild: generateSnowflake(),
    otherGuild: generateSnowflake(),
    general: generateSnowflake(),
    alerts: generateSnowflake(),
    voice: generateSnowflake(),
    dmSink: generateSnowflake(),
    foreign: generateSnowflake(),
    member: generateSnowflake(),
    moderator: generateSnowflake(),
  };
  const discord = new DigitalDiscord({
    guilds: [
      {
        id: ids.guild,
        name: 'Main',
        channels: [
          { id: ids.general, name: 'general', type: ChannelType.GuildText },
          { id: ids.alerts, name: 'alerts', type: ChannelType.GuildText },
          { id: ids.voice, name: 'voice', type: ChannelType.GuildVoice },
          { id: ids.dmSink, name: 'dm-sink', type: ChannelType.GuildText },
        ],
      },
      {
        id: ids.otherGuild,
        name: 'Other',
        channels: [{ id: ids.foreign, name: 'elsewhere', type: ChannelType.GuildText }],
      },
    ],
    users: [
      { id: ids.member, username: 'alice' },
      { id: ids.moderator, username: 'mod' },
    ],
  });
  await discord.start();
  const recorder = await startDiscordRecorder(discord.restUrl);
  const setPermissions = async (userId: string, perms: string) => {
    await discord.prisma.guildMember.update({
      where: { guildId_userId: { guildId: ids.guild, userId } },
      data: { permissions: perms },
    });
  };
  await setPermissions(ids.member, PERMS.member);
  await setPermissions(ids.moderator, PERMS.moderator);

  async function replyOf(interactionId: string, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const r = await discord.prisma.interactionResponse.findUnique({ where: { interactionId } });
      if (r?.messageId) {
        const m = await discord.prisma.message.findUnique({ where: { id: r.messageId } });
        if (m) return m.content;
      }
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error(`no reply to interaction ${interactionId}`);
  }

  return {
    discord,
    recorder,
    ids,
    setPermissions,
    replyOf,
    async close() {
      await recorder.close();
      await discord.stop();
    },
  };
}

export function platformFor(
  world: TwinWorld,
  store: Store,
  opts: { directory?: TokenDirectory; logger?: Logger; now?: () => number } = {},
): DiscordPlatform {
  const commands: CommandDeps = {
    store,
    directory: opts.directory ?? memoryDirectory(),
    market: { view: async () => undefined },
    limits: { maxSubscriptionsPerDestination: 25 },
  };
  return createDiscordPlatform(
    {
      token: world.discord.botToken,
      applicationId: world.discord.botUserId,
      apiBase: world.recorder.apiBase,
    },
    { commands, store, logger: opts.logger ?? silentLogger(), metrics: createMetrics() },
    { now: opts.now ?? Date.now },
  );
}
