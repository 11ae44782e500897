import type { Translate } from '#src/i18n/catalog.js';
import type { Reply } from './types.js';

/**
 * Reply builders. Every reply is ephemeral: Discord shows it only to the caller, Telegram ignores the
 * flag. Lines are plain text.
 */
export function okReply(lines: readonly string[], title?: string): Reply {
  return title === undefined
    ? { kind: 'ok', lines, ephemeral: true }
    : { kind: 'ok', title, lines, ephemeral: true };
}

export function infoReply(lines: readonly string[], title?: string): Reply {
  return title === undefined
    ? { kind: 'info', lines, ephemeral: true }
    : { kind: 'info', title, lines, ephemeral: true };
}

export function errorReply(...lines: string[]): Reply {
  return { kind: 'error', lines, ephemeral: true };
}

/**
 * An error followed by the command's usage line (`Usage: /subscribe SOL`, the usage itself untranslated).
 * `t`: the reply's language (`ctx.t`).
 */
export function usageReply(message: string, usage: string, t: Translate): Reply {
  return errorReply(message, usageLine(t, usage));
}

/** `Usage: /subscribe SOL` in the translator's language. */
export function usageLine(t: Translate, usage: string): string {
  return t('usage-line', { usage });
}

/** What a handler gets when the store does not answer (Redis down): the command changed nothing. */
export function unavailableReply(t: Translate): Reply {
  return errorReply(t('error-unavailable'));
}

/** What a thrown handler error becomes: nothing internal leaks. */
export function genericErrorReply(t: Translate): Reply {
  return errorReply(t('error-generic'));
}
