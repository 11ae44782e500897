import type { Interaction } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { handleInteraction } from '#src/platforms/discord/interactions.js';
import { openSqliteStore } from '#src/store/index.js';
import { memoryDirectory } from './twin-setup.js';

/**
 * DM alert buttons. discord-digital-twin only delivers guild interactions, so a DM button click is
 * played by a minimal stand-in with the members of a discord.js ButtonInteraction the handler uses.
 */
const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const deps: CommandDeps = {
  store,
  directory: memoryDirectory(),
  market: { view: async () => undefined },
  limits: { maxSubscriptionsPerDestination: 25 },
};
const NOW = Date.UTC(2026, 10, 28, 12);

function dmButton(customId: string, userId: string) {
  const calls: Array<{ kind: string; body: unknown }> = [];
  const i = {
    type: 3,
    customId,
    guildId: null,
    channelId: '900',
    user: { id: userId },
    memberPermissions: null,
    client: {},
    deferred: false,
    replied: false,
    inGuild: () => false,
    isChatInputCommand: () => false,
    isAutocomplete: () => false,
    isButton: () => true,
    isRepliable: () => true,
    async deferReply(body: unknown) {
      i.deferred = true;
      calls.push({ kind: 'defer', body });
    },
    async editReply(body: unknown) {
      calls.push({ kind: 'edit', body });
    },
    async reply(body: unknown) {
      calls.push({ kind: 'reply', body });
    },
  };
  return { interaction: i as unknown as Interaction, calls };
}

describe('DM alert buttons', () => {
  const me = { platform: 'discord', kind: 'dm', id: '4242' } as const;

  it('Unsubscribe removes the token from the clicker’s own DMs, acknowledged first', async () => {
    await store.subscriptions.subscribe(me, 11, 'SOL', ['levels'], NOW);
    const { interaction, calls } = dmButton('unsub:11', '4242');
    await handleInteraction(interaction, { commands: deps, logger: silentLogger(), now: () => NOW });
    expect(calls.map((c) => c.kind)).toEqual(['defer', 'edit']);
    expect(calls[0]?.body).toEqual({ flags: 64 });
    expect(calls[1]?.body).toMatchObject({
      content: expect.stringContaining('SOL'),
      allowedMentions: { parse: [] },
    });
    expect(await store.subscriptions.list(me)).toEqual([]);
  });

  it('Mute 1d sets a token mute for a day', async () => {
    await store.subscriptions.subscribe(me, 11, 'SOL', ['levels'], NOW);
    const { interaction } = dmButton('mute:11:1d', '4242');
    await handleInteraction(interaction, { commands: deps, logger: silentLogger(), now: () => NOW });
    const settings = await store.settings.get('discord:dm:4242');
    expect(settings?.tokenMutes).toEqual({ '11': NOW + 86_400_000 });
  });

  it('a forged custom_id gets a clear error and changes nothing', async () => {
    const { interaction, calls } = dmButton('unsub:11; DROP TABLE', '4242');
    await handleInteraction(interaction, { commands: deps, logger: silentLogger(), now: () => NOW });
    expect(calls[1]?.body).toMatchObject({ content: expect.stringMatching(/⚠️/) });
    expect((await store.subscriptions.list(me)).map((s) => s.symbol)).toEqual(['SOL']);
  });

  it('a failing acknowledgement is caught and answered; the promise never rejects', async () => {
    const { interaction, calls } = dmButton('unsub:11', '4242');
    Object.assign(interaction, {
      async deferReply() {
        throw new Error('Unknown interaction');
      },
    });
    await expect(
      handleInteraction(interaction, { commands: deps, logger: silentLogger(), now: () => NOW }),
    ).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      kind: 'reply',
      body: {
        content: expect.stringContaining('Something went wrong'),
        flags: 64,
        allowedMentions: { parse: [] },
      },
    });
    expect((await store.subscriptions.list(me)).map((s) => s.symbol)).toEqual(['SOL']);
  });
});
