/**
 * Pages styled like the Telegram and Discord clients, for the README screenshots (alert-screens.ts).
 * The caption is the Bot API HTML the bot sent (Telegram's subset: b, i, a, code; its text already
 * escaped by the bot); every embed string is escaped here before it goes into the page.
 */

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

const FONT = `font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;`;

export function telegramPage(m: { caption: string; png: Uint8Array; buttons: string[][] }): string {
  const rows = m.buttons
    .map((r) => `<div class="row">${r.map((b) => `<div class="btn">${esc(b)}</div>`).join('')}</div>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #0e1621; ${FONT} }
#shot { padding: 16px; width: 480px; }
.head { color: #6ab2f2; font-weight: bold; font-size: 14px; margin: 0 0 6px 4px; }
.bubble { background: #182533; border-radius: 12px; overflow: hidden; color: #f5f5f5; }
.bubble img { display: block; width: 100%; }
.cap { padding: 8px 12px 10px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; }
.cap a { color: #6ab2f2; text-decoration: none; }
.row { display: flex; gap: 4px; margin-top: 4px; }
.btn { flex: 1; background: #22303f; color: #f5f5f5; border-radius: 8px; padding: 8px; text-align: center; font-size: 13px; }
</style></head><body><div id="shot"><div class="head">tokenwatch</div>
<div class="bubble"><img src="${dataUrl(m.png)}"><div class="cap">${m.caption}</div></div>${rows}</div></body></html>`;
}

interface EmbedLike {
  readonly title?: string | null;
  readonly url?: string | null;
  readonly description?: string | null;
  readonly color?: number | null;
  readonly fields?: ReadonlyArray<{ name: string; value: string; inline?: boolean | null }> | null;
  readonly footer?: { text?: string | null } | null;
  readonly timestamp?: string | null;
}

/** Discord markdown as the client shows it: escapes removed, **bold** kept bold. */
function md(s: string): string {
  return esc(s.replace(/\\([*_~`|>\\[\]()#-])/g, '$1')).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>');
}

export function discordPage(m: { embed: EmbedLike; png: Uint8Array; at: number }): string {
  const e = m.embed;
  const colour = `#${(e.color ?? 0x95a5a6).toString(16).padStart(6, '0')}`;
  const fields = (e.fields ?? [])
    .map(
      (f) =>
        `<div class="field${f.inline ? ' inline' : ''}"><div class="fn">${md(f.name)}</div><div class="fv">${md(f.value)}</div></div>`,
    )
    .join('');
  const title = e.title ? `<div class="title">${md(e.title)}</div>` : '';
  const desc = e.description ? `<div class="desc">${md(e.description)}</div>` : '';
  const footer = [e.footer?.text, e.timestamp ? new Date(e.timestamp).toUTCString().slice(0, 22) : undefined]
    .filter(Boolean)
    .map((s) => md(String(s)))
    .join(' • ');
  const time = new Date(m.at).toISOString().slice(11, 16);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #313338; ${FONT} color: #dbdee1; }
#shot { padding: 16px; width: 600px; display: flex; gap: 14px; }
.avatar { width: 40px; height: 40px; border-radius: 50%; background: #5865f2; flex: none; }
.who { font-size: 15px; } .who b { color: #f2f3f5; } .bot { background: #5865f2; color: #fff; font-size: 10px; border-radius: 3px; padding: 1px 4px; margin: 0 4px; }
.when { color: #949ba4; font-size: 12px; }
.embed { margin-top: 4px; background: #2b2d31; border-left: 4px solid ${colour}; border-radius: 4px; padding: 10px 14px 14px; max-width: 520px; }
.title { color: #00a8fc; font-weight: bold; font-size: 15px; margin-bottom: 6px; }
.desc { font-size: 14px; margin-bottom: 8px; }
.fields { display: flex; flex-wrap: wrap; gap: 8px 0; }
.field { width: 100%; font-size: 14px; } .field.inline { width: 33%; }
.fn { font-weight: bold; color: #f2f3f5; margin-bottom: 2px; } .fv { white-space: pre-wrap; }
.embed img { display: block; width: 100%; margin-top: 12px; border-radius: 4px; }
.footer { color: #949ba4; font-size: 12px; margin-top: 8px; }
</style></head><body><div id="shot"><div class="avatar"></div><div>
<div class="who"><b>tokenwatch</b><span class="bot">APP</span><span class="when">Today at ${time}</span></div>
<div class="embed">${title}${desc}<div class="fields">${fields}</div><img src="${dataUrl(m.png)}">${
    footer ? `<div class="footer">${footer}</div>` : ''
  }</div></div></div></body></html>`;
}
