import { type Translate, translatorFor } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locales.js';

/**
 * The words drawn on a chart, in one language: level and price-now labels, the empty-chart note, the
 * time axis' month names. Prices on the chart are the same in every language (`priceLabel`).
 */
export interface ChartLabels {
  readonly t: Translate;
  /** Short month names, January first (`Nov`, `nov`, `нояб.`), always read in UTC like the axis. */
  readonly months: readonly string[];
}

const cache = new Map<Locale, ChartLabels>();

/** Intl's short month names; `en` reads as before (`en-US`: `Jan` … `Dec`). */
function monthsOf(locale: Locale): string[] {
  const f = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => f.format(Date.UTC(2026, m, 15)));
}

/** A language's chart labels (built once per language: the chart service is the boundary with a locale). */
export function chartLabels(locale: Locale = 'en'): ChartLabels {
  let labels = cache.get(locale);
  if (!labels) {
    labels = { t: translatorFor(locale), months: monthsOf(locale) };
    cache.set(locale, labels);
  }
  return labels;
}
