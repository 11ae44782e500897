import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { startTwin, type TwinWorld } from '../discord/twin-setup.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { deployToTwin, localBotEnv } from '../support/bot-env.js';
import { type Child, startChild } from '../support/child.js';

/**
 * Issue 20 through the assembled bot: `tsx src/main.ts` in a child process (as `npm start`), default
 * settings, against our Bot API fake (every sendMessage/sendPhoto field checked against the Bot API
 * spec; forum topics that can be deleted), discord-digital-twin behind the recorder (allowed_mentions
 * checked against Discord's schema) and the Token Metrics fake (the replay scenario).
 *
 * A forum group: topic A follows SOL, topic B follows ETH; each alert lands in its own topic only. Topic
 * A is deleted: SOL's next alert and its subscription move to General with one notice. A Discord channel
 * follows SOL with `ping:@Traders`: the breakout carries `<@&Traders>` and allowed_mentions naming that
 * role alone. `/watchlist` answers in its topic with the current numbers; a brief set for the next
 * minute arrives once, and a restart at that minute does not post it again. Bad input changes nothing.
 */
const CHAT = -1003000000001;
const ADMIN = 8101;
const MEMBER = 8102;
const A = 31;
const B = 32;
const TM_KEY = 'tm-communities-e2e-key-0123456789';

let world: TwinWorld;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let dataDir: string;
let bot: Child;
let env: Record<string, string>;
let rest: REST;
let traders = '';
let lurkers = '';
let nextMessage = 1;

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the bot's log:\n${bot.output().slice(-6000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A command in forum topic `thread` (undefined: General) of the forum supergroup. */
function command(text: string, userId: number, thread?: number) {
  return {
    message: {
      message_id: 9000 + nextMessage++,
      date: Math.floor(Date.now() / 1000),
      from: { id: userId, is_bot: false, first_name: 'U' },
      chat: { id: CHAT, type: 'supergroup', title: 'Crypto <Club>', is_forum: true },
      ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}),
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.search(/\s|$/) }],
    },
  };
}

/** Everything the bot posted into the group (texts and photo captions), with its topic. */
function posted(): Array<{ thread: unknown; text: string; photo: boolean }> {
  return tg.calls
    .filter(
      (c) =>
        (c.method === 'sendMessage' || c.method === 'sendPhoto') &&
        String(c.payload.chat_id) === String(CHAT),
    )
    .filter((c) => tg.sent(CHAT).includes(c.payload) || tg.photos(CHAT).includes(c.payload))
    .map((c) => ({
      thread: c.payload.message_thread_id,
      text: stripTags(String(c.payload.text ?? c.payload.caption ?? '')),
      photo: c.method === 'sendPhoto',
    }));
}
const inTopic = (thread: number | undefined) => posted().filter((p) => p.thread === thread);

async function ask(text: string, userId: number, thread?: number): Promise<string> {
  const before = posted().length;
  tg.pushUpdate(command(text, userId, thread));
  await until(() => posted().length > before, 30_000, `a reply to ${text}`);
  const reply = posted().slice(before);
  for (const r of reply) expect(r.thread).toBe(thread);
  return reply.map((r) => r.text).join('\n');
}

async function slash(userId: string, name: string, options: unknown[]): Promise<string> {
  const { id } = await world.discord
    .channel(world.ids.alerts)
    .user(userId)
    .runSlashCommand({ name, options: options as never });
  return world.replyOf(id, 30_000);
}

const subscribeWithPing = (userId: string, role: string) =>
  slash(userId, 'channel', [
    {
      name: 'subscribe',
      type: 1,
      options: [
        { name: 'symbol', type: 3, value: 'SOL' },
        { name: 'ping', type: 8, value: role },
      ],
    },
  ]);

function startBot(): Child {
  return startChild('src/main.ts', env);
}

beforeAll(async () => {
  world = await startTwin();
  tg = await startTelegramFake({ token: '5550030:communities-e2e-token' });
  tg.setMember(CHAT, ADMIN, 'administrator');
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'tw-communities-'));
  // The operator's step before the first start: `npm run deploy-commands` (guild-scoped here).
  await deployToTwin(world);
  env = {
    ...(await localBotEnv({ world, tg, tm, tmKey: TM_KEY, dataDir })),
  };
  bot = startBot();
  await bot.waitFor('tokenwatch started', 60_000);
  rest = new REST({ api: world.recorder.apiBase, version: '10' }).setToken(world.discord.botToken);
  const role = async (name: string, mentionable: boolean) =>
    ((await rest.post(`/guilds/${world.ids.guild}/roles`, { body: { name, mentionable } })) as { id: string })
      .id;
  traders = await role('Traders', true);
  lurkers = await role('Lurkers', false);
  // The twin's @everyone role grants Mention Everyone; take it away, so only mentionable roles can be pinged.
  await rest.patch(`/guilds/${world.ids.guild}/roles/${world.ids.guild}`, {
    body: { permissions: (BigInt('1071698660929') & ~(1n << 17n)).toString() },
  });
}, 150_000);

