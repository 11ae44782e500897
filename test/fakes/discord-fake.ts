import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Discord REST fake (platforms.md C2), for what discord-digital-twin cannot do: DMs, 429s and
 * the 50007 / 50013 / 10003 error codes, nonce + enforce_nonce, and the message limits. REST only,
 * under `/api/v10`, on 127.0.0.1 with a random port. Every response carries X-RateLimit-* headers;
 * 204s have no JSON content type (@discordjs/rest would fail to parse them).
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  readonly path: string;
  readonly body: unknown;
  /** Whether an Authorization header was sent (never its value). */
  readonly authorized: boolean;
}

export interface FakeMessage {
  readonly id: string;
  readonly channel_id: string;
  readonly content: string;
  readonly embeds: unknown[];
  readonly components: unknown[];
  readonly nonce?: string;
  readonly allowed_mentions?: unknown;
}

interface Scripted {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  /** Matching requests to let through before this one fires. */
  skip: number;
}

export interface DiscordFake {
  /** e.g. `http://127.0.0.1:PORT/api` (pass as `api` to REST / DISCORD_API_BASE). */
  readonly apiBase: string;
  readonly requests: RecordedRequest[];
  addChannel(id: string): void;
  /** Sends to this channel answer 403 {code:50013}. */
  denyChannel(id: string): void;
  /** Sends to this user's DM channel answer 403 {code:50007}. */
  closeDms(userId: string): void;
  /** Messages stored per channel id (DM channels included). */
  messages(channelId: string): FakeMessage[];
  dmChannelOf(userId: string): string | undefined;
  /** The next request matching method+path (after `skip` matching ones) gets this answer instead, once. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    body: unknown,
    opts?: { headers?: Record<string, string>; skip?: number },
  ): void;
  /** A 429 with retry_after (s) and the matching headers (X-RateLimit-Global when `global`). */
  rateLimitNext(
    method: string,
    path: RegExp,
    retryAfterSec: number,
    opts?: { global?: boolean; skip?: number },
  ): void;
  /** Stored application commands per scope key (`global` or the guild id). */
  commands(scope: string): unknown[];
  close(): Promise<void>;
}

let seq = 0;
const snowflake = () => `${(BigInt(Date.now() - 1420070400000) << 22n) | BigInt(++seq % 4096)}`;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored command tree without `name_localizations` / `description_localizations` (a plain GET). */
function withoutLocalizations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutLocalizations);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== 'name_localizations' && k !== 'description_localizations')
      .map(([k, x]) => [k, withoutLocalizations(x)]),
  );
}

/** Discord's message limits; returns a 50035 error text or undefined when fine. */
function validateMessage(body: Record<string, unknown>): string | undefined {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return 'content: Must be 2000 or fewer in length.';
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  if (content.length === 0 && embeds.length === 0) return 'Cannot send an empty message';
  let total = 0;
  for (const e of embeds) {
    if (!isRecord(e)) return 'embeds: invalid';
    const s = (v: unknown) => (typeof v === 'string' ? v.length : 0);
    if (s(e.title) > 256 || s(e.description) > 4096) return 'embed title/description too long';
    total += s(e.title) + s(e.description) + (isRecord(e.footer) ? s(e.footer.text) : 0);
    const fields = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > 25) return 'embed fields: Must be 25 or fewer in length.';
    for (const f of fields) {
      if (!isRecord(f) || s(f.name) > 256 || s(f.value) > 1024) return 'embed field too long';
      total += s(f.name) + s(f.value);
    }
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  if (typeof body.nonce === 'string' && body.nonce.length > 25)
    return 'nonce: Must be 25 or fewer in length.';
  return undefined;
}

