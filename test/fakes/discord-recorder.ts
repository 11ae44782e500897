import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkDiscordUpload, type DiscordUpload } from './discord-uploads.js';

/**
 * Routes in front of a Discord peer (discord-digital-twin): forwards every REST request unchanged,
 * records method, path and JSON body (the twin does not keep `allowed_mentions` or `nonce`), and can
 * answer a matching request itself with a scripted error (50013, 10003, 429...). The gateway URL the
 * twin returns points at the twin directly, so only HTTP passes through here. Multipart uploads are
 * checked against Discord's rules (discord-uploads.ts) and refused with a 400 when malformed.
 */
export interface RecordedCall {
  readonly method: string;
  /** Path after `/api/v10`, URL-decoded. */
  readonly path: string;
  readonly body: unknown;
  /** Multipart uploads (attachments) of the call, as sent. */
  readonly files?: readonly UploadedFile[];
  /** Why the recorder refused a malformed upload itself (400, 50035) instead of forwarding it. */
  readonly rejected?: string;
}

export interface DiscordRecorder {
  /** Pass as `api` / DISCORD_API_BASE: `http://127.0.0.1:PORT/api`. */
  readonly apiBase: string;
  readonly calls: RecordedCall[];
  failNext(method: string, path: RegExp, status: number, body: unknown): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** One file of a multipart request (`files[n]`). */
export interface UploadedFile {
  readonly field: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/**
 * `allowed_mentions` as Discord's OpenAPI (MessageAllowedMentionsRequest) and its docs define it: only
 * parse/users/roles/replied_user; parse items users|roles|everyone, unique; roles and users unique
 * snowflakes (≤ 100); `parse: ["roles"]` together with a `roles` list is refused. A reason, or undefined.
 */
export function checkAllowedMentions(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('allowed_mentions' in body)) return undefined;
  const am = (body as { allowed_mentions: unknown }).allowed_mentions;
  if (am === null) return undefined;
  if (typeof am !== 'object') return 'allowed_mentions must be an object';
  const known = new Set(['parse', 'users', 'roles', 'replied_user']);
  for (const k of Object.keys(am)) if (!known.has(k)) return `allowed_mentions.${k} is not a field`;
  const { parse, users, roles } = am as Record<string, unknown>;
  const list = (v: unknown, name: string, ok: (x: unknown) => boolean): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length > 100) return `allowed_mentions.${name} must be an array (at most 100)`;
    if (new Set(v).size !== v.length) return `allowed_mentions.${name} must be unique`;
    return v.every(ok) ? undefined : `allowed_mentions.${name} has an invalid item`;
  };
  const snowflake = (x: unknown) => typeof x === 'string' && /^\d{1,20}$/.test(x);
  const bad =
    list(parse, 'parse', (x) => x === 'users' || x === 'roles' || x === 'everyone') ??
    list(users, 'users', snowflake) ??
    list(roles, 'roles', snowflake);
  if (bad) return bad;
  if (Array.isArray(parse) && parse.includes('roles') && Array.isArray(roles) && roles.length > 0) {
    return 'allowed_mentions: parse "roles" and a roles list are mutually exclusive';
  }
  return undefined;
}

const HOP = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

export async function startDiscordRecorder(targetApiBase: string): Promise<DiscordRecorder> {
  const calls: RecordedCall[] = [];
  const scripted: Array<{ method: string; path: RegExp; status: number; body: unknown }> = [];
  const server = createServer((req, res) => {
    void (async () => {
      let raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
      let body: unknown;
      const type = req.headers['content-type'] ?? '';
      let files: UploadedFile[] | undefined;
      if (type.includes('multipart/form-data')) {
        // The twin reads JSON only: check the upload as Discord would, record the files, forward
        // payload_json as the JSON body. A malformed upload is answered here, as Discord answers it.
        let upload: DiscordUpload;
        try {
          upload = checkDiscordUpload(raw, type, method);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          calls.push({ method, path, body: undefined, rejected: reason });
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 50035, message: `Invalid Form Body: ${reason}`, errors: {} }));
          return;
        }
        files = [...upload.files];
        raw = Buffer.from(JSON.stringify(upload.payload));
        req.headers['content-type'] = 'application/json';
      }
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        body = raw.toString('utf8');
      }
      const badMentions = checkAllowedMentions(body);
      if (badMentions) {
        calls.push({ method, path, body, rejected: badMentions });
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 50035, message: `Invalid Form Body: ${badMentions}`, errors: {} }));
        return;
      }
      calls.push({ method, path, body, ...(files ? { files } : {}) });
      const i = scripted.findIndex((s) => s.method === method && s.path.test(path));
      const s = scripted[i];
      if (s) {
        scripted.splice(i, 1);
        res.writeHead(s.status, { 'content-type': 'application/json' }).end(JSON.stringify(s.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && !HOP.has(k) && k !== 'host') headers[k] = v;
      }
      const target = `${targetApiBase}${url.pathname.replace(/^\/api/, '')}${url.search}`;
      const up = await fetch(target, {
        method,
        headers,
        ...(raw.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: raw } : {}),
      });
      const out: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (!HOP.has(k)) out[k] = v;
      });
      const buf = Buffer.from(await up.arrayBuffer());
      res.writeHead(up.status, out).end(buf);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    calls,
    failNext(method, path, status, body) {
      scripted.push({ method, path, status, body });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
