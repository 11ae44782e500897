import type { SuppressionExplanation } from '#src/delivery/plan/index.js';
import type { Translate } from '#src/i18n/catalog.js';
import { kindText } from './trader-text.js';

/** /why's words for the planner's suppressions: why an alert was held, dropped or not sent. */

/** Writes an instant for this reply: `17:00 UTC` today, `Jan 16 13:00 UTC` another day. */
export type Clock = (ms: number) => string;

/** What every line needs: the reply's language and its clock. */
export interface Words {
  readonly t: Translate;
  readonly at: Clock;
}

/** Reasons with an optional end: `why-reason-<id>` and `why-reason-<id>-until`. */
const UNTIL_REASONS: Readonly<Record<string, string>> = {
  quiet_hours: 'quiet',
  muted: 'muted',
  token_muted: 'token-muted',
  rate_cap: 'rate-cap',
};
const PLAIN_REASONS: Readonly<Record<string, string>> = {
  muted_dropped: 'why-reason-muted-dropped',
  below_minstrength: 'why-reason-below-minstrength',
  dedup: 'why-reason-dedup',
};

function reasonText(x: SuppressionExplanation, { t, at }: Words): string {
  const s = x.record;
  const until = x.until;
  if (s.reason === 'cooldown') {
    if (until !== undefined) return t('why-reason-cooldown-until', { time: at(until) });
    if (x.cooldowns.length > 1) {
      const each = x.cooldowns.map((c) => `${at(c.until)} (${kindText(t, c.kind, c.detail, 'short')})`);
      return t('why-reason-cooldown-until', { time: each.join(` ${t('why-or')} `) });
    }
    return t('why-reason-cooldown-ended');
  }
  if (s.reason === 'inhibited') {
    return t('why-reason-inhibited', { kind: s.by ? kindText(t, s.by) : t('why-reason-stronger') });
  }
  const timed = UNTIL_REASONS[s.reason];
  if (timed !== undefined) {
    return until !== undefined
      ? t(`why-reason-${timed}-until`, { time: at(until) })
      : t(`why-reason-${timed}`);
  }
  const plain = PLAIN_REASONS[s.reason];
  return plain !== undefined ? t(plain) : s.reason;
}

/** One suppression as a person reads it: "14:02 UTC touch: cooldown until 14:05 UTC". */
export function suppressionText(x: SuppressionExplanation, w: Words): string {
  return `${w.at(x.record.at)} ${kindText(w.t, x.record.kind, x.detail)}: ${reasonText(x, w)}`;
}
