import { negotiateLanguages } from '@fluent/langneg';

/**
 * The languages tokenwatch speaks. English is the source: every other catalog has exactly its
 * message ids (checked by `npm run i18n:check` and the catalog test).
 */
export const LOCALES = ['en', 'es', 'pt-BR', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: Locale = 'en';

/** Exact shipped tags, case-insensitive (`pt-br` from Telegram is `pt-BR`). */
function exact(tag: string): Locale | undefined {
  const t = tag.toLowerCase();
  return LOCALES.find((l) => l.toLowerCase() === t);
}

/**
 * The shipped language a platform's tag maps to, or undefined when none fits (the caller falls back).
 * Tags are BCP 47 (`es-419`, `pt-PT`, `ru`, `en-GB`), Telegram's `language_code` or Discord's locale.
 * Regional variants go to their language (`es-419`, `es-ES` → `es`). `pt` and `pt-PT` go to `pt-BR`:
 * it is the only Portuguese we ship, and European Portuguese readers understand Brazilian Portuguese
 * far better than English (spelling and some words differ, the alert vocabulary does not).
 * Uses @fluent/langneg's lookup (likely-subtags and region wildcards), not hand-written rules.
 */
export function supportedLocale(tag: string | undefined | null): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const trimmed = tag.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(trimmed)) return undefined;
  const direct = exact(trimmed);
  if (direct) return direct;
  let language: string;
  try {
    language = new Intl.Locale(trimmed).language;
  } catch {
    return undefined;
  }
  // langneg does not read numeric regions (`419`): the bare language is asked for after the full tag.
  const requested = [trimmed, language];
  const [best] = negotiateLanguages(requested, [...LOCALES], { strategy: 'lookup', defaultLocale: '_' });
  return best === undefined || best === '_' ? undefined : exact(best);
}

/** A value for `/settings language`: a shipped tag (any case) or `auto`. */
export function parseLanguageSetting(raw: string): Locale | 'auto' | undefined {
  const v = raw.trim();
  if (v.toLowerCase() === 'auto') return 'auto';
  return exact(v);
}
