import type { AlertEvent, Destination, DestinationKind, Platform } from '../domain/types.js';
import type { Locale } from '../i18n/locales.js';

/** A send budget: at most `max` sends per `durationMs` milliseconds. */
export interface RateLimit {
  readonly max: number;
  readonly durationMs: number;
}

/**
 * A platform's send limits, declared by its sender (OutboxOptions `limits`, `chatIntervalMs` and
 * `concurrency` override them, e.g. to scale them in tests). Stay a little under the platform's own
 * numbers: the outbox counts gaps from the end of the previous send.
 */
export interface SendLimits {
  /**
   * Bot-wide budget over every chat, shared by every worker and (Redis outbox) replica. Absent: none.
   * Keep windows short: fixed windows can put two bursts back to back, so the worst case over a sliding
   * second is (1000 / durationMs + 1) · max.
   */
  readonly global?: RateLimit;
  /**
   * Minimum gap between two sends into one chat, in ms, by destination kind. A message in N parts takes
   * N gaps. Absent: no per-chat pacing.
   */
  readonly chatGapMs?: Readonly<Record<DestinationKind, number>>;
  /** Concurrent sends per process for this platform. */
  readonly concurrency: number;
}

/**
 * One message to one destination: a digest of the events of one tick (or of a held window),
 * highest priority first. The platform adapter renders it (Telegram HTML, Discord embeds, console text).
 */
export interface OutboundMessage {
  /**
   * Deterministic: derived from (destination, event ids). Enqueueing the same id twice is a no-op, so a
   * tick repeated after a crash cannot double-send. Safe for BullMQ (no ':' and not all digits).
   */
  readonly id: string;
  readonly destination: Destination;
  readonly events: readonly AlertEvent[];
  /** Epoch ms the message was planned. */
  readonly createdAt: number;
  /** 'held': released after quiet hours / mute; the renderer says so. */
  readonly origin: 'tick' | 'held';
  /**
   * Attach a chart of the first level event (the destination's `charts` setting is on and the message
   * has a level event). The PNG is drawn at send time, so the job stays small.
   */
  readonly chart?: boolean;
  /**
   * The destination's time zone (IANA, from its quiet hours) for the times the alert shows; absent: UTC.
   * Not part of the id.
   */
  readonly tz?: string;
  /** The destination's language (issue 22) for everything the message says; absent: English. Not part of the id. */
  readonly locale?: Locale;
  /**
   * Discord role ids to ping with this message (issue 20): the roles of its tokens whose event kinds the
   * destination's `pingOn` lists, each once per digest. Not part of the id.
   */
  readonly pings?: readonly string[];
  /**
   * A daily brief (issue 20) instead of alerts (`events` is empty): the watchlist as it was when the
   * brief was prepared. With `chart`, the card is drawn at send time (one per token set and minute).
   */
  readonly brief?: BriefContent;
}

/** The watchlist a brief carries: plain text, escaped by each platform. */
export interface BriefContent {
  readonly title: string;
  /** Aligned lines with the footnote under them (Telegram `<pre>`, Discord an embed code block). */
  readonly table: readonly string[];
  /** The tokens of the card, in row order. */
  readonly tokens: ReadonlyArray<{ readonly tokenId: number; readonly symbol: string }>;
  /** The minute the data is from (epoch ms); the card is drawn for it. */
  readonly at: number;
}

/** Platform-neutral notice (deactivation reports to moderators, etc.). */
export interface NoticeMessage {
  readonly id: string;
  readonly destination: Destination;
  readonly text: string;
  readonly createdAt: number;
}

/**
 * One signed POST of one event to one webhook (issue 21). Job data is cleartext, so it carries ids and the
 * body only: the URL and the signing secret are read from the webhook store at send time (a webhook
 * removed meanwhile is simply not called).
 */
