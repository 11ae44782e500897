import type { Reply } from '#commands/types.js';
import { type AlertDescription, describeAlert, describeMessage, factLine } from '../../delivery/describe.js';
import type { NoticeMessage, OutboundMessage } from '../../delivery/ports.js';
import type { AlertEvent } from '../../domain/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';

/**
 * Plain-text markup of alert descriptions (delivery/describe.ts): what the console platform and the demo
 * print. A terminal has no markup, so nothing needs escaping.
 */

function alertLine(d: AlertDescription): string {
  const facts = d.facts.length > 0 ? ` · ${factLine(d.facts)}` : '';
  const when = d.time === undefined ? '' : `${d.time} · `;
  return `${when}${d.icon} ${d.subject}: ${d.headline}${facts}`;
}

/** One event as one line: `👀 SOL: approaching resistance $150.00 · Price $147.20 · …`. Default English. */
export function renderEvent(e: AlertEvent, t: Translate = translatorFor('en')): string {
  return alertLine(describeAlert(e, { t }));
}

/** The whole message: a title line (held digests say so), then one indented line per event. A brief: its table. */
export function renderMessage(m: OutboundMessage): string {
  if (m.brief) return [`tokenwatch · ${m.brief.title}`, ...m.brief.table].join('\n');
  const digest = describeMessage(m);
  const title =
    digest.heldNote !== undefined
      ? `tokenwatch · ${digest.heldNote} · ${digest.summary}`
      : `tokenwatch · ${digest.summary}`;
  return [title, ...digest.alerts.map((d) => `  ${alertLine(d)}`)].join('\n');
}

export function renderNotice(n: NoticeMessage): string {
  return `tokenwatch notice · ${n.text}`;
}

export function renderReply(r: Reply): string {
  const head = r.title ? [r.title] : [];
  return [...head, ...r.lines, ...(r.table ?? [])].join('\n');
}
