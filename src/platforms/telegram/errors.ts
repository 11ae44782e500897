import { GrammyError, HttpError } from 'grammy';
import { SendError } from '../../delivery/ports.js';
import type { Scrubber } from '../../obs/scrub.js';
import { errorText } from '../error-text.js';

/**
 * Bot API failure → SendError, so delivery decides retries without knowing Telegram.
 *
 * | Bot API answer                                   | SendError                                   |
 * |--------------------------------------------------|---------------------------------------------|
 * | 429 + `retry_after`                              | `rate_limited`, retryAfterMs, scope (below) |
 * | 403 "...blocked by the user"                     | `permanent`, reason `blocked`               |
 * | 403 other (kicked, user deactivated, deleted)    | `permanent`, reason `kicked`                |
 * | 400 + `parameters.migrate_to_chat_id`            | `migrated`, migrateTo                       |
 * | 400 "chat not found" / PEER_ID_INVALID           | `permanent`, reason `not_found`             |
 * | 400 "group chat was deactivated"                 | `permanent`, reason `kicked`                |
 * | 400 topic gone (`message thread not found`,      | `migrated` to General, `topicGone` (a send  |
 * |     TOPIC_CLOSED, TOPIC_DELETED), into a topic   | into a forum topic only)                    |
 * | 400 other (bad HTML, too long, ...)              | `invalid` (dead letter, our bug)            |
 * | 401/404 (bad token), 409, 5xx                    | `retryable` (not the destination's fault)   |
 * | HttpError (network, timeout) / anything else     | `retryable`                                 |
 *
 * Messages carry the Bot API description, or for a failure inside the process (network, a bug in a
 * library) the error's text with the token cut out of URLs and `scrub` applied: never the token.
 */
export function toSendError(
  err: unknown,
  globalHint = false,
  scrub?: Scrubber,
  /** The send went into a forum topic of this chat (its General is where a gone topic's alerts move). */
  topicChat?: string,
): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof GrammyError) {
    const code = err.error_code;
    const description = String(err.description ?? '').slice(0, 300);
    const msg = `telegram ${err.method}: ${code} ${description}`;
    const params = err.parameters ?? {};
    if (code === 429) {
      const retryAfterS =
        typeof params.retry_after === 'number' && params.retry_after > 0 ? params.retry_after : 1;
      return new SendError(msg, 'rate_limited', {
        retryAfterMs: retryAfterS * 1000,
        scope: globalHint ? 'global' : 'chat',
        status: 429,
        code,
      });
    }
    if (code === 403) {
      const reason = /blocked/i.test(description) ? 'blocked' : 'kicked';
      return new SendError(msg, 'permanent', { reason, status: 403, code });
    }
    if (code === 400) {
      if (params.migrate_to_chat_id !== undefined) {
        return new SendError(msg, 'migrated', {
          migrateTo: String(params.migrate_to_chat_id),
          status: 400,
          code,
        });
      }
      // The topic was deleted or closed: its subscriptions move to General (the chat) and the message with them.
      if (topicChat !== undefined && TOPIC_GONE.test(description)) {
        return new SendError(msg, 'migrated', { migrateTo: topicChat, topicGone: true, status: 400, code });
      }
      if (/chat not found|peer_id_invalid|user not found/i.test(description)) {
        return new SendError(msg, 'permanent', { reason: 'not_found', status: 400, code });
      }
      if (/chat was deactivated|chat was deleted|not enough rights|have no rights/i.test(description)) {
        return new SendError(msg, 'permanent', { reason: 'kicked', status: 400, code });
      }
      return new SendError(msg, 'invalid', { status: 400, code });
    }
    return new SendError(msg, 'retryable', typeof code === 'number' ? { status: code, code } : {});
  }
  if (err instanceof HttpError) {
    // err.error may hold the request URL, and the token is in it: errorText cuts it out and scrubs.
    return new SendError(`telegram: network error: ${errorText(err.error, scrub)}`, 'retryable', {
      code: 'network',
    });
  }
  const name = err instanceof Error ? err.name : typeof err;
  return new SendError(`telegram: unexpected ${name}: ${errorText(err, scrub)}`, 'retryable', {
    code: 'unknown',
  });
}

/** Telegram's descriptions of a forum topic that is gone or closed to the bot. */
export const TOPIC_GONE = /message thread not found|TOPIC_CLOSED|TOPIC_DELETED|TOPIC_ID_INVALID/i;

/** True when a failed sendMessage came back as 429 (so the sender can tell chat vs global floods). */
export function isRateLimit(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 429;
}

/**
 * Telegram refused a paid broadcast for lack of Stars on the bot's balance. The Bot API does not publish
 * the exact text, so any refusal that speaks of Stars and a balance (or "not enough") counts.
 */
export function isStarsRefusal(err: unknown): boolean {
  if (!(err instanceof GrammyError) || err.error_code === 429) return false;
  const d = String(err.description ?? '');
  return /stars?\b/i.test(d) && /(not enough|insufficient|balance)/i.test(d);
}
