import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';
import { type GatewayFake, startGatewayFake } from '../fakes/discord-gateway.js';
import { type FakeTokenMetrics, startFakeTokenMetrics } from '../fakes/tm-server.js';
import { type Child, startChild } from '../support/child.js';
import { replicaEnv } from '../support/discord-replicas.js';
import { freePort } from '../support/net.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * DISCORD_INTERACTIONS=http through the assembled bot (`tsx src/main.ts`, embedded SQLite): the test
 * plays Discord, holding a real Ed25519 key pair (generateKeyPairSync) and signing `timestamp + body`
 * as Discord does. A correctly signed PING gets PONG; a wrong, missing or stale signature gets 401;
 * commands, autocomplete and buttons are answered in the HTTP response by the same command layer the
 * gateway uses. No gateway session is opened (the sharded fake is the REST base and would see it).
 */
/** An interaction response as Discord reads it. */
interface Answer {
  type: number;
  data: {
    content?: string;
    flags?: number;
    allowed_mentions?: unknown;
    choices?: Array<{ name: string; value: string }>;
  };
}

const TM_KEY = 'tm-discord-http-key-0123456789';
const SOL = 3988;

let fake: GatewayFake;
let tm: FakeTokenMetrics;
let bot: Child;
let url: string;
let dataDir: string;
let key: KeyObject;
let otherKey: KeyObject;
let publicHex: string;

const now = () => String(Math.floor(Date.now() / 1000));

async function post(
  body: unknown,
  o: {
    signWith?: KeyObject;
    timestamp?: string;
    headers?: Record<string, string>;
    tamper?: boolean;
    /** Another replica's endpoint (default: the SQLite bot's). */
    to?: string;
  } = {},
) {
  const text = JSON.stringify(body);
  const ts = o.timestamp ?? now();
  const signature = sign(null, Buffer.from(ts + text), o.signWith ?? key).toString('hex');
  const res = await fetch(o.to ?? url, {
    method: 'POST',
    headers: o.headers ?? {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': ts,
    },
    body: o.tamper ? text.replace('"type":1', '"type":2') : text,
  });
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    type,
    json: type.includes('json') ? ((await res.json()) as Answer) : undefined,
  };
}

