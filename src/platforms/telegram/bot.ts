import { type Bot, type BotError, type Context, InputFile } from 'grammy';
import { guarded, handleAction, matchTextCommand, parseTextArgs, runCommand } from '#commands/index.js';
import type { CommandDeps, Reply, ReplyImage } from '#commands/types.js';
import { type Translate, translatorFor } from '#src/i18n/catalog.js';
import { SOURCE_LOCALE } from '#src/i18n/locales.js';
import { platformLocale } from '#src/i18n/resolve.js';
import type { PlatformDeps } from '../types.js';
import { commandContext, destinationOfChat, errName, parseCommandText, topicOf } from './context.js';
import { MESSAGE_LIMIT } from './html.js';
import { type Rendered, renderReply, replyToast } from './render.js';
import { stepsOf } from './sender.js';

/**
 * The receiving side: grammY handlers for commands, alert buttons and membership changes. Every
 * handler ends in a reply (or an answered callback query); a thrown error reaches `bot.catch`, which
 * logs it and keeps the bot running.
 */

/** Longest command message we parse; longer ones get a short refusal (Telegram allows 4096). */
export const MAX_COMMAND_TEXT = 1024;

export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * A translator for the Telegram client's language (`from.language_code`), for the few texts written
 * outside a command run (button toasts, the missing-picture note), where no store is read: the
 * caller's own language setting is not known there, the language their app shows is the best guess.
 */
function clientTranslator(languageCode: string | undefined): Translate {
  return translatorFor(platformLocale(languageCode));
}

export interface HandlerOptions {
  readonly deps: PlatformDeps;
  /** Default Date.now. */
  readonly now?: () => number;
}

/**
 * Sends a rendered reply: parts in order, keyboard under the last; in groups it replies to the command.
 * A reply with an image (/chart) goes as a photo with the reply as caption when it fits 1,024
 * characters, else as the photo followed by the text. A command sent in a forum topic is answered in
 * that topic (`message_thread_id` on every part).
 */
async function sendRendered(
  ctx: Context,
  rendered: Rendered,
  replyTo: number | undefined,
  image?: ReplyImage,
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const thread = ctx.chat ? topicOf(ctx.chat, ctx.msg) : undefined;
  const steps = stepsOf(rendered, image);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step === undefined) continue;
    const last = i === steps.length - 1;
    const extra = {
      ...(thread !== undefined ? { message_thread_id: Number(thread) } : {}),
      ...(i === 0 && replyTo !== undefined
        ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(last && rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
    };
    if (step.photo) {
      await ctx.api.sendPhoto(chatId, new InputFile(Buffer.from(step.photo.png), step.photo.filename), {
        ...(step.text !== undefined ? { caption: step.text, parse_mode: 'HTML' } : {}),
        ...extra,
      });
    } else {
      await ctx.api.sendMessage(chatId, step.text ?? '', {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...extra,
      });
    }
  }
}