export async function startDiscordFake(): Promise<DiscordFake> {
  const requests: RecordedRequest[] = [];
  const channels = new Set<string>();
  const denied = new Set<string>();
  const closedDmUsers = new Set<string>();
  const dmByUser = new Map<string, string>();
  const userByDm = new Map<string, string>();
  const stored = new Map<string, FakeMessage[]>();
  const nonces = new Map<string, FakeMessage>();
  const scripted: Scripted[] = [];
  const commandScopes = new Map<string, unknown[]>();

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const base = {
      'x-ratelimit-limit': '50',
      'x-ratelimit-remaining': '49',
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-reset': String(Date.now() / 1000 + 1),
      'x-ratelimit-bucket': 'fake-bucket',
      ...headers,
    };
    if (status === 204 || body === undefined) {
      res.writeHead(status === 200 ? 204 : status, base).end();
      return;
    }
    res.writeHead(status, { ...base, 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
  const error = (res: ServerResponse, status: number, code: number, message: string) =>
    send(res, status, { message, code });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (!url.pathname.startsWith('/api/v10/')) return error(res, 404, 0, '404: Not Found');
    const path = decodeURIComponent(url.pathname.slice('/api/v10'.length));
    requests.push({ method, path, body, authorized: typeof req.headers.authorization === 'string' });

    const i = scripted.findIndex((s) => s.method === method && s.path.test(path));
    const s = scripted[i];
    if (s && s.skip > 0) s.skip--;
    else if (s) {
      scripted.splice(i, 1);
      return send(res, s.status, s.body, s.headers);
    }

    if (method === 'GET' && path === '/gateway/bot') {
      return send(res, 200, { url: 'ws://127.0.0.1:1/gateway', shards: 1, session_start_limit: {} });
    }
    const cmds = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (cmds) {
      const scope = cmds[2] ?? 'global';
      if (method === 'GET') {
        // Like Discord: the localization dictionaries only come back with `with_localizations=true`.
        const stored = commandScopes.get(scope) ?? [];
        const full = url.searchParams.get('with_localizations') === 'true';
        return send(res, 200, full ? stored : withoutLocalizations(stored));
      }
      if (method === 'PUT' && Array.isArray(body)) {
        // Echo like Discord: ids, version, application_id; `required: false` dropped.
        const echoed = body.map((c: unknown) => ({
          ...(isRecord(c) ? c : {}),
          id: snowflake(),
          version: snowflake(),
          application_id: cmds[1],
          nsfw: false,
        }));
        commandScopes.set(scope, JSON.parse(JSON.stringify(echoed).replace(/,"required":false/g, '')));
        return send(res, 200, echoed);
      }
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = isRecord(body) && typeof body.recipient_id === 'string' ? body.recipient_id : '';
      if (!/^\d+$/.test(recipient)) return send(res, 400, { message: 'Invalid Form Body', code: 50035 });
      let id = dmByUser.get(recipient);
      if (!id) {
        id = String(randomInt(1e9, 9e9));
        dmByUser.set(recipient, id);
        userByDm.set(id, recipient);
        channels.add(id);
      }
      return send(res, 200, { id, type: 1, recipients: [{ id: recipient, username: 'member' }] });
    }
    const post = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    if (post) {
      const channelId = post[1] ?? '';
      if (!channels.has(channelId)) return error(res, 404, 10003, 'Unknown Channel');
      if (denied.has(channelId)) return error(res, 403, 50013, 'Missing Permissions');
      const dmUser = userByDm.get(channelId);
      if (dmUser && closedDmUsers.has(dmUser))
        return error(res, 403, 50007, 'Cannot send messages to this user');
      if (!isRecord(body)) return error(res, 400, 50109, 'The request body contains invalid JSON.');
      const invalid = validateMessage(body);
      if (invalid) return send(res, 400, { message: `Invalid Form Body: ${invalid}`, code: 50035 });
      const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
      const nonceKey = nonce ? `${channelId}:${nonce}` : undefined;
      const existing = nonceKey && body.enforce_nonce === true ? nonces.get(nonceKey) : undefined;
      if (existing) return send(res, 200, existing);
      const msg: FakeMessage = {
        id: snowflake(),
        channel_id: channelId,
        content: typeof body.content === 'string' ? body.content : '',
        embeds: Array.isArray(body.embeds) ? body.embeds : [],
        components: Array.isArray(body.components) ? body.components : [],
        ...(nonce ? { nonce } : {}),
        allowed_mentions: body.allowed_mentions,
      };
      if (nonceKey) nonces.set(nonceKey, msg);
      stored.set(channelId, [...(stored.get(channelId) ?? []), msg]);
      return send(res, 200, { ...msg, type: 0, author: { id: '1', username: 'bot', bot: true } });
    }
    return error(res, 404, 0, '404: Not Found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    requests,
    addChannel: (id) => channels.add(id),
    denyChannel: (id) => denied.add(id),
    closeDms: (id) => closedDmUsers.add(id),
    messages: (id) => stored.get(id) ?? [],
    dmChannelOf: (id) => dmByUser.get(id),
    commands: (scope) => commandScopes.get(scope) ?? [],
    failNext(method, path, status, body, opts = {}) {
      scripted.push({ method, path, status, body, headers: opts.headers ?? {}, skip: opts.skip ?? 0 });
    },
    rateLimitNext(method, path, retryAfterSec, opts = {}) {
      const global = opts.global ?? false;
      scripted.push({
        method,
        path,
        skip: opts.skip ?? 0,
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSec, global },
        headers: {
          'retry-after': String(retryAfterSec),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfterSec),
          'x-ratelimit-scope': global ? 'global' : 'user',
          ...(global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
