import type { Logger } from '../obs/logger.js';

/** One part of the app with something to start or stop (a server, a connection, a timer). */
export interface Component {
  /** Named in the shutdown log when its stop fails. */
  readonly name: string;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export interface Lifecycle {
  /** Starts the components in list order, once. A stop() during start ends it quietly. */
  start(): Promise<void>;
  /** Idempotent: stops the components in reverse order; a failed stop is logged and the rest go on. */
  stop(): Promise<void>;
  /** Aborted when stop() begins: waits and retries of start() end with it. */
  readonly signal: AbortSignal;
}

/**
 * Start and stop as one ordered list: what starts first stops last, so a part never outlives what it
 * needs (the outbox stops after the tick and the price streams that feed it, the store after the outbox).
 */
export function createLifecycle(
  logger: Logger,
  build: (signal: AbortSignal) => readonly Component[],
): Lifecycle {
  const aborter = new AbortController();
  const components = build(aborter.signal);
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const startAll = async () => {
    for (const c of components) {
      if (aborter.signal.aborted) return;
      try {
        await c.start?.();
      } catch (err) {
        if (aborter.signal.aborted) return; // stop() during a wait: not a start failure
        throw err;
      }
    }
  };
  const stopAll = async () => {
    aborter.abort(new Error('stopping'));
    for (const c of [...components].reverse()) {
      try {
        await c.stop?.();
      } catch (err) {
        logger.warn({ err, step: c.name }, 'shutdown step failed');
      }
    }
  };
  return {
    start() {
      starting ??= startAll();
      return starting;
    },
    stop() {
      stopping ??= stopAll();
      return stopping;
    },
    signal: aborter.signal,
  };
}
