import type { KindDetail } from '#src/delivery/describe.js';
import { outcomeLabel as alertOutcomeLabel, kindLabel } from '#src/delivery/describe.js';
import { type AgeUnit, ageParts } from '#src/domain/format.js';
import type { OutcomeKind } from '#src/domain/outcome.js';
import type { AlertEventKind, SignalValue } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';

/**
 * Words the trader commands (/levels, /signal, /why, /stats, /backtest) share, in the reply's language.
 * Alert kinds are worded by describe-labels.ts, the alerts' own labels.
 */

/** 1 → bullish, -1 → bearish, 0 → neutral, in the reply's language (users still type the English words). */
export function signalWord(t: Translate, s: SignalValue): string {
  return t('market-signal', { value: s === 1 ? 'bullish' : s === -1 ? 'bearish' : 'neutral' });
}

const AGE_IDS: Readonly<Record<AgeUnit, string>> = {
  s: 'market-age-seconds',
  m: 'market-age-minutes',
  h: 'market-age-hours',
  d: 'market-age-days',
};

/** `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago` (units of `ageParts`), in the reply's language. */
export function ageText(t: Translate, ms: number): string {
  const { unit, n } = ageParts(ms);
  return t(AGE_IDS[unit], { n });
}

/**
 * An alert kind as people call it (`short` in lists and tables, `long` in running text): the alerts' own
 * wording (describe-labels.ts), so /why and /stats name kinds exactly as the alerts they explain do.
 */
export function kindText(
  t: Translate,
  kind: AlertEventKind,
  detail: KindDetail = {},
  form: 'short' | 'long' = 'long',
): string {
  return kindLabel(kind, detail, form, t);
}

/** /stats row label of an outcome kind: `Daily flip`, `Approach`, `Sharpe`, ... (the alerts' wording). */
export function outcomeLabel(t: Translate, kind: OutcomeKind): string {
  return alertOutcomeLabel(kind, t);
}
