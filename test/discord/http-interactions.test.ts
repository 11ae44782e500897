import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { httpInteractions, incomingOfRaw, publicKeyOf } from '#src/platforms/discord/http-interactions.js';
import { openSqliteStore } from '#src/store/index.js';
import { type GatewayFake, startGatewayFake } from '../fakes/discord-gateway.js';
import { memoryDirectory } from './twin-setup.js';

/**
 * The HTTP interactions receiver in-process: a command slower than the inline window is deferred in the
 * HTTP response (type 5) and answered by editing the original over the webhook (PATCH …/@original),
 * exactly once. Subcommand options are read as discord.js reads them.
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

const store = openSqliteStore({ file: ':memory:' });
let fake: GatewayFake;
let server: Server;
let url: string;
let delayMs = 0;
const pair = generateKeyPairSync('ed25519');
const publicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

beforeAll(async () => {
  fake = await startGatewayFake({ shards: 1 });
  const dir = memoryDirectory();
  const slow = <T>(p: Promise<T>) => new Promise<T>((r) => setTimeout(() => r(p), delayMs));
  const commands: CommandDeps = {
    store,
    directory: {
      resolve: (s) => slow(dir.resolve(s)),
      search: (p, l) => dir.search(p, l),
      byId: (id) => dir.byId(id),
    },
    market: { view: async () => undefined },
    limits: { maxSubscriptionsPerDestination: 25 },
    // /chart's picture: any PNG bytes do (the upload's shape is what is checked here).
    charts: {
      tokenChart: async (req) => ({
        png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
        filename: `${req.symbol.toLowerCase()}-${req.range}.png`,
        alt: `${req.symbol} price chart`,
      }),
    },
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiBase, version: '10' },
  });
  const http = httpInteractions({
    publicKey: publicHex,
    token: fake.token,
    apiBase: fake.apiBase,
    applicationId: fake.appId,
    client,
    logger: silentLogger(),
    interactions: () => ({ commands, logger: silentLogger(), now: Date.now }),
  });
  server = createServer((req, res) => {
    if (!http.handleHttp(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await fake.close();
  store.close();
});

async function post(body: unknown) {
  const text = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': sign(null, Buffer.from(ts + text), pair.privateKey).toString('hex'),
      'x-signature-timestamp': ts,
    },
    body: text,
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

describe('HTTP interactions receiver', () => {
  it('a slow command: deferred in the response within 3 s, then the original edited once', async () => {
    delayMs = 3_500;
    try {
      const it = fake.interact({ name: 'subscribe', userId: '5150' });
      const started = Date.now();
      const r = await post({
        id: it.id,
        token: it.token,
        application_id: fake.appId,
        type: 2,
        version: 1,
        channel_id: '77',
        user: { id: '5150', username: 'bob' },
        data: { id: '1', name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'BTC' }] },
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(r).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
      const end = Date.now() + 10_000;
      while (it.edits.length === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 50));
      expect(it.edits).toHaveLength(1);
      expect(it.edits[0]?.content).toContain('BTC');
      expect(fake.unknownRoutes).toEqual([]);
    } finally {
      delayMs = 0;
    }
  }, 20_000);

  it('a reply with a chart: deferred, then the PNG uploaded with the edit as Discord wants it', async () => {
    const it = fake.interact({ name: 'chart', userId: '5151' });
    const r = await post({
      id: it.id,
      token: it.token,
      application_id: fake.appId,
      type: 2,
      version: 1,
      channel_id: '78',
      user: { id: '5151', username: 'carol' },
      data: { id: '2', name: 'chart', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] },
    });
    expect(r).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    const end = Date.now() + 10_000;
    while (it.edits.length === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 50));
    expect(it.edits).toHaveLength(1);
    expect(it.edits[0]?.files).toEqual([{ name: 'sol-7d.png', bytes: 11 }]);
    expect(it.edits[0]?.content).toContain('SOL');
    expect(fake.violations).toEqual([]);
  });

  it('reads subcommand options and member permissions like the gateway path', () => {
    const inc = incomingOfRaw({
      id: '1',
      type: 2,
      token: 't',
      application_id: '2',
      guild_id: '3',
      channel_id: '4',
      member: { permissions: '16', user: { id: '5' } },
      data: {
        name: 'channel',
        options: [{ name: 'subscribe', type: 1, options: [{ name: 'symbol', type: 3, value: 'SOL' }] }],
      },
    });
    expect(inc).toMatchObject({
      kind: 'command',
      name: 'channel',
      sub: 'subscribe',
      guildId: '3',
      channelId: '4',
    });
    expect(inc?.options.get('symbol')).toBe('SOL');
    expect(inc?.memberPermissions?.has(16n)).toBe(true);
  });

  it('refuses a public key that is not 32 bytes', () => {
    expect(() => publicKeyOf('abcd')).toThrow(/32 bytes/);
  });
});
