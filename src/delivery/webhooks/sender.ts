import { destinationKey } from '../../domain/types.js';
import type { WebhookStore } from '../../store/webhook-ports.js';
import { type OutboundMessage, SendError, type WebhookDelivery, type WebhookSender } from '../ports.js';
import type { WebhookHttp } from './http.js';
import { webhookPayload } from './payload.js';
import { describePost, type PostDeps, signAndPost } from './post.js';

/**
 * The outbox's webhook sender: reads the webhook (URL and secret) at send time, then the one request path
 * (signAndPost: guard, sign, POST to the checked address). Maps the answer onto SendError kinds. With
 * `http`, connections to a receiver are kept alive between requests (and closed by `close`).
 */
export function createWebhookSender(
  store: Pick<WebhookStore, 'get' | 'remove'>,
  deps: PostDeps,
  http?: WebhookHttp,
): WebhookSender {
  const post: PostDeps = http ? { ...deps, post: http.post } : deps;
  return {
    async close() {
      await http?.close();
    },
    async send(d, signal) {
      const hook = await store.get(d.webhookId);
      if (!hook) return 'missing';
      const r = await signAndPost(hook, d.eventId, d.body, post, signal);
      if (r.kind === 'refused') throw new SendError(`refused: ${r.reason}`, 'invalid');
      if (r.kind === 'failed') throw new SendError(r.error, 'retryable');
      if (r.status >= 200 && r.status < 300) return 'sent';
      const text = describePost(r);
      if (r.status === 410) throw new SendError(text, 'permanent', { status: 410 });
      if (r.status === 429) {
        throw new SendError(text, 'rate_limited', {
          status: 429,
          scope: 'chat',
          ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}),
        });
      }
      throw new SendError(text, 'retryable', { status: r.status });
    },
    async remove(d) {
      return await store.remove(d.destination, d.webhookId);
    },
  };
}

/** `wh~<webhook id>~<event id>` with the outbox's safe characters (see safeJobId). */
const deliveryId = (webhookId: string, eventId: string) => `wh~${webhookId}~${eventId}`.replace(/:/g, '_');

/**
 * The webhook deliveries of planned messages: one per event and webhook of the message's destination.
 * Bodies are built here, at enqueue time, so a retry sends the same bytes. One store read (the
 * destinations that have webhooks), none when no message was planned.
 */
export async function webhookDeliveries(
  store: Pick<WebhookStore, 'byDestinations'>,
  messages: readonly OutboundMessage[],
): Promise<WebhookDelivery[]> {
  if (messages.length === 0) return [];
  const hooks = await store.byDestinations(messages.map((m) => destinationKey(m.destination)));
  if (hooks.size === 0) return [];
  const out: WebhookDelivery[] = [];
  for (const m of messages) {
    const list = hooks.get(destinationKey(m.destination));
    if (!list) continue;
    for (const e of m.events) {
      const body = JSON.stringify(webhookPayload(e, m.destination));
      for (const w of list) {
        out.push({
          id: deliveryId(w.id, e.id),
          destination: m.destination,
          webhookId: w.id,
          eventId: e.id,
          body,
          createdAt: m.createdAt,
        });
      }
    }
  }
  return out;
}
