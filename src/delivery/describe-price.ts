import { formatDuration, formatPct, formatPrice } from '../domain/format.js';
import type { PriceAlertEvent } from '../domain/price-alerts.js';

/**
 * The wording of a user's own price alert, for describe.ts (kept apart so the market alerts' wording
 * and this one change independently). Nothing here is escaped: the platforms do it.
 */

/** Follows the subject: `above $210.00 (your alert)`, `moved +5.20% in 1h (your alert)`. */
export function priceAlertHeadline(e: PriceAlertEvent): string {
  const r = e.rule;
  if (r.kind === 'move') {
    const change = e.changePct === undefined ? `${r.pct}%` : formatPct(e.changePct, true);
    return `moved ${change} in ${formatDuration(r.windowMs)} (your alert)`;
  }
  return `${r.kind} ${formatPrice(r.price)} (your alert)`;
}

/**
 * Price now (`priceNow`: the price with its time and source, worded by describe.ts like every alert's),
 * the target or the move, and what becomes of the alert.
 */
export function priceAlertFacts(
  e: PriceAlertEvent,
  priceNow: string,
): Array<{ label: string; value: string }> {
  const r = e.rule;
  const facts = [{ label: 'Price now', value: priceNow }];
  if (r.kind === 'move') {
    const change = e.changePct === undefined ? `${r.pct}%` : formatPct(e.changePct, true);
    const from = e.priceBefore === undefined ? '' : `, from ${formatPrice(e.priceBefore)}`;
    facts.push({ label: 'Move', value: `${change} in ${formatDuration(r.windowMs)}${from}` });
  } else facts.push({ label: 'Target', value: `${r.kind} ${formatPrice(r.price)}` });
  facts.push({
    label: 'Alert',
    value: `${e.alertId} · ${e.repeat === 'once' ? 'once: removed' : 'every: next after cooldown'}`,
  });
  return facts;
}

export function priceAlertTone(e: PriceAlertEvent): 'up' | 'down' {
  if (e.rule.kind === 'move') return (e.changePct ?? 0) < 0 ? 'down' : 'up';
  return e.rule.kind === 'above' ? 'up' : 'down';
}

export const PRICE_ALERT_ICON = '🔔';
