import type { AlertEvent, Destination } from '../../domain/types.js';
import { translatorFor } from '../../i18n/catalog.js';
import { describeAlert, factLine } from '../describe.js';
import { conditionOfEvent } from '../describe-price.js';
import type { WebhookPayload } from './payload-schema.js';

export type { WebhookPayload } from './payload-schema.js';

const isoOf = (ms: number) => new Date(ms).toISOString();
/**
 * The payload's `message`: English in every language (issue 22). The payload is a machine-readable
 * contract (docs/webhook-payload.schema.json), read by the receiver's code, not by the member.
 */
const ALERT_TEXT = (e: AlertEvent) => {
  const d = describeAlert(e, { t: translatorFor('en') });
  const facts = d.facts.length > 0 ? ` · ${factLine(d.facts)}` : '';
  return `${d.subject}: ${d.headline}${facts}`;
};

function priceOf(e: AlertEvent): WebhookPayload['price'] {
  const polled = e.demo ? 'demo replay' : 'Token Metrics';
  switch (e.kind) {
    case 'signal_flip':
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout':
      if (e.price === undefined) return null;
      return { usd: e.price, source: e.priceSource ?? polled, at: isoOf(e.priceAt ?? e.at) };
    case 'price_alert':
      return { usd: e.price, source: e.source === 'stream' ? 'exchange stream' : polled, at: isoOf(e.at) };
    default:
      return null;
  }
}

function partsOf(
  e: AlertEvent,
): Pick<WebhookPayload, 'level' | 'signal' | 'grade' | 'metric' | 'priceAlert'> {
  const none = { level: null, signal: null, grade: null, metric: null, priceAlert: null };
  switch (e.kind) {
    case 'signal_flip':
      return {
        ...none,
        signal: { timeframe: e.timeframe, from: e.from, to: e.to },
        grade:
          e.tmGrade === undefined && e.traderGrade === undefined
            ? null
            : { tmGrade: e.tmGrade ?? null, traderGrade: e.traderGrade ?? null, from: null, to: null },
      };
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout':
      return {
        ...none,
        level: {
          usd: e.level,
          side: e.side,
          strength: e.strength,
          distancePct: e.distancePct,
          direction: e.direction,
        },
      };
    case 'metric_cross':
      return {
        ...none,
        metric: { name: e.metric, value: e.value, threshold: e.threshold, direction: e.direction },
      };
    case 'grade_change':
      return { ...none, grade: { tmGrade: e.grade ?? null, traderGrade: null, from: e.from, to: e.to } };
    case 'price_alert':
      return {
        ...none,
        priceAlert: {
          alertId: e.alertId,
          rule: conditionOfEvent(e).text,
          repeat: e.repeat,
          changePct: e.changePct ?? null,
          priceBefore: e.priceBefore ?? null,
        },
      };
  }
}

/** One event, as its webhook body (the owner's destination kind, never its ids). */
export function webhookPayload(e: AlertEvent, owner: Destination): WebhookPayload {
  return {
    type: 'tokenwatch.alert',
    version: 1,
    id: e.id,
    kind: e.kind,
    detectedAt: isoOf(e.at),
    token: { id: e.tokenId, symbol: e.symbol, name: e.name },
    price: priceOf(e),
    ...partsOf(e),
    message: ALERT_TEXT(e),
    links: { token: e.url ?? null },
    destination: { platform: owner.platform, kind: owner.kind },
    demo: e.demo === true,
  };
}

/** The body `/webhook test` sends: a made-up event that says it is a test. */
export function testPayload(id: string, at: number, owner: Destination): WebhookPayload {
  return {
    type: 'tokenwatch.test',
    version: 1,
    id,
    kind: 'test',
    detectedAt: isoOf(at),
    token: { id: 0, symbol: 'TEST', name: 'tokenwatch test event' },
    price: null,
    level: null,
    signal: null,
    grade: null,
    metric: null,
    priceAlert: null,
    message: 'tokenwatch webhook test: your receiver got this signed request.',
    links: { token: null },
    destination: { platform: owner.platform, kind: owner.kind },
    demo: false,
  };
}
