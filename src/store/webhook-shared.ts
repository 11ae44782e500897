import { randomBytes } from 'node:crypto';
import { type Destination, isPlatform } from '../domain/types.js';
import type { Webhook } from './webhook-ports.js';

/** `wh` + 8 random base-36 characters. */
export function newWebhookId(): string {
  let out = 'wh';
  for (const b of randomBytes(8)) out += '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36];
  return out;
}

/** The stored JSON of a webhook (its id is the row key). */
export function webhookJson(w: Omit<Webhook, 'id'>): string {
  return JSON.stringify({ destination: w.destination, url: w.url, secret: w.secret, createdAt: w.createdAt });
}

/** Reads a stored webhook; undefined when the row is unreadable (it is skipped, not fatal). */
export function parseWebhook(id: string, json: string): Webhook | undefined {
  try {
    const r = JSON.parse(json) as Record<string, unknown>;
    const d = r.destination as Destination | undefined;
    if (
      !d ||
      !isPlatform(d.platform) ||
      typeof d.id !== 'string' ||
      typeof r.url !== 'string' ||
      typeof r.secret !== 'string' ||
      typeof r.createdAt !== 'number'
    ) {
      return undefined;
    }
    return { id, destination: d, url: r.url, secret: r.secret, createdAt: r.createdAt };
  } catch {
    return undefined;
  }
}

export const byAge = (a: Webhook, b: Webhook) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
