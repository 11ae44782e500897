/**
 * `npm run i18n:check`: every language's catalog has exactly English's message ids, the same
 * placeholders in each message, no syntax errors and no id twice; and every id the code names is in
 * English. Exits 1 with one line per problem. The catalog test runs the same checks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@fluent/syntax';
import { LOCALES, SOURCE_LOCALE } from '../src/i18n/locales.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Message id → the names of the variables it uses (`$count`), in value, variants and attributes. */
type Messages = Map<string, Set<string>>;

function variablesOf(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) variablesOf(n, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const rec = node as Record<string, unknown>;
  if (rec.type === 'VariableReference') {
    const id = rec.id as { name: string };
    out.add(id.name);
  }
  for (const [k, v] of Object.entries(rec)) if (k !== 'span') variablesOf(v, out);
}

/** One language folder's messages, plus its problems (syntax errors, duplicate ids). */
export function readLocale(dir: string, locale: string): { messages: Messages; problems: string[] } {
  const messages: Messages = new Map();
  const problems: string[] = [];
  const folder = join(dir, locale);
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.ftl'));
  } catch {
    return { messages, problems: [`${locale}: no catalog folder ${folder}`] };
  }
  for (const file of files.sort()) {
    const res = parse(readFileSync(join(folder, file), 'utf8'), { withSpans: false });
    for (const entry of res.body) {
      if (entry.type === 'Junk') {
        const first = entry.content.split('\n')[0];
        problems.push(`${locale}/${file}: syntax error near "${first}"`);
      } else if (entry.type === 'Message') {
        const id = entry.id.name;
        if (messages.has(id)) problems.push(`${locale}/${file}: ${id} is defined twice`);
        const vars = new Set<string>();
        variablesOf([entry.value, entry.attributes], vars);
        messages.set(id, vars);
      }
    }
  }
  return { messages, problems };
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Every problem of the catalogs in `dir` (default: the shipped `locales/`), compared with English. */
export function checkCatalog(dir = join(ROOT, 'locales')): string[] {
  const source = readLocale(dir, SOURCE_LOCALE);
  const problems = [...source.problems];
  for (const locale of LOCALES) {
    if (locale === SOURCE_LOCALE) continue;
    const other = readLocale(dir, locale);
    problems.push(...other.problems);
    for (const [id, vars] of source.messages) {
      const theirs = other.messages.get(id);
      if (!theirs) problems.push(`${locale}: lacks ${id}`);
      else if (!sameSet(vars, theirs)) {
        const show = (s: Set<string>) =>
          [...s]
            .sort()
            .map((v) => `$${v}`)
            .join(', ') || 'none';
        problems.push(`${locale}: ${id} has placeholders ${show(theirs)}, English has ${show(vars)}`);
      }
    }
    for (const id of other.messages.keys()) {
      if (!source.messages.has(id)) problems.push(`${locale}: has ${id}, which English lacks`);
    }
  }
  return problems;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Message ids the code names literally: `t('id'`, `t("id"` (any translator called `t` or `*.t`), and
 * ids in `msg('id'` message descriptors. Ids built at run time are listed in tables the code holds.
 */
export function codeMessageIds(roots = ['src', 'commands'].map((r) => join(ROOT, r))): Map<string, string> {
  const ids = new Map<string, string>();
  const re = /\b(?:t|msg)\(\s*['"]([a-z][a-z0-9-]*)['"]/g;
  for (const file of roots.flatMap(tsFiles)) {
    for (const m of readFileSync(file, 'utf8').matchAll(re)) if (m[1]) ids.set(m[1], file.slice(ROOT.length));
  }
  return ids;
}

/** Ids the code names that English lacks. */
export function missingInSource(dir = join(ROOT, 'locales')): string[] {
  const { messages } = readLocale(dir, SOURCE_LOCALE);
  return [...codeMessageIds()]
    .filter(([id]) => !messages.has(id))
    .map(([id, file]) => `${SOURCE_LOCALE}: lacks ${id} (used in ${file})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  const problems = [...checkCatalog(dir), ...(dir ? [] : missingInSource())];
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
  console.log(`catalogs ok: ${LOCALES.join(', ')}`);
}
