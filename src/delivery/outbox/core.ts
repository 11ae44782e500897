import type { Logger } from 'pino';
import { generalOf, splitTopic } from '../../domain/topics.js';
import { type Destination, destinationKey, type Platform } from '../../domain/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';
import { type Locale, SOURCE_LOCALE } from '../../i18n/locales.js';
import type { Metrics } from '../../obs/metrics.js';
import type { DeactivationReason, DestinationStatusStore, SubscriptionStore } from '../../store/ports.js';
import {
  type NoticeMessage,
  type OutboundMessage,
  PAID_REFUSED,
  PAID_UNAVAILABLE,
  type PaidSend,
  type PlatformSender,
  SendError,
  type WebhookDelivery,
  type WebhookSender,
} from '../ports.js';
import { type Domain, type ResolvedOptions, WEBHOOK_GAP_MS } from './options.js';
import type { ChatPacer } from './pacing.js';
import type { PaidLane } from './paid.js';

/** What a queued job carries. Only ids and alert facts: never a token or secret (job data is cleartext). */
export type Payload =
  | { readonly kind: 'message'; readonly message: OutboundMessage }
  | { readonly kind: 'notice'; readonly notice: NoticeMessage }
  | { readonly kind: 'webhook'; readonly webhook: WebhookDelivery };

/**
 * Reads a stored payload (SQLite row JSON, BullMQ job data) in the current shape. Jobs queued before the
 * fields had names (`{ t: 'm', m }` / `{ t: 'n', n }`) are still read, so an upgrade with a full queue
 * loses nothing. Throws on anything else (the backend dead-letters or logs it).
 */
export function readPayload(raw: unknown): Payload {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (r.kind === 'message' && typeof r.message === 'object' && r.message !== null) {
    return { kind: 'message', message: r.message as OutboundMessage };
  }
  if (r.kind === 'notice' && typeof r.notice === 'object' && r.notice !== null) {
    return { kind: 'notice', notice: r.notice as NoticeMessage };
  }
  if (r.kind === 'webhook' && typeof r.webhook === 'object' && r.webhook !== null) {
    return { kind: 'webhook', webhook: r.webhook as WebhookDelivery };
  }
  if (r.t === 'm' && typeof r.m === 'object' && r.m !== null) {
    return { kind: 'message', message: r.m as OutboundMessage };
  }
  if (r.t === 'n' && typeof r.n === 'object' && r.n !== null) {
    return { kind: 'notice', notice: r.n as NoticeMessage };
  }
  throw new Error('outbox: unreadable payload');
}

export function payloadMessage(p: Payload): OutboundMessage | NoticeMessage | WebhookDelivery {
  return p.kind === 'message' ? p.message : p.kind === 'notice' ? p.notice : p.webhook;
}

/** The limit domain (queue) of a payload: its platform, or `webhook`. */
export function payloadDomain(p: Payload): Domain {
  return p.kind === 'webhook' ? 'webhook' : payloadMessage(p).destination.platform;
}

/**
 * The pacing lane of a payload: a chat (platforms that pace per chat) or a webhook (5 requests/s each),
 * or undefined when none applies.
 */
export function laneOf(p: Payload, opts: ResolvedOptions): { key: string; interval: number } | undefined {
  if (p.kind === 'webhook') return { key: `webhook:${p.webhook.webhookId}`, interval: WEBHOOK_GAP_MS };
  const dest = payloadDestination(p);
  const interval = opts.chatInterval(dest);
  return interval === undefined ? undefined : { key: destinationKey(dest), interval };
}

export function payloadDestination(p: Payload): Destination {
  return payloadMessage(p).destination;
}

/** One delivery attempt as the shared worker logic sees it, whatever the backend. */
export interface JobView {
  readonly id: string;
  readonly payload: Payload;
  /** Failed send attempts so far (not counting pacing or 429 pauses). */
  readonly attemptsMade: number;
  /** 429s this message met so far. */
  readonly rateLimitHits: number;
  /** The message holds a reserved pacing slot of its chat. */
  readonly ownsSlot: boolean;
  /** The backend gave this send a paid slot (beyond the free rate): how it reserves it. */
  readonly paid?: PaidSend | undefined;
}

