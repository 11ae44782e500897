import type { Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { CommandDeps } from '#commands/types.js';
import type { TokenDirectory } from '#src/domain/market.js';
import type { TokenInfo } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { createMetrics } from '#src/obs/metrics.js';
import type { PlatformDeps } from '#src/platforms/types.js';
import type { Store } from '#src/store/ports.js';
import { memoryDirectory } from '../support/directory.js';

/** Shared test scaffolding for the Telegram tests: directory stub, deps, update builders, API capture. */

export const TOKENS: readonly TokenInfo[] = [
  { tokenId: 11111, symbol: 'SOL', name: 'Solana' },
  { tokenId: 3375, symbol: 'BTC', name: 'Bitcoin' },
];

export function stubDirectory(tokens: readonly TokenInfo[] = TOKENS): TokenDirectory {
  return memoryDirectory(tokens);
}

export function platformDeps(store: Store, directory: TokenDirectory = stubDirectory()): PlatformDeps {
  const commands: CommandDeps = {
    store,
    directory,
    market: { view: async () => undefined },
    limits: { maxSubscriptionsPerDestination: 25 },
  };
  return { commands, store, logger: silentLogger(), metrics: createMetrics() };
}

export const BOT_INFO: UserFromGetMe = {
  id: 999,
  is_bot: true,
  first_name: 'TokenWatch',
  username: 'TokenWatchTestBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

let updateId = 1;
let messageId = 1;

export interface ChatSpec {
  readonly id: number;
  readonly type: 'private' | 'group' | 'supergroup';
}

/** A text message with a bot_command entity at offset 0 (like Telegram's clients send). */
export function commandUpdate(
  text: string,
  userId: number,
  chat: ChatSpec = { id: userId, type: 'private' },
) {
  const cmdLen = text.search(/\s|$/);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      from: { id: userId, is_bot: false, first_name: 'User' },
      chat:
        chat.type === 'private'
          ? { id: chat.id, type: 'private' as const, first_name: 'User' }
          : { id: chat.id, type: chat.type, title: 'Group' },
      text,
      entities: [{ type: 'bot_command' as const, offset: 0, length: cmdLen }],
    },
  };
}

export function callbackUpdate(data: string, userId: number, chat: ChatSpec) {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: userId, is_bot: false, first_name: 'User' },
      chat_instance: 'ci',
      data,
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat:
          chat.type === 'private'
            ? { id: chat.id, type: 'private' as const, first_name: 'User' }
            : { id: chat.id, type: chat.type, title: 'Group' },
        text: 'alert',
      },
    },
  };
}

export function myChatMemberUpdate(chat: ChatSpec, oldStatus: string, newStatus: string) {
  const member = (status: string) => ({
    status,
    user: { id: BOT_INFO.id, is_bot: true, first_name: 'TokenWatch' },
  });
  return {
    update_id: updateId++,
    my_chat_member: {
      chat:
        chat.type === 'private'
          ? { id: chat.id, type: 'private' as const, first_name: 'User' }
          : { id: chat.id, type: chat.type, title: 'Group' },
      from: { id: chat.id, is_bot: false, first_name: 'User' },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(oldStatus),
      new_chat_member: member(newStatus),
    },
  };
}

export interface Captured {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/**
 * An API transformer that answers every call itself (no network) and records it. `admins` is the
 * set of `chatId:userId` pairs getChatMember reports as administrators.
 */
export function captureApi(admins: Set<string> = new Set()): { calls: Captured[]; transformer: Transformer } {
  const calls: Captured[] = [];
  let nextId = 1;
  const transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    let result: unknown = true;
    if (method === 'getChatMember') {
      result = {
        status: admins.has(`${p.chat_id}:${p.user_id}`) ? 'administrator' : 'member',
        user: { id: Number(p.user_id) },
      };
    } else if (method === 'sendMessage') {
      result = {
        message_id: nextId++,
        date: 0,
        chat: { id: Number(p.chat_id), type: 'private' },
        text: p.text,
      };
    }
    return { ok: true, result } as unknown as Awaited<ReturnType<typeof _prev<typeof method>>>;
  };
  return { calls, transformer };
}

export const sentTexts = (calls: readonly Captured[], chatId?: number) =>
  calls
    .filter(
      (c) => c.method === 'sendMessage' && (chatId === undefined || Number(c.payload.chat_id) === chatId),
    )
    .map((c) => String(c.payload.text));
