import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookPayloadSchema } from '#src/delivery/webhooks/payload-schema.js';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { type OwnRedis, startOwnRedis } from '../delivery/helpers.js';
import { startTwin, type TwinWorld } from '../discord/twin-setup.js';
import { startTelegramFake, type TelegramFake, type UploadedFile } from '../fakes/telegram-fake.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver.js';
import { deployToTwin, localBotEnv } from '../support/bot-env.js';
import { type Child, startChild } from '../support/child.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * Issue 21's delivery half through the assembled bot: `tsx src/main.ts` in a child process with default
 * settings, Telegram (our Bot API fake, which checks sendDocument's multipart against the Bot API spec),
 * Discord (discord-digital-twin behind the recorder, which refuses malformed uploads), Token Metrics (the
 * replay scenario) and a local webhook receiver that verifies every signature with the standardwebhooks
 * reference verifier. WEBHOOK_ALLOW_HOSTS names the receiver (it is on loopback); nothing else is allowed.
 * Run twice: the embedded default (SQLite store and outbox), and REDIS_URL on a throw-away redis-server
 * (Redis store, BullMQ outbox with its own webhook queue).
 */
const SOL = 3988;
const USER = 4343;
/** The SSRF attempts come from another user: the command rate limit (10 a minute) is per user. */
const PROBER = 4344;
const TM_KEY = 'tm-webhooks-export-key-0123456789';

let world: TwinWorld;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let rx: WebhookReceiver;
/** Stands in for a service inside the operator's network: not allowed, must never be called. */
let inside: WebhookReceiver;
let dataDir: string;
let bot: Child;
let redis: OwnRedis | undefined;

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the bot's log:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The peers and the bot; `redis`: the Redis store and the BullMQ outbox on a throw-away redis-server. */
async function start(kind: 'sqlite' | 'redis'): Promise<void> {
  world = await startTwin();
  tg = await startTelegramFake();
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  rx = await startWebhookReceiver();
  inside = await startWebhookReceiver();
  redis = kind === 'redis' ? await startOwnRedis() : undefined;
  dataDir = mkdtempSync(join(tmpdir(), 'tw-webhooks-e2e-'));
  // The operator's step before the first start: `npm run deploy-commands` (guild-scoped here).
  await deployToTwin(world);
  bot = startChild('src/main.ts', {
    ...(await localBotEnv({ world, tg, tm, tmKey: TM_KEY, dataDir })),
    WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${rx.port}`,
    ...(redis ? { REDIS_URL: redis.url } : {}),
  });
  await bot.waitFor('tokenwatch started', 60_000);
}

async function stop(): Promise<void> {
  const code = await bot?.stop();
  await world?.close();
  await tg?.close();
  await tm?.close();
  await rx?.close();
  await inside?.close();
  await redis?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code, bot?.output()).toBe(0);
}

/** Sends a Telegram command and returns the text of the bot's next message to the user. */
async function tgSay(line: string, user = USER): Promise<string> {
  const before = tg.sent(user).length;
  tg.pushUpdate(commandUpdate(line, user));
  await until(() => tg.sent(user).length > before, 30_000, `the reply to ${line}`);
  return stripTags(String(tg.sent(user)[before]?.text));
}

async function slash(userId: string, channelId: string, name: string, options: unknown[]): Promise<string> {
  const { id } = await world.discord
    .channel(channelId)
    .user(userId)
    .runSlashCommand({ name, options: options as never });
  return await world.replyOf(id, 30_000);
}

// Discord's markdown escapes the underscore (`whsec\_…`); the rendered message shows it plain.
const secretIn = (text: string) => /whsec\\?_[A-Za-z0-9+/=]+/.exec(text)?.[0]?.replace(/\\/g, '');
const idIn = (text: string) => /wh[0-9a-z]{8}/.exec(text)?.[0];
const solPolls = (from: number) =>
  tm.calls
    .slice(from)
    .filter(
      (c) => c.endpoint === '/price' && c.status === 200 && c.query.token_id?.split(',').includes(`${SOL}`),
    ).length;
const alertsAt = (path: string) =>
  rx.received.filter((r) => r.path === path && JSON.parse(r.body).type === 'tokenwatch.alert');

describe.each(['sqlite', 'redis'] as const)(
  'signed webhooks and /export through npm start (%s store)',
  (kind) => {
    beforeAll(() => start(kind), 120_000);
    afterAll(stop, 60_000);
    let tgHook = '';
    it('refuses SSRF attempts through the command, with no request made', async () => {
      for (const [url, why] of [
        ['https://127.0.0.1/x', /loopback/],
        ['https://10.0.0.1/x', /private/],
        ['https://[::ffff:127.0.0.1]/x', /loopback/],
        ['https://169.254.169.254/latest', /linkLocal/],
        ['https://localhost/x', /non-public address \(loopback\)/], // a name resolving inside
        [`http://127.0.0.1:${rx.port + 1}/x`, /must start with https/], // allowed host, other port
      ] as const) {
        const reply = await tgSay(`/webhook add ${url}`, PROBER);
        expect(reply, url).toMatch(why);
        expect(reply).toMatch(/Nothing was added/);
      }
      expect(rx.received).toEqual([]);
      expect(await tgSay('/webhooks', PROBER)).toMatch(/No webhooks for you yet/);

      // An allowed receiver that redirects inside: the redirect is reported, never followed.
      rx.answer('/moved', { status: 302, headers: { location: `${inside.url}/admin` } });
      const moved = idIn(await tgSay(`/webhook add ${rx.url}/moved`, PROBER)) ?? '';
      const test = await tgSay(`/webhook test ${moved}`, PROBER);
      expect(test).toMatch(/redirect \(302\); webhooks do not follow redirects/);
      expect(rx.received.filter((r) => r.path === '/moved')).toHaveLength(1);
      expect(inside.received).toEqual([]);
    }, 120_000);

    it('an alert reaches each webhook once, signed; 410 removes a webhook and tells its owner', async () => {
      const added = await tgSay(`/webhook add ${rx.url}/tg`);
      tgHook = idIn(added) ?? '';
      rx.secret('/tg', secretIn(added) ?? '');
      expect(added).toMatch(/shown only now/);
      const gone = await tgSay(`/webhook add ${rx.url}/gone`);
      const goneId = idIn(gone) ?? '';
      rx.secret('/gone', secretIn(gone) ?? '');
      rx.answer('/gone', { status: 410 });
      expect(await tgSay('/subscribe SOL')).toContain('SOL');

      // The Discord member: alerts in their DM (the twin's stand-in channel), and a webhook of their own.
      for (let i = 0; i < 3; i++) {
        world.recorder.failNext('POST', /^\/users\/@me\/channels$/, 200, { id: world.ids.dmSink, type: 1 });
      }
      expect(
        await slash(world.ids.member, world.ids.general, 'subscribe', [
          { name: 'symbol', type: 3, value: 'SOL' },
        ]),
      ).toContain('SOL');
      const dcAdded = await slash(world.ids.member, world.ids.general, 'webhook', [
        { name: 'add', type: 1, options: [{ name: 'url', type: 3, value: `${rx.url}/dc` }] },
      ]);
      rx.secret('/dc', secretIn(dcAdded) ?? '');
      expect(idIn(dcAdded)).toBeDefined();

      const from = tm.calls.length;
      await until(() => solPolls(from) >= 2, 20_000, 'two SOL price polls after subscribing');
      tm.setStep(SCENARIO_MARKS.solApproach);

      await until(() => alertsAt('/tg').length > 0, 60_000, 'the alert at the Telegram webhook');
      await until(() => alertsAt('/dc').length > 0, 60_000, 'the alert at the Discord webhook');
      await until(
        () => tg.sent(USER).some((m) => String(m.text).includes(`webhook ${goneId} answered 410 Gone`)),
        60_000,
        'the 410 notice',
      );
      // Room for a duplicate to show up (a repeated tick, a retry): none may.
      await new Promise((r) => setTimeout(r, 3000));
      for (const path of ['/tg', '/dc']) {
        const got = alertsAt(path);
        expect(
          got.every((r) => r.verified),
          path,
        ).toBe(true);
        const ids = got.map((r) => r.headers['webhook-id']);
        expect(new Set(ids).size, path).toBe(ids.length);
        const body = WebhookPayloadSchema.parse(JSON.parse(got[0]?.body ?? '{}'));
        expect(body.id).toBe(ids[0]);
        expect(body.token.symbol).toBe('SOL');
        expect(body.kind).toMatch(/^level_/);
        expect(body.message).toMatch(/^SOL: approaching resistance/);
      }
      expect(alertsAt('/gone').length).toBeGreaterThan(0);
      const list = await tgSay('/webhooks');
      expect(list).toContain(tgHook);
      expect(list).not.toContain(goneId);
      expect(bot.output()).not.toMatch(/whsec_/);
    }, 180_000);

    it('/webhook test sends a signed test event', async () => {
      const before = rx.received.length;
      expect(await tgSay(`/webhook test ${tgHook}`)).toMatch(/receiver answered 200/);
      const test = rx.received.slice(before).find((r) => r.path === '/tg');
      expect(test?.verified).toBe(true);
      expect(JSON.parse(test?.body ?? '{}')).toMatchObject({ type: 'tokenwatch.test' });
    }, 60_000);

    it('/export answers with a CSV document on Telegram and on Discord', async () => {
      const docsBefore = tg.documents(USER).length;
      const reply = await tgSay('/export 7d');
      expect(reply).toMatch(/delivered to you, times in UTC/);
      await until(() => tg.documents(USER).length > docsBefore, 30_000, 'the Telegram document');
      const file = tg.documents(USER).at(-1)?.document as UploadedFile;
      expect(file.filename).toBe('tokenwatch-alerts-7d.csv');
      const rows = file.bytes.toString('utf8').split('\r\n');
      expect(rows[0]).toBe('time_utc,token,kind,price_usd,level_usd,outcome,move_after_pct');
      expect(rows[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,SOL,level_approach,[\d.]+,[\d.]+,/);

      // Discord: the member's DM got the alert too (the log records it once Discord confirmed it).
      await until(
        async () =>
          (await world.discord.channel(world.ids.dmSink).getMessages()).some((m) => m.embeds.length > 0),
        60_000,
        'the Discord DM alert',
      );
      const text = await slash(world.ids.member, world.ids.general, 'export', [
        { name: 'window', type: 3, value: '30d' },
      ]);
      expect(text).toMatch(/delivered to you/);
      const edit = world.recorder.calls.find(
        (c) => c.method === 'PATCH' && c.files?.some((f) => f.name === 'tokenwatch-alerts-30d.csv'),
      );
      expect(edit?.rejected).toBeUndefined();
      const csv =
        edit?.files?.find((f) => f.name === 'tokenwatch-alerts-30d.csv')?.bytes.toString('utf8') ?? '';
      expect(csv).toMatch(/\r\n\d{4}-[^,]+,SOL,level_approach,/);
      expect(world.recorder.calls.filter((c) => c.rejected)).toEqual([]);

      expect(await tgSay('/export 2w')).toMatch(/not one of: 7d, 30d, 90d|7d, 30d or 90d/);
    }, 120_000);
  },
);
