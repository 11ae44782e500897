import type { KindDetail } from '#src/delivery/describe.js';
import { outcomeLabel as alertOutcomeLabel, kindLabel } from '#src/delivery/describe.js';
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

/** `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago` (the units of formatAge), in the reply's language. */
export function ageText(t: Translate, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('market-age-seconds', { n: s });
  if (s < 3600) return t('market-age-minutes', { n: Math.round(s / 60) });
  if (s < 172_800) return t('market-age-hours', { n: Math.round(s / 3600) });
  return t('market-age-days', { n: Math.round(s / 86_400) });
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
