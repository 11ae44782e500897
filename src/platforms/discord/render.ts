import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import type { Reply } from '#commands/types.js';
import { type AlertDescription, describeAlert, describeMessage, type Tone } from '../../delivery/describe.js';
import type { OutboundMessage } from '../../delivery/ports.js';
import type { ZoneCache } from '../../domain/format.js';
import type { AlertEvent } from '../../domain/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';

/**
 * Pure rendering of alerts and replies into Discord message bodies, within Discord's limits.
 * @see https://discord.com/developers/docs/resources/message#create-message (limits)
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Sum of title, description, field names and values, footer text and author name of all embeds. */
  embedTotal: 6000,
  fields: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  buttonLabel: 80,
  actionRows: 5,
} as const;

export const COLOURS = {
  up: 0x2ecc71, // green: bullish, broke resistance, metric crossed up
  down: 0xe74c3c, // red: bearish, broke support, metric crossed down
  near: 0xf39c12, // amber: approaching / touching a level
  neutral: 0x95a5a6, // grey: neutral signal, grade change without a direction
  info: 0x5865f2, // blurple: informational replies
} as const;

/** Allowed mentions for every message and reply: nobody is ever pinged. */
export const NO_MENTIONS = { parse: [] as [] };

/**
 * Allowed mentions of an alert that pings roles (issue 20): exactly those roles, never everyone, here or
 * users (`parse` empty: nothing is parsed from the text).
 */
export type AllowedMentions = { parse: []; roles?: string[] };

/** A message body for `POST /channels/:id/messages`, minus the nonce the sender adds. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  /** Uploaded files of this body (ids match the multipart `files[n]` the sender adds). */
  attachments?: Array<{ id: number; filename: string }>;
  components?: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: AllowedMentions;
}

/** Escapes Discord markdown in user/API text and cuts it to `max` characters (after escaping). */
export function esc(text: string, max: number = DISCORD_LIMITS.content): string {
  return truncate(escapeMarkdown(text), max);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not leave a dangling escape backslash at the cut.
  return `${text.slice(0, max - 1).replace(/\\+$/, '')}…`;
}

/** Only http(s) URLs survive; anything else would make Discord reject the whole message (400). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

const TONE_COLOUR: Readonly<Record<Tone, number>> = {
  up: COLOURS.up,
  down: COLOURS.down,
  near: COLOURS.near,
  neutral: COLOURS.neutral,
};

/**
 * One alert description → one embed: coloured by tone, one inline field per fact. Text is markdown-escaped.
 * The embed timestamp is the alert's own time, which Discord shows in each reader's zone: in a held
 * digest every item shows when it happened without a text `time`.
 */
export function descriptionEmbed(d: AlertDescription): APIEmbed {
  const url = safeUrl(d.link);
  return {
    title: esc(`${d.subject} ${d.headline}`, DISCORD_LIMITS.title),
    color: TONE_COLOUR[d.tone],
    fields: d.facts.slice(0, DISCORD_LIMITS.fields).map((f) => ({
      name: esc(f.label, DISCORD_LIMITS.fieldName),
      value: esc(f.value, DISCORD_LIMITS.fieldValue),
      inline: true,
    })),
    // Footers do not render markdown: escaping would show backslashes.
    footer: { text: truncate(`${d.name} · tokenwatch`, DISCORD_LIMITS.footer) },
    timestamp: new Date(d.at).toISOString(),
    ...(url ? { url } : {}),
  };
}

/** One event → its embed. */
export function eventEmbed(e: AlertEvent, t: Translate = translatorFor('en')): APIEmbed {
  return descriptionEmbed(describeAlert(e, { t }));
}

/** Characters Discord counts toward the 6,000 per-message embed total. */
export function embedLength(e: APIEmbed): number {
  let n = (e.title ?? '').length + (e.description ?? '').length;
  n += (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** DM alert buttons: one row per token (at most 5): "Mute 1d" and "Unsubscribe". */
export function alertButtons(
  alerts: ReadonlyArray<Pick<AlertDescription, 'tokenId' | 'subject'>>,
  t: Translate = translatorFor('en'),
): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Map<number, string>();
  for (const a of alerts) if (!seen.has(a.tokenId)) seen.set(a.tokenId, a.subject);
  return [...seen].slice(0, DISCORD_LIMITS.actionRows).map(([tokenId, symbol]) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: truncate(t('button-mute-plain', { symbol }), DISCORD_LIMITS.buttonLabel),
        custom_id: `mute:${tokenId}:1d`,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Danger,
        label: truncate(t('button-unsubscribe', { symbol }), DISCORD_LIMITS.buttonLabel),
        custom_id: `unsub:${tokenId}`,
      },
    ],
  }));
}

/** Keep a margin below 6,000 for rounding in Discord's own count (it counts trimmed text). */
const EMBED_BUDGET = DISCORD_LIMITS.embedTotal - 100;

/**
 * A digest → one or more message bodies: ≤ 10 embeds and ≤ 6,000 embed characters each, events in the
 * order given (delivery sorts by priority). The first part carries a short header; DMs get buttons.
 */
