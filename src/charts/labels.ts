import { type Translate, translatorFor } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locales.js';

/**
 * The words drawn on a chart, in one language: level and price-now labels, the empty-chart note, the
 * time axis' month names. Prices on the chart are the same in every language (`priceLabel`).
 */
export interface ChartLabels {
  readonly t: Translate;
  /** A UTC day on the time axis (`Nov 28`, `28 nov`, `28 нояб.`); undefined: English. */
  readonly day?: (ms: number) => string;
}

const cache = new Map<Locale, ChartLabels>();

/** Intl's short day and month in UTC; English keeps the axis' own `Nov 28`. */
function dayOf(locale: Locale): { day?: (ms: number) => string } {
  if (locale === 'en') return {};
  const f = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return { day: (ms) => f.format(ms) };
}

/** A language's chart labels (built once per language: the chart service is the boundary with a locale). */
export function chartLabels(locale: Locale = 'en'): ChartLabels {
  let labels = cache.get(locale);
  if (!labels) {
    labels = { t: translatorFor(locale), ...dayOf(locale) };
    cache.set(locale, labels);
  }
  return labels;
}
