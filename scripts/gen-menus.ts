/**
 * `npm run i18n:menus`: writes `locales/en/menus.ftl`, the English command metadata (descriptions,
 * Discord names, option and choice names) generated from the command registry with the ids of
 * `metaIds` (commands/meta-text.ts). The spec in code stays the one source of English; es, pt-BR and ru
 * translate the generated file by hand, and the catalog check keeps their ids in step with it.
 * test/i18n/menus.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CommandPath, metaIds } from '../commands/meta-text.js';
import { commands } from '../commands/registry.js';
import type { CommandSpec, OptionSpec } from '../commands/types.js';

export const MENUS_FILE = fileURLToPath(new URL('../locales/en/menus.ftl', import.meta.url));

const HEADER = [
  '# Command menus: descriptions (cmd-, opt-), Discord names (cmdname-, optname-) and choice names (choice-).',
  '# GENERATED from the command registry by `npm run i18n:menus`: edit the specs in commands/, not this file.',
  '# Translations (es, pt-BR, ru): Discord names are 1-32 chars of letters, digits, - and _, lowercase,',
  '# no spaces, unique among siblings; descriptions at most 100 chars (Discord) and 256 (Telegram).',
];

/** A Fluent value that reads back as exactly `text` (braces are Fluent syntax; one line only). */
export function ftlValue(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.replace(/[{}]/g, (c) => `{"${c}"}`).replace(/^([[*.])/, '{"$1"}');
}

function optionLines(path: CommandPath, opt: OptionSpec): string[] {
  const lines = [
    `${metaIds.option(path, opt.name)} = ${ftlValue(opt.description)}`,
    `${metaIds.optionName(path, opt.name)} = ${ftlValue(opt.name)}`,
  ];
  for (const c of opt.choices ?? [])
    lines.push(`${metaIds.choice(path, opt.name, c.value)} = ${ftlValue(c.name)}`);
  return lines;
}

function commandLines(spec: CommandSpec, path: CommandPath): string[] {
  const lines = [
    '',
    `## /${path.join(' ')}`,
    `${metaIds.command(path)} = ${ftlValue(spec.description)}`,
    `${metaIds.commandName(path)} = ${ftlValue(spec.name)}`,
    ...spec.options.flatMap((o) => optionLines(path, o)),
  ];
  for (const sub of spec.subcommands ?? []) lines.push(...commandLines(sub, [...path, sub.name]));
  return lines;
}

/** The generated file's text for `registry`; throws when two entries would get one id. */
export function menusFtl(registry: readonly CommandSpec[] = commands): string {
  const lines = [...HEADER, ...registry.flatMap((c) => commandLines(c, [c.name]))];
  const seen = new Set<string>();
  for (const line of lines) {
    const id = /^([a-z][a-z0-9_-]*) = /.exec(line)?.[1];
    if (id === undefined) continue;
    if (seen.has(id)) throw new Error(`gen-menus: two entries would have the id ${id}`);
    seen.add(id);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(MENUS_FILE, menusFtl());
  console.log(`wrote ${MENUS_FILE}`);
}