/** Installs every handler on `bot`. */
export function installHandlers(bot: Bot, opts: HandlerOptions): void {
  const { deps } = opts;
  const logger = deps.logger;
  const now = opts.now ?? Date.now;
  const commandDeps = (): CommandDeps => ({ ...deps.commands, botUsername: bot.botInfo.username });
  const reply = async (ctx: Context, r: Reply) => {
    // The words this adapter adds are in the reply's own language (the runner resolved it).
    const t = translatorFor(r.locale ?? SOURCE_LOCALE);
    // Rate limited again in the same window: say nothing (one notice per window, no group spam).
    if (r.silent) return;
    const inGroup = ctx.chat?.type !== 'private';
    const rendered = renderReply(r, bot.botInfo.username, MESSAGE_LIMIT, t);
    const replyTo = inGroup ? ctx.msg?.message_id : undefined;
    try {
      await sendRendered(ctx, rendered, replyTo, r.image);
      if (r.document && ctx.chat) {
        // /export: the file follows the text (a document caption would cap the words at 1,024).
        const { bytes, filename } = r.document;
        await ctx.api.sendDocument(ctx.chat.id, new InputFile(Buffer.from(bytes), filename));
      }
    } catch (err) {
      if (!r.image) throw err;
      // The photo was refused (an upload limit, a peer without sendPhoto): the words still answer.
      logger.warn({ err: errName(err) }, 'telegram photo reply failed; sent without the picture');
      const { image: _dropped, ...words } = r;
      const note = { ...words, lines: [...r.lines, t('tg-picture-failed')] };
      await sendRendered(ctx, renderReply(note, bot.botInfo.username, MESSAGE_LIMIT, t), replyTo);
    }
  };

  const onError = (err: BotError<Context>) => {
    logger.error({ err: errName(err.error), update: err.ctx.update.update_id }, 'telegram handler error');
  };
  // The boundary handles errors in every mode (handleUpdate in webhook mode does not use bot.catch);
  // bot.catch stays as the last line of defence for polling.
  bot.catch(onError);
  const safe = bot.errorBoundary(onError);

  safe.on('message:text', async (ctx, next) => {
    const msg = ctx.message;
    const parsed = parseCommandText(msg.text, msg.entities);
    if (!parsed) return next();
    const me = bot.botInfo.username.toLowerCase();
    // `/cmd@otherbot` in a group is for another bot.
    if (parsed.target !== undefined && parsed.target !== me) return next();
    const isPrivate = ctx.chat.type === 'private';
    const from = msg.from;
    const thread = topicOf(ctx.chat, msg);
    const cctx = commandContext({
      api: ctx.api,
      chat: ctx.chat,
      userId: from.id,
      now: now(),
      logger,
      anonymousAdmin: msg.sender_chat?.id === ctx.chat.id,
      languageCode: from.language_code,
      ...(thread !== undefined ? { threadId: thread } : {}),
    });
    if (!cctx) return; // channels: not served
    // Refusals that never reach runCommand still count against the caller's rate limit (guarded).
    // Their lines are built from the run's translator: the caller's (or the group's) language.
    const refuse = (lines: (t: Translate) => string[]) =>
      guarded(cctx, commandDeps(), async (c) => ({ kind: 'error', lines: lines(c.t) }));
    const matched = matchTextCommand(msg.text, bot.botInfo.username);
    if (!matched) {
      // In a group, stay quiet about commands meant for other bots unless addressed to us.
      if (isPrivate || parsed.target === me) {
        await reply(
          ctx,
          await refuse((t) => [
            t('tg-unknown-command', { command: `/${parsed.name.slice(0, 32)}` }),
            t('tg-send-help'),
          ]),
        );
      }
      return;
    }
    if (msg.text.length > MAX_COMMAND_TEXT) {
      await reply(ctx, await refuse((t) => [t('tg-command-too-long', { count: msg.text.length })]));
      return;
    }
    const args = parseTextArgs(matched.command, matched.argsText);
    const result = args.ok
      ? await runCommand(matched.command, cctx, args.args, commandDeps())
      : await refuse((t) => [args.message(t)]);
    logger.debug(
      { cmd: matched.command.name, chatType: ctx.chat.type, kind: result.kind },
      'telegram command',
    );
    await reply(ctx, result);
  });

  // A group that became a supergroup: move its subscriptions and settings to the new id.
  safe.on('message:migrate_to_chat_id', async (ctx) => {
    const from = destinationOfChat(ctx.chat);
    const toId = String(ctx.message.migrate_to_chat_id);
    if (from?.kind !== 'group') return;
    await deps.store.subscriptions.rekey(from, {
      platform: 'telegram',
      kind: 'group',
      id: toId,
      parentId: toId,
    });
    logger.info({ from: from.id, to: toId }, 'telegram group migrated to supergroup');
  });

  safe.on('callback_query:data', async (ctx) => {
    const t = clientTranslator(ctx.from.language_code);
    let toast = t('tg-toast-done');
    let alert = false;
    try {
      const message = ctx.callbackQuery.message;
      const chat = message?.chat;
      // A button under an alert in a forum topic acts on that topic's subscription.
      const thread = chat && message && 'is_topic_message' in message ? topicOf(chat, message) : undefined;
      const cctx = chat
        ? commandContext({
            api: ctx.api,
            chat,
            userId: ctx.from.id,
            now: now(),
            logger,
            languageCode: ctx.from.language_code,
            ...(thread !== undefined ? { threadId: thread } : {}),
          })
        : undefined;
      if (!cctx) {
        toast = t('tg-button-gone');
        alert = true;
        return;
      }
      const r = await handleAction(ctx.callbackQuery.data, cctx, commandDeps());
      toast = replyToast(r, translatorFor(r.locale ?? SOURCE_LOCALE));
      alert = r.kind === 'error';
    } catch (err) {
      logger.error({ err: errName(err) }, 'telegram callback failed');
      toast = t('tg-toast-failed');
      alert = true;
    } finally {
      // Always answered, or the user's client shows a spinner for a long time.
      await ctx.answerCallbackQuery({ text: toast, show_alert: alert }).catch((err: unknown) => {
        logger.warn({ err: errName(err) }, 'telegram answerCallbackQuery failed');
      });
    }
  });

  // The bot was removed from a group or blocked in a private chat: stop sending there; re-added: resume.
  safe.on('my_chat_member', async (ctx) => {
    const update = ctx.myChatMember;
    const dest = destinationOfChat(update.chat);
    if (!dest) return;
    const status = update.new_chat_member.status;
    if (status === 'left' || status === 'kicked') {
      const reason = dest.kind === 'dm' ? 'blocked' : 'kicked';
      await deps.store.destinations.deactivate(dest, reason, now());
      logger.info({ kind: dest.kind, reason }, 'telegram destination deactivated (bot removed)');
    } else if (status === 'member' || status === 'administrator') {
      const old = update.old_chat_member.status;
      if (old === 'left' || old === 'kicked') await deps.store.destinations.reactivate(dest);
    }
  });
}
