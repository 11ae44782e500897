import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '#src/delivery/ports.js';
import type { Destination } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { deployCommands } from '#src/platforms/discord/deploy.js';
import { createDiscordSender, createSenderRest, nonceFor } from '#src/platforms/discord/sender.js';
import { type DiscordFake, startDiscordFake } from '../fakes/discord-fake.js';
import { breakout, digest } from './helpers.js';

const execFileAsync = promisify(execFile);
let fake: DiscordFake;
const TOKEN = 'fake-bot-token-1234567890';

beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake.close();
});

/** A fresh sender (own REST bucket state) per test, so one test's 429 does not leak into the next. */
function sender() {
  return createDiscordSender({
    rest: createSenderRest({ token: TOKEN, apiBase: fake.apiBase }),
    logger: silentLogger(),
  });
}
const channel = (id: string): Destination => ({ platform: 'discord', kind: 'channel', id, parentId: '900' });
const dm = (id: string): Destination => ({ platform: 'discord', kind: 'dm', id });
const posts = (channelId: string) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

async function sendError(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  return err as SendError;
}

describe('discord sender against the fake', () => {
  it('posts an embed to a channel with nonce, enforce_nonce and no mentions', async () => {
    fake.addChannel('1001');
    const receipt = await sender().send(digest([breakout(1, { name: '@everyone' })], channel('1001')), 'k-1');
    expect(receipt.messageIds).toHaveLength(1);
    const [req] = posts('1001');
    expect(req?.authorized).toBe(true);
    expect(req?.body).toMatchObject({
      nonce: nonceFor('k-1', 0),
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(nonceFor('k-1', 0).length).toBeLessThanOrEqual(25);
    expect(fake.messages('1001')[0]?.embeds).toHaveLength(1);
  });

  it('a channel without Attach Files still gets the alert, without its chart (not switched off)', async () => {
    fake.addChannel('1077');
    const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
    const withChart = createDiscordSender({
      rest: createSenderRest({ token: TOKEN, apiBase: fake.apiBase }),
      logger: silentLogger(),
      charts: async (m) => ({ png, filename: 'sol-7d.png', alt: 'chart', eventId: m.events[0]?.id ?? '' }),
    });
    // The upload is refused for missing permissions; the same alert without the file is accepted.
    fake.failNext('POST', /^\/channels\/1077\/messages$/, 403, {
      code: 50013,
      message: 'Missing Permissions',
    });
    const receipt = await withChart.send(digest([breakout(1)], channel('1077')), 'k-attach');
    expect(receipt.messageIds).toHaveLength(1);
    const [stored] = fake.messages('1077');
    expect(JSON.stringify(stored?.embeds)).not.toContain('attachment://');
    expect(posts('1077')).toHaveLength(2);
    // A channel that refuses the post itself is still refused (and so deactivated by delivery).
    fake.addChannel('1078');
    fake.denyChannel('1078');
    const err = await sendError(withChart.send(digest([breakout(1)], channel('1078')), 'k-denied'));
    expect(err.details.code).toBe(50013);
  });

  it('opens a DM channel once, then sends into it', async () => {
    const s = sender();
    await s.send(digest([breakout(1)], dm('5001'), 'a'), 'dm-a');
    await s.send(digest([breakout(2)], dm('5001'), 'b'), 'dm-b');
    const opens = fake.requests.filter((r) => r.path === '/users/@me/channels');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.body).toEqual({ recipient_id: '5001' });
    const dmChannel = fake.dmChannelOf('5001') ?? '';
    expect(fake.messages(dmChannel)).toHaveLength(2);
    // DM alerts carry the Mute/Unsubscribe buttons.
    expect(JSON.stringify(fake.messages(dmChannel)[0]?.components)).toContain('mute:1001:1d');
  });

  it('a retried send with the same idempotency key posts once', async () => {
    fake.addChannel('1002');
    const msg = digest([breakout(3)], channel('1002'));
    const first = await sender().send(msg, 'same-key');
    const again = await sender().send(msg, 'same-key');
    expect(again.messageIds).toEqual(first.messageIds);
    expect(posts('1002')).toHaveLength(2);
    expect(fake.messages('1002')).toHaveLength(1);
  });

  it('a split digest interrupted by a 429 resumes without duplicating the parts already posted', async () => {
    fake.addChannel('1003');
    const msg = digest(
      Array.from({ length: 25 }, (_, i) => breakout(i)),
      channel('1003'),
    );
    fake.rateLimitNext('POST', /^\/channels\/1003\/messages$/, 0.2, { skip: 1 });
    const err = await sendError(sender().send(msg, 'split'));
    expect(err.kind).toBe('rate_limited');
    expect(fake.messages('1003')).toHaveLength(1);
    const receipt = await sender().send(msg, 'split');
    expect(receipt.messageIds).toHaveLength(3);
    expect(fake.messages('1003')).toHaveLength(3);
    expect(fake.messages('1003').flatMap((m) => m.embeds)).toHaveLength(25);
  });

  it('429 → rate_limited with retry_after, scope chat or global', async () => {
    fake.addChannel('1004');
    fake.rateLimitNext('POST', /^\/channels\/1004\/messages$/, 1.5);
    const chat = await sendError(sender().send(digest([breakout(1)], channel('1004')), 'rl-1'));
    expect(chat.kind).toBe('rate_limited');
    expect(chat.details.scope).toBe('chat');
    expect(chat.details.retryAfterMs).toBeGreaterThanOrEqual(1500);
    expect(chat.details.retryAfterMs).toBeLessThan(3000);

    fake.addChannel('1005');
    fake.rateLimitNext('POST', /^\/channels\/1005\/messages$/, 2, { global: true });
    const global = await sendError(sender().send(digest([breakout(1)], channel('1005')), 'rl-2'));
    expect(global.kind).toBe('rate_limited');
    expect(global.details.scope).toBe('global');
    expect(global.details.retryAfterMs).toBeGreaterThanOrEqual(2000);
    // The sender did not retry by itself: the delivery layer decides.
    expect(fake.messages('1004')).toHaveLength(0);
    expect(posts('1004')).toHaveLength(1);
  });

  const permanent: ReadonlyArray<{ name: string; setup: () => Destination; reason: string; code: number }> = [
    {
      name: '50007 DMs closed',
      setup: () => {
        fake.closeDms('5002');
        return dm('5002');
      },
      reason: 'dms_closed',
      code: 50007,
    },
    {
      name: '50013 missing permissions',
      setup: () => {
        fake.addChannel('1006');
        fake.denyChannel('1006');
        return channel('1006');
      },
      reason: 'missing_permissions',
      code: 50013,
    },
    { name: '10003 unknown channel', setup: () => channel('1999'), reason: 'not_found', code: 10003 },
  ];
  it.each(permanent)('$name → permanent $reason', async ({ setup, reason, code }) => {
    const err = await sendError(sender().send(digest([breakout(1)], setup()), `perm-${code}`));
    expect(err.kind).toBe('permanent');
    expect(err.details.reason).toBe(reason);
    expect(err.details.code).toBe(code);
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain(TOKEN);
  });

  it('5xx and network errors are retryable; a bad body is invalid', async () => {
    fake.addChannel('1007');
    fake.failNext('POST', /^\/channels\/1007\/messages$/, 502, { message: 'Bad Gateway', code: 0 });
    expect((await sendError(sender().send(digest([breakout(1)], channel('1007')), 'x5'))).kind).toBe(
      'retryable',
    );
    const dead = createDiscordSender({
      rest: createSenderRest({ token: TOKEN, apiBase: 'http://127.0.0.1:9/api', timeoutMs: 2000 }),
      logger: silentLogger(),
    });
    expect((await sendError(dead.send(digest([breakout(1)], channel('1007')), 'net'))).kind).toBe(
      'retryable',
    );
    fake.failNext('POST', /^\/channels\/1007\/messages$/, 400, { message: 'Invalid Form Body', code: 50035 });
    expect((await sendError(sender().send(digest([breakout(1)], channel('1007')), 'inv'))).kind).toBe(
      'invalid',
    );
  });

  it('notices are escaped and never ping', async () => {
    fake.addChannel('1008');
    await sender().sendNotice(
      { id: 'n1', destination: channel('1008'), text: '@everyone **bold**', createdAt: 0 },
      'notice-1',
    );
    const [m] = fake.messages('1008');
    expect(m?.content).toBe('@everyone \\*\\*bold\\*\\*');
    expect(m?.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('deploy-commands', () => {
  it('PUTs when definitions differ and does nothing when they are unchanged', async () => {
    const rest = createSenderRest({ token: TOKEN, apiBase: fake.apiBase });
    const put = () =>
      fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/guilds/77/commands'));
    const first = await deployCommands({ rest, applicationId: '42', guildId: '77' });
    expect(first.action).toBe('deployed');
    expect(put()).toHaveLength(1);
    expect(fake.commands('77').length).toBe(first.count);
    // Localized (issue 22): the unchanged check below only holds because the GET asks for them back.
    const subscribe = fake.commands('77').find((c) => (c as { name?: string }).name === 'subscribe');
    expect(subscribe).toMatchObject({ name_localizations: { 'es-419': 'suscribir', ru: 'подписаться' } });
    const second = await deployCommands({ rest, applicationId: '42', guildId: '77' });
    expect(second.action).toBe('unchanged');
    expect(put()).toHaveLength(1);
    const changed = await deployCommands({
      rest,
      applicationId: '42',
      guildId: '77',
      body: [{ name: 'only', description: 'one', options: [] }],
    });
    expect(changed.action).toBe('deployed');
    expect(put()).toHaveLength(2);
  });
});

describe('npm run deploy-commands (the script)', () => {
  it('deploys once, then reports nothing to do; never prints the token', async () => {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '43',
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_GUILD_ID: '78',
    };
    const script = fileURLToPath(new URL('../../src/platforms/discord/deploy.ts', import.meta.url));
    const run = () => execFileAsync(process.execPath, ['--import', 'tsx', script], { env });
    const first = await run();
    expect(first.stdout).toMatch(/deployed \d+ commands guild 78/);
    const second = await run();
    expect(second.stdout).toMatch(/already up to date/);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(TOKEN);
    const bad = await execFileAsync(process.execPath, ['--import', 'tsx', script], {
      env: { ...env, DISCORD_APPLICATION_ID: 'abc' },
    }).catch((e: { stderr: string; code: number }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect('stderr' in bad ? bad.stderr : '').toContain('DISCORD_APPLICATION_ID');
  }, 60_000);
});
