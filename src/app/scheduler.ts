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
  /** What the runs are called in logs (default `tick`; the brief runner's are `daily briefs`). */
  readonly what?: string;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  let task: ScheduledTask | undefined;
  let running: Promise<void> | undefined;

  // Our own guard in addition to noOverlap: node-cron's flag covers its own executions only, and we also
  // want the skip counted and stop() to be able to await the run.
  const what = opts.what ?? 'tick';
  const overlap =
    what === 'tick'
      ? 'tick skipped: the previous tick is still running'
      : `${what} skipped: the previous run is still going`;
  const fire = (at: number): Promise<void> | undefined => {
    if (running) {
      if (what === 'tick') opts.metrics.ticks.inc({ outcome: 'skipped_overlap' });
      opts.logger.warn(overlap);
      return undefined;
    }
    running = opts
      .run(at)
      .then(
        () => undefined,
        (err: unknown) => {
          opts.logger.error({ err }, `${what} failed`);
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
        { noOverlap: true, name: `tokenwatch-${what.replace(/\s+/g, '-')}` },
      );
      task.on('execution:overlap', () => {
        if (what === 'tick') opts.metrics.ticks.inc({ outcome: 'skipped_overlap' });
        opts.logger.warn(overlap);
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
