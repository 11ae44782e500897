import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { checkDiscordUpload, type DiscordUpload } from './discord-uploads.js';

/**
 * A sharded Discord peer: REST (`/api/v10`: gateway info, interaction callbacks, webhook edits, channel
 * posts) and a gateway over `ws` that behaves as Discord's does for shards (platforms.md B3, C2):
 * IDENTIFY must carry `shard: [id, count]` with `0 <= id < count` (else close 4010 Invalid shard) and a
 * count of at least what `GET /gateway/bot` recommends (else close 4011 Sharding required); READY and
 * GUILD_CREATE carry only the shard's guilds (`shard_id = (guild_id >> 22) % count`); an interaction of
 * a guild goes to the sessions of its shard only, a DM's to shard 0. Like Discord, two sessions on one
 * shard both receive its events (that is what the bot must avoid), and a second acknowledgement of an
 * interaction is refused with 40060. IDENTIFYs closer than 5 s in one `max_concurrency` bucket are
 * recorded as pacing violations.
 */
export interface GatewayFakeOptions {
  readonly shards: number;
  /** `session_start_limit.max_concurrency`. Default 16. */
  readonly maxConcurrency?: number;
  /** Guilds per shard. Default 1. */
  readonly guildsPerShard?: number;
}

export interface Session {
  readonly id: string;
  shard?: readonly [number, number];
  readonly identifiedAt: number;
  closed: boolean;
}

export interface Interaction {
  readonly id: string;
  readonly token: string;
  readonly shard: number;
  readonly createdAt: number;
  /** Sessions it was dispatched to. */
  readonly deliveredTo: number;
  /** Every callback attempt (the type of each, refused ones included) and the edits of the original. */
  readonly callbacks: Array<{ type: number; status: number; at: number }>;
  /** Edits of the original response, with the files uploaded along (name, size in bytes). */
  readonly edits: Array<{ content: string; files: Array<{ name: string; bytes: number }> }>;
}

export interface GatewayFake {
  /** Pass as DISCORD_API_BASE. */
  readonly apiBase: string;
  readonly token: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly shardCount: number;
  /** Guild ids on shard s. */
  guildsOf(shard: number): string[];
  /** Open, identified sessions now. */
  sessions(): Session[];
  /** Which shards have at least one identified session now (id → sessions). */
  coverage(): Map<number, number>;
  /** A slash command in a guild's first channel (or in a DM without `guildId`); returns the interaction. */
  interact(cmd: {
    name: string;
    options?: unknown[];
    guildId?: string;
    userId?: string;
    /** The user's client language (default `en-US`). */
    locale?: string;
    /** The server's `guild_locale` (default `en-US`). */
    guildLocale?: string;
  }): Interaction;
  readonly interactions: Map<string, Interaction>;
  /** Channel messages the bot posted (alerts), with their JSON bodies (multipart: its payload_json). */
  readonly posts: ReadonlyArray<{ readonly channelId: string; readonly body: unknown }>;
  /** Violations of the protocol by the bot (bad IDENTIFY, identify pacing): empty when it behaved. */
  readonly violations: string[];
  /** REST requests to routes the fake does not know. */
  readonly unknownRoutes: string[];
  close(): Promise<void>;
}

const READ = 1024n;
const SEND = 2048n;
const EMBED = 16384n;
const MANAGE_CHANNELS = 16n;

const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));
let counter = 0;
const snowflake = () => String((BigInt(Date.now() - 1_420_070_400_000) << 22n) + BigInt(++counter % 4096));

