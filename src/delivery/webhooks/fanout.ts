import { destinationKey } from '../../domain/types.js';
import type { WebhookStore } from '../../store/webhook-ports.js';
import type { OutboundMessage, WebhookDelivery } from '../ports.js';
import { webhookPayload } from './payload.js';

/*
 * The delivery path's half of webhooks (src/pipeline/deliver.ts): planned messages become signed-request
 * jobs. Kept apart from the sender (sender.ts, http.ts), so a tick loads no HTTP client for them.
 */

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
