import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from '@fluent/bundle';
import { LOCALES, type Locale, SOURCE_LOCALE } from './locales.js';

/**
 * The message catalog: Fluent (`.ftl`) files under `locales/<locale>/`, one bundle per language.
 * Fluent, not i18next: plurals and other variants live inside one message, so every language has the
 * same message ids (a Russian `few`/`many` form is no new key) and the completeness check is a plain
 * comparison; and i18next 27 needs Node 22. Translations are data: a catalog value is plain text that
 * each platform escapes like any other string, so an entry cannot inject markup.
 */

/** Placeholder values. Numbers are written as traders read them everywhere (`1,234.5`), in any language. */
export type MessageArgs = Readonly<Record<string, string | number>>;

/** One language's messages: id and placeholders → text. A missing id falls back to English, never to the id. */
export type Translate = (id: string, args?: MessageArgs) => string;

/**
 * Keeps plural selection in the bundle's language (`1 оповещение`, `5 оповещений`) while writing the
 * number itself the same in every language: Fluent would otherwise format it per locale (`1 234,5`).
 */
class PlainNumber extends FluentNumber {
  override toString(): string {
    return PLAIN.format(this.value);
  }
}

/** Built once: `toLocaleString` would build a formatter on every call (most of an alert's render time). */
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

function fluentArgs(args: MessageArgs | undefined): Record<string, FluentVariable> | undefined {
  if (!args) return undefined;
  const out: Record<string, FluentVariable> = {};
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === 'number' ? new PlainNumber(v) : v;
  return out;
}

export class Catalog {
  private readonly bundles = new Map<Locale, FluentBundle>();
  private readonly translators = new Map<Locale, Translate>();

  /** `sources`: each language's `.ftl` texts. Parse errors surface in the check, not here. */
  constructor(sources: Readonly<Record<Locale, readonly string[]>>) {
    for (const locale of LOCALES) {
      // No Unicode isolation marks around placeables: they would end up in chat messages and CSV.
      const bundle = new FluentBundle(locale, { useIsolating: false });
      for (const src of sources[locale] ?? []) bundle.addResource(new FluentResource(src));
      this.bundles.set(locale, bundle);
    }
  }

  has(locale: Locale, id: string): boolean {
    return this.bundles.get(locale)?.hasMessage(id) ?? false;
  }

  /** The text of `id` in `locale`; English when that language lacks it; empty when no catalog has it. */
  format(locale: Locale, id: string, args?: MessageArgs): string {
    const bundle = this.has(locale, id) ? this.bundles.get(locale) : this.bundles.get(SOURCE_LOCALE);
    const pattern = bundle?.getMessage(id)?.value;
    if (!bundle || !pattern) return '';
    const errors: Error[] = [];
    return bundle.formatPattern(pattern, fluentArgs(args), errors);
  }

  translator(locale: Locale): Translate {
    let t = this.translators.get(locale);
    if (!t) {
      t = (id, args) => this.format(locale, id, args);
      this.translators.set(locale, t);
    }
    return t;
  }
}

/** `locales/` beside `src/` (tsx, tests) or beside `dist/` (the built image). */
function localesDir(): string {
  for (const rel of ['../../locales/', '../../../locales/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}en`)) return dir;
  }
  throw new Error('tokenwatch: the locales/ folder is missing (it ships beside src/).');
}

/** Every language's `.ftl` files, read from `dir` (default: the shipped `locales/`). */
export function readCatalogSources(dir = localesDir()): Record<Locale, string[]> {
  const out = {} as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    const folder = `${dir}/${locale}`;
    const files = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith('.ftl'))
          .sort()
      : [];
    out[locale] = files.map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
  }
  return out;
}

let shipped: Catalog | undefined;

/**
 * The shipped catalog, read once on first use. It is static data that ships with the code (like the
 * chart font), so the renderers reach it directly instead of every caller passing it down.
 */
export function bundledCatalog(): Catalog {
  shipped ??= new Catalog(readCatalogSources());
  return shipped;
}

/** A translator of the shipped catalog. */
export function translatorFor(locale: Locale = SOURCE_LOCALE): Translate {
  return bundledCatalog().translator(locale);
}

/** Translators by shipped language; the ones present are used (localized command menus). */
export type Translators = Readonly<Partial<Record<Locale, Translate>>>;

/** The shipped catalog's translators for every language but English (the menus' default language). */
export function otherLanguages(): Translators {
  const out: Partial<Record<Locale, Translate>> = {};
  for (const locale of LOCALES) if (locale !== SOURCE_LOCALE) out[locale] = translatorFor(locale);
  return out;
}
