/**
 * Telegram HTML parse mode helpers. Telegram accepts only `&lt; &gt; &amp; &quot;` as named entities
 * and requires every `<`, `>` and `&` outside a tag to be escaped. `&` goes first so that an entity we
 * produce is never escaped twice.
 */

/** Text content: escapes `&`, `<`, `>`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values (inside double quotes): also escapes `"`. */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** `<b>text</b>` with the text escaped. */
export function bold(text: string): string {
  return `<b>${escapeHtml(text)}</b>`;
}

/**
 * A link, or the escaped label alone when the URL is not plain http(s) (a `javascript:` or `tg:` URL
 * from the API must never become clickable).
 */
export function link(label: string, url: string | undefined): string {
  if (url === undefined || !isHttpUrl(url)) return escapeHtml(label);
  return `<a href="${escapeAttr(url)}">${escapeHtml(label)}</a>`;
}

export function isHttpUrl(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Removes tags and decodes our four entities: the plain text Telegram would display. */
export function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Telegram's text limit for sendMessage (characters after entity parsing; we count UTF-16 units of the HTML, which is never less). */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits HTML into parts of at most `limit` UTF-16 units, on line boundaries. Every line our renderers
 * produce is balanced (tags open and close on the same line), so a part never cuts a tag or an entity.
 * A single line longer than the limit loses its markup and is cut as escaped plain text, never inside
 * an entity or a surrogate pair (emoji stay intact).
 */
export function splitHtml(html: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim().length > 0) parts.push(current);
    current = '';
  };
  for (const line of html.split('\n')) {
    if (line.length > limit) {
      flush();
      for (const chunk of cutEscaped(escapeHtml(stripTags(line)), limit)) parts.push(chunk);
      continue;
    }
    const next = current.length === 0 ? line : `${current}\n${line}`;
    if (next.length > limit) {
      flush();
      current = line;
    } else {
      current = next;
    }
  }
  flush();
  return parts;
}

/** Cuts escaped text into chunks of at most `limit` units, backing off from entities and surrogate pairs. */
function cutEscaped(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = limit;
    // Inside an entity (`&amp;` etc., at most 6 long)? Move the cut before its `&`.
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp >= 0 && amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) out.push(rest);
  return out;
}
