import type { OutcomeKind } from '../domain/outcome.js';
import type { AlertEventKind } from '../domain/types.js';

/**
 * How people call each alert kind: the one table every reply and caption takes its words from (/why,
 * /stats, chart captions), re-exported by describe.ts. Nothing here is escaped: the platforms do it.
 */

/** A metric name as people read it: SHARPE → Sharpe, MAX_DRAWDOWN → max drawdown. */
export function metricLabel(metric: string): string {
  return metric.toUpperCase() === 'SHARPE' ? 'Sharpe' : metric.replace(/_/g, ' ').toLowerCase();
}

/**
 * `short` names a kind in a list or a table column (/stats rows, /why's running cooldowns); `long` in
 * running text (/why's suppressions, a chart's caption). Lower case; `capitalize` for a row label.
 */
const KIND_LABELS: Readonly<Record<AlertEventKind, { readonly short: string; readonly long: string }>> = {
  signal_flip: { short: 'flip', long: 'signal flip' },
  level_approach: { short: 'approach', long: 'approach' },
  level_touch: { short: 'touch', long: 'touch' },
  level_breakout: { short: 'breakout', long: 'breakout' },
  metric_cross: { short: 'metric', long: 'metric crossing' },
  grade_change: { short: 'grade', long: 'grade change' },
  price_alert: { short: 'price alert', long: 'price alert' },
};

/** What makes a kind precise where one kind covers several streams: a flip's timeframe, a crossing's metric. */
export interface KindDetail {
  readonly timeframe?: 'daily' | 'hourly';
  readonly metric?: string;
}

/**
 * An alert kind as people call it, precise when the detail is known: `daily signal flip` / `daily flip`,
 * `Sharpe crossing` / `Sharpe`, and the bare kind (`signal flip`, `metric crossing`) when it is not.
 */
export function kindLabel(
  kind: AlertEventKind,
  detail: KindDetail = {},
  form: 'short' | 'long' = 'long',
): string {
  if (kind === 'signal_flip' && detail.timeframe !== undefined) {
    return form === 'short' ? `${detail.timeframe} flip` : `${detail.timeframe} signal flip`;
  }
  if (kind === 'metric_cross' && detail.metric !== undefined) {
    const m = metricLabel(detail.metric);
    return form === 'short' ? m : `${m} crossing`;
  }
  return KIND_LABELS[kind][form];
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

/** Row labels of /stats: `Daily flip`, `Approach`, `Sharpe`, ... (the short kind labels, capitalized). */
export const OUTCOME_LABELS: Readonly<Record<OutcomeKind, string>> = Object.fromEntries(
  Object.entries(OUTCOME_OF).map(([k, [kind, detail]]) => [k, capitalize(kindLabel(kind, detail, 'short'))]),
) as Record<OutcomeKind, string>;
