import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart } from './multipart.js';
import { checkFields } from './telegram-spec.js';

/**
 * A small, faithful Bot API fake on 127.0.0.1:0 for what telegram-test-api lacks (platforms.md C1):
 * `POST|GET /bot<token>/<method>`, JSON or urlencoded bodies, answers `{ok:true,result}` or
 * `{ok:false,error_code,description,parameters?}` with the HTTP status equal to error_code.
 * getUpdates honours offset and blocks up to `timeout` seconds (capped by `maxPollMs`); sendMessage
 * checks length and a minimal HTML well-formedness like Telegram does; sendPhoto takes a multipart
 * upload (what telegram-test-api lacks) and checks the caption's 1,024-character limit, the PNG, the
 * 10 MB limit and every parameter against the Bot API spec (telegram-spec.ts). A malformed multipart
 * body (see multipart.ts) is a 400.
 */
export interface BotApiError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export type ChatRule = 'blocked' | 'kicked' | 'not_found' | { migrateTo: number };

export interface TelegramFake {
  readonly apiRoot: string;
  readonly token: string;
  readonly botUsername: string;
  readonly calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Messages the bot sent (sendMessage payloads that succeeded), optionally for one chat. */
  sent(chatId?: string | number): Array<Record<string, unknown>>;
  /** Photos the bot sent (sendPhoto payloads that succeeded; an uploaded `photo` is an UploadedFile). */
  photos(chatId?: string | number): Array<Record<string, unknown>>;
  /** Documents the bot sent (sendDocument payloads that succeeded; an uploaded `document` is an UploadedFile). */
  documents(chatId?: string | number): Array<Record<string, unknown>>;
  /** setMyCommands payloads by scope type (`default`, `all_private_chats`, ...) and `language_code` (none: the default menu). */
  commands(
    scopeType: string,
    languageCode?: string,
  ): Array<{ command: string; description: string }> | undefined;
  pushUpdate(update: Record<string, unknown>): number;
  /** getUpdates answered 409 because a newer one arrived while it waited. */
  conflicts(): number;
  /** sendMessage calls accepted with allow_paid_broadcast, and the Stars balance left. */
  paid(): { sends: number; starsLeft: number };
  /** The next `times` calls of `method` fail with `error`, after `after` calls that go through normally. */
  failNext(method: string, error: BotApiError, times?: number, after?: number): void;
  setChatRule(chatId: string | number, rule: ChatRule | undefined): void;
  setMember(chatId: string | number, userId: string | number, status: string): void;
  /**
   * Forum topic `threadId` of `chatId` is deleted or closed: sends into it fail the way Telegram answers
   * (400 `message thread not found` / `TOPIC_CLOSED`). `undefined` reopens it.
   */
  setTopicRule(chatId: string | number, threadId: number, rule: 'deleted' | 'closed' | undefined): void;
  close(): Promise<void>;
}

/** A menu's key: scope type and language_code (Telegram keeps one command list per pair). */
function menuKey(p: Record<string, unknown>): string {
  const scope = (p.scope as { type?: string } | undefined)?.type ?? 'default';
  return `${scope}/${typeof p.language_code === 'string' ? p.language_code : ''}`;
}

/**
 * setMyCommands as the Bot API spec gives it: at most 100 BotCommands, `command` 1-32 chars of
 * `[a-z0-9_]`, `description` 1-256 chars, `language_code` a two-letter ISO 639-1 code or empty.
 */
function checkBotCommands(p: Record<string, unknown>): string | undefined {
  const code = p.language_code;
  if (code !== undefined && (typeof code !== 'string' || !/^([a-z]{2})?$/.test(code))) {
    return 'Bad Request: invalid language code specified';
  }
  const list = p.commands;
  if (!Array.isArray(list) || list.length > 100) return 'Bad Request: too many commands specified';
  for (const c of list as Array<Record<string, unknown>>) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
      return 'Bad Request: BOT_COMMAND_INVALID';
    }
    const d = c.description;
    if (typeof d !== 'string' || d.length < 1 || d.length > 256) {
      return 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID';
    }
  }
  return undefined;
}

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'blockquote',
  'span',
]);

/** Telegram-like HTML check: known tags, balanced, and no bare `<` / `&`. Returns an error or undefined. */
export function checkHtml(text: string): string | undefined {
  const stack: string[] = [];
  const re = /<\/?([a-z-]+)(\s[^>]*)?>|&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);|[<>&]/gi;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    if (raw === '<' || raw === '&') return `Bad Request: can't parse entities: unexpected ${raw}`;
    if (raw === '>' || raw.startsWith('&')) continue;
    const tag = (m[1] ?? '').toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) return `Bad Request: can't parse entities: unsupported start tag "${tag}"`;
    if (raw.startsWith('</')) {
      if (stack.pop() !== tag) return `Bad Request: can't parse entities: unmatched end tag "${tag}"`;
    } else stack.push(tag);
  }
  return stack.length > 0 ? `Bad Request: can't parse entities: unclosed "${stack.join(',')}"` : undefined;
}

