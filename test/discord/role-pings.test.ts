import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
import { destinationKey } from '#src/domain/types.js';
import {
  createReplaySource,
  DEFAULT_SCENARIO,
  type ReplaySource,
  SCENARIO_MARKS,
} from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { deployCommands } from '#src/platforms/discord/deploy.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { startTwin, type TwinWorld } from './twin-setup.js';

/**
 * Discord role pings through createApp and discord-digital-twin (the recorder in front checks
 * `allowed_mentions` against Discord's schema): a moderator wires `ping:@Traders`; SOL's breakout reaches
 * the channel with `<@&Traders>` in its content and `allowed_mentions` = `{parse: [], roles: [Traders]}`;
 * a role the bot cannot ping and `ping:` from a member are refused and change nothing.
 */
let world: TwinWorld;
let app: App;
let store: Store;
let market: ReplaySource;
let dataDir: string;
let clock = Date.now();
let rest: REST;
let traders = '';
let quiet = '';
const stepAt = (step: number) => market.anchorMs + step * DEFAULT_SCENARIO.stepMs;
const MENTION_EVERYONE = 1n << 17n;

beforeAll(async () => {
  world = await startTwin();
  dataDir = mkdtempSync(join(tmpdir(), 'tw-discord-pings-'));
  const parsed = parseConfig({
    DISCORD_TOKEN: world.discord.botToken,
    DISCORD_APPLICATION_ID: world.discord.botUserId,
    DISCORD_API_BASE: world.recorder.apiBase,
    DATA_DIR: dataDir,
    TICK_CRON: '0 0 1 1 *',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  market = createReplaySource();
  store = openSqliteStore({ file: ':memory:' });
  await store.settings.update(`discord:channel:${world.ids.alerts}`, { charts: false });
  app = await createApp(
    { ...parsed.config, outboxKind: 'memory', httpPort: false },
    { market, store, logger: silentLogger(), now: () => clock },
  );
  rest = new REST({ api: world.recorder.apiBase, version: '10' }).setToken(world.discord.botToken);
  await deployCommands({ rest, applicationId: world.discord.botUserId, guildId: world.ids.guild });
  await app.start();
  const role = async (name: string, mentionable: boolean) =>
    ((await rest.post(`/guilds/${world.ids.guild}/roles`, { body: { name, mentionable } })) as { id: string })
      .id;
  traders = await role('Traders *vip*', true);
  quiet = await role('Lurkers', false);
  // The bot loses Mention Everyone (the twin's @everyone role has it): only mentionable roles can be pinged.
  const everyone = BigInt('1071698660929') & ~MENTION_EVERYONE;
  await rest.patch(`/guilds/${world.ids.guild}/roles/${world.ids.guild}`, {
    body: { permissions: everyone.toString() },
  });
  await new Promise((r) => setTimeout(r, 300)); // the gateway's role events reach the client's cache
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await world?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function run(userId: string, name: string, options: unknown[]): Promise<string> {
  const { id } = await world.discord
    .channel(world.ids.alerts)
    .user(userId)
    .runSlashCommand({ name, options: options as never });
  return world.replyOf(id);
}

const subscribe = (userId: string, symbol: string, role: string) =>
  run(userId, 'channel', [
    {
      name: 'subscribe',
      type: 1,
      options: [
        { name: 'symbol', type: 3, value: symbol },
        { name: 'ping', type: 8, value: role },
      ],
    },
  ]);

const scope = () =>
  destinationKey({ platform: 'discord', kind: 'channel', id: '' }).replace(/:$/, `:${world.ids.alerts}`);

describe('discord role pings', () => {
  it('the slash command declares ping as a role option', async () => {
    const cmd = await world.discord.prisma.applicationCommand.findFirst({
      where: { guildId: world.ids.guild, name: 'channel' },
    });
    const options = JSON.parse(String(cmd?.options)) as Array<{
      name: string;
      options?: Array<{ name: string; type: number }>;
    }>;
    const sub = options.find((o) => o.name === 'subscribe');
    expect(sub?.options?.find((o) => o.name === 'ping')?.type).toBe(8);
  });

  it('refuses a role the bot cannot ping, and ping: from a member; nothing changes', async () => {
    const refused = await subscribe(world.ids.moderator, 'SOL', quiet);
    expect(refused).toMatch(/can't ping that role/);
    expect(refused).toMatch(/not mentionable/);
    expect(refused).toMatch(/Nothing was changed/);
    const member = await subscribe(world.ids.member, 'SOL', traders);
    expect(member).toMatch(/Moderators only|Manage Channels/);
    expect(
      await store.subscriptions.list({
        platform: 'discord',
        kind: 'channel',
        id: world.ids.alerts,
        parentId: world.ids.guild,
      }),
    ).toEqual([]);
    expect((await store.settings.get(scope()))?.pingRoles).toBeUndefined();
  });

  it("a breakout pings the subscription's role once, with allowed_mentions naming that role alone", async () => {
    clock = stepAt(0);
    const ok = await subscribe(world.ids.moderator, 'SOL', traders);
    expect(ok).toMatch(/Subscribed this channel to SOL/);
    expect(ok).toMatch(/Pings @Traders \\\*vip\\\* on breakout, flip/);
    for (let step = 0; step <= SCENARIO_MARKS.solBreakout; step++) {
      market.setStep(step);
      clock = stepAt(step);
      await app.tick(clock);
    }
    await app.outbox.drain(20_000);
    const posts = world.recorder.calls.filter(
      (c) => c.method === 'POST' && c.path === `/channels/${world.ids.alerts}/messages`,
    );
    expect(posts.every((p) => p.rejected === undefined)).toBe(true);
    const pinged = posts.filter((p) =>
      String((p.body as { content?: string }).content).includes(`<@&${traders}>`),
    );
    expect(pinged).toHaveLength(1);
    const body = pinged[0]?.body as {
      content: string;
      allowed_mentions: unknown;
      embeds: Array<{ title: string }>;
    };
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [traders] });
    expect(body.embeds.map((e) => e.title).join(' ')).toMatch(/SOL broke/i);
    // The approach and touch before it did not ping (default pingon: breakout, flip).
    const others = posts.filter((p) => p !== pinged[0]);
    expect(others.length).toBeGreaterThan(0);
    for (const p of others) expect(p.body).toMatchObject({ allowed_mentions: { parse: [] } });
    for (const p of others)
      expect((p.body as { allowed_mentions: { roles?: unknown } }).allowed_mentions.roles).toBeUndefined();
  }, 90_000);

  it('pingon validates its value and changes nothing on bad input', async () => {
    const bad = await run(world.ids.moderator, 'channel', [
      {
        name: 'settings',
        type: 1,
        options: [
          { name: 'key', type: 3, value: 'pingon' },
          { name: 'value', type: 3, value: 'moon' },
        ],
      },
    ]);
    expect(bad).toMatch(/not an alert kind to ping on/);
    const good = await run(world.ids.moderator, 'channel', [
      {
        name: 'settings',
        type: 1,
        options: [
          { name: 'key', type: 3, value: 'pingon' },
          { name: 'value', type: 3, value: 'all' },
        ],
      },
    ]);
    expect(good).toMatch(/pingon/);
    expect((await store.settings.get(scope()))?.pingOn).toEqual([
      'breakout',
      'flip',
      'touch',
      'approach',
      'hourly',
      'risk',
      'grade',
    ]);
  });
});
