import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../obs/logger.js';
import { errName } from './context.js';

/**
 * Webhook mode: the app's HTTP server offers each request here first. Only POSTs on the webhook URL's
 * path are taken; the `X-Telegram-Bot-Api-Secret-Token` header must match (constant-time compare),
 * else 401. Nothing secret is logged: not the header, not the URL, not the body.
 */

/** Largest update body accepted (Telegram updates are a few KB). */
export const MAX_UPDATE_BYTES = 1_000_000;

/** Same derivation as src/config, used only when the config did not provide a secret. */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update('tokenwatch:telegram-webhook-secret').digest('base64url');
}

/** Compares digests, so neither length nor content leaks through timing. */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface WebhookHandlerOptions {
  readonly path: string;
  readonly secret: string;
  readonly logger: Logger;
  /** Processes one update; errors are caught by the bot (bot.catch), and logged here as a fallback. */
  readonly onUpdate: (update: unknown) => Promise<void>;
  /** False until the bot is initialised: answer 503 so Telegram retries later. */
  readonly ready: () => boolean;
}

export function createWebhookHandler(
  opts: WebhookHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const send = (res: ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== opts.path) return false;
    if (req.method !== 'POST') {
      send(res, 405, 'method not allowed');
      return true;
    }
    if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], opts.secret)) {
      opts.logger.warn(
        { remote: req.socket.remoteAddress },
        'telegram webhook: wrong or missing secret token',
      );
      req.resume();
      send(res, 401, 'unauthorized');
      return true;
    }
    if (!opts.ready()) {
      req.resume();
      send(res, 503, 'not ready');
      return true;
    }
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > MAX_UPDATE_BYTES) {
          send(res, 413, 'too large');
          req.destroy();
          return;
        }
        chunks.push(c as Buffer);
      }
      let update: unknown;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        send(res, 400, 'bad json');
        return;
      }
      try {
        await opts.onUpdate(update);
      } catch (err) {
        // Answer 200 anyway: a redelivered poison update would fail again forever.
        opts.logger.error({ err: errName(err) }, 'telegram webhook: update failed');
      }
      send(res, 200, 'ok');
    })().catch((err: unknown) => {
      opts.logger.error({ err: errName(err) }, 'telegram webhook: request failed');
      if (!res.headersSent) send(res, 500);
    });
    return true;
  };
}
