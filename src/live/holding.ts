import type { Logger } from '../obs/logger.js';
import type { Store } from '../store/ports.js';
import type { PriceService } from './service.js';

/** Streamed prices go into the price history (charts) this often: it keeps 1-minute points. */
export const STREAM_HISTORY_EVERY_MS = 60_000;

/** Whether this replica holds the exchange streams, and what holding them runs. */
export interface StreamHolding {
  readonly active: boolean;
  /** Takes (true) or releases (false) the streams: the feed, and the once-a-minute history write. */
  activate(on: boolean): void;
  /** Records the live tokens' newest streamed prices in the price history (the timer's step; tests). */
  recordHistory(): Promise<void>;
  stop(): void;
}

/**
 * Holding the streams: the feed starts on first activation and follows every later one (setActive); while
 * held, streamed prices go into the price history once a minute. Best effort, like the tick's history
 * write: a failed write costs a chart point, never an alert.
 */
export function streamHolding(
  service: PriceService,
  history: Store['priceHistory'],
  log: Logger,
): StreamHolding {
  let active = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  const recordHistory = async () => {
    const samples = service.historySamples();
    if (samples.length > 0) await history.record(samples);
  };
  return {
    get active() {
      return active;
    },
    activate(on) {
      if (on === active) return;
      active = on;
      clearInterval(timer);
      timer = on
        ? setInterval(() => {
            recordHistory().catch((err: unknown) => log.warn({ err }, 'streamed prices not recorded'));
          }, STREAM_HISTORY_EVERY_MS).unref()
        : undefined;
      log.info({ holding: on }, on ? 'this replica holds the exchange streams' : 'exchange streams released');
      service.setActive(on);
      if (on && !started) {
        started = true;
        service.start().catch((err: unknown) => log.warn({ err }, 'price feed start failed'));
      }
    },
    recordHistory,
    stop: () => clearInterval(timer),
  };
}
