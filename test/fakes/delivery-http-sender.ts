import { type Dispatcher, Pool } from 'undici';
import {
  type NoticeMessage,
  type OutboundMessage,
  PAID_REFUSED,
  PAID_UNAVAILABLE,
  type PaidSend,
  type PlatformSender,
  SendError,
  type SendOptions,
  type SendReceipt,
} from '#src/delivery/ports.js';
import type { Platform } from '#src/domain/types.js';
import { DISCORD_LIMITS } from '#src/platforms/discord/sender.js';
import { TELEGRAM_LIMITS } from '#src/platforms/telegram/sender.js';

/**
 * Test-only PlatformSender speaking to test/fakes/limit-platform.ts over HTTP (undici), mapping its
 * answers onto SendError the way the real senders do. The text of each post is the message id, so the
 * fake can count duplicates. `sequential` and the counters serve the benchmark.
 */
export interface HttpSender extends PlatformSender {
  readonly sent: { ok: number; failed: number };
  close(): Promise<void>;
}

export function createHttpSender(
  platform: Platform,
  flavour: 'telegram' | 'discord',
  url: string,
  connections = 64,
  workerId?: string,
): HttpSender {
  const pool = new Pool(url, {
    connections,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    keepAliveTimeout: 10_000,
  });
  const sent = { ok: 0, failed: 0 };

  async function post(
    chat: string,
    text: string,
    key: string,
    signal?: AbortSignal,
    paid?: PaidSend,
  ): Promise<SendReceipt> {
    const tg = flavour === 'telegram';
    // As the Telegram sender does: reserve the paid message first, give it back if it does not go out.
    if (paid && !(await paid.reserve(1))) {
      throw new SendError('paid: no budget', 'retryable', { code: PAID_UNAVAILABLE });
    }
    try {
      return await request(chat, text, key, tg, signal, paid !== undefined);
    } catch (err) {
      if (paid) await paid.giveBack(1);
      if (paid && err instanceof SendError && /stars/i.test(err.message) && /not enough/i.test(err.message)) {
        throw new SendError(err.message, 'retryable', { code: PAID_REFUSED });
      }
      throw err;
    }
  }

  async function request(
    chat: string,
    text: string,
    key: string,
    tg: boolean,
    signal: AbortSignal | undefined,
    paid: boolean,
  ): Promise<SendReceipt> {
    let res: Dispatcher.ResponseData;
    try {
      res = await pool.request({
        method: 'POST',
        path: tg ? '/botTEST/sendMessage' : `/api/v10/channels/${encodeURIComponent(chat)}/messages`,
        headers: { 'content-type': 'application/json', ...(workerId ? { 'x-worker': workerId } : {}) },
        body: JSON.stringify(
          tg
            ? { chat_id: chat, text, ...(paid ? { allow_paid_broadcast: true } : {}) }
            : { content: text, nonce: key, enforce_nonce: true },
        ),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      sent.failed++;
      throw new SendError(`connect: ${(err as Error).message}`, 'retryable');
    }
    const body = (await res.body.json().catch(() => ({}))) as Record<string, unknown>;
    const status = res.statusCode;
    if (status === 200) {
      sent.ok++;
      const id = tg ? (body.result as { message_id: number }).message_id : body.id;
      return { messageIds: [String(id)] };
    }
    sent.failed++;
    throw tg ? telegramError(status, body, res.headers) : discordError(status, body);
  }

  return {
    platform,
    // The real senders' numbers: tests that need other ones pass OutboxOptions overrides.
    limits: flavour === 'telegram' ? TELEGRAM_LIMITS : DISCORD_LIMITS,
    sent,
    send: (m: OutboundMessage, key: string, signal?: AbortSignal, options?: SendOptions) =>
      post(m.destination.id, m.id, key, signal, options?.paid),
    sendNotice: (n: NoticeMessage, key: string, signal?: AbortSignal) =>
      post(n.destination.id, n.id, key, signal),
    close: () => pool.close(),
  };
}

function telegramError(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, unknown>,
): SendError {
  const description = String(body.description ?? '');
  const params = (body.parameters ?? {}) as { retry_after?: number; migrate_to_chat_id?: number };
  if (status === 429) {
    // Real Telegram does not say which limit was hit; the fake tells the test sender via a header.
    const scope = headers['x-fake-scope'] === 'chat' ? 'chat' : 'global';
    return new SendError(description, 'rate_limited', {
      retryAfterMs: (params.retry_after ?? 1) * 1000,
      scope,
      status,
    });
  }
  if (status >= 500) return new SendError(description, 'retryable', { status });
  if (params.migrate_to_chat_id !== undefined) {
    return new SendError(description, 'migrated', { migrateTo: String(params.migrate_to_chat_id), status });
  }
  if (status === 403) {
    return new SendError(description, 'permanent', {
      reason: /kicked/.test(description) ? 'kicked' : 'blocked',
      status,
    });
  }
  if (status === 400 && /chat not found/.test(description)) {
    return new SendError(description, 'permanent', { reason: 'not_found', status });
  }
  return new SendError(description, 'invalid', { status });
}

function discordError(status: number, body: Record<string, unknown>): SendError {
  const code = Number(body.code ?? 0);
  const message = String(body.message ?? '');
  if (status === 429) {
    const retryAfterMs = Number(body.retry_after ?? 1) * 1000;
    return new SendError(message, 'rate_limited', {
      retryAfterMs,
      scope: body.global === true ? 'global' : 'chat',
      status,
    });
  }
  if (status >= 500) return new SendError(message, 'retryable', { status });
  if (code === 50007) return new SendError(message, 'permanent', { reason: 'dms_closed', status, code });
  if (code === 50013)
    return new SendError(message, 'permanent', { reason: 'missing_permissions', status, code });
  if (code === 10003) return new SendError(message, 'permanent', { reason: 'not_found', status, code });
  return new SendError(message, 'invalid', { status, code });
}