afterAll(async () => {
  const code = await bot?.stop();
  await world?.close();
  await tg?.close();
  await tm?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code, bot?.output().slice(-4000)).toBe(0);
}, 60_000);

describe('communities end to end (npm start, local peers)', () => {
  it('bad input gets a clear answer and changes nothing', async () => {
    expect(await ask('/brief 25:00', ADMIN, B)).toContain(
      '"25:00" is not a time of day. Use HH:MM from 00:00 to 23:59',
    );
    expect(await ask('/brief 08:00 Mars/Olympus', ADMIN, B)).toContain('Unknown time zone "Mars/Olympus"');
    expect(await ask('/brief', MEMBER, B)).toContain('No daily brief for this topic.');
    expect(await ask('/brief 08:00 UTC', MEMBER, B)).toContain('Only group admins');
    expect(await ask('/brief', ADMIN, B)).toContain('No daily brief for this topic.');
    const cannot = await subscribeWithPing(world.ids.moderator, lurkers);
    expect(cannot).toMatch(/can't ping that role: @Lurkers is not mentionable/);
    expect(cannot).toContain('Nothing was changed.');
    expect(await subscribeWithPing(world.ids.member, traders)).toMatch(/Moderators only|Manage Channels/);
    const list = await slash(world.ids.moderator, 'channel', [{ name: 'list', type: 1 }]);
    expect(list).toContain('No channel in this server gets alerts yet.');
  }, 120_000);

  it('each topic gets its own token; a Discord role is pinged on the breakout; a deleted topic moves to General once', async () => {
    expect(await ask('/subscribe SOL', ADMIN, A)).toContain('Subscribed this topic to SOL');
    expect(await ask('/subscribe ETH', ADMIN, B)).toContain('Subscribed this topic to ETH');
    const ok = await subscribeWithPing(world.ids.moderator, traders);
    expect(ok).toContain('Subscribed this channel to SOL');
    expect(ok).toContain('Pings @Traders on breakout, flip');

    const polls = () => tm.calls.filter((c) => c.endpoint === '/price' && c.status === 200).length;
    const from = polls();
    await until(() => polls() >= from + 2, 30_000, 'two price polls at the baseline');
    const alertsA = inTopic(A).length;
    tm.setStep(SCENARIO_MARKS.solApproach);
    await until(() => inTopic(A).length > alertsA, 60_000, 'the SOL alert in topic A');
    expect(
      inTopic(A)
        .slice(alertsA)
        .map((p) => p.text)
        .join('\n'),
    ).toMatch(/SOL approaching resistance/);

    tg.setTopicRule(CHAT, A, 'deleted');
    const general0 = inTopic(undefined).length;
    tm.setStep(SCENARIO_MARKS.solBreakout);
    await until(
      () =>
        inTopic(undefined)
          .slice(general0)
          .some((p) => /SOL/.test(p.text) && /broke|breakout/i.test(p.text)),
      60_000,
      'the SOL breakout moved to General',
    );
    await until(
      () =>
        inTopic(undefined)
          .slice(general0)
          .some((p) => /deleted or closed/.test(p.text)),
      30_000,
      'the topic-gone notice in General',
    );
    // The Discord channel's breakout pings Traders, and allows that role alone.
    const pinged = () =>
      world.recorder.calls.filter(
        (c) =>
          c.method === 'POST' &&
          c.path === `/channels/${world.ids.alerts}/messages` &&
          String((c.body as { content?: string } | undefined)?.content).includes(`<@&${traders}>`),
      );
    await until(() => pinged().length > 0, 60_000, 'the pinged breakout on Discord');
    expect(pinged()).toHaveLength(1);
    expect(pinged()[0]?.rejected).toBeUndefined();
    expect((pinged()[0]?.body as { allowed_mentions?: unknown } | undefined)?.allowed_mentions).toEqual({
      parse: [],
      roles: [traders],
    });

    const alertsB = inTopic(B).length;
    tm.setStep(SCENARIO_MARKS.ethApproach);
    await until(() => inTopic(B).length > alertsB, 60_000, 'the ETH alert in topic B');
    const inB = inTopic(B)
      .slice(alertsB)
      .map((p) => p.text)
      .join('\n');
    expect(inB).toMatch(/ETH approaching support/);
    expect(inB).not.toMatch(/SOL/);
    expect(
      inTopic(A)
        .slice(alertsA)
        .map((p) => p.text)
        .join('\n'),
    ).not.toMatch(/ETH/);
    await new Promise((r) => setTimeout(r, 3000));
    expect(inTopic(undefined).filter((p) => /deleted or closed/.test(p.text))).toHaveLength(1);
    // SOL now belongs to General: /subscriptions there lists it.
    expect(await ask('/subscriptions', ADMIN)).toContain('SOL');
  }, 300_000);

  it('/watchlist and a brief set a minute ahead arrive once with the numbers; a restart does not repeat it', async () => {
    const list = await ask('/watchlist', MEMBER, B);
    expect(list).toContain('Watchlist of this topic (1 token)');
    // ETH at the ethApproach step is $3,050 (src/market/replay/scenario.ts).
    expect(list).toMatch(/ETH\s+\$3,050\.00\s+Token Metrics|ETH\s+\$3,050\.00\s+TM \d+[smh]/);
    expect(inTopic(B).at(-1)?.photo).toBe(true);

    // Discord: /watchlist answers with the channel's list as an embed.
    const { id: wl } = await world.discord
      .channel(world.ids.alerts)
      .user(world.ids.member)
      .runSlashCommand({ name: 'watchlist' });
    await world.replyOf(wl, 30_000);
    const edit = world.recorder.calls
      .filter((c) => c.method === 'PATCH' && /messages\/@original$/.test(c.path))
      .at(-1);
    const embed = (edit?.body as { embeds?: Array<{ title?: string; description?: string }> } | undefined)
      ?.embeds?.[0];
    expect(embed?.title).toContain('Watchlist of this channel (1 token)');
    expect(embed?.description).toMatch(/SOL\s+\$\d+\.\d\d/);

    // At least 20 s ahead: both briefs are set before the runner passes that minute (at :05).
    const next = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const hhmm = next.toISOString().slice(11, 16);
    expect(await ask(`/brief ${hhmm} UTC`, ADMIN, B)).toContain(
      `Daily brief for this topic: every day at ${hhmm} UTC.`,
    );
    const channelBrief = await slash(world.ids.moderator, 'channel', [
      {
        name: 'brief',
        type: 1,
        options: [
          { name: 'time', type: 3, value: hhmm },
          { name: 'zone', type: 3, value: 'UTC' },
        ],
      },
    ]);
    expect(channelBrief).toContain(`Daily brief for this channel: every day at ${hhmm} UTC.`);
    const isBrief = (p: { text: string }) => p.text.includes('Daily brief · ');
    await until(() => inTopic(B).some(isBrief), 150_000, 'the daily brief in topic B');
    const brief = inTopic(B).filter(isBrief);
    expect(brief).toHaveLength(1);
    expect(brief[0]?.text).toContain(`${next.toISOString().slice(0, 10)} ${hhmm} UTC`);
    expect(brief[0]?.text).toMatch(/ETH\s+\$3,050\.00/);
    // The Discord channel's brief: an embed with the table and the card uploaded beside it.
    const briefPosts = () =>
      world.recorder.calls.filter(
        (c) =>
          c.method === 'POST' &&
          c.path === `/channels/${world.ids.alerts}/messages` &&
          JSON.stringify(c.body ?? '').includes('Daily brief'),
      );
    await until(() => briefPosts().length > 0, 60_000, 'the daily brief on Discord');
    const post = briefPosts()[0];
    expect(post?.rejected).toBeUndefined();
    expect(post?.files?.map((f) => f.name)).toEqual(['watchlist.png']);
    expect(post?.body).toMatchObject({
      attachments: [{ id: 0, filename: 'watchlist.png' }],
      allowed_mentions: { parse: [] },
    });

    // Restart at the brief minute; wait past the next run of the brief runner.
    expect(await bot.stop()).toBe(0);
    bot = startBot();
    await bot.waitFor('tokenwatch started', 60_000);
    const nextRun = Math.ceil(Date.now() / 60_000) * 60_000 + 12_000;
    await until(() => Date.now() > nextRun, 90_000, 'the next brief run');
    expect(inTopic(B).filter(isBrief)).toHaveLength(1);
    expect(inTopic(undefined).filter(isBrief)).toHaveLength(0);
    expect(briefPosts()).toHaveLength(1);
  }, 300_000);
});
