import { type Destination, destinationKey } from './types.js';

/**
 * Telegram forum topics (issue 20). A topic of a forum supergroup is a destination of its own: kind
 * `group`, `id` = `<chatId>/<threadId>` (the chat id and the topic's `message_thread_id`), `parentId` =
 * the chat id. Keeping the thread inside the id means every store, the outbox and the holds carry it
 * unchanged (no schema of theirs changes), and `destinationKey` tells topics apart. General (the topic
 * without a thread id) is the group destination itself. The group's settings are every topic's default:
 * settings resolve server/group default → group → topic.
 */

/** Separates chat id and thread id in a topic destination's id (chat ids never contain it). */
export const TOPIC_SEP = '/';

/** The destination of topic `threadId` of forum group `chatId` (threadId undefined: the group, General). */
export function topicDestination(chatId: string, threadId?: string | number): Destination {
  const id = threadId === undefined ? chatId : `${chatId}${TOPIC_SEP}${threadId}`;
  return { platform: 'telegram', kind: 'group', id, parentId: chatId };
}

/** Chat id and (for a topic) thread id of a destination; other destinations: their id, no thread. */
export function splitTopic(d: Pick<Destination, 'platform' | 'kind' | 'id'>): {
  readonly chatId: string;
  readonly threadId?: number;
} {
  if (d.platform !== 'telegram' || d.kind !== 'group') return { chatId: d.id };
  const at = d.id.indexOf(TOPIC_SEP);
  if (at < 0) return { chatId: d.id };
  const threadId = Number(d.id.slice(at + 1));
  const chatId = d.id.slice(0, at);
  return Number.isSafeInteger(threadId) && threadId > 0 ? { chatId, threadId } : { chatId };
}

/** True for a forum topic's destination (not General, not a plain group). */
export function isTopic(d: Destination): boolean {
  return splitTopic(d).threadId !== undefined;
}

/** The group a topic belongs to (General); any other destination: itself. */
export function generalOf(d: Destination): Destination {
  const { chatId, threadId } = splitTopic(d);
  return threadId === undefined ? d : topicDestination(chatId);
}

/**
 * The settings scopes of `d` beyond the server/group default, outermost first: a topic resolves through
 * its group's own settings, then its own; everything else through its own.
 */
export function ownScopes(d: Destination): string[] {
  const own = destinationKey(d);
  return isTopic(d) ? [destinationKey(generalOf(d)), own] : [own];
}
