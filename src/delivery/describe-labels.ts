import type { OutcomeKind } from '../domain/outcome.js';
import type { AlertEventKind } from '../domain/types.js';
import { type Translate, translatorFor } from '../i18n/catalog.js';

/**
 * How people call each alert kind: the one table every reply and caption takes its words from (/why,
 * /stats, chart captions), re-exported by describe.ts. Nothing here is escaped: the platforms do it.
 */

/**
 * A metric name as people read it, in `t`'s language: SHARPE → Sharpe, MAX_DRAWDOWN → max drawdown
 * (`caída máxima`). A field the catalog does not name reads as its words in lower case.
 */
export function metricLabel(metric: string, t: Translate): string {
  const fallback = metric.replace(/_/g, ' ').toLowerCase();
  return t('metric-name', { metric: metric.toUpperCase(), fallback });
}

/**
 * A TM grade signal in `t`'s language (`Strong Buy` → `Compra fuerte`), matched like the grade rule
 * matches them (case and spacing ignored); words the catalog does not know show as the API sent them.
 */
export function gradeSignalLabel(signal: string, t: Translate): string {
  const key = signal.trim().toLowerCase().replace(/\s+/g, '-');
  return t('grade-signal', { signal: key, raw: signal });
}

/** What makes a kind precise where one kind covers several streams: a flip's timeframe, a crossing's metric. */
export interface KindDetail {
  readonly timeframe?: 'daily' | 'hourly';
  readonly metric?: string;
}

/**
 * An alert kind as people call it, precise when the detail is known: `daily signal flip` / `daily flip`,
 * `Sharpe crossing` / `Sharpe`, and the bare kind (`signal flip`, `metric crossing`) when it is not.
 * `short` names a kind in a list or a table column (/stats rows, /why's running cooldowns); `long` in
 * running text (/why's suppressions, a chart's caption). Lower case; `capitalize` for a row label.
 * `t`: the reader's language (`ctx.t`); English when not given (callers not converted yet).
 */
export function kindLabel(
  kind: AlertEventKind,
  detail: KindDetail = {},
  form: 'short' | 'long' = 'long',
  t: Translate,
): string {
  if (kind === 'signal_flip' && detail.timeframe !== undefined) {
    return t(form === 'short' ? 'event-kind-flip-short' : 'event-kind-flip-long', {
      timeframe: detail.timeframe,
    });
  }
  if (kind === 'metric_cross' && detail.metric !== undefined) {
    const m = metricLabel(detail.metric, t);
    return form === 'short' ? m : t('event-kind-metric-long', { metric: m });
  }
  return t(form === 'short' ? 'event-kind-short' : 'event-kind-long', { kind });
}

/** First letter upper case: `daily flip` → `Daily flip`. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The alert kind (and detail) each outcome kind of /stats records. */
const OUTCOME_OF: Readonly<Record<OutcomeKind, readonly [AlertEventKind, KindDetail?]>> = {
  daily_flip: ['signal_flip', { timeframe: 'daily' }],
  hourly_flip: ['signal_flip', { timeframe: 'hourly' }],
  approach: ['level_approach'],
  touch: ['level_touch'],
  breakout: ['level_breakout'],
  sharpe: ['metric_cross', { metric: 'SHARPE' }],
  grade: ['grade_change'],
};

/** A row label of /stats in `t`'s language: `Daily flip`, `Approach`, `Sharpe`, ... (short kind, capitalized). */
export function outcomeLabel(outcome: OutcomeKind, t: Translate): string {
  const [kind, detail] = OUTCOME_OF[outcome];
  return capitalize(kindLabel(kind, detail, 'short', t));
}

/** The English row labels of /stats (`outcomeLabel` gives them in a reader's language). */
export const OUTCOME_LABELS: Readonly<Record<OutcomeKind, string>> = Object.fromEntries(
  Object.keys(OUTCOME_OF).map((k) => [k, outcomeLabel(k as OutcomeKind, translatorFor('en'))]),
) as Record<OutcomeKind, string>;
