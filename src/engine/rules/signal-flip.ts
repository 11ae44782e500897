import type { DailySignalObs, HourlySignalObs } from '../../domain/market.js';
import type { SignalFlipEvent, SignalValue } from '../../domain/types.js';
import { compareDates } from '../dates.js';
import { eventId } from '../ids.js';
import { PRIORITY } from '../priority.js';
import type { TokenState } from '../types.js';
import { eventBase, priceStamp, type RuleContext } from './context.js';

type DailyPart = NonNullable<TokenState['daily']>;
type HourlyPart = NonNullable<TokenState['hourly']>;

/** Grades known for the token when a flip fires, shown with it (never part of an id). */
export interface FlipGrades {
  readonly traderGrade?: number | undefined;
  readonly tmGrade?: number | undefined;
}

/** The fields a flip event carries besides the transition: price with its stamp, the row's time, grades. */
function flipDetail(
  ctx: RuleContext,
  price: number | undefined,
  signalTime: string,
  grades: FlipGrades,
): Pick<SignalFlipEvent, 'price' | 'priceAt' | 'priceSource' | 'signalTime' | 'traderGrade' | 'tmGrade'> {
  return {
    ...(price === undefined ? {} : { price, ...priceStamp(ctx) }),
    ...(signalTime === '' ? {} : { signalTime }),
    ...(grades.traderGrade === undefined ? {} : { traderGrade: grades.traderGrade }),
    ...(grades.tmGrade === undefined ? {} : { tmGrade: grades.tmGrade }),
  };
}

/**
 * The daily trend a row stands for: TRADING_SIGNAL when it fired that day (non-zero), else TOKEN_TREND
 * (the last non-zero signal). Using the signal first means a fresh signal counts even if the API's
 * TOKEN_TREND lags it by a row.
 */
export function effectiveTrend(d: {
  readonly signal: SignalValue;
  readonly trend: SignalValue;
}): SignalValue {
  return d.signal !== 0 ? d.signal : d.trend;
}

/**
 * Daily signal flip. Decision (documented):
 * - An event only when a NEWER row (by DATE) turns the effective trend to a different non-zero value
 *   (bearish → bullish, bullish → bearish, none → either). A repeated signal in the same direction on a new
 *   date is a confirmation, not a flip: no event.
 * - The same date re-observed never alerts (a revision updates the state silently); an older row is stale
 *   and ignored; an absent row keeps the old part; the first row ever is a silent baseline.
 * - Id: token, 'daily', from, to and the row's DATE.
 */
export function dailyFlip(
  ctx: RuleContext,
  prev: DailyPart | undefined,
  obs: DailySignalObs | undefined,
  price: number | undefined,
  grades: FlipGrades = {},
): { part: DailyPart | undefined; event?: SignalFlipEvent } {
  if (!obs) return { part: prev };
  const part: DailyPart = {
    signal: obs.signal,
    trend: obs.trend,
    date: obs.date,
    at: ctx.now,
    ...(obs.traderGrade === undefined ? {} : { traderGrade: obs.traderGrade }),
  };
  if (!prev) return { part };
  const cmp = compareDates(obs.date, prev.date);
  if (cmp < 0) return { part: prev };
  if (cmp === 0) return { part };
  const from = effectiveTrend(prev);
  const to = effectiveTrend(obs);
  if (to === 0 || to === from) return { part };
  const event: SignalFlipEvent = {
    ...eventBase(ctx, eventId(ctx.tokenId, 'daily', from, to, obs.date), PRIORITY.daily_flip),
    kind: 'signal_flip',
    timeframe: 'daily',
    from,
    to,
    ...flipDetail(ctx, price, obs.date, grades),
  };
  return { part, event };
}

/**
 * Hourly signal flip: POSITION is the held position (1 long, -1 short, 0 flat); any change of it on a
 * NEWER TIMESTAMP is a flip (including to flat). Same timestamp never re-alerts; older is stale; first
 * row is a silent baseline. Id: token, 'hourly', from, to and the row's TIMESTAMP.
 */
export function hourlyFlip(
  ctx: RuleContext,
  prev: HourlyPart | undefined,
  obs: HourlySignalObs | undefined,
  price: number | undefined,
  grades: FlipGrades = {},
): { part: HourlyPart | undefined; event?: SignalFlipEvent } {
  if (!obs) return { part: prev };
  const part: HourlyPart = {
    signal: obs.signal,
    position: obs.position,
    timestamp: obs.timestamp,
    at: ctx.now,
    ...(obs.close === undefined ? {} : { close: obs.close }),
  };
  if (!prev) return { part };
  const cmp = compareDates(obs.timestamp, prev.timestamp);
  if (cmp < 0) return { part: prev };
  if (cmp === 0 || obs.position === prev.position) return { part };
  const event: SignalFlipEvent = {
    ...eventBase(
      ctx,
      eventId(ctx.tokenId, 'hourly', prev.position, obs.position, obs.timestamp),
      PRIORITY.hourly_flip,
    ),
    kind: 'signal_flip',
    timeframe: 'hourly',
    from: prev.position,
    to: obs.position,
    ...flipDetail(ctx, price, obs.timestamp, grades),
  };
  return { part, event };
}