/** What the backend must do with the job next. */
export type Outcome =
  | { readonly kind: 'sent'; readonly parts: number }
  /** Finished without a send: the destination was deactivated, or the message was re-addressed. */
  | { readonly kind: 'ended'; readonly why: 'deactivated' | 'migrated' | 'webhook_gone' | 'webhook_missing' }
  /** Park until `until` without counting an attempt (chat pacing, chat-scoped 429). */
  | { readonly kind: 'defer'; readonly until: number; readonly ownsSlot: boolean }
  /** Global 429: pause the whole limit domain for `ms`, then try the same message again. */
  | { readonly kind: 'pause'; readonly ms: number }
  | { readonly kind: 'retry'; readonly error: string }
  | { readonly kind: 'dead'; readonly error: string };

export interface CoreDeps {
  readonly opts: ResolvedOptions;
  readonly senders: ReadonlyMap<Platform, PlatformSender>;
  readonly subscriptions: Pick<SubscriptionStore, 'rekey'>;
  readonly destinations: Pick<DestinationStatusStore, 'deactivate'>;
  readonly logger: Logger | undefined;
  readonly metrics: Pick<Metrics, 'messages'> | undefined;
  readonly pacer: ChatPacer;
  readonly onDeactivated: ((d: Destination, reason: DeactivationReason) => void | Promise<void>) | undefined;
  /** Paid sending beyond the free rate (Telegram paid broadcasts), when configured. */
  readonly paid?: PaidLane | undefined;
  /** First caller for `key` gets true (deactivation reports happen once per destination). */
  claimOnce(key: string): Promise<boolean>;
  /** Durably enqueues the re-addressed copy of a migrated message (or notice), or a topic-gone notice. */
  enqueueMigrated(payload: Payload): Promise<void>;
  /** Called after the platform confirmed a message (the /export log, issue 21). */
  readonly onDelivered?: ((message: OutboundMessage, at: number) => Promise<void>) | undefined;
  /** Webhook deliveries (issue 21); absent: they are dead-lettered. */
  readonly webhooks?: WebhookSender | undefined;
  /** Durably enqueues notices (a webhook owner told of its removal). */
  enqueueNotices(notices: readonly NoticeMessage[]): Promise<void>;
  /** A destination's language, for the notices written here (issue 22); absent: English. */
  readonly localeOf?: ((d: Destination) => Promise<Locale>) | undefined;
}

/** Exponential backoff with ±50 % jitter: base · 2^(attempt-1). `attempt` starts at 1. */
export function backoffDelay(base: number, attempt: number, random = Math.random): number {
  const d = base * 2 ** Math.max(0, attempt - 1);
  return Math.round(d * (0.5 + random()));
}

/** BullMQ job ids must not contain ':' and must not be all digits; map any id onto a safe one, stably. */
export function safeJobId(id: string): string {
  const s = id.replace(/:/g, '_');
  return /^\d+$/.test(s) ? `m${s}` : s;
}

