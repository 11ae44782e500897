import { createHash } from 'node:crypto';
import { REST, Routes } from 'discord.js';
import type { AlertChartSource } from '../../charts/attach.js';
import {
  type NoticeMessage,
  type OutboundMessage,
  type PlatformSender,
  SendError,
  type SendLimits,
  type SendReceipt,
} from '../../delivery/ports.js';
import type { ZoneCache } from '../../domain/format.js';
import type { Logger } from '../../obs/logger.js';
import { createScrubber } from '../../obs/scrub.js';
import { mapDiscordError } from './errors.js';
import { type MessageBody, renderAlert, renderBrief, renderNotice } from './render.js';

/**
 * Discord allows 50 requests/s per bot; 10 per 250 ms stays at 40/s on average and at most 50 over any
 * sliding second (see SendLimits.global). Per-channel buckets are Discord's to enforce (a chat-scoped 429).
 */
export const DISCORD_LIMITS: SendLimits = { global: { max: 10, durationMs: 250 }, concurrency: 8 };

/** Discord's "Missing Permissions" error code. */
const MISSING_PERMISSIONS = 50013;

/** Discord accepts a nonce of at most 25 characters. */
export const NONCE_LENGTH = 25;

/**
 * A nonce derived from the delivery idempotency key (and the part index of a split digest): the same
 * message retried gets the same nonce, and with `enforce_nonce: true` Discord returns the message it
 * already created instead of posting a second one.
 */
export function nonceFor(idempotencyKey: string, part = 0): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('base64url').slice(0, NONCE_LENGTH);
}

/**
 * The REST client the sender uses. Unlike the interaction client, it never waits out a 429 or retries
 * by itself: `rejectOnRateLimit` makes @discordjs/rest throw a RateLimitError (mapped to a
 * `rate_limited` SendError with retry_after), and `retries: 0` leaves 5xx/network retries to the
 * delivery layer, which backs off, counts attempts and dead-letters. Bucket tracking from the
 * X-RateLimit headers still applies (a known-empty bucket throws before sending).
 */
export function createSenderRest(opts: { token: string; apiBase: string; timeoutMs?: number }): REST {
  return new REST({
    api: opts.apiBase,
    version: '10',
    rejectOnRateLimit: () => true,
    retries: 0,
    timeout: opts.timeoutMs ?? 15_000,
  }).setToken(opts.token);
}

export interface DiscordSenderOptions {
  readonly rest: REST;
  readonly logger: Logger;
  /**
   * Values never to repeat (the bot token): scrubbed, in every encoding, from the text of errors thrown
   * inside the process before it goes into a SendError, a log line or the dead-letter list. Default none.
   */
  readonly secrets?: readonly string[];
  /** Level alert charts, drawn at send time and uploaded with the message. */
  readonly charts?: AlertChartSource;
}

/** A file uploaded with the body that declares it in `attachments`. */
export interface UploadFile {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface DiscordSender extends PlatformSender {
  /** Opens (once, then cached) the DM channel with a user; returns its channel id. Throws SendError. */
  dmChannel(userId: string, signal?: AbortSignal): Promise<string>;
  /** Posts raw bodies to a channel with nonces derived from `key`. Throws SendError. */
  post(
    channelId: string,
    bodies: readonly MessageBody[],
    key: string,
    signal?: AbortSignal,
    file?: UploadFile,
  ): Promise<SendReceipt>;
}

function idOf(res: unknown): string {
  if (typeof res === 'object' && res !== null && 'id' in res && typeof res.id === 'string') return res.id;
  throw new Error('Discord answered without an id');
}

export function createDiscordSender(opts: DiscordSenderOptions): DiscordSender {
  const { rest, logger } = opts;
  const scrub = createScrubber(opts.secrets ?? []);
  // userId → DM channel id. Promises, so concurrent sends to one user open the channel once.
  const dms = new Map<string, Promise<string>>();
  /** Time-zone and month-name formatters, built once for the sender's life (bounded by the zones in use). */
  const zones: ZoneCache = new Map();

  async function dmChannel(userId: string, signal?: AbortSignal): Promise<string> {
    const cached = dms.get(userId);
    if (cached) return cached;
    const opening = rest
      .post(Routes.userChannels(), { body: { recipient_id: userId }, ...(signal ? { signal } : {}) })
      .then(idOf)
      .catch((err: unknown) => {
        dms.delete(userId);
        throw mapDiscordError(err, scrub);
      });
    dms.set(userId, opening);
    return opening;
  }

  async function post(
    channelId: string,
    bodies: readonly MessageBody[],
    key: string,
    signal?: AbortSignal,
    file?: UploadFile,
  ): Promise<SendReceipt> {
    const messageIds: string[] = [];
    for (const [i, body] of bodies.entries()) {
      // The body that declares the attachment uploads it (multipart: payload_json + files[0]).
      const upload = file && body.attachments?.some((a) => a.filename === file.name);
      try {
        const res = await rest.post(Routes.channelMessages(channelId), {
          body: { ...body, nonce: nonceFor(key, i), enforce_nonce: true },
          ...(upload
            ? { files: [{ name: file.name, data: Buffer.from(file.data), contentType: 'image/png' }] }
            : {}),
          ...(signal ? { signal } : {}),
        });
        messageIds.push(idOf(res));
      } catch (err) {
        const mapped = mapDiscordError(err, scrub);
        // The reason is the line an operator reads first: "retryable" alone says nothing.
        logger.warn(
          {
            channelId,
            part: i,
            kind: mapped.kind,
            status: mapped.details.status,
            code: mapped.details.code,
            reason: mapped.message,
          },
          'discord send failed',
        );
        throw mapped;
      }
    }
    return { messageIds };
  }

  async function target(dest: OutboundMessage['destination'], signal?: AbortSignal): Promise<string> {
    return dest.kind === 'dm' ? dmChannel(dest.id, signal) : dest.id;
  }

  return {
    platform: 'discord',
    limits: DISCORD_LIMITS,
    dmChannel,
    post,
    async send(message, idempotencyKey, signal) {
      const channelId = await target(message.destination, signal);
      const chart = await opts.charts?.(message);
      try {
        const bodies = message.brief
          ? [renderBrief(message.brief, chart)]
          : renderAlert(message, chart, zones);
        const file = chart ? { name: chart.filename, data: chart.png } : undefined;
        try {
          return await post(channelId, bodies, idempotencyKey, signal, file);
        } catch (err) {
          // Uploading needs Attach Files: a channel that grants the rest still gets the alert, without its
          // chart, instead of being switched off for missing permissions. Same key: same nonces.
          if (!file || !(err instanceof SendError) || err.details.code !== MISSING_PERMISSIONS) throw err;
          logger.warn(
            { channelId },
            'discord: no Attach Files permission here; alert sent without its chart',
          );
          const bare = message.brief ? [renderBrief(message.brief)] : renderAlert(message, undefined, zones);
          return await post(channelId, bare, idempotencyKey, signal);
        }
      } catch (err) {
        // A cached DM channel that vanished: forget it so the next attempt reopens.
        if (message.destination.kind === 'dm' && err instanceof SendError && err.details.code === 10003) {
          dms.delete(message.destination.id);
        }
        throw err;
      }
    },
    async sendNotice(notice: NoticeMessage, idempotencyKey, signal) {
      const channelId = await target(notice.destination, signal);
      return post(channelId, [renderNotice(notice.text)], idempotencyKey, signal);
    },
  };
}
