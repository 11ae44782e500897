import type { Api } from 'grammy';
import type { Place, PlatformContext } from '#commands/types.js';
import type { Destination } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';

/**
 * Telegram → PlatformContext. Pure helpers plus the server-side admin check (getChatMember on every
 * call that needs it; no cache, so a demoted admin loses rights at once).
 */

export interface ChatLike {
  readonly id: number;
  readonly type: string;
  /** Supergroups with forum topics. */
  readonly is_forum?: boolean | undefined;
}

/** The parts of a Message that say which forum topic it is in. */
export interface TopicLike {
  readonly message_thread_id?: number | undefined;
  readonly is_topic_message?: boolean | undefined;
}

/**
 * The forum topic a message was sent in: only in a forum supergroup and only for a topic message (in
 * other supergroups `message_thread_id` marks a reply thread, which is not a place of its own). General
 * has no thread id.
 */
export function topicOf(chat: ChatLike, msg: TopicLike | undefined): string | undefined {
  if (chat.type !== 'supergroup' || chat.is_forum !== true) return undefined;
  if (msg?.is_topic_message !== true || msg.message_thread_id === undefined) return undefined;
  return String(msg.message_thread_id);
}

/**
 * private → dm; group/supergroup → group (parentId = chatId = chat id; `threadId` the forum topic);
 * channels are not served.
 */
export function placeOf(chat: ChatLike, threadId?: string): Place | undefined {
  if (chat.type === 'private') return { kind: 'dm' };
  if (chat.type === 'group' || chat.type === 'supergroup') {
    const id = String(chat.id);
    return threadId === undefined
      ? { kind: 'group', parentId: id, chatId: id }
      : { kind: 'group', parentId: id, chatId: id, threadId };
  }
  return undefined;
}

/** The destination alerts for this chat go to (Telegram: a private chat id equals the user id). */
export function destinationOfChat(chat: ChatLike): Destination | undefined {
  const id = String(chat.id);
  if (chat.type === 'private') return { platform: 'telegram', kind: 'dm', id };
  if (chat.type === 'group' || chat.type === 'supergroup')
    return { platform: 'telegram', kind: 'group', id, parentId: id };
  return undefined;
}

export const ADMIN_STATUSES: ReadonlySet<string> = new Set(['creator', 'administrator']);

/**
 * Is `userId` an admin of `chatId`? Asks Telegram (getChatMember). Any failure answers false: a
 * moderator check fails closed. `anonymousAdmin`: the message was sent on behalf of the group itself
 * (an anonymous admin; `sender_chat.id === chat.id`), which only admins can do.
 */
export async function isChatAdmin(
  api: Api,
  chatId: number,
  userId: number,
  logger: Logger,
  anonymousAdmin = false,
): Promise<boolean> {
  if (anonymousAdmin) return true;
  try {
    const member = await api.getChatMember(chatId, userId);
    return ADMIN_STATUSES.has(member.status);
  } catch (err) {
    logger.warn({ chat: chatId, err: errName(err) }, 'telegram getChatMember failed; treating as non-admin');
    return false;
  }
}

export interface ContextInput {
  readonly api: Api;
  readonly chat: ChatLike;
  readonly userId: number;
  readonly now: number;
  readonly logger: Logger;
  readonly anonymousAdmin?: boolean;
  /** The forum topic the command came from (`topicOf`). */
  readonly threadId?: string;
  /** The sender's `from.language_code` (their Telegram app's language), when Telegram sent it. */
  readonly languageCode?: string | undefined;
}

/** Builds the platform-neutral context; isModerator is memoised within one command only. */
export function commandContext(input: ContextInput): PlatformContext | undefined {
  const place = placeOf(input.chat, input.threadId);
  if (!place) return undefined;
  let checked: Promise<boolean> | undefined;
  return {
    platform: 'telegram',
    userId: String(input.userId),
    place,
    now: input.now,
    ...(input.languageCode ? { clientLocale: input.languageCode } : {}),
    isModerator() {
      // A private chat belongs to the user: they moderate their own DM.
      if (place.kind === 'dm') return Promise.resolve(true);
      checked ??= isChatAdmin(
        input.api,
        input.chat.id,
        input.userId,
        input.logger,
        input.anonymousAdmin ?? false,
      );
      return checked;
    },
  };
}

/** Parsed `/name@bot rest` of a message whose first entity is a bot_command at offset 0. */
export interface CommandText {
  readonly name: string;
  /** The `@bot` suffix, lowercased, when present. */
  readonly target?: string;
  readonly rest: string;
}

export function parseCommandText(
  text: string,
  entities: ReadonlyArray<{ type: string; offset: number; length: number }> | undefined,
): CommandText | undefined {
  const first = entities?.[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return undefined;
  const head = text.slice(1, first.length);
  const at = head.indexOf('@');
  const name = (at >= 0 ? head.slice(0, at) : head).toLowerCase();
  if (name.length === 0) return undefined;
  const rest = text.slice(first.length).trim();
  return at >= 0 ? { name, target: head.slice(at + 1).toLowerCase(), rest } : { name, rest };
}

export function errName(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 200)}`;
  return typeof err;
}
