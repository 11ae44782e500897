import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { actions, formatNumber, formatPct, formatPrice, formatSignal } from '#commands/index.js';
import type { Reply } from '#commands/types.js';
import type { OutboundMessage } from '../../delivery/ports.js';
import type { AlertEvent, SignalValue } from '../../domain/types.js';
import { bold, escapeHtml, link, MESSAGE_LIMIT, splitHtml } from './html.js';

/**
 * Telegram rendering: alerts and command replies → HTML parse mode text (every dynamic string
 * escaped) plus inline keyboards. Pure: no grammY imports, so it is unit-tested on its own.
 */

export type InlineButton = InlineKeyboardButton.CallbackButton | InlineKeyboardButton.UrlButton;
export type InlineKeyboard = InlineKeyboardMarkup;

/** A rendered message: one or more HTML parts (≤ 4096 each); the keyboard goes under the last. */
export interface Rendered {
  readonly parts: readonly string[];
  readonly keyboard?: InlineKeyboard;
}

/** Telegram's callback_data limit, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;
/** How many tokens of a digest get their own row of alert buttons. */
export const MAX_TOKEN_BUTTON_ROWS = 3;

const SIGNAL_EMOJI: Readonly<Record<SignalValue, string>> = { 1: '🟢', 0: '⚪', [-1]: '🔴' };
const dirEmoji = (d: 'up' | 'down') => (d === 'up' ? '📈' : '📉');

/** One event → its lines of HTML (each line balanced). */
export function renderEvent(e: AlertEvent): string[] {
  const sym = bold(e.symbol);
  const name =
    e.name && e.name !== e.symbol ? ` · ${link(e.name, e.url)}` : e.url ? ` · ${link('chart', e.url)}` : '';
  switch (e.kind) {
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout': {
      const what =
        e.kind === 'level_breakout'
          ? `broke ${e.direction === 'up' ? 'above' : 'below'} ${e.side}`
          : e.kind === 'level_touch'
            ? `touched ${e.side}`
            : `approaching ${e.side}`;
      return [
        `${dirEmoji(e.direction)} ${sym} ${escapeHtml(what)} ${bold(formatPrice(e.level))}${name}`,
        escapeHtml(
          `Price ${formatPrice(e.price)} · ${formatPct(e.distancePct)} from the level · strength ${formatNumber(e.strength, 0)}/100`,
        ),
      ];
    }
    case 'signal_flip': {
      const tf = e.timeframe === 'daily' ? 'Daily' : 'Hourly';
      const price = e.price !== undefined ? ` · price ${formatPrice(e.price)}` : '';
      return [
        `${SIGNAL_EMOJI[e.to]} ${sym} ${escapeHtml(`${tf} signal turned ${formatSignal(e.to)}`)}${name}`,
        escapeHtml(`Was ${formatSignal(e.from)}${price}`),
      ];
    }
    case 'metric_cross': {
      const metric = e.metric.toUpperCase() === 'SHARPE' ? 'Sharpe' : e.metric;
      const prev = e.previous !== undefined ? ` (was ${formatNumber(e.previous)})` : '';
      return [
        `${dirEmoji(e.direction)} ${sym} ${escapeHtml(`${metric} crossed ${e.direction === 'up' ? 'above' : 'below'} ${formatNumber(e.threshold)}`)}${name}`,
        escapeHtml(`${metric} ${formatNumber(e.value)} · threshold ${formatNumber(e.threshold)}${prev}`),
      ];
    }
    case 'grade_change': {
      const head = `🏷️ ${sym} ${escapeHtml(`TM grade signal: ${e.from} → ${e.to}`)}${name}`;
      return e.grade === undefined ? [head] : [head, escapeHtml(`TM grade ${formatNumber(e.grade, 1)}`)];
    }
  }
}