export interface WebhookDelivery {
  /** Deterministic (`wh~<webhook id>~<event id>`): a repeated delivery pass cannot POST twice. */
  readonly id: string;
  /** The webhook's owner (told when the webhook is removed after a 410). */
  readonly destination: Destination;
  readonly webhookId: string;
  /** The `webhook-id` header: the event's id, so a receiver can dedupe. */
  readonly eventId: string;
  /** The JSON body, signed as is. */
  readonly body: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** The webhook side of the outbox: one request per delivery, and the removal after a 410. */
export interface WebhookSender {
  /**
   * POSTs it, signed. Resolves 'sent' on a 2xx, 'missing' when the webhook no longer exists. Throws
   * SendError: `permanent` for 410 Gone, `rate_limited` for 429, `invalid` when the URL no longer passes the
   * SSRF guard (no request made), `retryable` for everything else.
   */
  send(d: WebhookDelivery, signal: AbortSignal): Promise<'sent' | 'missing'>;
  /** Removes the webhook after a 410; true for the one caller that removed it (it tells the owner). */
  remove(d: WebhookDelivery): Promise<boolean>;
  /** Closes kept-alive connections (the outbox's close calls it). */
  close?(): Promise<void>;
}

/** What the platform confirmed. `messageIds`: the ids of the posted message(s) (a long digest may be split). */
export interface SendReceipt {
  readonly messageIds: readonly string[];
}

/**
 * Send failures as delivery sees them, so the retry logic never imports a platform.
 * - `retryable`: transient (connect error, 5xx, timeout): back off and try again.
 * - `rate_limited`: 429; wait `retryAfterMs` and pause the whole limit domain (`scope: 'global'`) or the chat.
 * - `permanent`: will never succeed (blocked, kicked, DMs closed, missing permissions, unknown channel):
 *   end the job, deactivate the destination with `reason`.
 * - `migrated`: Telegram group became a supergroup, or a forum topic is gone (`topicGone`); re-key to
 *   `migrateTo` and resend.
 * - `invalid`: our request was wrong (400 other than chat not found): dead-letter, do not retry.
 */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    readonly kind: 'retryable' | 'rate_limited' | 'permanent' | 'migrated' | 'invalid',
    readonly details: {
      readonly retryAfterMs?: number;
      readonly scope?: 'global' | 'chat';
      readonly reason?: import('../store/ports.js').DeactivationReason;
      readonly migrateTo?: string;
      /**
       * `migrated` because a Telegram forum topic is gone or closed: `migrateTo` is its chat (General); the
       * topic's subscriptions move there and the group is told once.
       */
      readonly topicGone?: boolean;
      readonly status?: number;
      readonly code?: number | string;
    } = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.kind === 'retryable' || this.kind === 'rate_limited' || this.kind === 'migrated';
  }
}

/**
 * A platform's sending side. Implemented by src/platforms/{console,telegram,discord}.
 * `idempotencyKey` is stable across retries of the same message (Discord uses it as the nonce with
 * enforce_nonce, so a retried send cannot post twice). Throws SendError on failure.
 */
export interface PlatformSender {
  readonly platform: Platform;
  /** How fast this platform accepts messages; the outbox paces this sender by them. */
  readonly limits: SendLimits;
  send(
    message: OutboundMessage,
    idempotencyKey: string,
    signal?: AbortSignal,
    options?: SendOptions,
  ): Promise<SendReceipt>;
  sendNotice(notice: NoticeMessage, idempotencyKey: string, signal?: AbortSignal): Promise<SendReceipt>;
}

/**
 * How one send goes out. `paid`: the outbox gave this send a paid slot (beyond the platform's free rate,
 * Telegram's paid broadcasts): the sender reserves one paid message per API call it makes before making
 * them (throwing SendError code `paid_unavailable` when the reservation is refused) and gives back the
 * reservations of calls that did not go out.
 */
export interface SendOptions {
  readonly paid?: PaidSend;
}

export interface PaidSend {
  /** Reserves `n` paid messages against today's budget; false: nothing reserved (budget spent, or off). */
  reserve(n: number): Promise<boolean>;
  /** Returns `n` reserved messages that were not sent. */
  giveBack(n: number): Promise<void>;
}

/** SendError codes of paid sending (details.code). */
export const PAID_UNAVAILABLE = 'paid_unavailable';
/** The platform refused a paid send for lack of balance (Telegram: not enough Stars). */
export const PAID_REFUSED = 'paid_refused';

export interface DeadLetter {
  readonly id: string;
  readonly message: OutboundMessage | NoticeMessage | WebhookDelivery;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: number;
}

export interface OutboxStats {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly completed: number;
  readonly dead: number;
}

/**
 * The durable hand-off between the tick and the senders. Implementations: in-process (tests),
 * SQLite-persisted (embedded default), BullMQ (Redis). A message counts as sent only after the
 * platform confirmed it.
 */
export interface Outbox {
  /** Durable on return. Messages whose id was already enqueued (or sent within the dedup window) are ignored. */
  enqueue(messages: readonly OutboundMessage[]): Promise<void>;
  enqueueNotices(notices: readonly NoticeMessage[]): Promise<void>;
  /** Webhook requests (issue 21), deduplicated by id like messages; paced per webhook. */
  enqueueWebhooks(deliveries: readonly WebhookDelivery[]): Promise<void>;
  /** Starts the workers that drain the outbox into the senders. */
  start(): Promise<void>;
  /** Resolves when nothing is waiting, active or delayed-for-retry (tests and the demo). */
  drain(timeoutMs?: number): Promise<void>;
  stats(): Promise<OutboxStats>;
  /** The same counts per limit domain (each platform, and `webhook`); a domain with no job at all may be absent. */
  statsByPlatform?(): Promise<ReadonlyMap<Platform | 'webhook', OutboxStats>>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Moves a dead letter back to the queue. Returns false if there is no such id. */
  retryDead(id: string): Promise<boolean>;
  /** Stops workers (waiting for in-flight sends up to a deadline) and releases connections. */
  close(): Promise<void>;
}
