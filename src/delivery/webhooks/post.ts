import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { checkWebhookUrl, type GuardOptions } from './guard.js';
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
  | { readonly kind: 'refused'; readonly reason: string }
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
  if (!checked.ok) return { kind: 'refused', reason: checked.reason };
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

/** A receiver's answer or failure as one short sentence for people (the owner's reply, dead letters). */
export function describePost(r: PostResult): string {
  switch (r.kind) {
    case 'refused':
      return r.reason;
    case 'failed':
      return `The request failed (${r.error}).`;
    case 'answered':
      if (r.status >= 200 && r.status < 300) return `The receiver answered ${r.status}.`;
      if (r.status >= 300 && r.status < 400) {
        return `The receiver answered with a redirect (${r.status}); webhooks do not follow redirects.`;
      }
      return `The receiver answered ${r.status}.`;
  }
}
