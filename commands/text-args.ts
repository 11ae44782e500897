import { type Translate, translatorFor } from '#src/i18n/catalog.js';
import { excerpt } from './format.js';
import { usageLine } from './replies.js';
import type { Args, ArgValue, CommandSpec, OptionSpec } from './types.js';

/**
 * `message(t)`: the error in the reply's language (platforms parse before the runner knows the
 * language, so they call it inside `guarded`); `error`: the same in English.
 */
export type TextArgsResult =
  | { readonly ok: true; readonly args: Args }
  | { readonly ok: false; readonly error: string; readonly message: (t: Translate) => string };

/** An error text in any language. */
type Message = (t: Translate) => string;

interface Token {
  readonly value: string;
  /** Offset of the token's first character in the text (for `rest` options). */
  readonly start: number;
}

const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '«': '»' };

/** Splits on whitespace; `"..."`, `'...'`, `“...”` group words. An unclosed quote runs to the end. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    const close = QUOTES[text.charAt(i)];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      const stop = end < 0 ? text.length : end;
      tokens.push({ value: text.slice(i + 1, stop), start });
      i = stop + 1;
    } else {
      while (i < text.length && !/\s/.test(text.charAt(i))) i++;
      tokens.push({ value: text.slice(start, i), start });
    }
  }
  return tokens;
}

function unquote(s: string): string {
  const close = QUOTES[s.charAt(0)];
  return close !== undefined && s.length >= 2 && s.endsWith(close) ? s.slice(1, -1) : s;
}

function convert(
  opt: OptionSpec,
  raw: string,
): { ok: true; value: ArgValue } | { ok: false; error: Message } {
  switch (opt.type) {
    case 'number':
    case 'integer': {
      const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || (opt.type === 'integer' && !Number.isInteger(n))) {
        const id = opt.type === 'integer' ? 'parse-arg-not-integer' : 'parse-arg-not-number';
        return { ok: false, error: (t) => t(id, { name: opt.name, input: excerpt(raw, 16) }) };
      }
      if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
        const range = { name: opt.name, min: String(opt.min ?? '-∞'), max: String(opt.max ?? '∞') };
        return { ok: false, error: (t) => t('run-range', range) };
      }
      return { ok: true, value: n };
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(v)) return { ok: true, value: true };
      if (['false', 'no', 'off', '0'].includes(v)) return { ok: true, value: false };
      return { ok: false, error: (t) => t('parse-arg-yes-no', { name: opt.name }) };
    }
    case 'channel':
      // Accept a pasted mention `<#123>` as well as a bare id.
      return { ok: true, value: raw.replace(/^<#(\d+)>$/, '$1') };
    case 'role':
      // A pasted role mention `<@&123>` or a bare id.
      return { ok: true, value: raw.replace(/^<@&(\d+)>$/, '$1') };
    case 'string':
      return { ok: true, value: raw };
  }
}

/**
 * Text platforms (Telegram, console): turns the text after the command name (and subcommand) into
 * args. Tokens map to options in declared order; a `rest` option takes the remainder of the line
 * verbatim; quotes group words. Numbers are validated here; everything else in runCommand.
 * Errors are short and end with the usage line.
 */
export function parseTextArgs(spec: CommandSpec, text: string): TextArgsResult {
  const failed = (msg: Message): TextArgsResult => {
    const message = (t: Translate) => `${msg(t)} ${usageLine(t, spec.usage)}`;
    return { ok: false, error: message(translatorFor()), message };
  };
  const tokens = tokenize(text);
  const args: Record<string, ArgValue> = {};
  let t = 0;
  for (const opt of spec.options) {
    const tok = tokens[t];
    if (!tok) {
      if (opt.required) return failed((t) => t('run-missing', { name: opt.name }));
      continue;
    }
    const raw = opt.rest ? unquote(text.slice(tok.start).trim()) : tok.value;
    const conv = convert(opt, raw);
    if (!conv.ok) return failed(conv.error);
    args[opt.name] = conv.value;
    t = opt.rest ? tokens.length : t + 1;
  }
  if (t < tokens.length) return failed((tr) => tr('parse-too-many'));
  return { ok: true, args };
}