export function renderAlert(
  message: OutboundMessage,
  chart?: { readonly eventId: string; readonly filename: string },
  zones?: ZoneCache,
): MessageBody[] {
  const groups: Array<{ embeds: APIEmbed[]; alerts: AlertDescription[]; size: number; file?: string }> = [];
  // `zones`: the sender's formatter cache (time zones, month names), kept for its life.
  const digest = describeMessage(message, zones);
  const t = translatorFor(message.locale ?? 'en');
  for (const [i, alert] of digest.alerts.entries()) {
    // The chart shows inside the embed of the event it was drawn for (an uploaded attachment).
    const withChart = chart !== undefined && message.events[i]?.id === chart.eventId;
    const embed: APIEmbed = withChart
      ? { ...descriptionEmbed(alert), image: { url: `attachment://${chart.filename}` } }
      : descriptionEmbed(alert);
    const size = embedLength(embed);
    const last = groups.at(-1);
    if (last && last.embeds.length < DISCORD_LIMITS.embedsPerMessage && last.size + size <= EMBED_BUDGET) {
      last.embeds.push(embed);
      last.alerts.push(alert);
      last.size += size;
      if (withChart) last.file = chart.filename;
    } else {
      groups.push({ embeds: [embed], alerts: [alert], size, ...(withChart ? { file: chart.filename } : {}) });
    }
  }
  const header =
    digest.heldNote !== undefined
      ? `${digest.heldNote}: ${digest.count}`
      : message.events.length > 1
        ? digest.count
        : undefined;
  // Role pings: the first part only, each role once, and allowed_mentions names exactly those roles.
  const roles = (message.pings ?? []).filter((r) => /^\d{1,25}$/.test(r)).slice(0, 20);
  const mentions = roles.map((r) => `<@&${r}>`).join(' ');
  return groups.map((g, i) => {
    const part = groups.length > 1 ? `(${i + 1}/${groups.length})` : undefined;
    const ping = i === 0 && roles.length > 0;
    const content = [ping ? mentions : undefined, i === 0 ? header : undefined, part]
      .filter((x) => x !== undefined)
      .join(' ');
    return {
      ...(content ? { content } : {}),
      embeds: g.embeds,
      ...(g.file !== undefined ? { attachments: [{ id: 0, filename: g.file }] } : {}),
      ...(message.destination.kind === 'dm' ? { components: alertButtons(g.alerts, t) } : {}),
      allowed_mentions: ping ? { parse: [], roles } : NO_MENTIONS,
    };
  });
}

/**
 * A daily brief → one message body: the /watchlist embed (title, table as a code block), the card as its
 * image when one was drawn. Nobody is pinged.
 */
export function renderBrief(
  brief: NonNullable<OutboundMessage['brief']>,
  chart?: { readonly filename: string },
): MessageBody {
  const embed = tableEmbed({ kind: 'info', title: brief.title, lines: [], table: brief.table }, '');
  return {
    embeds: [chart ? { ...embed, image: { url: `attachment://${chart.filename}` } } : embed],
    ...(chart ? { attachments: [{ id: 0, filename: chart.filename }] } : {}),
    allowed_mentions: NO_MENTIONS,
  };
}

/** Plain text (notice) → message body, escaped and within 2,000 characters. */
export function renderNotice(text: string): MessageBody {
  return { content: esc(text), allowed_mentions: NO_MENTIONS };
}

const KIND_MARK: Readonly<Record<Reply['kind'], string>> = { ok: '✅', error: '⚠️', info: 'ℹ️' };

/** A platform-neutral Reply → interaction reply fields (content + buttons), escaped, ≤ 2,000 chars. */
export function renderReply(reply: Reply): {
  content: string;
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
  embeds?: APIEmbed[];
} {
  const head = reply.title
    ? `${KIND_MARK[reply.kind]} **${escapeMarkdown(reply.title)}**`
    : KIND_MARK[reply.kind];
  const body = reply.lines.map((l) => escapeMarkdown(l)).join('\n');
  const components = replyButtons(reply);
  if (reply.table)
    return { content: '', embeds: [tableEmbed(reply, body)], components, allowedMentions: NO_MENTIONS };
  const content = truncate(body ? `${head}\n${body}` : head, DISCORD_LIMITS.content);
  return { content, components, allowedMentions: NO_MENTIONS };
}

/** A reply with a table (/stats) → one embed: the lines, then the table as a code block. */
function tableEmbed(reply: Reply, body: string): APIEmbed {
  // Inside a code block markdown is inert; only a backtick could close it early.
  const table = (reply.table ?? []).join('\n').replace(/`/g, 'ˋ');
  const block = `\`\`\`\n${truncate(table, DISCORD_LIMITS.description - body.length - 16)}\n\`\`\``;
  return {
    ...(reply.title ? { title: esc(reply.title, DISCORD_LIMITS.title) } : {}),
    description: body ? `${body}\n${block}` : block,
    color: COLOURS.info,
  };
}

function replyButtons(reply: Reply): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = (reply.buttons ?? []).slice(0, 25);
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + 5).map((b) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: truncate(b.label, DISCORD_LIMITS.buttonLabel),
        custom_id: b.action.slice(0, 100),
      })),
    });
  }
  return rows;
}
