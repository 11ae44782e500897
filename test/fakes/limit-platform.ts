import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of a chat platform's "send message" endpoint that enforces rate limits and can be
 * scripted to fail, for delivery tests and the benchmark.
 * - `telegram` flavour: `POST /bot<token>/sendMessage {chat_id, text}`; no idempotency (a retried send
 *   posts again). Chat ids below zero are groups (per-group windows apply to them only).
 * - `discord` flavour: `POST /api/v10/channels/<id>/messages {content, nonce, enforce_nonce}`; a repeated
 *   nonce in one channel within `nonceWindowMs` returns the original message and posts nothing.
 * Limits are sliding windows over accepted requests, checked when a request arrives; the answer is
 * then delayed by `latencyMs`. A 429 carries retry_after (seconds) like the real platforms.
 */
export interface Window {
  readonly max: number;
  readonly windowMs: number;
}

export type Failure =
  | 'server_error' // 500
  | 'rate_limit' // 429, chat scope
  | 'rate_limit_global' // 429, whole bot
  | 'blocked' // Telegram 403 bot was blocked by the user
  | 'kicked' // Telegram 403 bot was kicked from the group chat
  | 'chat_not_found' // Telegram 400
  | 'migrate' // Telegram 400 + migrate_to_chat_id
  | 'bad_request' // Telegram 400 can't parse entities / Discord 50035
  | 'dms_closed' // Discord 403 50007
  | 'missing_permissions' // Discord 403 50013
  | 'unknown_channel'; // Discord 404 10003

export interface LimitPlatformOptions {
  readonly flavour: 'telegram' | 'discord';
  readonly latencyMs?: number;
  /** Over all chats. */
  readonly global?: Window;
  /** Per chat (every chat). */
  readonly perChat?: readonly Window[];
  /** Per group chat only (Telegram: 20 msg/min). */
  readonly perGroup?: readonly Window[];
  /** retry_after (ms) announced on a limit hit. Default the window length. */
  readonly retryAfterMs?: number;
  readonly nonceWindowMs?: number;
  /**
   * Telegram paid broadcasts: a sendMessage with `allow_paid_broadcast: true` skips `global` and counts
   * against `window` instead (Telegram: 1,000/s), and costs 0.1 of `stars`; an empty balance refuses it.
   */
  readonly paid?: { readonly window: Window; readonly stars: number };
  /** migrate_to_chat_id answered for 'migrate'. Default '-100' + chat id digits. */
  readonly migrateTo?: (chat: string) => string;
}

export interface Post {
  readonly chat: string;
  readonly text: string;
  readonly nonce?: string;
  readonly at: number;
  readonly messageId: number;
  /** The x-worker header of the request, if any (which replica sent it). */
  readonly worker?: string;
  /** Sent with allow_paid_broadcast (Telegram). */
  readonly paid?: boolean;
}

