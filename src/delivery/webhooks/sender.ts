import { translatorFor } from '../../i18n/catalog.js';
import type { WebhookStore } from '../../store/webhook-ports.js';
import { SendError, type WebhookSender } from '../ports.js';
import type { WebhookHttp } from './http.js';
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
      // Operator-facing (dead letters, logs): English.
      const text = describePost(r, translatorFor('en'));
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
