import { kindLabel } from '../delivery/describe.js';
import type { OutboundMessage } from '../delivery/ports.js';
import type { LevelEvent } from '../domain/types.js';
import { translatorFor } from '../i18n/catalog.js';
import type { Logger } from '../obs/logger.js';
import type { ChartImage, ChartService } from './service.js';

/** The chart a sender attaches to a message: the image and the event it illustrates. */
export interface AlertChart extends ChartImage {
  readonly eventId: string;
}

/** What senders call at send time; undefined when the message gets no chart. Never throws. */
export type AlertChartSource = (message: OutboundMessage) => Promise<AlertChart | undefined>;

const isLevel = (e: OutboundMessage['events'][number]): e is LevelEvent =>
  e.kind === 'level_approach' || e.kind === 'level_touch' || e.kind === 'level_breakout';

/**
 * Charts for level alerts, drawn when the message is sent. Keyed on the event's own tick time, so every
 * destination of one token's alert shares one render however long the sends take. A chart that fails to
 * render is logged and left out: the alert goes without it rather than not at all.
 */
export function alertCharts(service: ChartService, logger?: Logger): AlertChartSource {
  return async (message) => {
    if (!message.chart) return undefined;
    const e = message.events.find(isLevel);
    if (!e) return undefined;
    const locale = message.locale ?? 'en';
    const t = translatorFor(locale);
    try {
      const image = await service.levelChart({
        tokenId: e.tokenId,
        symbol: e.symbol,
        level: e.level,
        strength: e.strength,
        caption: t('chartlabel-caption', { kind: kindLabel(e.kind, {}, 'long', t), side: e.side }),
        at: e.at,
        price: e.price,
        locale,
      });
      return { ...image, eventId: e.id };
    } catch (err) {
      logger?.warn({ err, tokenId: e.tokenId }, 'chart render failed; alert sent without it');
      return undefined;
    }
  };
}
