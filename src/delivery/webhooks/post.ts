import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Translate } from '../../i18n/catalog.js';
import { checkWebhookUrl, type GuardOptions, type GuardRefusal } from './guard.js';
import { postPinned, type WebhookResponse } from './http.js';

/** A new Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The three Standard Webhooks headers for one message (`webhook-id` is the receiver's dedup key). */
export function signedHeaders(secret: string, msgId: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, at, body),
  };
}

export interface PostDeps extends GuardOptions {
  readonly now: () => number;
  /** The HTTP call (tests count requests through it). Default postPinned. */
  readonly post?: typeof postPinned;
}

/** What one signed POST came to. `refused`: the guard stopped it, no request was made. */
export type PostResult =
  | { readonly kind: 'refused'; readonly reason: string; readonly refusal: GuardRefusal }
  | ({ readonly kind: 'answered' } & WebhookResponse)
  | { readonly kind: 'failed'; readonly error: string };

/**
 * The one way a webhook request is made (outbox deliveries and `/webhook test`): check the URL and resolve
 * it (no request when refused), sign, POST to the checked address. Never throws; errors name no secret.
 */
export async function signAndPost(
  hook: { readonly url: string; readonly secret: string },
  msgId: string,
  body: string,
  deps: PostDeps,
  signal?: AbortSignal,
): Promise<PostResult> {
  const checked = await checkWebhookUrl(hook.url, deps);
  if (!checked.ok) return { kind: 'refused', reason: checked.reason, refusal: checked.refusal };
  const headers = signedHeaders(hook.secret, msgId, body, new Date(deps.now()));
  try {
    const res = await (deps.post ?? postPinned)(checked.target, body, headers, signal);
    return { kind: 'answered', ...res };
  } catch (err) {
    const e = err as { code?: unknown; name?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'error';
    return { kind: 'failed', error: `${code}: ${String(e.message ?? err).slice(0, 200)}` };
  }
}

/**
 * A receiver's answer or failure as one short sentence for people, in `t`'s language: the owner's reply
 * (their language) and dead letters (English, for the operator).
 */
export function describePost(r: PostResult, t: Translate): string {
  switch (r.kind) {
    case 'refused':
      return t(r.refusal.id, r.refusal.args);
    case 'failed':
      return t('webhook-post-failed', { error: r.error });
    case 'answered': {
      // A status is a code, not an amount: no thousands separator.
      const status = String(r.status);
      if (r.status >= 300 && r.status < 400) return t('webhook-post-redirect', { status });
      return t('webhook-post-answered', { status });
    }
  }
}