/** Renders a digest: header (held digests say so), one block per event, split at 4096, buttons under the last part. */
export function renderAlert(message: OutboundMessage, limit = MESSAGE_LIMIT): Rendered {
  const lines: string[] = [];
  if (message.origin === 'held') lines.push(escapeHtml('⏰ Held during your quiet hours or mute:'), '');
  message.events.forEach((e, i) => {
    if (i > 0) lines.push('');
    lines.push(...renderEvent(e));
  });
  const keyboard = alertKeyboard(message.events);
  const parts = splitHtml(lines.join('\n'), limit);
  return keyboard ? { parts, keyboard } : { parts };
}

/** "🔕 Mute SOL 1d" / "Unsubscribe SOL" for the first few distinct tokens of the digest. */
export function alertKeyboard(events: readonly AlertEvent[]): InlineKeyboard | undefined {
  const rows: InlineButton[][] = [];
  const seen = new Set<number>();
  for (const e of events) {
    if (seen.has(e.tokenId) || rows.length >= MAX_TOKEN_BUTTON_ROWS) continue;
    seen.add(e.tokenId);
    const sym = shortLabel(e.symbol);
    const mute = actions.mute(e.tokenId, '1d');
    const unsub = actions.unsub(e.tokenId);
    if (!fitsCallback(mute) || !fitsCallback(unsub)) continue;
    rows.push([
      { text: `🔕 Mute ${sym} 1d`, callback_data: mute },
      { text: `Unsubscribe ${sym}`, callback_data: unsub },
    ]);
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

export function fitsCallback(data: string): boolean {
  const bytes = Buffer.byteLength(data, 'utf8');
  return bytes >= 1 && bytes <= CALLBACK_DATA_LIMIT;
}

/** Button labels are shown as plain text (no parse mode); keep them short. */
function shortLabel(s: string): string {
  const chars = Array.from(s);
  return chars.length > 16 ? `${chars.slice(0, 15).join('')}…` : s;
}

const DEEP_LINK_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A command reply → HTML parts + keyboard. Title in bold, lines escaped. `deepLinkPayload` becomes a URL
 * button to the private chat (when the bot's username is known and the payload is valid for Telegram);
 * `buttons` become callback buttons (dropped when their action exceeds 64 bytes).
 */
export function renderReply(reply: Reply, botUsername: string | undefined, limit = MESSAGE_LIMIT): Rendered {
  const prefix = reply.kind === 'error' ? '⚠️ ' : '';
  const lines: string[] = [];
  if (reply.title !== undefined) lines.push(`${escapeHtml(prefix)}${bold(reply.title)}`);
  reply.lines.forEach((l, i) => {
    const p = reply.title === undefined && i === 0 ? prefix : '';
    lines.push(escapeHtml(`${p}${l}`));
  });
  if (lines.length === 0) lines.push(escapeHtml(reply.kind === 'ok' ? 'Done.' : '…'));
  const rows: InlineButton[][] = [];
  if (reply.deepLinkPayload !== undefined && botUsername && DEEP_LINK_PAYLOAD.test(reply.deepLinkPayload)) {
    rows.push([
      {
        text: '💬 Continue in a private chat',
        url: `https://t.me/${encodeURIComponent(botUsername)}?start=${reply.deepLinkPayload}`,
      },
    ]);
  }
  const buttons = (reply.buttons ?? []).filter((b) => fitsCallback(b.action));
  for (let i = 0; i < buttons.length; i += 2) {
    rows.push(buttons.slice(i, i + 2).map((b) => ({ text: shortLabel(b.label), callback_data: b.action })));
  }
  const parts = splitHtml(lines.join('\n'), limit);
  return rows.length > 0 ? { parts, keyboard: { inline_keyboard: rows } } : { parts };
}

/** Plain text for answerCallbackQuery (max 200 characters, no markup). */
export function replyToast(reply: Reply): string {
  const text = [reply.title, ...reply.lines].filter((s): s is string => !!s).join(' ');
  const chars = Array.from(text.length > 0 ? text : reply.kind === 'error' ? 'Failed.' : 'Done.');
  return chars.length > 200 ? `${chars.slice(0, 199).join('')}…` : chars.join('');
}