let n = 0;
/** An interaction as Discord sends it (platforms.md C2), registered with the fake for follow-up edits. */
function interaction(
  type: number,
  data: Record<string, unknown>,
  where: 'dm' | 'guild' = 'dm',
  userId = String(9_000_000 + ++n),
) {
  const it = fake.interact({ name: String(data.name ?? 'button'), userId });
  const user = {
    id: userId,
    username: 'alice',
    discriminator: '0',
    global_name: 'Alice',
    avatar: null,
  };
  const guildId = fake.guildsOf(0)[0] ?? '';
  return {
    id: it.id,
    token: it.token,
    application_id: fake.appId,
    type,
    version: 1,
    ...(where === 'guild'
      ? {
          guild_id: guildId,
          channel_id: String(BigInt(guildId) + 1n),
          member: {
            user,
            roles: [],
            permissions: '3072',
            joined_at: '2024-01-01T00:00:00.000000+00:00',
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : { channel_id: String(BigInt(user.id) + 1n), user }),
    data,
    app_permissions: '19456',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
  };
}

beforeAll(async () => {
  const pair = generateKeyPairSync('ed25519');
  key = pair.privateKey;
  otherKey = generateKeyPairSync('ed25519').privateKey;
  // The raw 32-byte public key, hex, as the developer portal shows it: the SPKI DER minus its 12-byte header.
  publicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  fake = await startGatewayFake({ shards: 1 });
  tm = await startFakeTokenMetrics({ apiKey: TM_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'tw-dhttp-'));
  const port = await freePort();
  const { REDIS_URL: _none, ...env } = replicaEnv(fake, {
    tmUrl: tm.url,
    tmKey: TM_KEY,
    redisUrl: '',
    dataDir,
    closedPort: await freePort(),
  });
  bot = startChild('src/main.ts', {
    ...env,
    HTTP_PORT: String(port),
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: publicHex,
  });
  await bot.waitFor('tokenwatch started', 60_000);
  url = `http://127.0.0.1:${port}/discord/interactions`;
}, 90_000);

afterAll(async () => {
  const code = await bot?.stop();
  await fake?.close();
  await tm?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  expect(code, bot?.output()).toBe(0);
}, 60_000);

describe('Discord HTTP interactions (src/main.ts, real Ed25519 keys)', () => {
  it('answers a signed PING with PONG and opens no gateway session', async () => {
    const r = await post({ id: '1', type: 1, token: 't', application_id: fake.appId, version: 1 });
    expect(r).toMatchObject({ status: 200, json: { type: 1 } });
    expect(r.type).toContain('application/json');
    expect(fake.sessions()).toEqual([]);
  });

  it('refuses a wrong, missing, tampered or stale signature with 401', async () => {
    const ping = { id: '1', type: 1, token: 't', application_id: fake.appId, version: 1 };
    expect((await post(ping, { signWith: otherKey })).status).toBe(401);
    expect((await post(ping, { headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await post(ping, { tamper: true })).status).toBe(401);
    expect((await post(ping, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })).status).toBe(401);
    const get = await fetch(url);
    expect(get.status).toBe(405);
  });

  it("answers in the interaction's language (issue 22): locale, else guild_locale", async () => {
    const ru = await post({ ...interaction(2, { id: '20', name: 'help', type: 1 }, 'guild'), locale: 'ru' });
    expect(ru.json?.data.content).toContain(translatorFor('ru')('help-intro'));
    const server = await post({
      ...interaction(2, { id: '21', name: 'help', type: 1 }, 'guild'),
      locale: 'de',
      guild_locale: 'pt-BR',
    });
    expect(server.json?.data.content).toContain(translatorFor('pt-BR')('help-intro'));
    const en = await post(interaction(2, { id: '22', name: 'help', type: 1 }, 'guild'));
    expect(en.json?.data.content).toContain(translatorFor('en')('help-intro'));
  });

  it('runs a slash command through the command layer and answers in the response', async () => {
    const help = await post(interaction(2, { id: '10', name: 'help', type: 1 }, 'guild'));
    expect(help.status).toBe(200);
    expect(help.json?.type).toBe(4);
    expect(help.json?.data.flags).toBe(64);
    expect(help.json?.data.allowed_mentions).toEqual({ parse: [] });
    expect(help.json?.data.content).toContain('/subscribe');

    const sub = await post(
      interaction(2, {
        id: '11',
        name: 'subscribe',
        type: 1,
        options: [{ name: 'symbol', type: 3, value: 'SOL' }],
      }),
    );
    expect(sub.json?.type).toBe(4);
    expect(sub.json?.data.content).toContain('SOL');
  });

  it('autocompletes symbols and runs a button', async () => {
    const auto = await post(
      interaction(4, {
        id: '12',
        name: 'subscribe',
        type: 1,
        options: [{ name: 'symbol', type: 3, value: 'SO', focused: true }],
      }),
    );
    expect(auto.json?.type).toBe(8);
    expect(auto.json?.data.choices?.map((c: { value: string }) => c.value)).toContain('SOL');

    const member = '8100000001';
    const subscribe = {
      id: '14',
      name: 'subscribe',
      type: 1,
      options: [{ name: 'symbol', type: 3, value: 'SOL' }],
    };
    expect((await post(interaction(2, subscribe, 'dm', member))).json?.data.content).toContain('SOL');
    const list = { id: '15', name: 'subscriptions', type: 1 };
    expect((await post(interaction(2, list, 'dm', member))).json?.data.content).toContain('SOL');
    const button = await post(interaction(3, { custom_id: `unsub:${SOL}`, component_type: 2 }, 'dm', member));
    expect(button.json?.type).toBe(4);
    expect(button.json?.data.flags).toBe(64);
    expect(button.json?.data.content).toContain('SOL');
    // The button changed the store: the member's list no longer has SOL.
    expect((await post(interaction(2, list, 'dm', member))).json?.data.content).not.toContain('SOL');
  });

  it('a moderator subscribes the channel: the bot checks its permissions there over REST', async () => {
    const body = interaction(
      2,
      {
        id: '16',
        name: 'channel',
        type: 1,
        options: [{ name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] }],
      },
      'guild',
    ) as Record<string, unknown> & { member: { permissions: string } };
    body.member.permissions = String(1024 | 2048 | 16); // + Manage Channels
    const r = await post(body);
    expect(r.json?.type).toBe(4);
    expect(r.json?.data.content).toContain('SOL');
    expect(r.json?.data.content).not.toMatch(/cannot|not this channel/i);
    const list = interaction(
      2,
      { id: '17', name: 'channel', type: 1, options: [{ name: 'list', type: 1, options: [] }] },
      'guild',
    ) as Record<string, unknown> & { member: { permissions: string } };
    list.member.permissions = String(1024 | 2048 | 16);
    expect((await post(list)).json?.data.content).toContain('SOL');
    expect(fake.unknownRoutes).toEqual([]);
  });

  it('moderator commands are refused to a member, server-side, in the response', async () => {
    const r = await post(
      interaction(
        2,
        { id: '13', name: 'channel', type: 1, options: [{ name: 'list', type: 1, options: [] }] },
        'guild',
      ),
    );
    expect(r.json?.type).toBe(4);
    expect(r.json?.data.content).toContain('Moderators only');
    expect(bot.output()).not.toMatch(/"level":50/);
    expect(bot.output()).not.toContain(fake.token); // the bot token never reaches a log line
  });
});

describe('HTTP interactions on two replicas behind a load balancer (Redis)', () => {
  it('either replica answers; what one changes, the other sees', async () => {
    const u = new URL(TEST_REDIS_URL);
    u.pathname = '/9';
    const redis = new Redis(u.toString());
    await redis.flushdb();
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'tw-dhttp-r-')));
    const ports = [await freePort(), await freePort()];
    const closedPort = await freePort();
    const replicas = dirs.map((dir, k) =>
      startChild('src/main.ts', {
        ...replicaEnv(fake, {
          tmUrl: tm.url,
          tmKey: TM_KEY,
          redisUrl: u.toString(),
          dataDir: dir,
          closedPort,
        }),
        HTTP_PORT: String(ports[k]),
        DISCORD_INTERACTIONS: 'http',
        DISCORD_PUBLIC_KEY: publicHex,
      }),
    );
    try {
      await Promise.all(replicas.map((r) => r.waitFor('tokenwatch started', 60_000)));
      const [a, b] = ports.map((p) => `http://127.0.0.1:${p}/discord/interactions`) as [string, string];
      const member = '8200000001';
      const subscribe = {
        id: '20',
        name: 'subscribe',
        type: 1,
        options: [{ name: 'symbol', type: 3, value: 'SOL' }],
      };
      const list = { id: '21', name: 'subscriptions', type: 1 };
      expect((await post(interaction(2, subscribe, 'dm', member), { to: a })).json?.data.content).toContain(
        'SOL',
      );
      expect((await post(interaction(2, list, 'dm', member), { to: b })).json?.data.content).toContain('SOL');
      const unsub = interaction(3, { custom_id: `unsub:${SOL}`, component_type: 2 }, 'dm', member);
      expect((await post(unsub, { to: b })).json?.type).toBe(4);
      expect((await post(interaction(2, list, 'dm', member), { to: a })).json?.data.content).not.toContain(
        'SOL',
      );
      // A bad signature is refused by every replica.
      const ping = { id: '1', type: 1, token: 't', application_id: fake.appId, version: 1 };
      for (const to of [a, b]) expect((await post(ping, { to, signWith: otherKey })).status).toBe(401);
      expect(fake.sessions()).toEqual([]); // no gateway session on any replica
      for (const r of replicas) expect(r.output()).not.toMatch(/"level":50/);
    } finally {
      const codes = await Promise.all(replicas.map((r) => r.stop()));
      expect(codes).toEqual([0, 0]);
      await redis.flushdb();
      redis.disconnect();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);
});
