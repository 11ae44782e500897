import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog, readCatalogSources, translatorFor } from '#src/i18n/catalog.js';
import { LOCALES } from '#src/i18n/locales.js';
import { checkCatalog, missingInSource } from '../../scripts/check-catalog.js';

describe('the shipped catalogs', () => {
  it('every language has exactly the English ids with the same placeholders, no syntax errors', () => {
    expect(checkCatalog()).toEqual([]);
  });

  it('every id the code names is in English', () => {
    expect(missingInSource()).toEqual([]);
  });

  it('every message of every language formats to non-empty text', () => {
    const sources = readCatalogSources();
    const catalog = new Catalog(sources);
    for (const locale of LOCALES) {
      const ids = [...sources[locale].join('\n').matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((m) => m[1] ?? '');
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(catalog.format(locale, id, {}).trim(), `${locale} ${id}`).not.toBe('');
    }
  });
});

describe('the catalog check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };

  it('reports missing, extra and placeholder-changed messages and syntax errors', () => {
    write({
      'en/a.ftl':
        'hello = Hello { $name }\nbye = Bye\ncount = { $n ->\n [one] one alert\n *[other] { $n } alerts\n}\n',
      'es/a.ftl':
        'hello = Hola { $nombre }\nextra = Extra\ncount = { $n ->\n [one] una\n *[other] { $n } alertas\n}\n',
      'pt-BR/a.ftl':
        'hello = Olá { $name }\nbye = Tchau\ncount = { $n ->\n [one] um\n *[other] { $n } alertas\n}\n',
      'ru/a.ftl':
        'hello = Привет { $name }\nbye = Пока\ncount = { $n ->\n [one] { $n } оповещение\n [few] { $n } оповещения\n *[many] { $n } оповещений\n}\nbroken = { $x\n',
    });
    const problems = checkCatalog(dir);
    expect(problems).toContain('es: lacks bye');
    expect(problems).toContain('es: has extra, which English lacks');
    expect(problems).toContain('es: hello has placeholders $nombre, English has $name');
    expect(problems.some((p) => p.startsWith('ru/a.ftl: syntax error'))).toBe(true);
    // Russian's extra plural forms are variants of one message, not new ids.
    expect(problems.filter((p) => p.includes('count'))).toEqual([]);
    expect(problems.filter((p) => p.startsWith('pt-BR'))).toEqual([]);
  });
});

describe('Catalog', () => {
  const catalog = new Catalog({
    en: [
      'alerts = { $count ->\n [one] { $count } alert\n *[other] { $count } alerts\n}\nonly-en = English only\nhi = Hi { $name }\n',
    ],
    es: [
      'alerts = { $count ->\n [one] { $count } alerta\n *[other] { $count } alertas\n}\nhi = Hola { $name }\n',
    ],
    'pt-BR': [],
    ru: [
      'alerts = { $count ->\n [one] { $count } оповещение\n [few] { $count } оповещения\n *[many] { $count } оповещений\n}\nhi = <b>{ $name }</b>\n',
    ],
  });

  it('selects plurals in the language and writes numbers the same everywhere', () => {
    expect(catalog.format('ru', 'alerts', { count: 1 })).toBe('1 оповещение');
    expect(catalog.format('ru', 'alerts', { count: 3 })).toBe('3 оповещения');
    expect(catalog.format('ru', 'alerts', { count: 1235 })).toBe('1,235 оповещений');
    expect(catalog.format('es', 'alerts', { count: 1 })).toBe('1 alerta');
  });

  it('falls back to English for a missing id, never to the id; unknown ids are empty', () => {
    expect(catalog.format('es', 'only-en')).toBe('English only');
    expect(catalog.format('pt-BR', 'hi', { name: 'Ana' })).toBe('Hi Ana');
    expect(catalog.format('es', 'nope')).toBe('');
  });

  it('puts no isolation marks around placeholders and leaves markup as text for the platform to escape', () => {
    const out = catalog.format('ru', 'hi', { name: '<i>x</i>' });
    expect(out).toBe('<b><i>x</i></b>');
    expect(out).not.toMatch(/[\u2068\u2069]/);
  });

  it('the shipped translator answers in each language', () => {
    expect(translatorFor('es')('error-generic')).toMatch(/Inténtalo/);
    expect(translatorFor('en')('error-generic')).toMatch(/try again/);
  });
});
