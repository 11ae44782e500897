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

/** An error followed by the command's usage line. */
export function usageReply(message: string, usage: string): Reply {
  return errorReply(message, `Usage: ${usage}`);
}

/** What a handler gets when the store does not answer (Redis down): the command changed nothing. */
export const UNAVAILABLE: Reply = errorReply(
  'tokenwatch is temporarily unavailable (its database is not answering). Nothing was changed; please try again in a minute.',
);

/** What a thrown handler error becomes: nothing internal leaks. */
export const GENERIC_ERROR: Reply = errorReply(
  'Something went wrong on my side. Please try again in a minute.',
);
