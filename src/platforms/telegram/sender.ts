import { type Api, InputFile } from 'grammy';
import type { AlertChart, AlertChartSource } from '../../charts/attach.js';
import {
  type NoticeMessage,
  type OutboundMessage,
  PAID_REFUSED,
  PAID_UNAVAILABLE,
  type PaidSend,
  type PlatformSender,
  SendError,
  type SendLimits,
  type SendOptions,
  type SendReceipt,
} from '../../delivery/ports.js';
import type { ZoneCache } from '../../domain/format.js';
import { splitTopic } from '../../domain/topics.js';
import type { Destination } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';
import { createScrubber } from '../../obs/scrub.js';
import { isRateLimit, isStarsRefusal, toSendError } from './errors.js';
import { escapeHtml, MESSAGE_LIMIT, splitHtml, stripTags } from './html.js';
import { type Rendered, renderAlert, renderReply } from './render.js';

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
  /** Level alert charts, drawn at send time and sent with sendPhoto. */
  readonly charts?: AlertChartSource;
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

/** Telegram's limit on a photo caption, in visible characters. */
export const CAPTION_LIMIT = 1024;

/** One API call of a send: a text part, or a photo with an optional caption. */
interface Step {
  readonly text?: string;
  readonly photo?: { readonly png: Uint8Array; readonly filename: string };
}

/**
 * The calls of one alert: with a chart, the photo carries the alert as its caption when the whole text
 * fits 1,024 characters, else the photo goes first and the text follows in its usual parts.
 */
export function stepsOf(rendered: Rendered, chart: Step['photo']): Step[] {
  const texts: Step[] = rendered.parts.map((text) => ({ text }));
  if (!chart) return texts;
  const photo = { png: chart.png, filename: chart.filename };
  const only = rendered.parts.length === 1 ? rendered.parts[0] : undefined;
  if (only !== undefined && stripTags(only).length <= CAPTION_LIMIT) return [{ photo, text: only }];
  return [{ photo }, ...texts];
}

export function createTelegramSender(opts: TelegramSenderOptions): PlatformSender {
  const { api, logger } = opts;
  const now = opts.now ?? Date.now;
  // The token travels in every Bot API URL, so error texts from the HTTP layer may carry it.
  const scrub = createScrubber([api.token]);
  const progress = new Map<string, string[]>();
  /** chat id → epoch ms until which that chat is flood-limited (to tell chat floods from bot-wide ones). */
  const floods = new Map<string, number>();
  /** Time-zone and month-name formatters, built once for the sender's life (bounded by the zones in use). */
  const zones: ZoneCache = new Map();

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
    const mapped = toSendError(err, false, scrub);
    floods.set(chatId, t + (mapped.details.retryAfterMs ?? 1000));
    return global;
  }

  async function deliver(
    destination: Destination,
    rendered: Rendered,
    key: string,
    signal: AbortSignal | undefined,
    chart?: AlertChart,
    paid?: PaidSend,
  ): Promise<SendReceipt> {
    if (destination.platform !== 'telegram') {
      throw new SendError(`not a telegram destination: ${destination.platform}`, 'invalid');
    }
    // A forum topic's destination carries its thread: every part goes into that topic.
    const { chatId, threadId } = splitTopic(destination);
    const thread = threadId !== undefined ? { message_thread_id: threadId } : {};
    const ids = [...(progress.get(key) ?? [])];
    let steps = stepsOf(rendered, chart);
    for (let i = ids.length; i < steps.length; i++) {
      const step = steps[i];
      if (step === undefined) break;
      const last = i === steps.length - 1;
      const markup = {
        ...thread,
        ...(last && rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
        ...(paid ? { allow_paid_broadcast: true } : {}),
      };
      // A paid call reserves its 0.1 Star first: the daily budget is never exceeded, even by replicas together.
      if (paid && !(await paid.reserve(1))) {
        throw new SendError('telegram paid broadcast: no budget left today', 'retryable', {
          code: PAID_UNAVAILABLE,
        });
      }
      try {
        // grammY types its signal with the abort-controller shim; Node's AbortSignal is what it uses at runtime.
        const sent =
          step.photo !== undefined
            ? await api.sendPhoto(
                chatId,
                new InputFile(Buffer.from(step.photo.png), step.photo.filename),
                { ...(step.text !== undefined ? { caption: step.text, parse_mode: 'HTML' } : {}), ...markup },
                signal as GrammySignal,
              )
            : await api.sendMessage(
                chatId,
                step.text ?? '',
                { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...markup },
                signal as GrammySignal,
              );
        ids.push(String(sent.message_id));
        if (!last) remember(key, ids);
      } catch (err) {
        if (paid) await paid.giveBack(1).catch(() => undefined);
        if (paid && isStarsRefusal(err)) {
          throw new SendError('telegram refused a paid broadcast: not enough Stars', 'retryable', {
            code: PAID_REFUSED,
          });
        }
        const mapped = toSendError(
          err,
          floodScope(chatId, err),
          scrub,
          threadId !== undefined ? chatId : undefined,
        );
        // A picture Telegram refuses must not cost the alert: send the text alone instead.
        if (
          step.photo !== undefined &&
          (mapped.kind === 'invalid' || mapped.details.status === 404) &&
          ids.length === 0
        ) {
          logger.warn(
            { chat: chatId, msg: mapped.message },
            'telegram refused the chart; sending the alert without it',
          );
          steps = stepsOf(rendered, undefined);
          i = -1;
          continue;
        }
        // Telegram's refusals (blocked, flood wait, migrated) are routine and handled by delivery; a
        // failure without an answer (network, a bug in the process) or a request Telegram called wrong is
        // what an operator must see, with its reason.
        const notice = mapped.kind === 'retryable' || mapped.kind === 'invalid' ? 'warn' : 'debug';
        logger[notice](
          { chat: chatId, kind: mapped.kind, part: i, status: mapped.details.status, reason: mapped.message },
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
    async send(message: OutboundMessage, key: string, signal?: AbortSignal, options?: SendOptions) {
      const chart = await opts.charts?.(message);
      // A daily brief renders like the /watchlist reply: title and a <pre> table, the card as its photo.
      const rendered = message.brief
        ? renderReply(
            { kind: 'info', title: message.brief.title, lines: [], table: message.brief.table },
            undefined,
          )
        : renderAlert(message, MESSAGE_LIMIT, zones);
      return deliver(message.destination, rendered, key, signal, chart, options?.paid);
    },
    sendNotice(notice: NoticeMessage, key: string, signal?: AbortSignal) {
      return deliver(notice.destination, { parts: splitHtml(escapeHtml(notice.text)) }, key, signal);
    },
  };
}
