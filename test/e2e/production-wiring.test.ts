import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import type { TwinWorld } from '../discord/twin-setup.js';
import type { TelegramFake, UploadedFile } from '../fakes/telegram-fake.js';
import type { FakeTokenMetrics } from '../fakes/tm-server.js';
import { type AssembledBot, startAssembledBot } from '../support/bot-env.js';
import type { Child } from '../support/child.js';
import { decodePng } from '../support/png.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * The assembled bot as `npm start` runs it: `tsx src/main.ts` in a child process, configured by the
 * environment alone, with default settings (charts on, PRICE_FEED auto). Its peers are local: Token
 * Metrics (our fake, the replay scenario), Telegram (our Bot API fake, which checks sendPhoto's
 * multipart against the Bot API spec) and Discord (discord-digital-twin behind our recorder, which
 * checks every multipart upload against Discord's rules and refuses malformed ones). Exchange streams
 * point at a closed loopback port, so prices come from Token Metrics polls.
 *
 * Loading discord.js and undici the way src/main.ts does once broke every Discord upload inside the
 * process (two undici versions sharing Node's global dispatcher); in-process tests load modules in
 * another order and never saw it. This test only passes when an alert's PNG and /chart's PNG reach both
 * platforms from the real entry point.
 */
const SOL = 3988;
const USER = 4242;
const TM_KEY = 'tm-production-wiring-key-0123456789';

let world: TwinWorld;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let bot: Child;

const png = (bytes: Buffer | undefined) => decodePng(bytes ?? Buffer.alloc(0));

let app: AssembledBot;
const until = (cond: () => boolean | Promise<boolean>, ms: number, what: string) => app.until(cond, ms, what);

beforeAll(async () => {
  // The operator's step before the first start, `npm run deploy-commands`, is part of it (guild-scoped).
  app = await startAssembledBot('production-wiring', TM_KEY);
  ({ world, tg, tm, bot } = app);
}, 120_000);

afterAll(async () => {
  const code = await app?.close();
  expect(code, bot?.output()).toBe(0);
}, 60_000);

const slash = (userId: string, channelId: string, name: string, options: unknown[]) =>
  app.slash(userId, channelId, name, options);

/** SOL price polls answered since call index `from`. */
const solPolls = (from: number) =>
  tm.calls
    .slice(from)
    .filter(
      (c) => c.endpoint === '/price' && c.status === 200 && c.query.token_id?.split(',').includes(`${SOL}`),
    ).length;

describe('npm start with charts on: PNGs reach Discord and Telegram', () => {
  it('a level alert with its chart reaches a Discord channel and a Telegram chat', async () => {
    tg.pushUpdate(commandUpdate('/subscribe SOL', USER));
    await until(() => tg.sent(USER).length > 0, 30_000, 'the /subscribe reply on Telegram');
    expect(stripTags(String(tg.sent(USER)[0]?.text))).toContain('SOL');
    const sub = await slash(world.ids.moderator, world.ids.alerts, 'channel', [
      { name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] },
    ]);
    expect(await world.replyOf(sub, 30_000)).toContain('SOL');

    // Two SOL polls at the baseline step (first sight: no alert), then SOL nears the resistance cluster.
    const from = tm.calls.length;
    await until(() => solPolls(from) >= 2, 20_000, 'two SOL price polls after subscribing');
    tm.setStep(SCENARIO_MARKS.solApproach);

    await until(() => tg.photos(USER).length > 0, 60_000, 'the alert photo on Telegram');
    const [photo] = tg.photos(USER);
    const file = photo?.photo as UploadedFile;
    expect(file.filename).toBe('sol-7d.png');
    expect(png(file.bytes).width).toBe(800);
    expect(photo?.parse_mode).toBe('HTML');
    expect(stripTags(String(photo?.caption))).toMatch(/SOL approaching resistance \$\d+\.\d\d/);

    const posted = () =>
      world.recorder.calls.filter(
        (c) => c.method === 'POST' && c.path === `/channels/${world.ids.alerts}/messages`,
      );
    await until(() => posted().length > 0, 60_000, 'the alert on Discord');
    const [post] = posted();
    expect(post?.rejected).toBeUndefined();
    expect(post?.body).toMatchObject({ attachments: [{ id: 0, filename: 'sol-7d.png' }] });
    expect(post?.files?.map((f) => [f.field, f.name])).toEqual([['files[0]', 'sol-7d.png']]);
    expect(png(post?.files?.[0]?.bytes).width).toBe(800);
    // Discord (the twin) stored it: the embed shows the uploaded chart. The recorder sees the request
    // before the twin has answered it, so wait for the stored message.
    const storedNow = async () =>
      (await world.discord.channel(world.ids.alerts).getMessages()).filter((m) => m.embeds.length > 0);
    await until(async () => (await storedNow()).length > 0, 30_000, 'the alert stored by the twin');
    const stored = await storedNow();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.embeds[0]?.title).toMatch(/^SOL approaching resistance \$\d+\.\d\d$/);
    expect(stored[0]?.embeds[0]?.image?.url).toBe('attachment://sol-7d.png');
    expect(bot.output()).not.toMatch(/send failed/);
  }, 180_000);

  it('/chart SOL answers with a PNG on Telegram and on Discord', async () => {
    const photosBefore = tg.photos(USER).length;
    tg.pushUpdate(commandUpdate('/chart SOL', USER));
    await until(() => tg.photos(USER).length > photosBefore, 30_000, 'the /chart photo');
    const reply = tg.photos(USER).at(-1);
    const file = reply?.photo as UploadedFile;
    expect(file.filename).toMatch(/^sol-7d\.png$/);
    expect(png(file.bytes).width).toBe(800);
    expect(stripTags(String(reply?.caption))).toContain('SOL · 7d');

    const id = await slash(world.ids.member, world.ids.general, 'chart', [
      { name: 'symbol', type: 3, value: 'SOL' },
    ]);
    expect(await world.replyOf(id, 30_000)).toContain('SOL · 7d');
    const edit = world.recorder.calls.find(
      (c) => c.method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(c.path) && c.files,
    );
    expect(edit?.rejected).toBeUndefined();
    expect(edit?.files?.map((f) => f.name)).toEqual(['sol-7d.png']);
    // discord.js declares the upload by its index as a string (a snowflake type), without a filename.
    expect(edit?.body).toMatchObject({ attachments: [{ id: '0' }] });
    expect(png(edit?.files?.[0]?.bytes).width).toBe(800);
    expect(world.recorder.calls.filter((c) => c.rejected)).toEqual([]);
    expect(bot.output()).not.toMatch(/send failed|photo reply failed/);
  }, 120_000);
});
