import { autoRetry } from '@grammyjs/auto-retry';
import { Api, Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { commands } from '#commands/index.js';
import { otherLanguages } from '../../i18n/catalog.js';
import {
  type DutyLease,
  type PlatformDeps,
  type PlatformLink,
  type PlatformReceiver,
  type SenderDeps,
  withReceiver,
} from '../types.js';
import { ALLOWED_UPDATES, installHandlers } from './bot.js';
import { errName } from './context.js';
import { buildMenus } from './menu.js';
import { createPoller } from './poller.js';
import { createTelegramSender } from './sender.js';
import { createWebhookHandler, deriveWebhookSecret } from './webhook.js';

/** Config['telegram'] from src/config (structural, so this module does not depend on the config code). */
export interface TelegramConfig {
  readonly token: string;
  /** Bot API root, default `https://api.telegram.org`. */
  readonly apiRoot: string;
  /** Set: webhook mode (setWebhook at start; updates arrive through handleHttp). Unset: long polling. */
  readonly webhookUrl?: string;
  /** Checked against `X-Telegram-Bot-Api-Secret-Token`; derived from the token when absent. */
  readonly webhookSecret?: string;
}

/** Test hooks; production passes none. */
export interface TelegramOptions {
  /** Skips getMe (grammY `botInfo`). */
  readonly botInfo?: UserFromGetMe;
  readonly now?: () => number;
  /**
   * An empty getUpdates answered faster than this is followed by a pause of this length (ms). Real
   * Telegram blocks for `timeout` seconds; some test servers answer at once and would spin the CPU.
   * Default 250.
   */
  readonly idlePollMs?: number;
}

export interface TelegramLink extends PlatformLink {
  readonly platform: 'telegram';
  readonly bot: Bot;
  /** Webhook path handled by the receiver's handleHttp (webhook mode only). */
  readonly webhookPath?: string;
}

export type TelegramPlatform = TelegramLink & PlatformReceiver;

/**
 * Command replies: auto-retry absorbs short flood waits (≤ 10 s, 3 attempts) and transient 5xx/network
 * errors. Alert sends use a separate Api with no auto-retry (see sender.ts): delivery pauses the limit
 * domain on 429 itself, which a sleeping worker would hide.
 */
export const COMMAND_RETRY = { maxRetryAttempts: 3, maxDelaySeconds: 10 } as const;
/** Name of the lease whose holder polls getUpdates when several replicas share a store. */
export const TELEGRAM_POLL_LEASE = 'telegram-poll';
/** Bound on one getMe at start (a dropped connection otherwise hangs start for minutes). */
export const GETME_TIMEOUT_SECONDS = 10;
/** Timeout of one alert send; a read timeout after Telegram accepted the message can duplicate it on retry. */
export const SEND_TIMEOUT_SECONDS = 30;

function idlePollGuard(idleMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates' || idleMs <= 0) return prev(method, payload, signal);
    const started = Date.now();
    const res = await prev(method, payload, signal);
    if (res.ok && Array.isArray(res.result) && res.result.length === 0 && Date.now() - started < idleMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, idleMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return res;
  };
}

/** Both halves at once (a Telegram bot run on its own: tests, tools). */
export function createTelegramPlatform(
  cfg: TelegramConfig,
  deps: PlatformDeps,
  opts: TelegramOptions = {},
): TelegramPlatform {
  return withReceiver(openTelegram(cfg, deps, opts), deps.commands);
}

/**
 * The Telegram platform: one grammY bot. The sending half (alerts, on an Api of their own) is ready at
 * once; `receiver(commands)` installs the command handlers and owns long polling or the webhook.
 */
export function openTelegram(
  cfg: TelegramConfig,
  deps: SenderDeps,
  opts: TelegramOptions = {},
): TelegramLink {
  const logger = deps.logger.child({ platform: 'telegram' });
  const bot = new Bot(cfg.token, {
    client: { apiRoot: cfg.apiRoot },
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  bot.api.config.use(autoRetry(COMMAND_RETRY));
  bot.api.config.use(idlePollGuard(opts.idlePollMs ?? 250));
  const sendApi = new Api(cfg.token, { apiRoot: cfg.apiRoot, timeoutSeconds: SEND_TIMEOUT_SECONDS });
  const sender = createTelegramSender({
    api: sendApi,
    logger,
    ...(opts.now ? { now: opts.now } : {}),
    ...(deps.alertCharts ? { charts: deps.alertCharts } : {}),
  });
  const webhookPath = cfg.webhookUrl !== undefined ? new URL(cfg.webhookUrl).pathname : undefined;
  return {
    platform: 'telegram',
    bot,
    sender,
    ...(webhookPath !== undefined ? { webhookPath } : {}),
    receiver: (commands) => telegramReceiver(cfg, bot, { ...deps, commands, logger }, opts),
  };
}

function telegramReceiver(
  cfg: TelegramConfig,
  bot: Bot,
  deps: PlatformDeps,
  opts: TelegramOptions,
): PlatformReceiver {
  const { logger } = deps;
  installHandlers(bot, { deps, ...(opts.now ? { now: opts.now } : {}) });
  const startApi = new Api(cfg.token, { apiRoot: cfg.apiRoot, timeoutSeconds: GETME_TIMEOUT_SECONDS });
  const webhookPath = cfg.webhookUrl !== undefined ? new URL(cfg.webhookUrl).pathname : undefined;
  const secret = cfg.webhookSecret ?? deriveWebhookSecret(cfg.token);
  let ready = false;
  let stopped = false;
  const poller = createPoller({ bot, offsets: deps.store.pollOffsets, logger });
  let lease: DutyLease | undefined;

  /**
   * One process (SQLite): it polls. Several replicas on one store: the holder of the `telegram-poll`
   * lease polls (renewed while it runs, taken over within two lease periods of its death); the others
   * serve delivery and HTTP.
   */
  function startPolling(): void {
    if (!deps.leaseFor) {
      poller.start();
      return;
    }
    lease = deps.leaseFor(TELEGRAM_POLL_LEASE, (held) => {
      if (stopped) return;
      logger.info(
        { held },
        held ? 'telegram poll lease taken: polling' : 'telegram poll lease lost: not polling',
      );
      if (held) poller.start();
      else void poller.stop();
    });
    lease.start();
  }

  async function publishCommands(): Promise<void> {
    for (const menu of buildMenus(commands, otherLanguages())) {
      const language = menu.languageCode === undefined ? {} : { language_code: menu.languageCode };
      try {
        await bot.api.setMyCommands(menu.commands, { scope: { type: menu.scope }, ...language });
      } catch (err) {
        // Not fatal: commands still work when typed; the menu is a convenience.
        logger.warn(
          { scope: menu.scope, language: menu.languageCode, err: errName(err) },
          'telegram setMyCommands failed',
        );
      }
    }
  }

  const receiver: PlatformReceiver = {
    async start() {
      if (ready) return;
      stopped = false;
      if (!bot.isInited()) {
        // Not bot.init(): its Api retries 5xx quietly (auto-retry) and waits up to 500 s on a connection
        // that never answers. One bounded attempt, so the caller logs each failure and retries with backoff.
        bot.botInfo = await startApi.getMe();
      }
      // stop() while getMe was in flight: do not start polling behind its back.
      if (stopped) return;
      await publishCommands();
      if (stopped) return;
      if (cfg.webhookUrl !== undefined) {
        await bot.api.setWebhook(cfg.webhookUrl, {
          secret_token: secret,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        });
        ready = true;
        // Not the path: it is part of the webhook URL, which counts as a secret.
        logger.info({ mode: 'webhook' }, 'telegram bot ready');
        return;
      }
      // As grammY's own start did: a webhook left behind would answer every getUpdates with 409.
      await bot.api.deleteWebhook({ drop_pending_updates: false });
      if (stopped) return;
      startPolling();
      ready = true;
      logger.info(
        { mode: 'polling', bot: bot.botInfo.username, shared: lease !== undefined },
        'telegram bot ready',
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      ready = false;
      // Webhook mode leaves the webhook set: other replicas may still serve it.
      lease?.stop();
      lease = undefined;
      await poller.stop();
    },
  };
  if (webhookPath !== undefined) {
    receiver.handleHttp = createWebhookHandler({
      path: webhookPath,
      secret,
      logger,
      ready: () => ready,
      onUpdate: (update) => bot.handleUpdate(update as Parameters<Bot['handleUpdate']>[0]),
    });
  }
  return receiver;
}
