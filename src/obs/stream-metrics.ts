import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What the stream metrics read at scrape time (nothing is counted on the frame path). */
export interface StreamStatsSource {
  stats(): ReadonlyMap<
    string,
    {
      readonly connected: number;
      readonly frames: number;
      /** Over the last complete 10 s window. */
      readonly framesPerSec: number;
      readonly malformed: number;
      readonly reconnects: number;
      readonly lastFrameAt: number;
      readonly mapped: number;
      readonly unavailableUntil: number;
    }
  >;
}

/**
 * Live-price metrics on the app's registry: per exchange (connected sockets, frames, frames/s, malformed frames,
 * reconnects, last frame age, mapped tokens, refused) read from the feed when scraped; per token evaluation
 * count and the frame-to-enqueue latency histogram observed by the price path.
 */
export function createStreamMetrics(
  registry: Registry,
  source: () => StreamStatsSource | undefined,
  now = Date.now,
) {
  const perExchange = (
    name: string,
    help: string,
    pick: (
      s: ReturnType<StreamStatsSource['stats']> extends ReadonlyMap<string, infer V> ? V : never,
    ) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['exchange'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [x, s] of source()?.stats() ?? []) this.set({ exchange: x }, pick(s));
      },
    });
  perExchange('tokenwatch_stream_connected', 'Open exchange stream connections', (s) => s.connected);
  perExchange(
    'tokenwatch_stream_frames',
    'Price frames received (cumulative; rate() gives frames/s)',
    (s) => s.frames,
  );
  perExchange(
    'tokenwatch_stream_frames_per_second',
    'Price frames per second over the last 10 s',
    (s) => s.framesPerSec,
  );
  perExchange(
    'tokenwatch_stream_malformed_frames',
    'Malformed frames dropped (cumulative)',
    (s) => s.malformed,
  );
  perExchange('tokenwatch_stream_reconnects', 'Stream reconnects (cumulative)', (s) => s.reconnects);
  perExchange(
    'tokenwatch_stream_mapped_tokens',
    'Tokens with a verified stream on this exchange',
    (s) => s.mapped,
  );
  perExchange('tokenwatch_stream_unavailable', '1 while the exchange refuses our address (451/403)', (s) =>
    s.unavailableUntil > now() ? 1 : 0,
  );
  perExchange(
    'tokenwatch_stream_last_frame_age_seconds',
    'Seconds since the newest frame (-1: none yet)',
    (s) => (s.lastFrameAt > 0 ? (now() - s.lastFrameAt) / 1000 : -1),
  );
  return {
    evaluations: new Counter({
      name: 'tokenwatch_stream_evaluations_total',
      help: 'Token evaluations triggered by streamed prices, by token id',
      labelNames: ['token'] as const,
      registers: [registry],
    }),
    frameToEnqueue: new Histogram({
      name: 'tokenwatch_stream_frame_to_enqueue_seconds',
      help: 'From a frame that left its band to its alerts in the outbox (one observation per evaluation)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
export type StreamMetrics = ReturnType<typeof createStreamMetrics>;
