import type { AlertChartSource } from '../charts/attach.js';
import type { Logger } from '../obs/logger.js';
import type { WatchlistService } from './service.js';

/**
 * What senders attach at send time: a brief with `chart` gets the watchlist card (one render per token
 * set and minute across every destination of that set), everything else what `alerts` draws. A card
 * that fails to render is left out: the brief goes without it.
 */
export function messagePictures(
  alerts: AlertChartSource,
  watchlist: Pick<WatchlistService, 'card'>,
  logger?: Logger,
): AlertChartSource {
  return async (message) => {
    const brief = message.brief;
    if (!brief) return alerts(message);
    if (!message.chart || brief.tokens.length === 0) return undefined;
    try {
      return { ...(await watchlist.card(brief.tokens, brief.at, message.locale)), eventId: 'brief' };
    } catch (err) {
      logger?.warn({ err }, 'watchlist card render failed; brief sent without it');
      return undefined;
    }
  };
}