export interface LimitPlatform {
  readonly url: string;
  readonly flavour: 'telegram' | 'discord';
  /** Accepted, distinct posts (a nonce replay is not a post). */
  readonly posts: Post[];
  readonly counts: {
    requests: number;
    accepted: number;
    nonceReplays: number;
    tooMany: number;
    /** Which limit answered the 429s. */
    tooManyGlobal: number;
    tooManyChat: number;
    /** 4xx other than 429 (what Discord counts as invalid requests, with 401/403/429). */
    clientErrors: number;
    /** Paid broadcasts accepted, and refused for lack of Stars. */
    paidAccepted: number;
    paidRefused: number;
    serverErrors: number;
  };
  /** Posts accepted whose answer has not been written yet (the sender cannot know they landed). */
  inFlight(): number;
  /** Scripted failures for a chat: `times` next requests (or every request with 'always'). */
  fail(chat: string, failure: Failure, times?: number | 'always'): void;
  /** Drops the chat's scripted failures. */
  clear(chat: string): void;
  /** Posts per text: how often each text was posted (duplicates show up as > 1). */
  postsByText(): Map<string, number>;
  requestsFor(chat: string): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startLimitPlatform(o: LimitPlatformOptions): Promise<LimitPlatform> {
  const tg = o.flavour === 'telegram';
  const globalHits: number[] = [];
  const chatHits = new Map<string, number[]>();
  const scripted = new Map<string, { failure: Failure; left: number }[]>();
  const requestsPerChat = new Map<string, number>();
  const nonces = new Map<string, { post: Post; at: number }>();
  const posts: Post[] = [];
  const counts = {
    requests: 0,
    accepted: 0,
    nonceReplays: 0,
    tooMany: 0,
    tooManyGlobal: 0,
    tooManyChat: 0,
    clientErrors: 0,
    serverErrors: 0,
    paidAccepted: 0,
    paidRefused: 0,
  };
  const paidHits: number[] = [];
  let starsTenths = Math.round((o.paid?.stars ?? 0) * 10);
  let nextId = 1;

  const over = (hits: number[], windows: readonly Window[] | undefined, now: number): Window | undefined => {
    for (const w of windows ?? []) {
      let n = 0;
      for (let i = hits.length - 1; i >= 0 && now - (hits[i] ?? 0) < w.windowMs; i--) n++;
      if (n >= w.max) return w;
    }
    return undefined;
  };

  function answer(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (status === 429) counts.tooMany++;
    else if (status >= 500) counts.serverErrors++;
    else if (status >= 400) counts.clientErrors++;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function failureReply(f: Failure, chat: string): [number, unknown, Record<string, string>?] {
    const tgErr = (code: number, description: string, parameters?: unknown) =>
      [code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) }] as [
        number,
        unknown,
      ];
    const dcErr = (status: number, code: number, message: string) =>
      [status, { message, code }] as [number, unknown];
    const tooMany = (
      scope: 'chat' | 'global',
      retryAfter: number,
    ): [number, unknown, Record<string, string>] =>
      tg
        ? [
            429,
            {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 1',
              parameters: { retry_after: retryAfter },
            },
            { 'x-fake-scope': scope },
          ]
        : [
            429,
            { message: 'You are being rate limited.', retry_after: retryAfter, global: scope === 'global' },
            { 'retry-after': '1' },
          ];
    switch (f) {
      case 'server_error':
        return tg ? tgErr(500, 'Internal Server Error') : dcErr(500, 0, '500: Internal Server Error');
      case 'rate_limit':
        return tooMany('chat', 0.2);
      case 'rate_limit_global':
        return tooMany('global', 0.3);
      case 'blocked':
        return tgErr(403, 'Forbidden: bot was blocked by the user');
      case 'kicked':
        return tgErr(403, 'Forbidden: bot was kicked from the group chat');
      case 'chat_not_found':
        return tgErr(400, 'Bad Request: chat not found');
      case 'migrate':
        return tgErr(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: Number(o.migrateTo?.(chat) ?? `-100${chat.replace('-', '')}`),
        });
      case 'bad_request':
        return tg ? tgErr(400, "Bad Request: can't parse entities") : dcErr(400, 50035, 'Invalid Form Body');
      case 'dms_closed':
        return dcErr(403, 50007, 'Cannot send messages to this user');
      case 'missing_permissions':
        return dcErr(403, 50013, 'Missing Permissions');
      case 'unknown_channel':
        return dcErr(404, 10003, 'Unknown Channel');
    }
  }

  let inFlight = 0;
  const server = createServer(async (req, res) => {
    const arrived = Date.now();
    const path = req.url ?? '';
    const m = tg
      ? /^\/bot[^/]+\/sendMessage$/.exec(path)
      : /^\/api\/v10\/channels\/([^/]+)\/messages$/.exec(path);
    const body = await readJson(req);
    if (req.method !== 'POST' || !m) return answer(res, 404, { message: 'not found' });
    const chat = tg ? String(body.chat_id ?? '') : decodeURIComponent(m[1] ?? '');
    const text = String((tg ? body.text : body.content) ?? '');
    counts.requests++;
    requestsPerChat.set(chat, (requestsPerChat.get(chat) ?? 0) + 1);

    const script = scripted.get(chat)?.[0];
    if (script) {
      if (script.left !== Number.POSITIVE_INFINITY && --script.left <= 0) scripted.get(chat)?.shift();
      const [status, b, h] = failureReply(script.failure, chat);
      await sleep(o.latencyMs ?? 0);
      return answer(res, status, b, h);
    }

    const hits = chatHits.get(chat) ?? [];
    const paid = tg && body.allow_paid_broadcast === true && o.paid !== undefined;
    if (paid && starsTenths < 1) {
      counts.paidRefused++;
      await sleep(o.latencyMs ?? 0);
      return answer(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: not enough Stars on the bot balance',
      });
    }
    const limited =
      (paid
        ? over(paidHits, [o.paid?.window as Window], arrived)
        : o.global && over(globalHits, [o.global], arrived)) ??
      over(hits, o.perChat, arrived) ??
      (chat.startsWith('-') ? over(hits, o.perGroup, arrived) : undefined);
    if (limited) {
      const isGlobal = limited === o.global || paid;
      if (isGlobal) counts.tooManyGlobal++;
      else counts.tooManyChat++;
      if (process.env.FAKE_DEBUG) console.log('429', chat, limited, arrived - (hits[hits.length - 1] ?? 0));
      const ra = (o.retryAfterMs ?? limited.windowMs) / 1000;
      await sleep(o.latencyMs ?? 0);
      return tg
        ? answer(
            res,
            429,
            {
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${Math.ceil(ra)}`,
              parameters: { retry_after: ra },
            },
            { 'x-fake-scope': isGlobal ? 'global' : 'chat' },
          )
        : answer(
            res,
            429,
            { message: 'You are being rate limited.', retry_after: ra, global: isGlobal },
            {
              'retry-after': String(Math.ceil(ra)),
            },
          );
    }
    if (paid) {
      paidHits.push(arrived);
      if (paidHits.length > 20000) paidHits.splice(0, 10000);
      starsTenths--;
      counts.paidAccepted++;
    } else {
      globalHits.push(arrived);
      if (globalHits.length > 5000) globalHits.splice(0, 2500);
    }
    hits.push(arrived);
    chatHits.set(chat, hits.slice(-100));

    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    const nonceKey = `${chat}/${nonce}`;
    const seen = nonce && body.enforce_nonce === true ? nonces.get(nonceKey) : undefined;
    let post: Post;
    if (seen && arrived - seen.at < (o.nonceWindowMs ?? 300_000)) {
      counts.nonceReplays++;
      post = seen.post;
    } else {
      const worker = req.headers['x-worker'];
      post = {
        chat,
        text,
        at: arrived,
        messageId: nextId++,
        ...(nonce ? { nonce } : {}),
        ...(typeof worker === 'string' ? { worker } : {}),
        ...(paid ? { paid: true } : {}),
      };
      posts.push(post);
      counts.accepted++;
      if (nonce && body.enforce_nonce === true) nonces.set(nonceKey, { post, at: arrived });
    }
    inFlight++;
    await sleep(o.latencyMs ?? 0);
    inFlight--;
    if (tg) {
      answer(res, 200, {
        ok: true,
        result: {
          message_id: post.messageId,
          date: Math.floor(post.at / 1000),
          chat: { id: Number(chat) },
          text,
        },
      });
    } else {
      answer(res, 200, { id: String(post.messageId), channel_id: chat, content: text, nonce: post.nonce });
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    flavour: o.flavour,
    posts,
    counts,
    inFlight: () => inFlight,
    fail(chat, failure, times = 1) {
      const list = scripted.get(chat) ?? [];
      list.push({ failure, left: times === 'always' ? Number.POSITIVE_INFINITY : times });
      scripted.set(chat, list);
    },
    clear(chat) {
      scripted.delete(chat);
    },
    postsByText() {
      const m = new Map<string, number>();
      for (const p of posts) m.set(p.text, (m.get(p.text) ?? 0) + 1);
      return m;
    },
    requestsFor: (chat) => requestsPerChat.get(chat) ?? 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
