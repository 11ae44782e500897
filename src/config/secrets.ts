import { readFileSync } from 'node:fs';

/** Reads a secret file; injected in tests. Same shape as `fs.readFileSync(path, 'utf8')`. */
export type ReadFile = (path: string, encoding: 'utf8') => string;

/**
 * Variables that hold secrets. Each also accepts `<NAME>_FILE` (Docker secrets). Their values are
 * never echoed in problems and are returned by `secretsOf` for log redaction. The webhook URL is a secret
 * because Telegram webhook paths often embed the token; a Redis URL may carry a password.
 */
export const SECRET_VARS = [
  'TM_API_KEY',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'DISCORD_TOKEN',
  'REDIS_URL',
  'STATUS_TOKEN',
] as const;
export type SecretVar = (typeof SECRET_VARS)[number];

export function isSecretVar(name: string): name is SecretVar {
  return (SECRET_VARS as readonly string[]).includes(name);
}

/** Empty and whitespace-only values count as unset (`FOO=` in a compose file). */
function present(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

/**
 * Copy `env` with every `X_FILE` resolved into `X` (file content with trailing newlines trimmed) and
 * empty values removed. Problems name the variable and the file path, never the content.
 */
export function resolveSecretFiles(
  env: Readonly<Record<string, string | undefined>>,
  readFile: ReadFile = readFileSync,
): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [k, v] of Object.entries(env)) if (present(v)) values[k] = v;
  for (const name of SECRET_VARS) {
    const fileVar = `${name}_FILE`;
    const path = values[fileVar];
    delete values[fileVar];
    if (path === undefined) continue;
    if (values[name] !== undefined) {
      problems.push(`${name}: set either ${name} or ${fileVar}, not both`);
      delete values[name];
      continue;
    }
    let content: string;
    try {
      content = readFile(path, 'utf8');
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      problems.push(`${fileVar}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
      continue;
    }
    const trimmed = content.replace(/[\r\n]+$/, '');
    if (trimmed.trim() === '') problems.push(`${fileVar}: ${path} is empty`);
    else values[name] = trimmed;
  }
  return { values, problems };
}

/**
 * Values people leave in `.env` files instead of the real secret. Checked on the whole value and, for
 * URLs, on the password. `xxx` only counts as a whole word so a random token containing it still passes.
 */
const PLACEHOLDERS: readonly RegExp[] = [
  /change[-_ .]?me/i,
  /replace[-_ .]?me/i,
  /(^|[^a-z0-9])x{3,}([^a-z0-9]|$)/i,
  /<[^<>]*>/,
  /\$\{[^}]*\}/,
  /your[-_ .]?[a-z_ .-]*here/i,
  /^(placeholder|todo|tbd|fixme|dummy|secret|token|password|none|null|undefined|example|test|\.\.\.|\*+)$/i,
];

export function looksLikePlaceholder(value: string): boolean {
  const parts = [value.trim()];
  try {
    const u = new URL(value);
    if (u.password) parts.push(decodeURIComponent(u.password));
  } catch {
    // Not a URL: the whole value is all there is.
  }
  return parts.some((p) => PLACEHOLDERS.some((re) => re.test(p)));
}

/** One problem per secret variable holding a placeholder; names the variable, never the value. */
export function placeholderProblems(values: Readonly<Record<string, string>>): string[] {
  return SECRET_VARS.filter((name) => {
    const v = values[name];
    return v !== undefined && looksLikePlaceholder(v);
  }).map(
    (name) =>
      `${name}: looks like a placeholder left from a template, not a real secret; set the real value or unset it`,
  );
}
