import type { Api } from 'grammy';
import {
  type NoticeMessage,
  type OutboundMessage,
  type PlatformSender,
  SendError,
  type SendLimits,
  type SendReceipt,
} from '../../delivery/ports.js';
import type { Destination } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';
import { isRateLimit, toSendError } from './errors.js';
import { escapeHtml, splitHtml } from './html.js';
import { type Rendered, renderAlert } from './render.js';

/**
 * The outbox's Telegram sender. It runs on its own grammY `Api` WITHOUT auto-retry: delivery owns the
 * retry policy (it pauses the whole limit domain on 429 and backs off on 5xx), so the sender must
 * report a flood wait at once instead of sleeping inside a worker.
 *
 * Split digests: parts already confirmed for an idempotency key are remembered (in memory, bounded),
 * so a retry after part 2 failed resumes at part 2 instead of posting part 1 twice. A process crash
 * forgets this; that is the "at most the sends in flight" duplicate window of Telegram.
 */
export interface TelegramSenderOptions {
  readonly api: Api;
  readonly logger: Logger;
  /** For tests. Default Date.now. */
  readonly now?: () => number;
}

type GrammySignal = Parameters<Api['sendMessage']>[3];

/**
 * Telegram's published limits are about 30 messages/s bot-wide, 1 message/s per chat and 20 messages/min
 * per group. These stay a little under them.
 */
export const TELEGRAM_LIMITS: SendLimits = {
  // 5 per 200 ms: 25/s on average, at most 30 over any sliding second (see SendLimits.global).
  global: { max: 5, durationMs: 200 },
  // dm: 1 msg/s; group and channel: 20 msg/min (which also covers 1 msg/s). Gaps count from the end of a send.
  chatGapMs: { dm: 1050, group: 3050, channel: 3050 },
  concurrency: 8,
};

/** Keys of partially sent messages remembered at most (oldest dropped first). */
const MAX_PROGRESS = 1000;

export function createTelegramSender(opts: TelegramSenderOptions): PlatformSender {
  const { api, logger } = opts;
  const now = opts.now ?? Date.now;
  const progress = new Map<string, string[]>();
  /** chat id → epoch ms until which that chat is flood-limited (to tell chat floods from bot-wide ones). */
  const floods = new Map<string, number>();

  function remember(key: string, ids: string[]): void {
    progress.delete(key);
    progress.set(key, ids);
    while (progress.size > MAX_PROGRESS) {
      const oldest = progress.keys().next().value;
      if (oldest === undefined) break;
      progress.delete(oldest);
    }
  }

  /** A 429 while another chat is also flood-limited looks bot-wide: report scope 'global'. */
  function floodScope(chatId: string, err: unknown): boolean {
    if (!isRateLimit(err)) return false;
    const t = now();
    for (const [chat, until] of floods) if (until <= t) floods.delete(chat);
    const global = [...floods.keys()].some((c) => c !== chatId);
    const mapped = toSendError(err);
    floods.set(chatId, t + (mapped.details.retryAfterMs ?? 1000));
    return global;
  }

  async function deliver(
    destination: Destination,
    rendered: Rendered,
    key: string,
    signal: AbortSignal | undefined,
  ): Promise<SendReceipt> {
    if (destination.platform !== 'telegram') {
      throw new SendError(`not a telegram destination: ${destination.platform}`, 'invalid');
    }
    const chatId = destination.id;
    const ids = [...(progress.get(key) ?? [])];
    for (let i = ids.length; i < rendered.parts.length; i++) {
      const text = rendered.parts[i];
      if (text === undefined) break;
      const last = i === rendered.parts.length - 1;
      try {
        const sent = await api.sendMessage(
          chatId,
          text,
          {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last && rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
          },
          // grammY types its signal with the abort-controller shim; Node's AbortSignal is what it uses at runtime.
          signal as GrammySignal,
        );
        ids.push(String(sent.message_id));
        if (!last) remember(key, ids);
      } catch (err) {
        const mapped = toSendError(err, floodScope(chatId, err));
        logger.debug(
          { chat: chatId, kind: mapped.kind, part: i, msg: mapped.message },
          'telegram send failed',
        );
        throw mapped;
      }
    }
    progress.delete(key);
    return { messageIds: ids };
  }

  return {
    platform: 'telegram',
    limits: TELEGRAM_LIMITS,
    send(message: OutboundMessage, key: string, signal?: AbortSignal) {
      return deliver(message.destination, renderAlert(message), key, signal);
    },
    sendNotice(notice: NoticeMessage, key: string, signal?: AbortSignal) {
      return deliver(notice.destination, { parts: splitHtml(escapeHtml(notice.text)) }, key, signal);
    },
  };
}
