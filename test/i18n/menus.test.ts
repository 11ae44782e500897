import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '#commands/index.js';
import { commandDescription, metaIds, optionDescription } from '#commands/meta-text.js';
import type { CommandSpec } from '#commands/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { LOCALES } from '#src/i18n/locales.js';
import { ftlValue, MENUS_FILE, menusFtl } from '../../scripts/gen-menus.js';

/** Every command and subcommand with its path. */
const specs = (): Array<[string[], CommandSpec]> =>
  commands.flatMap((c) => [
    [[c.name], c] as [string[], CommandSpec],
    ...(c.subcommands ?? []).map((s) => [[c.name, s.name], s] as [string[], CommandSpec]),
  ]);

describe('locales/en/menus.ftl (generated from the command registry)', () => {
  it('is up to date', () => {
    const generated = menusFtl();
    if (process.env.UPDATE_MENUS === '1') writeFileSync(MENUS_FILE, generated);
    // Out of date: npm run i18n:menus (or UPDATE_MENUS=1 npx vitest run test/i18n/menus.test.ts)
    expect(readFileSync(MENUS_FILE, 'utf8')).toBe(generated);
  });

  it('reads back as the specs in English: every description, name and choice', () => {
    const t = translatorFor('en');
    for (const [path, spec] of specs()) {
      expect(commandDescription(t, path, spec)).toBe(spec.description);
      expect(t(metaIds.commandName(path))).toBe(spec.name);
      for (const o of spec.options) {
        expect(optionDescription(t, path, o)).toBe(o.description);
        expect(t(metaIds.optionName(path, o.name))).toBe(o.name);
        for (const c of o.choices ?? []) expect(t(metaIds.choice(path, o.name, c.value))).toBe(c.name);
      }
    }
  });

  it.each([
    ['plain', 'plain'],
    ['a {brace}', 'a {"{"}brace{"}"}'],
    ['[starts like a variant', '{"["}starts like a variant'],
    ['two\n lines', 'two lines'],
  ])('ftlValue(%j)', (text, value) => {
    expect(ftlValue(text)).toBe(value);
  });

  it('refuses two entries with one id', () => {
    const spec = { name: 'x', description: 'x', options: [], access: 'everyone', usage: '/x' } as const;
    expect(() => menusFtl([spec, spec])).toThrow(/cmd-x/);
  });
});

describe('the translated menus', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s: every description is translated and fits 100 chars',
    (l) => {
      const t = translatorFor(l);
      const en = translatorFor('en');
      for (const [path, spec] of specs()) {
        const d = t(metaIds.command(path));
        expect(d.length, d).toBeLessThanOrEqual(100);
        expect(d, path.join(' ')).not.toBe(en(metaIds.command(path)));
        for (const o of spec.options) {
          expect(t(metaIds.option(path, o.name)).length).toBeLessThanOrEqual(100);
        }
      }
    },
  );
});
