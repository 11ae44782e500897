import { DiscordAPIError, type Interaction } from 'discord.js';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { createMetrics } from '#src/obs/metrics.js';
import { createDiscordPlatform } from '#src/platforms/discord/index.js';
import { handleInteraction } from '#src/platforms/discord/interactions.js';
import { openSqliteStore } from '#src/store/index.js';
import { memoryDirectory } from './twin-setup.js';

/**
 * Two replicas can still meet on one interaction during a shard hand-over. The one that loses gets
 * 40060 (already acknowledged) or 10062 (unknown interaction) on its acknowledgement: that is counted,
 * logged at debug, and no second reply is attempted (it would only fail again).
 */
const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const deps: CommandDeps = {
  store,
  directory: memoryDirectory(),
  market: { view: async () => undefined },
  limits: { maxSubscriptionsPerDestination: 25 },
};

function apiError(code: number, status: number): DiscordAPIError {
  const message = code === 40060 ? 'Interaction has already been acknowledged.' : 'Unknown interaction';
  return new DiscordAPIError({ code, message }, code, status, 'POST', '/interactions/1/t/callback', {});
}

/** A slash command stand-in (the members of ChatInputCommandInteraction the handler uses). */
function slash(ackError: Error) {
  const calls: string[] = [];
  const i = {
    type: 2,
    commandName: 'help',
    options: { data: [], getSubcommand: () => null },
    guildId: null,
    channelId: '900',
    user: { id: '4242' },
    memberPermissions: null,
    client: {},
    deferred: false,
    replied: false,
    inGuild: () => false,
    isChatInputCommand: () => true,
    isAutocomplete: () => false,
    isButton: () => false,
    isRepliable: () => true,
    async deferReply() {
      calls.push('defer');
      throw ackError;
    },
    async editReply() {
      calls.push('edit');
    },
    async reply() {
      calls.push('reply');
    },
  };
  return { interaction: i as unknown as Interaction, calls };
}

function captureLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe('a lost interaction race is not an error', () => {
  it.each([
    [40060, 400],
    [10062, 404],
  ])('code %i: counted, logged at debug, no second reply', async (code, status) => {
    const metrics = createMetrics();
    const { logger, lines } = captureLogger();
    const { interaction, calls } = slash(apiError(code, status));
    await handleInteraction(interaction, {
      commands: deps,
      logger,
      now: () => 0,
      onLost: (c) => metrics.interactionsLost.inc({ code: String(c) }),
    });
    expect(calls).toEqual(['defer']); // no editReply, no reply after the lost acknowledgement
    expect(lines.filter((l) => l.level >= 40)).toEqual([]); // nothing at warn or error
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [20, 'discord interaction answered elsewhere or expired'],
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain(`tokenwatch_interactions_lost_total{code="${code}"} 1`);
  });

  it('any other failure is still an error, and the user is told once', async () => {
    const { logger, lines } = captureLogger();
    const { interaction, calls } = slash(apiError(50035, 400));
    await handleInteraction(interaction, { commands: deps, logger, now: () => 0, onLost: () => undefined });
    expect(calls).toEqual(['defer', 'reply']);
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual(['discord interaction failed']);
  });

  it('the platform counts lost races in its own metrics registry', async () => {
    const metrics = createMetrics();
    const platform = createDiscordPlatform(
      { token: 'x', applicationId: '1', apiBase: 'http://127.0.0.1:9/api' },
      { commands: deps, store, logger: pino({ level: 'silent' }), metrics },
    );
    const { interaction } = slash(apiError(40060, 400));
    // What every shard client's interactionCreate listener calls.
    await platform.onInteraction(interaction);
    expect(await metrics.registry.metrics()).toContain('tokenwatch_interactions_lost_total{code="40060"} 1');
    await platform.stop();
  });
});
