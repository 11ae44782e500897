import type { AlertEvent } from '../domain/types.js';

/** Digest order, higher first: breakouts and flips before touches, crossings, grades and approaches. */
export const PRIORITY = {
  level_breakout: 90,
  /** A user's own price alert: asked for explicitly, so just under breakouts. */
  price_alert: 85,
  daily_flip: 80,
  hourly_flip: 70,
  level_touch: 60,
  metric_cross: 50,
  grade_change: 40,
  level_approach: 30,
} as const;

export type PriorityKey = keyof typeof PRIORITY;

/** Priority of an event (signal flips split by timeframe). */
export function priorityOf(e: Pick<AlertEvent, 'kind'> & { timeframe?: 'daily' | 'hourly' }): number {
  if (e.kind === 'signal_flip') return e.timeframe === 'hourly' ? PRIORITY.hourly_flip : PRIORITY.daily_flip;
  return PRIORITY[e.kind];
}
