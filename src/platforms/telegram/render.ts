import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { actions } from '#commands/index.js';
import type { Reply } from '#commands/types.js';
import { type AlertDescription, describeAlert, describeMessage, factLine } from '../../delivery/describe.js';
import type { OutboundMessage } from '../../delivery/ports.js';
import type { ZoneCache } from '../../domain/format.js';
import type { AlertEvent } from '../../domain/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';
import { bold, escapeHtml, link, MESSAGE_LIMIT, splitHtml } from './html.js';

/**
 * Telegram rendering: alert descriptions (delivery/describe.ts) and command replies → HTML parse mode
 * text (every string escaped) plus inline keyboards. Pure: no grammY imports, so it is unit-tested on its own.
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

/**
 * One alert → its lines of HTML (each line balanced): (time in held digests,) icon, bold symbol, headline,
 * name link; then the facts.
 */
export function renderEvent(e: AlertEvent, t: Translate = translatorFor('en')): string[] {
  return describedLines(describeAlert(e, { t }), t);
}

function describedLines(d: AlertDescription, t: Translate): string[] {
  const name =
    d.name && d.name !== d.subject
      ? ` · ${link(d.name, d.link)}`
      : d.link
        ? ` · ${link(t('render-chart-link'), d.link)}`
        : '';
  // Items of a held digest happened at different times: each starts with its own.
  const when = d.time === undefined ? '' : `<i>${escapeHtml(d.time)}</i> · `;
  const head = `${when}${escapeHtml(d.icon)} ${bold(d.subject)} ${escapeHtml(d.headline)}${name}`;
  return d.facts.length > 0 ? [head, escapeHtml(factLine(d.facts))] : [head];
}

/**
 * Renders a digest: header (held digests say so), one block per event, split at 4096, buttons under the
 * last part. `zones`: the sender's formatter cache (time zones, month names), kept for its life.
 */
export function renderAlert(message: OutboundMessage, limit = MESSAGE_LIMIT, zones?: ZoneCache): Rendered {
  const digest = describeMessage(message, zones);
  const t = translatorFor(message.locale ?? 'en');
  const lines: string[] = [];
  if (digest.heldNote !== undefined) lines.push(escapeHtml(`⏰ ${digest.heldNote}:`), '');
  digest.alerts.forEach((d, i) => {
    if (i > 0) lines.push('');
    lines.push(...describedLines(d, t));
  });
  const keyboard = alertKeyboard(message.events, t);
  const parts = splitHtml(lines.join('\n'), limit);
  return keyboard ? { parts, keyboard } : { parts };
}

/**
 * "🔕 Mute SOL 1d" / "Unsubscribe SOL" (in `t`'s language) for the first few distinct tokens of the
 * digest. The callback data is the same in every language: the action, never the label.
 */
export function alertKeyboard(
  events: readonly AlertEvent[],
  t: Translate = translatorFor('en'),
): InlineKeyboard | undefined {
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
      { text: t('button-mute', { symbol: sym }), callback_data: mute },
      { text: t('button-unsubscribe', { symbol: sym }), callback_data: unsub },
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
 * `buttons` become callback buttons (dropped when their action exceeds 64 bytes). `t`: the reply's language
 * for the words this renderer adds (the deep-link button, an empty reply's `Done.`); default English.
 */
export function renderReply(
  reply: Reply,
  botUsername: string | undefined,
  limit = MESSAGE_LIMIT,
  t: Translate = translatorFor('en'),
): Rendered {
  const prefix = reply.kind === 'error' ? '⚠️ ' : '';
  const lines: string[] = [];
  if (reply.title !== undefined) lines.push(`${escapeHtml(prefix)}${bold(reply.title)}`);
  reply.lines.forEach((l, i) => {
    const p = reply.title === undefined && i === 0 ? prefix : '';
    lines.push(escapeHtml(`${p}${l}`));
  });
  // A table (/stats) as preformatted text: aligned columns, every cell escaped.
  if (reply.table && reply.table.length > 0) lines.push(`<pre>${escapeHtml(reply.table.join('\n'))}</pre>`);
  if (lines.length === 0) lines.push(escapeHtml(reply.kind === 'ok' ? t('render-done') : '…'));
  const rows: InlineButton[][] = [];
  if (reply.deepLinkPayload !== undefined && botUsername && DEEP_LINK_PAYLOAD.test(reply.deepLinkPayload)) {
    rows.push([
      {
        text: t('render-continue-private'),
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

/** Plain text for answerCallbackQuery (max 200 characters, no markup), in `t`'s language when empty. */
export function replyToast(reply: Reply, t: Translate = translatorFor('en')): string {
  const text = [reply.title, ...reply.lines].filter((s): s is string => !!s).join(' ');
  const empty = reply.kind === 'error' ? t('render-failed') : t('render-done');
  const chars = Array.from(text.length > 0 ? text : empty);
  return chars.length > 200 ? `${chars.slice(0, 199).join('')}…` : chars.join('');
}
