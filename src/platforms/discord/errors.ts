import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { SendError } from '../../delivery/ports.js';
import type { Scrubber } from '../../obs/scrub.js';
import type { DeactivationReason } from '../../store/ports.js';
import { errorText } from '../error-text.js';

/**
 * Discord JSON error codes that end a destination for good. Anything here deactivates it.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
export const PERMANENT_CODES: Readonly<Record<number, DeactivationReason>> = {
  10003: 'not_found', // Unknown Channel
  50001: 'missing_permissions', // Missing Access (bot cannot see the channel)
  50007: 'dms_closed', // Cannot send messages to this user
  50013: 'missing_permissions', // You lack permissions to perform that action
};

/** Fallback wait when a 429 carried no usable Retry-After (ms). */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Maps whatever discord.js REST threw into delivery's SendError. Never includes the request body or
 * headers in the message (the token lives in headers; user text lives in the body).
 *
 * - RateLimitError (429 with `rejectOnRateLimit`) → `rate_limited`, `retryAfterMs`, scope global when
 *   Discord said so (X-RateLimit-Global / scope 'global'), else per chat.
 * - DiscordAPIError with a PERMANENT_CODES code → `permanent` with the reason.
 * - DiscordAPIError 429 (should not happen with rejectOnRateLimit, kept for safety) → `rate_limited`.
 * - 5xx (DiscordAPIError or HTTPError), timeouts, connection errors → `retryable`.
 * - Other 4xx → `invalid` (our request was wrong; retrying would repeat it).
 *
 * `scrub` (the bot token in every encoding) cleans the text of errors thrown inside the process.
 */
export function mapDiscordError(err: unknown, scrub?: Scrubber): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof RateLimitError) {
    const retryAfterMs =
      err.retryAfter > 0 ? err.retryAfter : err.timeToReset > 0 ? err.timeToReset : DEFAULT_RETRY_AFTER_MS;
    const global = err.global || err.scope === 'global';
    return new SendError(`discord rate limited on ${err.route}`, 'rate_limited', {
      retryAfterMs,
      scope: global ? 'global' : 'chat',
      status: 429,
    });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const reason = PERMANENT_CODES[code];
    const what = `discord ${err.status} code ${err.code}: ${err.message.slice(0, 200)}`;
    if (reason) return new SendError(what, 'permanent', { reason, status: err.status, code });
    if (err.status === 429) {
      return new SendError(what, 'rate_limited', {
        retryAfterMs: DEFAULT_RETRY_AFTER_MS,
        scope: 'chat',
        status: 429,
      });
    }
    if (err.status >= 500) return new SendError(what, 'retryable', { status: err.status, code });
    return new SendError(what, 'invalid', { status: err.status, code });
  }
  if (err instanceof HTTPError) {
    const what = `discord http ${err.status}`;
    if (err.status >= 500 || err.status === 408)
      return new SendError(what, 'retryable', { status: err.status });
    return new SendError(what, 'invalid', { status: err.status });
  }
  // AbortError (timeout), ECONNREFUSED, ECONNRESET, undici socket errors: the request may or may not
  // have reached Discord; the nonce makes the retry safe. Also anything thrown inside the process before
  // a request went out (a TypeError in a client library): its text is what tells the operator why.
  const name = err instanceof Error ? err.name : 'Error';
  return new SendError(`discord network error (${name}): ${errorText(err, scrub)}`, 'retryable');
}
