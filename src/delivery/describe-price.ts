import { formatDuration, formatPct, formatPrice } from '../domain/format.js';
import { type Condition, conditionOf, describePart, type PriceAlertEvent } from '../domain/price-alerts.js';

/**
 * The wording of a user's own price alert, for describe.ts (kept apart so the market alerts' wording
 * and this one change independently). Nothing here is escaped: the platforms do it.
 */

/** The event's condition; an event held from before combined conditions carries its one-part `rule`. */
export function conditionOfEvent(e: PriceAlertEvent): Condition {
  return e.condition ?? conditionOf(e.rule ? [e.rule] : []);
}

/** Follows the subject: `above $210.00 (your alert)`, `above $210 and signal bullish (your alert)`. */
export function priceAlertHeadline(e: PriceAlertEvent): string {
  const c = conditionOfEvent(e);
  const only = c.parts.length === 1 ? c.parts[0] : undefined;
  if (only?.kind === 'move') {
    const change = e.changePct === undefined ? `${only.pct}%` : formatPct(e.changePct, true);
    return `moved ${change} in ${formatDuration(only.windowMs)} (your alert)`;
  }
  return `${c.text} (your alert)`;
}

/**
 * The condition's facts: one part reads as before combined conditions (`Target: above $210.00`, `Move:
 * +5.45% in 1h, from $211.00 at 12:01 UTC`); several read as a checklist, each part with its value.
 */
function conditionFacts(
  e: PriceAlertEvent,
  c: Condition,
  when: (ms: number) => string,
): Array<{ label: string; value: string }> {
  const readings = e.parts ?? c.parts.map((p) => ({ part: describePart(p), value: '' }));
  return readings.map((r, i) => {
    const p = c.parts[i];
    if (p?.kind === 'move' && e.priceBefore !== undefined) {
      const change = e.changePct === undefined ? `${p.pct}%` : formatPct(e.changePct, true);
      const at = e.beforeAt === undefined ? '' : ` at ${when(e.beforeAt)}`;
      const value = `${change} in ${formatDuration(p.windowMs)}, from ${formatPrice(e.priceBefore)}${at}`;
      return c.parts.length > 1 ? { label: `✓ ${r.part}`, value } : { label: 'Move', value };
    }
    if (c.parts.length > 1) return { label: `✓ ${r.part}`, value: r.value || 'held' };
    if (p?.kind === 'above' || p?.kind === 'below') return { label: 'Target', value: r.part };
    return { label: 'Condition', value: r.value ? `${r.part}: ${r.value}` : r.part };
  });
}

/**
 * Price now (`priceNow`: the price with its time and source, worded by describe.ts like every alert's),
 * each part of the condition with its value (they all held), and what becomes of the alert.
 */
export function priceAlertFacts(
  e: PriceAlertEvent,
  priceNow: string,
  when: (ms: number) => string,
): Array<{ label: string; value: string }> {
  const facts = [{ label: 'Price now', value: priceNow }, ...conditionFacts(e, conditionOfEvent(e), when)];
  facts.push({
    label: 'Alert',
    value: `${e.alertId} · ${e.repeat === 'once' ? 'once: removed' : 'every: next after cooldown'}`,
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
