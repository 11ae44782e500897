import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '#src/delivery/ports.js';
import type { Destination } from '#src/domain/types.js';
import { createLogger } from '#src/obs/logger.js';
import { deployCommands } from '#src/platforms/discord/deploy.js';
import type { DiscordPlatform } from '#src/platforms/discord/index.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { breakout, digest } from './helpers.js';
import { memoryDirectory, platformFor, startTwin, type TwinWorld } from './twin-setup.js';

/**
 * A real discord.js client against discord-digital-twin (with a recorder in front): permissions are
 * re-checked server-side, bad input gets clear replies, nothing pings, and moderators hear about a
 * channel that stopped working.
 */
let world: TwinWorld;
let store: Store;
let platform: DiscordPlatform;
/** Extra latency of the token directory (ms): interactions must still be acknowledged at once. */
let directoryDelayMs = 0;
/** Everything the platform logged (debug level), to check that the bot token never appears. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

beforeAll(async () => {
  world = await startTwin();
  store = openSqliteStore({ file: ':memory:' });
  const base = memoryDirectory();
  const pause = () => new Promise((r) => setTimeout(r, directoryDelayMs));
  platform = platformFor(world, store, {
    logger: createLogger({ level: 'debug', destination: logSink }),
    directory: {
      resolve: async (symbol) => {
        await pause();
        return base.resolve(symbol);
      },
      search: async (prefix, limit) => {
        if (prefix === 'boom') throw new Error('directory down');
        return base.search(prefix, limit);
      },
      byId: (id) => base.byId(id),
    },
  });
  const rest = new REST({ api: world.recorder.apiBase, version: '10' }).setToken(world.discord.botToken);
  await deployCommands({ rest, applicationId: world.discord.botUserId, guildId: world.ids.guild });
  await platform.start();
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  await store?.close();
  await world?.close();
});

const channelDest = (id: string): Destination => ({
  platform: 'discord',
  kind: 'channel',
  id,
  parentId: world.ids.guild,
});
const str = (name: string, value: string) => ({ name, type: 3, value });
const chan = (value: string) => ({ name: 'channel', type: 7, value });

async function run(userId: string, name: string, options: unknown[], channelId = world.ids.general) {
  const { id } = await world.discord
    .channel(channelId)
    .user(userId)
    .runSlashCommand({
      name,
      options: options as never,
    });
  return world.replyOf(id);
}
const channelSubs = () => store.subscriptions.listByParent('discord', world.ids.guild);

describe('discord against the digital twin', () => {
  it('a member subscribes their DMs; the reply is ephemeral and pings nobody', async () => {
    const reply = await run(world.ids.member, 'subscribe', [str('symbol', 'SOL')]);
    expect(reply).toContain('SOL');
    const subs = await store.subscriptions.list({ platform: 'discord', kind: 'dm', id: world.ids.member });
    expect(subs.map((s) => s.symbol)).toEqual(['SOL']);
    const ack = world.recorder.calls.find((c) => c.method === 'POST' && c.path.includes('/callback'));
    expect(ack?.body).toMatchObject({ type: 5, data: { flags: 64 } });
  });

  it('a member WITHOUT Manage Channels is refused /channel subscribe even though the client sent it', async () => {
    const reply = await run(world.ids.member, 'channel', [
      { name: 'subscribe', type: 1, options: [str('symbol', 'SOL')] },
    ]);
    expect(reply).toMatch(/moderators/i);
    expect(await channelSubs()).toEqual([]);
  });

  it('a channel of another guild is refused, and so is a voice channel', async () => {
    const foreign = await run(world.ids.moderator, 'channel', [
      { name: 'subscribe', type: 1, options: [str('symbol', 'SOL'), chan(world.ids.foreign)] },
    ]);
    expect(foreign).toMatch(/another server|not in this server/i);
    const voice = await run(world.ids.moderator, 'channel', [
      { name: 'subscribe', type: 1, options: [str('symbol', 'SOL'), chan(world.ids.voice)] },
    ]);
    expect(voice).toMatch(/text or announcement/i);
    // Issued from the voice channel's text chat, with no channel option: "this channel" is checked too.
    const here = await run(
      world.ids.moderator,
      'channel',
      [{ name: 'subscribe', type: 1, options: [str('symbol', 'SOL')] }],
      world.ids.voice,
    );
    expect(here).toMatch(/text or announcement/i);
    expect(await channelSubs()).toEqual([]);
  });

  it('a moderator wires another channel of the same guild', async () => {
    const reply = await run(world.ids.moderator, 'channel', [
      { name: 'subscribe', type: 1, options: [str('symbol', 'BTC'), chan(world.ids.alerts)] },
    ]);
    expect(reply).toContain('BTC');
    expect((await channelSubs()).map((s) => [s.destination.id, s.symbol])).toEqual([
      [world.ids.alerts, 'BTC'],
    ]);
    await store.subscriptions.unsubscribe(channelDest(world.ids.alerts), 3375);
  });

  it('bad input: unknown symbol, absurd threshold, markdown and @everyone in arguments', async () => {
    const unknown = await run(world.ids.member, 'subscribe', [str('symbol', 'NOPE')]);
    expect(unknown).toMatch(/NOPE/);
    const absurd = await run(world.ids.member, 'settings', [str('key', 'proximity'), str('value', '9999')]);
    expect(absurd).toMatch(/between 0.1 and 20/);
    // An earlier command recorded the client language (issue 22); the refused value changed nothing.
    expect((await store.settings.get(`discord:dm:${world.ids.member}`))?.proximityPct).toBeUndefined();
    const before = world.recorder.calls.length;
    const evil = await run(world.ids.member, 'subscribe', [str('symbol', '@everyone **x**')]);
    expect(evil).not.toContain('@everyone');
    const edits = world.recorder.calls
      .slice(before)
      .filter((c) => c.method === 'PATCH' && c.path.includes('/webhooks/'));
    expect(edits.length).toBeGreaterThan(0);
    for (const e of edits) expect(e.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('symbol autocomplete answers from the directory', async () => {
    const before = world.recorder.calls.length;
    await world.discord.simulateInteraction({
      type: 4,
      channelId: world.ids.general,
      userId: world.ids.member,
      data: {
        id: '1',
        name: 'subscribe',
        type: 1,
        options: [{ name: 'symbol', type: 3, value: 'so', focused: true }],
      },
    });
    const until = Date.now() + 5000;
    let answered: { body: unknown } | undefined;
    while (!answered && Date.now() < until) {
      answered = world.recorder.calls.slice(before).find((c) => c.path.includes('/callback'));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(answered?.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'SOL · Solana', value: 'SOL' },
          { name: 'SOLO · Sologenic', value: 'SOLO' },
        ],
      },
    });
  });

  it('alert buttons in a channel need a moderator', async () => {
    const receipt = await platform.sender.send(digest([breakout(1)], channelDest(world.ids.general)), 'btn');
    const messageId = receipt.messageIds[0] ?? '';
    const { id } = await world.discord
      .channel(world.ids.general)
      .user(world.ids.member)
      .clickButton({ messageId, customId: 'unsub:1001' });
    // The twin attaches a component interaction's @original to the clicked message, so read the
    // reply from the recorded edit instead.
    const until = Date.now() + 5000;
    let edit: { body: unknown } | undefined;
    while (!edit && Date.now() < until) {
      edit = world.recorder.calls.find((c) => c.method === 'PATCH' && c.path.includes(`token-${id}/`));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(edit?.body).toMatchObject({
      content: expect.stringMatching(/moderators/i),
      allowed_mentions: { parse: [] },
    });
    expect(await store.subscriptions.list(channelDest(world.ids.general))).toEqual([]);
  });

  it('50013 on a channel: permanent error, and the moderators are told in another channel once', async () => {
    world.recorder.failNext('POST', new RegExp(`^/channels/${world.ids.alerts}/messages$`), 403, {
      message: 'Missing Permissions',
      code: 50013,
    });
    const err = await platform.sender
      .send(digest([breakout(2)], channelDest(world.ids.alerts)), 'perm')
      .catch((e) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ kind: 'permanent', details: { reason: 'missing_permissions' } });

    await platform.reportDeactivation?.(channelDest(world.ids.alerts), 'missing_permissions');
    await platform.reportDeactivation?.(channelDest(world.ids.alerts), 'missing_permissions');
    const notices = (await world.discord.channel(world.ids.general).getMessages()).filter((m) =>
      m.content.includes('stopped posting alerts'),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.content).toContain(`<#${world.ids.alerts}>`);
    expect(notices[0]?.content).toContain('Send Messages');
    // The channel's own language when it has one (issue 22), whatever the server's guild_locale.
    await platform.reportDeactivation?.(channelDest(world.ids.alerts), 'not_found', 'es');
    const spanish = (await world.discord.channel(world.ids.general).getMessages()).filter((m) =>
      m.content.includes('dejó de publicar alertas'),
    );
    expect(spanish).toHaveLength(1);
    expect(spanish[0]?.content).toContain('el canal ya no existe');
    expect(spanish[0]?.content).toContain(`<#${world.ids.alerts}>`);
  });

  it('a slow directory: the interaction is acknowledged at once and answered later', async () => {
    directoryDelayMs = 4_000;
    try {
      const started = Date.now();
      const { id } = await world.discord
        .channel(world.ids.general)
        .user(world.ids.member)
        .runSlashCommand({ name: 'subscribe', options: [str('symbol', 'BTC')] as never });
      const ack = await world.discord
        .channel(world.ids.general)
        .waitForInteractionAck({ interactionId: id, timeout: 3000 });
      expect(ack.type).toBe(5);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await world.replyOf(id, 15_000)).toContain('BTC');
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    } finally {
      directoryDelayMs = 0;
    }
  }, 30_000);

  it('a failing directory during autocomplete answers with no choices and the bot keeps working', async () => {
    const before = world.recorder.calls.length;
    await world.discord.simulateInteraction({
      type: 4,
      channelId: world.ids.general,
      userId: world.ids.member,
      data: {
        id: '1',
        name: 'subscribe',
        type: 1,
        options: [{ name: 'symbol', type: 3, value: 'boom', focused: true }],
      },
    });
    const until = Date.now() + 5000;
    let answered: { body: unknown } | undefined;
    while (!answered && Date.now() < until) {
      answered = world.recorder.calls.slice(before).find((c) => c.path.includes('/callback'));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(answered?.body).toEqual({ type: 8, data: { choices: [] } });
    expect(await run(world.ids.member, 'help', [])).toMatch(/subscribe/);
  });

  it('logs the invite URL and never the bot token', () => {
    const all = logLines.join('');
    expect(all).toContain('oauth2/authorize');
    expect(all).toContain('permissions=52224');
    expect(all).toContain('discord send failed'); // the 50013 above was logged...
    expect(all).not.toContain(world.discord.botToken); // ...without the token
  });
});
