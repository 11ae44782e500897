import type { Translate } from '../../i18n/catalog.js';
import { SendError, type WebhookDelivery } from '../ports.js';
import { attempt, type CoreDeps, errorText, type JobView, noticeTranslator, type Outcome } from './core.js';
import { WEBHOOK_GAP_MS } from './options.js';

/** One attempt at any job: webhook deliveries here, platform messages and notices in core.ts. */
export function attemptJob(job: JobView, deps: CoreDeps): Promise<Outcome> {
  return job.payload.kind === 'webhook' ? attemptWebhook(job, job.payload.webhook, deps) : attempt(job, deps);
}

/** The text the owner gets, in their language (`t`), when a webhook answered 410 Gone and was removed. */
export function goneNotice(d: WebhookDelivery, now: number, t: Translate) {
  return {
    id: `gone~${d.webhookId}`,
    destination: d.destination,
    text: t('webhook-removed-410', { id: d.webhookId }),
    createdAt: now,
  };
}

/**
 * One webhook request (issue 21): paced to 5 per second per webhook (the chat pacer, on the webhook's
 * lane), at most 10 s. 2xx is done; 410 removes the webhook and tells its owner once; 429 waits for the
 * receiver's Retry-After on that webhook alone; a URL that no longer passes the SSRF guard is
 * dead-lettered at once (no request was made); anything else retries with backoff, then dead-letters.
 */
async function attemptWebhook(job: JobView, d: WebhookDelivery, deps: CoreDeps): Promise<Outcome> {
  const { opts } = deps;
  const count = (outcome: string) => deps.metrics?.messages.inc({ platform: 'webhook', outcome });
  const sender = deps.webhooks;
  if (!sender) return { kind: 'dead', error: 'invalid: no webhook sender' };
  const lane = `webhook:${d.webhookId}`;
  const claimed = await deps.pacer.claim(lane, WEBHOOK_GAP_MS, Date.now(), job.ownsSlot, 11_000);
  if (!claimed.go) return { kind: 'defer', until: claimed.at, ownsSlot: true };
  let until = 0;
  try {
    const r = await sender.send(d, AbortSignal.timeout(Math.min(opts.sendTimeoutMs, 10_000)));
    count(r === 'sent' ? 'sent' : 'ended');
    return r === 'sent' ? { kind: 'sent', parts: 1 } : { kind: 'ended', why: 'webhook_missing' };
  } catch (err) {
    const text = opts.scrub(errorText(err));
    const kind = err instanceof SendError ? err.kind : 'retryable';
    if (kind === 'permanent') {
      if (await sender.remove(d)) {
        deps.logger?.info({ webhook: d.webhookId }, 'webhook removed after 410 Gone');
        const t = await noticeTranslator(deps, d.destination);
        await deps.enqueueNotices([goneNotice(d, opts.now(), t)]);
      }
      count('deactivated');
      return { kind: 'ended', why: 'webhook_gone' };
    }
    if (kind === 'rate_limited' && job.rateLimitHits + 1 < opts.maxRateLimitHits) {
      count('rate_limited');
      until = Date.now() + Math.max(err instanceof SendError ? (err.details.retryAfterMs ?? 1000) : 1000, 50);
      return { kind: 'defer', until, ownsSlot: true };
    }
    if (kind === 'invalid' || job.attemptsMade + 1 >= opts.attempts) {
      count('dead');
      deps.logger?.warn({ id: job.id, err: text }, 'webhook delivery dead-lettered');
      return { kind: 'dead', error: text };
    }
    count('retried');
    return { kind: 'retry', error: text };
  } finally {
    const end = Date.now();
    await deps.pacer.release(lane, Math.max(end + WEBHOOK_GAP_MS, until), WEBHOOK_GAP_MS, end);
  }
}
