import { formatDuration, formatNumber, formatPct, formatPrice } from '../domain/format.js';
import { type Condition, conditionOf, describePart, type PriceAlertEvent } from '../domain/price-alerts.js';
import type { PartReading, PartValue } from '../domain/types.js';
import type { Translate } from '../i18n/catalog.js';

/**
 * The wording of a user's own price alert, for describe.ts (kept apart so the market alerts' wording
 * and this one change independently). Nothing here is escaped: the platforms do it.
 */

/**
 * A part's value in the reader's language: `$211.50`, `+5.45% from $211.00`, `support $200.00, +1.2%
 * away`, `bullish`, `74.0`. Numbers keep the traders' format in every language. One wording for the
 * alert and for /why.
 */
export function partValueWords(v: PartValue, t: Translate): string {
  switch (v.kind) {
    case 'none':
      return t('part-no-data');
    case 'price':
      return formatPrice(v.price);
    case 'move':
      return t('part-move', { pct: formatPct(v.pct, true), from: formatPrice(v.from) });
    case 'near':
      return t('part-near', { side: v.side, price: formatPrice(v.level), pct: formatPct(v.awayPct, true) });
    case 'near-none':
      return t('part-near-none', { side: v.side, pct: `${v.pct}%` });
    case 'signal':
      return t('market-signal', {
        value: v.value === 1 ? 'bullish' : v.value === -1 ? 'bearish' : 'neutral',
      });
    case 'number':
      return formatNumber(v.value, v.digits);
  }
}

/** A fired part's value: worded from its data, or the English words an event queued before issue 22 holds. */
function readingText(r: PartReading, t: Translate): string {
  return r.reading ? partValueWords(r.reading, t) : (r.value ?? '');
}

/** The event's condition; an event held from before combined conditions carries its one-part `rule`. */
export function conditionOfEvent(e: PriceAlertEvent): Condition {
  return e.condition ?? conditionOf(e.rule ? [e.rule] : []);
}

/** Follows the subject: `above $210.00 (your alert)`, `above $210 and signal bullish (your alert)`. */
export function priceAlertHeadline(e: PriceAlertEvent, t: Translate): string {
  const c = conditionOfEvent(e);
  const only = c.parts.length === 1 ? c.parts[0] : undefined;
  if (only?.kind === 'move') {
    const change = e.changePct === undefined ? `${only.pct}%` : formatPct(e.changePct, true);
    return t('event-price-move', { change, window: formatDuration(only.windowMs) });
  }
  // The condition reads as the user typed it (`above $210`): its keywords are the command's.
  return t('event-price-condition', { condition: c.text });
}

/**
 * The condition's facts: one part reads as before combined conditions (`Target: above $210.00`, `Move:
 * +5.45% in 1h, from $211.00 at 12:01 UTC`); several read as a checklist, each part with its value.
 */
function conditionFacts(
  e: PriceAlertEvent,
  c: Condition,
  t: Translate,
  when: (ms: number) => string,
): Array<{ label: string; value: string }> {
  const readings: readonly PartReading[] = e.parts ?? c.parts.map((p) => ({ part: describePart(p) }));
  return readings.map((r, i) => {
    const p = c.parts[i];
    if (p?.kind === 'move' && e.priceBefore !== undefined) {
      const change = e.changePct === undefined ? `${p.pct}%` : formatPct(e.changePct, true);
      const args = { change, window: formatDuration(p.windowMs), price: formatPrice(e.priceBefore) };
      const value =
        e.beforeAt === undefined
          ? t('fact-move-value', args)
          : t('fact-move-value-at', { ...args, time: when(e.beforeAt) });
      return c.parts.length > 1 ? { label: `✓ ${r.part}`, value } : { label: t('fact-move'), value };
    }
    const value = readingText(r, t);
    if (c.parts.length > 1) return { label: `✓ ${r.part}`, value: value || t('fact-part-held') };
    if (p?.kind === 'above' || p?.kind === 'below') return { label: t('fact-target'), value: r.part };
    return { label: t('fact-condition'), value: value ? `${r.part}: ${value}` : r.part };
  });
}

/**
 * Price now (`priceNow`: the price with its time and source, worded by describe.ts like every alert's),
 * each part of the condition with its value (they all held), and what becomes of the alert.
 */
export function priceAlertFacts(
  e: PriceAlertEvent,
  priceNow: string,
  t: Translate,
  when: (ms: number) => string,
): Array<{ label: string; value: string }> {
  const facts = [
    { label: t('fact-price-now'), value: priceNow },
    ...conditionFacts(e, conditionOfEvent(e), t, when),
  ];
  facts.push({
    label: t('fact-alert'),
    value: t(e.repeat === 'once' ? 'fact-alert-once' : 'fact-alert-every', { id: e.alertId }),
  });
  return facts;
}

/** Up or down by the move, else by what the first part expects of the price. */
export function priceAlertTone(e: PriceAlertEvent): 'up' | 'down' {
  if (e.changePct !== undefined) return e.changePct < 0 ? 'down' : 'up';
  const first = conditionOfEvent(e).parts[0];
  switch (first?.kind) {
    case 'below':
      return 'down';
    case 'signal':
      return first.value === 'bearish' ? 'down' : 'up';
    case 'near':
      return first.side === 'resistance' ? 'down' : 'up';
    case 'grade':
    case 'sharpe':
      return first.op === '<=' ? 'down' : 'up';
    default:
      return 'up';
  }
}

export const PRICE_ALERT_ICON = '🔔';
