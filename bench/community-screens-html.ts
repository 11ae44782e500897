/**
 * A page styled like a Telegram forum topic, for the community screenshots (community-screens.ts). The
 * caption is the Bot API HTML the bot sent (its text already escaped by the bot); the frame's own
 * strings are escaped here.
 */
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
const FONT = `font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;`;

export function topicPage(m: { group: string; topic: string; caption: string; png: Uint8Array }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #0e1621; ${FONT} }
#shot { padding: 0 0 16px; width: 880px; }
.bar { background: #17212b; padding: 10px 16px; color: #f5f5f5; display: flex; gap: 10px; align-items: center; }
.bar .hash { background: #3a6d99; border-radius: 50%; width: 30px; height: 30px; text-align: center; line-height: 30px; font-weight: bold; }
.bar .t { font-weight: bold; font-size: 15px; } .bar .g { color: #7f91a4; font-size: 12px; }
.msg { padding: 14px 16px 0; }
.head { color: #6ab2f2; font-weight: bold; font-size: 14px; margin: 0 0 6px 4px; }
.bubble { background: #182533; border-radius: 12px; overflow: hidden; color: #f5f5f5; max-width: 848px; }
.bubble img { display: block; width: 100%; }
.cap { padding: 8px 12px 10px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; }
.cap pre { font-family: "DejaVu Sans Mono", monospace; font-size: 11px; white-space: pre; overflow: hidden; margin: 6px 0 0; color: #e0e6ec; }
.cap a { color: #6ab2f2; text-decoration: none; }
</style></head><body><div id="shot">
<div class="bar"><div class="hash">#</div><div><div class="t">${esc(m.topic)}</div><div class="g">${esc(m.group)} · forum topic</div></div></div>
<div class="msg"><div class="head">tokenwatch</div>
<div class="bubble"><img src="${dataUrl(m.png)}"><div class="cap">${m.caption}</div></div></div></div></body></html>`;
}
