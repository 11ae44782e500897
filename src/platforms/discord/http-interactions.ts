import { createPublicKey, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Client, PermissionsBitField, REST, Routes } from 'discord.js';
import type { ArgValue, Reply } from '#commands/types.js';
import type { Translate } from '../../i18n/catalog.js';
import type { Logger } from '../../obs/logger.js';
import { checkPingRole, resolveGuildChannel } from './channels.js';
import { type Incoming, type InteractionDeps, type Responder, runInteraction } from './interaction-core.js';
import { renderReply } from './render.js';

/** Where Discord POSTs interactions (the Interactions Endpoint URL is `https://<host>` + this). */
export const INTERACTIONS_PATH = '/discord/interactions';

/** DER header of an Ed25519 SubjectPublicKeyInfo: the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Bodies above this are refused (Discord's payloads are a few KB). */
const MAX_BODY = 1 << 20;
/** Answer in the HTTP response when the command is this fast; else defer (type 5) and edit. Discord waits 3 s. */
const INLINE_MS = 2_000;
/** A signed request older (or newer) than this is refused: a captured request cannot be replayed later. */
const MAX_SKEW_S = 300;

/** The application's public key (64 hex digits) as a node:crypto key. Throws on a malformed key. */
export function publicKeyOf(hex: string) {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new Error('DISCORD_PUBLIC_KEY must be 32 bytes (64 hex digits)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Discord's check: Ed25519 over `timestamp + raw body` with the application's public key. */
export function verifySignature(
  key: ReturnType<typeof createPublicKey>,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

interface RawOption {
  name: string;
  type: number;
  value?: ArgValue;
  focused?: boolean;
  options?: RawOption[];
}
interface RawInteraction {
  id: string;
  type: number;
  token: string;
  application_id: string;
  guild_id?: string;
  locale?: string;
  guild_locale?: string;
  channel_id?: string;
  channel?: { id?: string };
  member?: { permissions?: string; user?: { id: string } };
  user?: { id: string };
  data?: { name?: string; options?: RawOption[]; custom_id?: string; component_type?: number };
}

/** The raw interaction as the shared steps read it (subcommands flattened like discord.js does). */
export function incomingOfRaw(raw: RawInteraction): Incoming | undefined {
  const kind =
    raw.type === 2 ? 'command' : raw.type === 4 ? 'autocomplete' : raw.type === 3 ? 'button' : undefined;
  const userId = raw.member?.user?.id ?? raw.user?.id;
  if (!kind || !userId) return undefined;
  let opts = raw.data?.options ?? [];
  let sub: string | undefined;
  // 2 = subcommand group, 1 = subcommand: their options are the command's.
  for (let o = opts[0]; o && (o.type === 1 || o.type === 2); o = opts[0]) {
    sub = o.name;
    opts = o.options ?? [];
  }
  const options = new Map<string, ArgValue>();
  let focused: { name: string; value: string } | undefined;
  for (const o of opts) {
    if (o.value === undefined || o.value === null) continue;
    options.set(o.name, o.value);
    if (o.focused) focused = { name: o.name, value: String(o.value) };
  }
  const channelId = raw.channel_id ?? raw.channel?.id;
  const perms = raw.member?.permissions;
  return {
    kind,
    type: raw.type,
    name: raw.data?.name ?? '',
    sub,
    options,
    focused,
    customId: raw.data?.custom_id,
    userId,
    ...(raw.guild_id && channelId ? { guildId: raw.guild_id, channelId } : {}),
    memberPermissions: perms && /^\d+$/.test(perms) ? new PermissionsBitField(BigInt(perms)).freeze() : null,
    locale: typeof raw.locale === 'string' ? raw.locale : undefined,
    guildLocale: typeof raw.guild_locale === 'string' ? raw.guild_locale : undefined,
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The reply as a message body (+ the chart PNG as an upload); ephemeral like the gateway's deferReply. */
function messageOf(reply: Reply) {
  const r = renderReply(reply);
  const body = {
    content: r.content,
    components: r.components,
    allowed_mentions: r.allowedMentions,
    flags: 64,
    ...(r.embeds ? { embeds: r.embeds } : {}),
    ...(reply.image
      ? {
          attachments: [
            { id: 0, filename: reply.image.filename, description: reply.image.alt.slice(0, 1000) },
          ],
        }
      : {}),
  };
  const files = reply.image ? [{ name: reply.image.filename, data: Buffer.from(reply.image.png) }] : [];
  return { body, files };
}

/**
 * Answers one interaction over HTTP: in the response itself (type 4, or 8 for autocomplete) when the
 * command is done within 2 s and has no picture; otherwise a deferred response (type 5) first and the
 * answer as an edit of the original (PATCH /webhooks/<app>/<token>/messages/@original).
 */
function httpResponder(res: ServerResponse, raw: RawInteraction, rest: REST): Responder {
  let responded = false;
  let timer: NodeJS.Timeout | undefined;
  const respond = (body: unknown) => {
    if (responded) return false;
    responded = true;
    clearTimeout(timer);
    json(res, 200, body);
    return true;
  };
  const defer = () => respond({ type: 5, data: { flags: 64 } });
  const edit = async (reply: Reply) => {
    const { body, files } = messageOf(reply);
    defer();
    await rest.patch(Routes.webhookMessage(raw.application_id, raw.token, '@original'), {
      body,
      files,
      auth: false,
    });
  };
  return {
    async ack() {
      timer = setTimeout(defer, INLINE_MS);
    },
    async answer(reply) {
      if (!reply.image && respond({ type: 4, data: messageOf(reply).body })) return;
      await edit(reply);
    },
    choices: async (list) => void respond({ type: 8, data: { choices: list } }),
    async fail(reply) {
      if (respond({ type: 4, data: messageOf(reply).body })) return;
      await edit(reply);
    },
  };
}

export interface HttpInteractionsDeps {
  readonly publicKey: string;
  readonly token: string;
  readonly apiBase: string;
  readonly applicationId: string;
  /** A discord.js client used for REST lookups only (never logged in): `/channel subscribe` checks. */
  readonly client: Client;
  readonly logger: Logger;
  readonly interactions: () => InteractionDeps | undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST /discord/interactions`: Discord's HTTP interactions (DISCORD_INTERACTIONS=http). Every request
 * is verified (Ed25519, DISCORD_PUBLIC_KEY) before anything else: a bad or missing signature gets 401,
 * as Discord's own endpoint checks demand. PING gets PONG; commands, autocomplete and buttons go
 * through the same steps as the gateway's (interaction-core.ts). Any replica can answer.
 */
export function httpInteractions(d: HttpInteractionsDeps) {
  const key = publicKeyOf(d.publicKey);
  const rest = new REST({ api: d.apiBase, version: '10' }).setToken(d.token);
  const guild = {
    channel: (guildId: string, channelId: string, t: Translate) =>
      resolveGuildChannel(d.client, guildId, channelId, t, d.applicationId),
    pingRole: (guildId: string, roleId: string, channelId: string, t: Translate) =>
      checkPingRole(d.client, guildId, roleId, channelId, t, d.applicationId),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (!body) return json(res, 413, { message: 'payload too large' });
    const sig = req.headers['x-signature-ed25519'];
    const ts = req.headers['x-signature-timestamp'];
    const stamp = typeof ts === 'string' ? Number(ts) : Number.NaN;
    const fresh = Number.isFinite(stamp) && Math.abs(Date.now() / 1000 - stamp) <= MAX_SKEW_S;
    if (!fresh || !verifySignature(key, typeof sig === 'string' ? sig : undefined, ts as string, body)) {
      return json(res, 401, { message: 'invalid request signature' });
    }
    let raw: RawInteraction;
    try {
      raw = JSON.parse(body.toString('utf8')) as RawInteraction;
    } catch {
      return json(res, 400, { message: 'invalid JSON' });
    }
    if (raw.type === 1) return json(res, 200, { type: 1 });
    const deps = d.interactions();
    const inc = incomingOfRaw(raw);
    if (!deps || !inc) return json(res, 400, { message: 'unsupported interaction' });
    await runInteraction(inc, httpResponder(res, raw, rest), deps, guild);
    // A failed autocomplete answers nothing by itself; Discord still wants a response to its request.
    if (!res.headersSent) json(res, 200, { type: 8, data: { choices: [] } });
  }

  return {
    handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== INTERACTIONS_PATH) return false;
      if (req.method !== 'POST') {
        json(res, 405, { message: 'method not allowed' });
        return true;
      }
      handle(req, res).catch((err: unknown) => {
        d.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'discord http interaction failed',
        );
        if (!res.headersSent) json(res, 500, { message: 'internal error' });
      });
      return true;
    },
  };
}
