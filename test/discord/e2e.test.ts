import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { parseConfig } from '#src/config/index.js';
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
import { decodePng } from '../support/png.js';
import { startTwin, type TwinWorld } from './twin-setup.js';

/**
 * End to end through the real composition root: createApp builds the Discord platform from config
 * (DISCORD_API_BASE → a recorder in front of discord-digital-twin), a real discord.js client logs in,
 * commands are deployed by the deploy function, a member subscribes their DMs, a moderator wires a
 * channel, the replay scenario produces SOL's breakout, and the channel gets exactly one embed.
 */
let world: TwinWorld;
let app: App;
let store: Store;
let market: ReplaySource;
let dataDir: string;
let clock = Date.now();
const stepAt = (step: number) => market.anchorMs + step * DEFAULT_SCENARIO.stepMs;

beforeAll(async () => {
  world = await startTwin();
  // The twin has no DM route: answer the DM-open in front of it with a guild channel that stands in
  // for the member's DM channel, so DM alerts can be inspected too.
  world.recorder.failNext('POST', /^\/users\/@me\/channels$/, 200, { id: world.ids.dmSink, type: 1 });
  dataDir = mkdtempSync(join(tmpdir(), 'tw-discord-e2e-'));
  const parsed = parseConfig({
    DISCORD_TOKEN: world.discord.botToken,
    DISCORD_APPLICATION_ID: world.discord.botUserId,
    DISCORD_API_BASE: world.recorder.apiBase,
    DATA_DIR: dataDir,
    TICK_CRON: '0 0 1 1 *', // effectively never: the test drives app.tick()
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  market = createReplaySource();
  store = openSqliteStore({ file: ':memory:' });
  app = await createApp(
    { ...parsed.config, outboxKind: 'memory', httpPort: false },
    { market, store, logger: silentLogger(), now: () => clock },
  );
  const rest = new REST({ api: world.recorder.apiBase, version: '10' }).setToken(world.discord.botToken);
  const deployed = await deployCommands({
    rest,
    applicationId: world.discord.botUserId,
    guildId: world.ids.guild,
  });
  expect(deployed.action).toBe('deployed');
  await app.start();
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await world?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function run(userId: string, channelId: string, name: string, options: unknown[]): Promise<string> {
  const { id } = await world.discord
    .channel(channelId)
    .user(userId)
    .runSlashCommand({ name, options: options as never });
  return world.replyOf(id);
}

async function tickStep(step: number): Promise<void> {
  market.setStep(step);
  clock = stepAt(step);
  await app.tick(clock);
  await app.outbox.drain(15_000);
}

const embedsIn = async (channelId: string): Promise<APIEmbed[]> =>
  (await world.discord.channel(channelId).getMessages())
    .filter((m) => m.embeds.length > 0)
    .flatMap((m) => m.embeds);

describe('discord end to end (createApp + discord-digital-twin)', () => {
  it('commands are registered in the guild', async () => {
    const names = await world.discord.prisma.applicationCommand.findMany({
      where: { guildId: world.ids.guild },
    });
    expect(names.map((c) => c.name)).toEqual(
      expect.arrayContaining(['subscribe', 'channel', 'levels', 'help']),
    );
  });

  it('member DMs and a moderator channel; the breakout reaches the channel exactly once', async () => {
    clock = stepAt(0);
    const member = await run(world.ids.member, world.ids.general, 'subscribe', [
      { name: 'symbol', type: 3, value: 'SOL' },
    ]);
    expect(member).toContain('SOL');

    // Baseline, then SOL approaches and touches the resistance cluster (DM alerts only so far).
    for (let s = SCENARIO_MARKS.baseline; s <= SCENARIO_MARKS.solTouch; s++) await tickStep(s);
    const dmEmbeds = await embedsIn(world.ids.dmSink);
    expect(dmEmbeds.map((e) => e.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SOL approaching resistance \$\d+\.\d\d$/)]),
    );

    // Now a moderator wires #alerts (the current channel: no channel option).
    const mod = await run(world.ids.moderator, world.ids.alerts, 'channel', [
      { name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] },
    ]);
    expect(mod).toContain('SOL');

    for (let s = SCENARIO_MARKS.solTouch + 1; s <= SCENARIO_MARKS.solBreakout + 2; s++) await tickStep(s);
    // A repeated tick of the same slot must not post again.
    await tickStep(SCENARIO_MARKS.solBreakout + 2);

    const messages = (await world.discord.channel(world.ids.alerts).getMessages()).filter(
      (m) => m.embeds.length > 0,
    );
    expect(messages).toHaveLength(1);
    const [embed] = messages[0]?.embeds ?? [];
    expect(messages[0]?.embeds).toHaveLength(1);
    // The engine breaks out at solCross (SOL 203 above the 199.6 / 200 / 200.4 cluster).
    expect(embed?.title).toBe('SOL broke above resistance $200.00');
    expect(embed?.color).toBe(0x2ecc71);
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]));
    // The replay is demo data, and every alert on it says so.
    expect(Object.keys(fields)).toEqual(['Price', 'Level', 'Distance', 'Strength', 'Data']);
    expect(fields.Data).toContain('demo data');
    expect(fields).toMatchObject({ Level: '$200.00 (resistance)', Distance: '1.50%' });
    // The price with when and where it was seen (the bundled replay here, not Token Metrics).
    expect(fields.Price).toMatch(/^\$203\.00 \((\w{3} \d{1,2} )?\d\d:\d\d UTC, demo replay\)$/);
    expect(fields.Strength).toMatch(/^\d{1,3}\/100$/);
    expect(embed?.url).toMatch(/^https:\/\/app\.tokenmetrics\.com\/.*solana/);
    // Channel alerts have no buttons; DM alerts do.
    expect(messages[0]?.components ?? []).toEqual([]);
    const dmMessages = (await world.discord.channel(world.ids.dmSink).getMessages()).filter(
      (m) => m.embeds.length > 0,
    );
    expect(JSON.stringify(dmMessages[0]?.components)).toContain('mute:3988:1d');
    // The level alert carries its chart: an uploaded PNG shown as the embed's image (issue 11).
    expect(embed?.image?.url).toBe('attachment://sol-7d.png');
    const upload = world.recorder.calls.find(
      (c) => c.path === `/channels/${world.ids.alerts}/messages` && (c.files?.length ?? 0) > 0,
    );
    expect(upload?.body).toMatchObject({ attachments: [{ id: 0, filename: 'sol-7d.png' }] });
    const png = upload?.files?.[0];
    expect(png?.name).toBe('sol-7d.png');
    expect(png?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(decodePng(png?.bytes ?? Buffer.alloc(0)).width).toBe(800);

    // Every message the bot posted carried a nonce with enforce_nonce and no mentions.
    const posts = world.recorder.calls.filter(
      (c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path),
    );
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) {
      expect(p.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    }
  }, 90_000);

  it('50013 on the channel and 50007 on the DM: both deactivated, moderators and the member are told', async () => {
    for (let s = SCENARIO_MARKS.solBreakout + 3; s < SCENARIO_MARKS.solGradeChange; s++) await tickStep(s);
    world.recorder.failNext('POST', new RegExp(`^/channels/${world.ids.alerts}/messages$`), 403, {
      message: 'Missing Permissions',
      code: 50013,
    });
    world.recorder.failNext('POST', new RegExp(`^/channels/${world.ids.dmSink}/messages$`), 403, {
      message: 'Cannot send messages to this user',
      code: 50007,
    });
    const dmBefore = (await embedsIn(world.ids.dmSink)).length;
    // Grades are refreshed a few times a day: tick until the change has been fetched and sent.
    for (let s = SCENARIO_MARKS.solGradeChange; s < SCENARIO_MARKS.solGradeChange + 7; s++) await tickStep(s);
    const alerts = { platform: 'discord', kind: 'channel', id: world.ids.alerts } as const;
    const dm = { platform: 'discord', kind: 'dm', id: world.ids.member } as const;
    const status = await store.destinations.status([alerts, dm]);
    expect(status.get(`discord:channel:${world.ids.alerts}`)).toMatchObject({
      active: false,
      reason: 'missing_permissions',
    });
    expect(status.get(`discord:dm:${world.ids.member}`)).toMatchObject({
      active: false,
      reason: 'dms_closed',
    });
    expect(await embedsIn(world.ids.dmSink)).toHaveLength(dmBefore);

    const notices = (await world.discord.channel(world.ids.general).getMessages()).filter((m) =>
      m.content.includes('stopped posting alerts'),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.content).toContain(`<#${world.ids.alerts}>`);

    // The member hears about the closed DMs the next time they use a command.
    const reply = await run(world.ids.member, world.ids.general, 'subscriptions', []);
    expect(reply).toMatch(/direct messages/);
  }, 90_000);
});
