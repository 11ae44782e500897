import type { GradeObs } from '../../domain/market.js';
import type { GradeChangeEvent } from '../../domain/types.js';
import { eventId } from '../ids.js';
import { PRIORITY } from '../priority.js';
import type { TokenState } from '../types.js';
import { eventBase, type RuleContext } from './context.js';

type GradePart = NonNullable<TokenState['grade']>;

/** Grade signals compare case- and space-insensitively ('Strong  buy' = 'Strong Buy'). */
function norm(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * TM_GRADE_SIGNAL change (e.g. Buy → Strong Buy). An empty signal counts as absent; the first signal is a
 * silent baseline. Id: token, 'grade', from, to and the time the previous signal was first seen.
 */
export function gradeChange(
  ctx: RuleContext,
  prev: GradePart | undefined,
  obs: GradeObs | undefined,
): { part: GradePart | undefined; event?: GradeChangeEvent } {
  if (!obs || norm(obs.signal) === '') return { part: prev };
  const changed = prev !== undefined && norm(prev.signal) !== norm(obs.signal);
  const part: GradePart = {
    signal: obs.signal.trim(),
    since: prev && !changed ? prev.since : ctx.now,
    at: ctx.now,
    ...(obs.grade === undefined ? {} : { grade: obs.grade }),
    ...(obs.momentum === undefined ? {} : { momentum: obs.momentum }),
  };
  if (!prev || !changed) return { part };
  const event: GradeChangeEvent = {
    ...eventBase(
      ctx,
      eventId(ctx.tokenId, 'grade', norm(prev.signal), norm(obs.signal), prev.since),
      PRIORITY.grade_change,
    ),
    kind: 'grade_change',
    from: prev.signal,
    to: part.signal,
    ...(obs.grade === undefined ? {} : { grade: obs.grade }),
  };
  return { part, event };
}