export async function startGatewayFake(opts: GatewayFakeOptions): Promise<GatewayFake> {
  const count = opts.shards;
  const maxConcurrency = opts.maxConcurrency ?? 16;
  const token = `fake.${randomBytes(12).toString('hex')}`;
  const appId = snowflake();
  const botUserId = appId;
  const guilds = new Map<number, string[]>();
  for (let s = 0; s < count; s++) {
    const ids: string[] = [];
    // (id >> 22) % count = s: the timestamp bits pick the shard, as Discord's formula reads them.
    for (let g = 0; g < (opts.guildsPerShard ?? 1); g++)
      ids.push(String((BigInt(1_000_000 + g * count + s) << 22n) + 7n));
    guilds.set(s, ids);
  }
  const channelOf = (guildId: string) => String(BigInt(guildId) + 1n);
  const violations: string[] = [];
  const unknownRoutes: string[] = [];
  const interactions = new Map<string, Interaction>();
  const posts: Array<{ channelId: string; body: unknown }> = [];
  const byToken = new Map<string, Interaction>();
  const sockets = new Map<WebSocket, Session & { seq: number }>();
  const lastIdentify = new Map<number, number>();

  const server = createServer((req, res) => void rest(req, res).catch(() => res.writeHead(500).end()));
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async function rest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', base);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const type = req.headers['content-type'] ?? '';
    let body: unknown = {};
    let files: DiscordUpload['files'] = [];
    if (type.includes('multipart/form-data')) {
      // An upload is checked as Discord checks it (payload_json + files[n] declared in attachments).
      try {
        const up = checkDiscordUpload(bytes, type, method);
        body = up.payload;
        files = up.files;
      } catch (err) {
        violations.push(`upload refused: ${err instanceof Error ? err.message : String(err)}`);
        return json(res, 400, { message: 'Invalid Form Body', code: 50035 });
      }
    } else if (raw && type.includes('json')) body = JSON.parse(raw);
    if (method === 'GET' && path === '/gateway/bot') {
      if (req.headers.authorization !== `Bot ${token}`)
        return json(res, 401, { message: '401: Unauthorized', code: 0 });
      return json(res, 200, {
        url: `ws://127.0.0.1:${port}`,
        shards: count,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 86_400_000,
          max_concurrency: maxConcurrency,
        },
      });
    }
    const cb = method === 'POST' ? /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path) : null;
    if (cb) return callback(res, cb[1] ?? '', cb[2] ?? '', body as { type?: number });
    const edit = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/@original)?$/.exec(path);
    if (edit && (method === 'PATCH' || method === 'POST')) {
      const it = byToken.get(edit[2] ?? '');
      if (!it || edit[1] !== appId) return json(res, 404, { message: 'Unknown Webhook', code: 10015 });
      const content = String((body as { content?: unknown }).content ?? '');
      it.edits.push({ content, files: files.map((f) => ({ name: f.name, bytes: f.bytes.length })) });
      return json(res, 200, message(it, content));
    }
    // REST reads the bot makes without a gateway cache (HTTP interactions): guild, channel, its member.
    const known = (g: string) => [...guilds.values()].flat().includes(g);
    const guild = method === 'GET' ? /^\/guilds\/(\d+)$/.exec(path) : null;
    if (guild) {
      if (!known(guild[1] ?? '')) return json(res, 404, { message: 'Unknown Guild', code: 10004 });
      const { channels: _c, members: _m, ...g } = guildCreate(guild[1] ?? '');
      return json(res, 200, g);
    }
    const guildChannels = method === 'GET' ? /^\/guilds\/(\d+)\/channels$/.exec(path) : null;
    if (guildChannels && known(guildChannels[1] ?? ''))
      return json(
        res,
        200,
        guildCreate(guildChannels[1] ?? '').channels.map((c) => ({ ...c, guild_id: guildChannels[1] })),
      );
    const member = method === 'GET' ? /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path) : null;
    if (member && known(member[1] ?? '') && member[2] === botUserId)
      return json(res, 200, guildCreate(member[1] ?? '').members[0]);
    const channel = method === 'GET' ? /^\/channels\/(\d+)$/.exec(path) : null;
    if (channel) {
      const g = [...guilds.values()].flat().find((x) => channelOf(x) === channel[1]);
      if (!g) return json(res, 404, { message: 'Unknown Channel', code: 10003 });
      return json(res, 200, { ...guildCreate(g).channels[0], guild_id: g });
    }
    const post = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    if (post) {
      posts.push({ channelId: post[1] ?? '', body });
      return json(res, 200, { id: snowflake(), channel_id: post[1], content: '', embeds: [], type: 0 });
    }
    unknownRoutes.push(`${method} ${path}`);
    return json(res, 404, { message: '404: Not Found', code: 0 });
  }

  function message(it: Interaction, content: string) {
    return {
      id: snowflake(),
      channel_id: channelOf(guilds.get(it.shard)?.[0] ?? '0'),
      author: { id: botUserId, username: 'tokenwatch', discriminator: '0', bot: true, avatar: null },
      content,
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 64,
      type: 20,
    };
  }

  function callback(res: ServerResponse, id: string, tok: string, body: { type?: number }) {
    const it = interactions.get(id);
    const now = Date.now();
    if (!it || it.token !== tok) return json(res, 404, { message: 'Unknown interaction', code: 10062 });
    const type = Number(body.type);
    if (it.callbacks.some((c) => c.status === 204)) {
      it.callbacks.push({ type, status: 400, at: now });
      return json(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    }
    if (now - it.createdAt > 3_000) {
      it.callbacks.push({ type, status: 404, at: now });
      return json(res, 404, { message: 'Unknown interaction', code: 10062 });
    }
    if (![4, 5, 6, 7, 8].includes(type)) violations.push(`callback type ${type} for ${id}`);
    it.callbacks.push({ type, status: 204, at: now });
    res.writeHead(204).end(); // no JSON content type on a 204 (@discordjs/rest would parse it)
  }

  function send(ws: WebSocket, op: number, d: unknown, t: string | null = null) {
    const s = sockets.get(ws);
    if (!s || ws.readyState !== ws.OPEN) return;
    const seq = op === 0 ? ++s.seq : null;
    ws.send(JSON.stringify({ op, d, s: seq, t }));
  }

  function guildCreate(id: string) {
    const channel = { id: channelOf(id), type: 0, name: 'alerts', position: 0, permission_overwrites: [] };
    return {
      id,
      name: `guild ${id.slice(-4)}`,
      icon: null,
      owner_id: '1',
      roles: [
        {
          id,
          name: '@everyone',
          permissions: String(READ | SEND | EMBED),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      channels: [channel],
      threads: [],
      members: [
        {
          user: { id: botUserId, username: 'tokenwatch', discriminator: '0', bot: true, avatar: null },
          roles: [],
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      member_count: 2,
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      system_channel_id: null,
      preferred_locale: 'en-US',
    };
  }

  function identify(ws: WebSocket, d: Record<string, unknown>) {
    const s = sockets.get(ws);
    if (!s) return;
    if (d.token !== token) return ws.close(4004, 'Authentication failed');
    const props = d.properties as Record<string, unknown> | undefined;
    if (
      typeof d.intents !== 'number' ||
      !props ||
      typeof props.os !== 'string' ||
      typeof props.browser !== 'string'
    )
      violations.push(`IDENTIFY without intents or properties: ${JSON.stringify(Object.keys(d))}`);
    const shard = d.shard;
    if (!Array.isArray(shard)) {
      if (count > 1) return ws.close(4011, 'Sharding required');
      s.shard = [0, 1];
    } else {
      const [id, n] = shard as [unknown, unknown];
      if (
        !Number.isInteger(id) ||
        !Number.isInteger(n) ||
        (id as number) < 0 ||
        (id as number) >= (n as number)
      )
        return ws.close(4010, 'Invalid shard');
      if ((n as number) < count) return ws.close(4011, 'Sharding required');
      s.shard = [id as number, n as number];
    }
    const bucket = s.shard[0] % maxConcurrency;
    const now = Date.now();
    const last = lastIdentify.get(bucket);
    if (last !== undefined && now - last < 5_000)
      violations.push(`two IDENTIFYs in bucket ${bucket} within ${now - last} ms`);
    lastIdentify.set(bucket, now);
    Object.assign(s, { identifiedAt: now });
    const [sid, n] = s.shard;
    const ids = [...guilds.values()].flat().filter((g) => shardOf(g, n) === sid);
    send(
      ws,
      0,
      {
        v: 10,
        user: {
          id: botUserId,
          username: 'tokenwatch',
          discriminator: '0',
          bot: true,
          avatar: null,
          flags: 0,
        },
        guilds: ids.map((id) => ({ id, unavailable: true })),
        session_id: s.id,
        resume_gateway_url: `ws://127.0.0.1:${port}`,
        shard: s.shard,
        application: { id: appId, flags: 0 },
      },
      'READY',
    );
    for (const id of ids) send(ws, 0, guildCreate(id), 'GUILD_CREATE');
  }

  wss.on('connection', (ws) => {
    sockets.set(ws, { id: randomUUID(), identifiedAt: 0, closed: false, seq: 0 });
    send(ws, 10, { heartbeat_interval: 41_250 });
    ws.on('message', (raw) => {
      let p: { op?: number; d?: unknown };
      try {
        p = JSON.parse(String(raw));
      } catch {
        return ws.close(4002, 'Decode error');
      }
      if (p.op === 1) send(ws, 11, null);
      else if (p.op === 2) identify(ws, (p.d ?? {}) as Record<string, unknown>);
      else if (p.op === 6) ws.close(4009, 'Session timed out'); // no resume here: identify again
    });
    ws.on('close', () => {
      const s = sockets.get(ws);
      if (s) s.closed = true;
      sockets.delete(ws);
    });
  });

  const live = () => [...sockets.values()].filter((s) => s.shard !== undefined && !s.closed);

  return {
    apiBase: `${base}/api`,
    token,
    appId,
    botUserId,
    shardCount: count,
    guildsOf: (s) => [...(guilds.get(s) ?? [])],
    sessions: live,
    coverage() {
      const out = new Map<number, number>();
      for (const s of live()) if (s.shard) out.set(s.shard[0], (out.get(s.shard[0]) ?? 0) + 1);
      return out;
    },
    interact(cmd) {
      const id = snowflake();
      const tok = `itok-${randomBytes(16).toString('hex')}`;
      const user = {
        id: cmd.userId ?? '4242',
        username: 'alice',
        discriminator: '0',
        global_name: 'Alice',
        avatar: null,
      };
      const shard = cmd.guildId ? shardOf(cmd.guildId, count) : 0;
      const channelId = cmd.guildId ? channelOf(cmd.guildId) : String(BigInt(user.id) + 99n);
      const d = {
        id,
        application_id: appId,
        type: 2,
        token: tok,
        version: 1,
        ...(cmd.guildId
          ? {
              guild_id: cmd.guildId,
              member: {
                user,
                roles: [],
                permissions: String(READ | SEND | MANAGE_CHANNELS),
                joined_at: new Date(0).toISOString(),
                deaf: false,
                mute: false,
                flags: 0,
              },
              channel: { id: channelId, type: 0, guild_id: cmd.guildId, name: 'alerts' },
              authorizing_integration_owners: { '0': cmd.guildId },
              context: 0,
            }
          : {
              user,
              channel: { id: channelId, type: 1 },
              authorizing_integration_owners: { '1': user.id },
              context: 1,
            }),
        channel_id: channelId,
        data: { id: snowflake(), name: cmd.name, type: 1, options: cmd.options ?? [] },
        app_permissions: String(READ | SEND | EMBED),
        locale: cmd.locale ?? 'en-US',
        ...(cmd.guildId ? { guild_locale: cmd.guildLocale ?? 'en-US' } : {}),
        entitlements: [],
      };
      const targets = [...sockets.entries()].filter(([, s]) => s.shard?.[0] === shard && !s.closed);
      const it: Interaction = {
        id,
        token: tok,
        shard,
        createdAt: Date.now(),
        deliveredTo: targets.length,
        callbacks: [],
        edits: [],
      };
      interactions.set(id, it);
      byToken.set(tok, it);
      for (const [ws] of targets) send(ws, 0, d, 'INTERACTION_CREATE');
      return it;
    },
    interactions,
    posts,
    violations,
    unknownRoutes,
    async close() {
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
