import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';

/**
 * Runs `run` on a node-cron expression, never two at a time: a trigger that finds the previous run still
 * going is skipped (metric ticks{outcome="skipped_overlap"}), not queued. Errors are logged, never
 * thrown into the timer. `stop()` stops triggering and waits for the run in flight.
 */
export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** True while a run is in progress. */
  readonly busy: boolean;
}

export interface SchedulerOptions {
  /** node-cron expression, 5 or 6 fields (seconds allowed). */
  readonly cron: string;
  /** One tick; receives the trigger time (epoch ms). */
  readonly run: (at: number) => Promise<unknown>;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  let task: ScheduledTask | undefined;
  let running: Promise<void> | undefined;

  // Our own guard in addition to noOverlap: node-cron's flag covers its own executions only, and we also
  // want the skip counted and stop() to be able to await the run.
  const fire = (at: number): Promise<void> | undefined => {
    if (running) {
      opts.metrics.ticks.inc({ outcome: 'skipped_overlap' });
      opts.logger.warn('tick skipped: the previous tick is still running');
      return undefined;
    }
    running = opts
      .run(at)
      .then(
        () => undefined,
        (err: unknown) => {
          opts.logger.error({ err }, 'tick failed');
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    get busy() {
      return running !== undefined;
    },
    start() {
      if (task) return;
      if (!cron.validate(opts.cron)) throw new Error(`invalid cron expression: ${opts.cron}`);
      task = cron.schedule(
        opts.cron,
        // Returning the run lets node-cron's noOverlap see it; `date` is the scheduled time (the slot).
        (ctx) => fire(ctx.date.getTime()),
        { noOverlap: true, name: 'tokenwatch-tick' },
      );
      task.on('execution:overlap', () => {
        opts.metrics.ticks.inc({ outcome: 'skipped_overlap' });
        opts.logger.warn('tick skipped: the previous tick is still running');
      });
    },
    async stop() {
      const t = task;
      task = undefined;
      if (t) await t.destroy();
      if (running) await running;
    },
  };
}
