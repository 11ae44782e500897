/**
 * The shapes and limits of Discord's application command create request, as the Discord OpenAPI spec
 * gives them (shared/reference/specs/discord-openapi.json: ApplicationCommandCreateRequest,
 * ApplicationCommand*Option, ApplicationCommandOptionStringChoice, AvailableLocalesEnum). Returns one
 * line per violation, so a test shows every problem of a deploy body at once.
 */

/** AvailableLocalesEnum: the only keys a localization dictionary may have. */
const DISCORD_LOCALE_CODES: ReadonlySet<string> = new Set(
  'ar bg cs da de el en-GB en-US es-419 es-ES fi fr he hi hr hu id it ja ko lt nl no pl pt-BR ro ru sv-SE th tr uk vi zh-CN zh-TW'.split(
    ' ',
  ),
);

/** Discord's CHAT_INPUT name rule (developer docs, "Application Command Naming"). */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ [locale]: string of 1..max }`, at most 34 entries (maxProperties). */
function checkLocalizations(v: unknown, max: number, at: string, out: string[], isName: boolean): void {
  if (v === undefined || v === null) return;
  if (!isRec(v)) return void out.push(`${at}: not an object`);
  if (Object.keys(v).length > 34) out.push(`${at}: more than 34 locales`);
  for (const [code, text] of Object.entries(v)) {
    if (!DISCORD_LOCALE_CODES.has(code)) out.push(`${at}.${code}: not a Discord locale`);
    if (typeof text !== 'string' || text.length < 1 || text.length > max) {
      out.push(`${at}.${code}: must be 1-${max} chars, is ${JSON.stringify(text)}`);
    } else if (isName && (!NAME.test(text) || text !== text.toLowerCase())) {
      out.push(`${at}.${code}: "${text}" breaks Discord's name rule`);
    }
  }
}

function checkNamed(v: Rec, at: string, out: string[], descriptionMin: number): void {
  if (typeof v.name !== 'string' || !NAME.test(v.name) || v.name !== v.name.toLowerCase()) {
    out.push(`${at}.name: "${String(v.name)}" breaks Discord's name rule`);
  }
  const d = v.description;
  if (typeof d !== 'string' || d.length < descriptionMin || d.length > 100) {
    out.push(`${at}.description: must be ${descriptionMin}-100 chars`);
  }
  checkLocalizations(v.name_localizations, 32, `${at}.name_localizations`, out, true);
  checkLocalizations(v.description_localizations, 100, `${at}.description_localizations`, out, false);
}

/** Names (default and per locale) must be unique among siblings. */
function checkUnique(items: readonly Rec[], at: string, out: string[]): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    const names: Array<[string, unknown]> = [['default', item.name]];
    if (isRec(item.name_localizations)) names.push(...Object.entries(item.name_localizations));
    for (const [code, name] of names) {
      const key = `${code}:${String(name)}`;
      const other = seen.get(key);
      if (other !== undefined)
        out.push(`${at}: ${code} name "${String(name)}" twice (${other}, ${item.name})`);
      seen.set(key, String(item.name));
    }
  }
}

function checkChoices(v: unknown, at: string, out: string[]): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v) || v.length > 25) return void out.push(`${at}: at most 25 choices`);
  for (const [i, c] of (v as unknown[]).entries()) {
    if (!isRec(c)) {
      out.push(`${at}[${i}]: not an object`);
      continue;
    }
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) {
      out.push(`${at}[${i}].name: must be 1-100 chars`);
    }
    if (typeof c.value !== 'string' || c.value.length > 6000) out.push(`${at}[${i}].value: bad`);
    checkLocalizations(c.name_localizations, 100, `${at}[${i}].name_localizations`, out, false);
  }
}

function checkOptions(v: unknown, at: string, out: string[], depth: number): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v) || v.length > 25) return void out.push(`${at}: at most 25 options`);
  const opts = v.filter(isRec);
  if (opts.length !== v.length) out.push(`${at}: an option is not an object`);
  checkUnique(opts, at, out);
  opts.forEach((o, i) => {
    const here = `${at}[${i}:${String(o.name)}]`;
    checkNamed(o, here, out, 1);
    if (o.type === 1) {
      if (depth > 0) out.push(`${here}: a subcommand inside a subcommand`);
      checkOptions(o.options, `${here}.options`, out, depth + 1);
    } else if (![3, 4, 5, 6, 7, 8, 9, 10, 11].includes(Number(o.type))) {
      out.push(`${here}.type: ${String(o.type)} is no option type`);
    }
    checkChoices(o.choices, `${here}.choices`, out);
  });
}

/** Every problem of a `PUT applications/:id/commands` body. */
export function checkCommandBody(body: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(body)) return ['body: not an array'];
  const cmds = body.filter(isRec);
  checkUnique(cmds, 'commands', out);
  for (const c of cmds) {
    const at = `/${String(c.name)}`;
    checkNamed(c, at, out, 0);
    checkOptions(c.options, `${at}.options`, out, 0);
  }
  return out;
}