export function errorText(err: unknown): string {
  if (err instanceof SendError) return `${err.kind}: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * One attempt at one message: pacing, the send, and the reaction to its failure. Backends map the
 * outcome onto their own states (BullMQ errors, SQLite rows). A message is "sent" only after the
 * platform sender resolved, i.e. the platform confirmed it.
 */
export async function attempt(job: JobView, deps: CoreDeps): Promise<Outcome> {
  const { opts } = deps;
  if (job.payload.kind === 'webhook') throw new Error('outbox: webhook jobs go through attemptWebhook');
  const dest = payloadDestination(job.payload);
  const platform = dest.platform;
  const count = (outcome: string) => deps.metrics?.messages.inc({ platform, outcome });
  const sender = deps.senders.get(platform);
  if (!sender) return { kind: 'dead', error: `invalid: no sender for platform ${platform}` };

  // Telegram paces a forum group as one chat, whichever topic a message goes to.
  const chat = destinationKey(generalOf(dest));
  const interval = opts.chatInterval(dest);
  if (interval !== undefined) {
    const c = await deps.pacer.claim(chat, interval, Date.now(), job.ownsSlot, opts.sendTimeoutMs + 1000);
    if (!c.go) return { kind: 'defer', until: c.at, ownsSlot: true };
  }

  const key = job.id;
  const signal = AbortSignal.timeout(opts.sendTimeoutMs);
  let parts = 1;
  try {
    const receipt =
      job.payload.kind === 'message'
        ? await sender.send(job.payload.message, key, signal, job.paid ? { paid: job.paid } : undefined)
        : await sender.sendNotice(job.payload.notice, key, signal);
    parts = Math.max(1, receipt.messageIds.length);
    count('sent');
    if (job.payload.kind === 'message') await noteDelivered(job.payload.message, deps);
    return { kind: 'sent', parts };
  } catch (err) {
    return await onFailure(err, job, deps, { dest, chat, interval, count });
  } finally {
    // The platform saw the request somewhere between its start and now, so the chat's next gap counts from
    // now. Each part of a split message takes a gap. (A chat-scoped 429 pushed it further already.)
    if (interval !== undefined) {
      const end = Date.now();
      await deps.pacer.release(chat, end + parts * interval, interval, end);
    }
  }
}

/** Tells `onDelivered` (the /export log); its failure is logged, never retried as a send (no double post). */
async function noteDelivered(message: OutboundMessage, deps: CoreDeps): Promise<void> {
  try {
    await deps.onDelivered?.(message, deps.opts.now());
  } catch (err) {
    deps.logger?.warn({ id: message.id, err: deps.opts.scrub(errorText(err)) }, 'delivery log write failed');
  }
}

async function onFailure(
  err: unknown,
  job: JobView,
  deps: CoreDeps,
  ctx: { dest: Destination; chat: string; interval: number | undefined; count: (o: string) => void },
): Promise<Outcome> {
  const { opts } = deps;
  const { dest, count } = ctx;
  const text = opts.scrub(errorText(err));
  const kind = err instanceof SendError ? err.kind : 'retryable';
  const details = err instanceof SendError ? err.details : {};
  const log = deps.logger;

  if (details.code === PAID_UNAVAILABLE || details.code === PAID_REFUSED) {
    // Nothing went out: the message goes again at once, as a free send (not an attempt).
    if (details.code === PAID_REFUSED) await deps.paid?.refused();
    return { kind: 'defer', until: Date.now(), ownsSlot: job.ownsSlot };
  }

  if (kind === 'rate_limited') {
    count('rate_limited');
    if (job.rateLimitHits + 1 >= opts.maxRateLimitHits) {
      count('dead');
      return { kind: 'dead', error: `rate limited ${job.rateLimitHits + 1} times; last: ${text}` };
    }
    const ms = Math.max(details.retryAfterMs ?? 1000, 50);
    log?.warn(
      { platform: dest.platform, retryAfterMs: ms, scope: details.scope ?? 'global' },
      'rate limited',
    );
    if (details.scope === 'chat') {
      const now = Date.now();
      await deps.pacer.release(ctx.chat, now + ms, ctx.interval ?? 0, now);
      return { kind: 'defer', until: now + ms, ownsSlot: true };
    }
    return { kind: 'pause', ms };
  }

  if (kind === 'permanent') {
    const reason: DeactivationReason = details.reason ?? 'not_found';
    await deps.destinations.deactivate(dest, reason, opts.now());
    count('deactivated');
    log?.info({ destination: destinationKey(dest), reason }, 'destination deactivated');
    if (await deps.claimOnce(`deactivated:${destinationKey(dest)}`)) {
      try {
        await deps.onDeactivated?.(dest, reason);
      } catch (e) {
        log?.warn({ err: opts.scrub(errorText(e)) }, 'deactivation report failed');
      }
    }
    return { kind: 'ended', why: 'deactivated' };
  }

  if (kind === 'migrated' && details.topicGone && generalOf(dest) !== dest) {
    return await topicGone(job, deps, dest, count);
  }

  if (kind === 'migrated' && details.migrateTo && job.payload.kind === 'message') {
    const to: Destination = {
      ...dest,
      id: details.migrateTo,
      ...(dest.parentId !== undefined ? { parentId: details.migrateTo } : {}),
    };
    await deps.subscriptions.rekey(dest, to);
    const moved: OutboundMessage = { ...job.payload.message, id: `${job.id}~to${to.id}`, destination: to };
    await deps.enqueueMigrated({ kind: 'message', message: moved });
    count('migrated');
    return { kind: 'ended', why: 'migrated' };
  }

  if (kind === 'invalid' || kind === 'migrated') {
    count('dead');
    log?.warn({ id: job.id, err: text }, 'message dead-lettered: invalid request');
    return { kind: 'dead', error: text };
  }

  // retryable, or anything unexpected: the send may or may not have happened (see docs/guarantees.md on Telegram).
  if (job.attemptsMade + 1 >= opts.attempts) {
    count('dead');
    log?.warn({ id: job.id, attempts: job.attemptsMade + 1, err: text }, 'message dead-lettered');
    return { kind: 'dead', error: text };
  }
  count('retried');
  return { kind: 'retry', error: text };
}

/**
 * What the group reads in General when a topic it had alerts in is gone, in the group's language (`t`).
 * Plain text: the sender escapes.
 */
export function topicGoneText(threadId: number | undefined, t: Translate): string {
  // A thread id is a name, not an amount: no thousands separator.
  return threadId === undefined ? t('topic-gone-unknown') : t('topic-gone', { thread: String(threadId) });
}

/**
 * The translator for a notice the outbox writes itself (a gone topic, a removed webhook): the
 * destination's language when the app gave `localeOf`, English when not or when it cannot be read (a
 * notice is better in English than not at all).
 */
export async function noticeTranslator(
  deps: Pick<CoreDeps, 'localeOf' | 'logger'>,
  d: Destination,
): Promise<Translate> {
  try {
    return translatorFor((await deps.localeOf?.(d)) ?? SOURCE_LOCALE);
  } catch (err) {
    deps.logger?.warn({ err }, 'notice language unreadable; English');
    return translatorFor(SOURCE_LOCALE);
  }
}

/**
 * A Telegram forum topic is gone or closed: its subscriptions and settings move to General (the chat),
 * this message or notice is re-addressed there, and the group is told once in General. Nothing is
 * retried into the topic again: the topic's destination has no subscriptions left.
 */
async function topicGone(
  job: JobView,
  deps: CoreDeps,
  dest: Destination,
  count: (o: string) => void,
): Promise<Outcome> {
  const to = generalOf(dest);
  await deps.subscriptions.rekey(dest, to);
  const id = `${job.id}~to${to.id}`;
  const p = job.payload;
  // Webhook deliveries have no Telegram topic; they only pass through unchanged for the type's sake.
  const payload: Payload =
    p.kind === 'message'
      ? { kind: 'message', message: { ...p.message, id, destination: to } }
      : p.kind === 'notice'
        ? { kind: 'notice', notice: { ...p.notice, id, destination: to } }
        : p;
  await deps.enqueueMigrated(payload);
  const key = destinationKey(dest);
  if (await deps.claimOnce(`topic-gone:${key}`)) {
    const notice: NoticeMessage = {
      id: `topic-gone~${key}`,
      destination: to,
      text: topicGoneText(splitTopic(dest).threadId, await noticeTranslator(deps, to)),
      createdAt: deps.opts.now(),
    };
    await deps.enqueueMigrated({ kind: 'notice', notice });
  }
  deps.logger?.info({ from: key, to: destinationKey(to) }, 'telegram topic gone; moved to General');
  count('migrated');
  return { kind: 'ended', why: 'migrated' };
}