/** The Bot API's limit on an uploaded photo (sendPhoto: "The photo must be at most 10 MB in size"). */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

const visibleLength = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);/gi, '_').length;

/** A file part of a multipart upload (sendPhoto with InputFile). */
export interface UploadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

const jsonOr = (v: string): unknown => {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  const raw = buf.toString('utf8');
  const url = new URL(req.url ?? '/', 'http://x');
  const out: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (raw.length === 0) return out;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const files = new Map<string, UploadedFile>();
    for (const part of parseMultipart(buf, type)) {
      if (part.filename === undefined) out[part.name] = jsonOr(part.data.toString('utf8'));
      else files.set(part.name, { filename: part.filename, contentType: part.type, bytes: part.data });
    }
    // grammY (like Telegram's docs) names files `attach://<field>`: point those at the uploaded part. A
    // file part nobody refers to stays a field under its own name (so a stray one is an unknown field).
    for (const [k, v] of Object.entries(out)) {
      if (typeof v === 'string' && v.startsWith('attach://')) {
        const name = v.slice('attach://'.length);
        out[k] = files.get(name);
        files.delete(name);
      }
    }
    for (const [name, file] of files) out[name] = file;
    return out;
  }
  if (type.includes('application/json')) return { ...out, ...(JSON.parse(raw) as Record<string, unknown>) };
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startTelegramFake(
  opts: {
    token?: string;
    botUsername?: string;
    botId?: number;
    maxPollMs?: number;
    /** The bot's Stars balance for paid broadcasts (0.1 per sendMessage with allow_paid_broadcast). Default 0. */
    stars?: number;
  } = {},
): Promise<TelegramFake> {
  const token = opts.token ?? '123456:TEST-fake-token';
  const botUsername = opts.botUsername ?? 'TokenWatchTestBot';
  const botId = opts.botId ?? 123456;
  const maxPollMs = opts.maxPollMs ?? 200;
  const calls: RecordedCall[] = [];
  const sentMessages: Array<Record<string, unknown>> = [];
  const sentPhotos: Array<Record<string, unknown>> = [];
  const sentDocuments: Array<Record<string, unknown>> = [];
  const myCommands = new Map<string, Array<{ command: string; description: string }>>();
  const updates: Array<Record<string, unknown>> = [];
  /** Per method: scripted answers in call order; `undefined` = handle normally. */
  const failures = new Map<string, Array<BotApiError | undefined>>();
  const rules = new Map<string, ChatRule>();
  const members = new Map<string, string>();
  const topics = new Map<string, 'deleted' | 'closed'>();
  const waiters = new Set<() => void>();
  let nextUpdateId = 1000;
  let starsTenths = Math.round((opts.stars ?? 0) * 10);
  let paidSends = 0;
  /** Ends the pending long poll with a 409 (set while one waits). */
  let pendingPoll: (() => void) | undefined;
  let conflicts = 0;
  let nextMessageId = 1;
  let closed = false;

  const wake = () => {
    for (const w of waiters) w();
    waiters.clear();
  };

  function topicRefusal(p: Record<string, unknown>): BotApiError | undefined {
    if (p.message_thread_id === undefined) return undefined;
    const rule = topics.get(`${p.chat_id}/${p.message_thread_id}`);
    if (rule === 'deleted') return { error_code: 400, description: 'Bad Request: message thread not found' };
    if (rule === 'closed') return { error_code: 400, description: 'Bad Request: TOPIC_CLOSED' };
    return undefined;
  }

  function chatRefusal(chat: string, p?: Record<string, unknown>): BotApiError | undefined {
    const topic = p ? topicRefusal(p) : undefined;
    if (topic) return topic;
    const rule = rules.get(chat);
    if (rule === 'blocked') return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    if (rule === 'kicked')
      return { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' };
    if (rule === 'not_found') return { error_code: 400, description: 'Bad Request: chat not found' };
    if (rule && typeof rule === 'object') {
      return {
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: rule.migrateTo },
      };
    }
    return undefined;
  }

  /**
   * sendDocument: an uploaded file (multipart, ≤ 50 MB: "Bots can currently send files of any type of up to
   * 50 MB in size") or a file_id/URL string; caption ≤ 1,024 characters after entities parsing.
   */
  function sendDocument(p: Record<string, unknown>): unknown | BotApiError {
    const chat = String(p.chat_id);
    const refused = chatRefusal(chat);
    if (refused) return refused;
    const doc = p.document as UploadedFile | string | undefined;
    if (doc === undefined || (typeof doc === 'string' && doc.length === 0)) {
      return { error_code: 400, description: 'Bad Request: there is no document in the request' };
    }
    const misfit = checkFields('sendDocument', p);
    if (misfit) return { error_code: 400, description: misfit };
    if (typeof doc === 'object' && doc.bytes.length > 50 * 1024 * 1024) {
      return { error_code: 400, description: 'Bad Request: file is too big' };
    }
    if (typeof doc === 'object' && doc.bytes.length === 0) {
      return { error_code: 400, description: 'Bad Request: file must be non-empty' };
    }
    const caption = p.caption === undefined ? '' : String(p.caption);
    if (p.parse_mode === 'HTML') {
      const bad = checkHtml(caption);
      if (bad) return { error_code: 400, description: bad };
    }
    const len = p.parse_mode === 'HTML' ? visibleLength(caption) : caption.length;
    if (len > 1024) return { error_code: 400, description: 'Bad Request: message caption is too long' };
    sentDocuments.push(p);
    const name = typeof doc === 'object' ? doc.filename : 'file';
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chat), type: Number(chat) < 0 ? 'supergroup' : 'private' },
      from: { id: botId, is_bot: true, first_name: 'TokenWatch', username: botUsername },
      document: { file_id: `doc${nextMessageId}`, file_unique_id: `d${nextMessageId}`, file_name: name },
      ...(caption ? { caption } : {}),
    };
  }

  /** A paid broadcast costs 0.1 Star (counted in tenths); an empty balance refuses it (our text: Telegram's is unpublished). */
  function pay(p: Record<string, unknown>): BotApiError | undefined {
    if (p.allow_paid_broadcast !== true) return undefined;
    if (starsTenths < 1)
      return { error_code: 400, description: 'Bad Request: not enough Stars on the bot balance' };
    starsTenths--;
    paidSends++;
    return undefined;
  }

  /** sendPhoto: an uploaded file (multipart) or a file_id/URL string; caption ≤ 1,024 visible characters. */
  function sendPhoto(p: Record<string, unknown>): unknown | BotApiError {
    const chat = String(p.chat_id);
    const refused = chatRefusal(chat, p);
    if (refused) return refused;
    const photo = p.photo as UploadedFile | string | undefined;
    if (photo === undefined || (typeof photo === 'string' && photo.length === 0)) {
      return { error_code: 400, description: 'Bad Request: there is no photo in the request' };
    }
    const misfit = checkFields('sendPhoto', p);
    if (misfit) return { error_code: 400, description: misfit };
    if (typeof photo === 'object' && photo.bytes.length > PHOTO_MAX_BYTES) {
      return { error_code: 400, description: 'Bad Request: file is too big' };
    }
    if (typeof photo === 'object' && photo.bytes.subarray(0, 4).toString('latin1') !== '\x89PNG') {
      return { error_code: 400, description: 'Bad Request: IMAGE_PROCESS_FAILED' };
    }
    const caption = p.caption === undefined ? '' : String(p.caption);
    if (p.parse_mode === 'HTML') {
      const bad = checkHtml(caption);
      if (bad) return { error_code: 400, description: bad };
    }
    const len = p.parse_mode === 'HTML' ? visibleLength(caption) : caption.length;
    if (len > 1024) return { error_code: 400, description: 'Bad Request: message caption is too long' };
    const unpaid = pay(p);
    if (unpaid) return unpaid;
    sentPhotos.push(p);
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chat), type: Number(chat) < 0 ? 'supergroup' : 'private' },
      from: { id: botId, is_bot: true, first_name: 'TokenWatch', username: botUsername },
      photo: [
        { file_id: `photo${nextMessageId}`, file_unique_id: `u${nextMessageId}`, width: 800, height: 400 },
      ],
      ...(caption ? { caption } : {}),
    };
  }

  async function handle(method: string, p: Record<string, unknown>): Promise<unknown | BotApiError> {
    const scripted = failures.get(method)?.shift();
    if (scripted) return scripted;
    switch (method) {
      case 'getMe':
        return {
          id: botId,
          is_bot: true,
          first_name: 'TokenWatch',
          username: botUsername,
          can_join_groups: true,
        };
      case 'setMyCommands': {
        const bad = checkBotCommands(p);
        if (bad) return { error_code: 400, description: bad };
        myCommands.set(menuKey(p), (p.commands as Array<{ command: string; description: string }>) ?? []);
        return true;
      }
      case 'getMyCommands':
        return myCommands.get(menuKey(p)) ?? [];
      case 'deleteMyCommands':
        myCommands.delete(menuKey(p));
        return true;
      case 'getChatMember': {
        const status = members.get(`${p.chat_id}:${p.user_id}`) ?? 'member';
        return { status, user: { id: Number(p.user_id), is_bot: false, first_name: 'U' } };
      }
      case 'sendMessage': {
        const chat = String(p.chat_id);
        const refused = chatRefusal(chat, p);
        if (refused) return refused;
        const misfit = checkFields('sendMessage', p);
        if (misfit) return { error_code: 400, description: misfit };
        const text = String(p.text ?? '');
        if (p.parse_mode === 'HTML') {
          const bad = checkHtml(text);
          if (bad) return { error_code: 400, description: bad };
        }
        const len = p.parse_mode === 'HTML' ? visibleLength(text) : text.length;
        if (len === 0) return { error_code: 400, description: 'Bad Request: message text is empty' };
        if (len > 4096) return { error_code: 400, description: 'Bad Request: message is too long' };
        const unpaid = pay(p);
        if (unpaid) return unpaid;
        sentMessages.push(p);
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chat), type: Number(chat) < 0 ? 'supergroup' : 'private' },
          from: { id: botId, is_bot: true, first_name: 'TokenWatch', username: botUsername },
          ...(p.message_thread_id !== undefined
            ? { message_thread_id: p.message_thread_id, is_topic_message: true }
            : {}),
          text,
        };
      }
      case 'sendPhoto':
        return sendPhoto(p);
      case 'sendDocument':
        return sendDocument(p);
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
        return true;
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        if (offset > 0) while (updates.length > 0 && Number(updates[0]?.update_id) < offset) updates.shift();
        const timeoutMs = Math.min(Number(p.timeout ?? 0) * 1000, maxPollMs);
        // Like Telegram: a second getUpdates while one is pending terminates the older with 409.
        pendingPoll?.();
        let conflict = false;
        if (updates.length === 0 && timeoutMs > 0 && !closed) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(finish, timeoutMs);
            const wakeMe = () => finish();
            waiters.add(wakeMe);
            const mine = () => {
              conflict = true;
              finish();
            };
            pendingPoll = mine;
            function finish() {
              clearTimeout(t);
              waiters.delete(wakeMe);
              if (pendingPoll === mine) pendingPoll = undefined;
              resolve();
            }
          });
        }
        if (conflict) {
          conflicts++;
          return {
            error_code: 409,
            description:
              'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
          };
        }
        return updates.slice(0, Number(p.limit ?? 100));
      }
      default:
        return { error_code: 404, description: `Not Found: method ${method} not in the fake` };
    }
  }

  const isError = (r: unknown): r is BotApiError =>
    typeof r === 'object' && r !== null && 'error_code' in r && 'description' in r;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const m = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!m) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (m[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const method = m[2] ?? '';
      let payload: Record<string, unknown>;
      try {
        payload = await readBody(req);
      } catch (err) {
        if (process.env.TW_FAKE_DEBUG) console.log('FAKE BODY ERROR', req.headers['content-type'], err);
        return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid body' });
      }
      calls.push({ method, payload });
      const result = await handle(method, payload);
      if (isError(result)) return reply(result.error_code, { ok: false, ...result });
      reply(200, { ok: true, result });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botUsername,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    sent: (chatId) =>
      chatId === undefined ? sentMessages : sentMessages.filter((s) => String(s.chat_id) === String(chatId)),
    photos: (chatId) =>
      chatId === undefined ? sentPhotos : sentPhotos.filter((s) => String(s.chat_id) === String(chatId)),
    documents: (chatId) =>
      chatId === undefined
        ? sentDocuments
        : sentDocuments.filter((s) => String(s.chat_id) === String(chatId)),
    commands: (scopeType, languageCode) =>
      myCommands.get(menuKey({ scope: { type: scopeType }, language_code: languageCode })),
    conflicts: () => conflicts,
    paid: () => ({ sends: paidSends, starsLeft: starsTenths / 10 }),
    pushUpdate(update) {
      const id = nextUpdateId++;
      updates.push({ update_id: id, ...update });
      wake();
      return id;
    },
    failNext(method, error, times = 1, after = 0) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < after; i++) list.push(undefined);
      for (let i = 0; i < times; i++) list.push(error);
      failures.set(method, list);
    },
    setChatRule(chatId, rule) {
      if (rule === undefined) rules.delete(String(chatId));
      else rules.set(String(chatId), rule);
    },
    setMember(chatId, userId, status) {
      members.set(`${chatId}:${userId}`, status);
    },
    setTopicRule(chatId, threadId, rule) {
      if (rule === undefined) topics.delete(`${chatId}/${threadId}`);
      else topics.set(`${chatId}/${threadId}`, rule);
    },
    async close() {
      closed = true;
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
