import { type Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../obs/logger.js';
import type { PollOffsetStore } from '../../store/replica-ports.js';
import { ALLOWED_UPDATES } from './bot.js';
import { errName } from './context.js';

/** Offset name in the store (one bot token per deployment). */
export const POLL_OFFSET_NAME = 'telegram';

export interface PollerOptions {
  readonly bot: Bot;
  readonly offsets: PollOffsetStore;
  readonly logger: Logger;
  /** Long-poll timeout of one getUpdates, seconds. Default 25. */
  readonly timeoutSeconds?: number;
  /** Pause after a failed getUpdates, ms (doubles up to 30 s). Default 1000. */
  readonly retryMs?: number;
}

export interface Poller {
  /** Starts the loop in the background (no-op while running). */
  start(): void;
  /** Stops the loop: the pending getUpdates is aborted, the update being handled finishes. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Long polling with the `getUpdates` offset kept in the store, so a replica that takes the poll lease
 * over continues exactly where the last holder stopped. Each update is claimed before it is handled: the
 * poller moves the stored offset past it (compare-and-set), and only the poller that moved it handles
 * it. Two pollers meeting during a hand-over therefore never both handle one update; a process killed
 * between the claim and the end of the handler loses that one update's reply (at most once).
 * A 409 Conflict (another process polls with this token, or a webhook is set) is logged once per run
 * with what it means.
 */
export function createPoller(o: PollerOptions): Poller {
  const timeout = o.timeoutSeconds ?? 25;
  const baseRetry = o.retryMs ?? 1000;
  let abort: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let conflictLogged = false;

  async function handle(u: Update): Promise<void> {
    try {
      await o.bot.handleUpdate(u);
    } catch (err) {
      // Handlers have their own error boundary; this is a last line (a bug must not stop polling).
      o.logger.error({ err: errName(err), update: u.update_id }, 'telegram update failed');
    }
  }

  /** Handles a batch in order; stops at the first update another poller claimed (then re-reads). */
  async function handleBatch(updates: readonly Update[], from: number, signal: AbortSignal): Promise<void> {
    let offset = from;
    for (const u of updates) {
      if (signal.aborted) return;
      if (u.update_id < offset) continue;
      const next = u.update_id + 1;
      if (!(await o.offsets.advance(POLL_OFFSET_NAME, offset, next))) return;
      offset = next;
      await handle(u);
    }
  }

  function onPollError(err: unknown): void {
    if (err instanceof GrammyError && err.error_code === 409) {
      if (!conflictLogged) {
        conflictLogged = true;
        o.logger.warn(
          { code: 409, description: String(err.description).slice(0, 200) },
          'telegram getUpdates 409 Conflict: another process polls with this bot token (or a webhook is set). ' +
            'Only one poller gets updates; run every replica on the same store so they share the poll lease, or stop the other process',
        );
      }
      return;
    }
    o.logger.warn({ err: errName(err) }, 'telegram getUpdates failed; retrying');
  }

  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      let offset = 0;
      try {
        offset = (await o.offsets.get(POLL_OFFSET_NAME)) ?? 0;
        updates = await o.bot.api.getUpdates(
          {
            ...(offset > 0 ? { offset } : {}),
            timeout,
            limit: 100,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          // grammY types its own AbortSignal shim; Node's is what it uses at run time.
          signal as unknown as Parameters<Bot['api']['getUpdates']>[1],
        );
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        onPollError(err);
        failures++;
        await pause(Math.min(30_000, baseRetry * 2 ** Math.min(failures - 1, 5)), signal);
        continue;
      }
      await handleBatch(updates, offset, signal);
    }
  }

  return {
    get running() {
      return loop !== undefined;
    },
    start() {
      if (loop) return;
      const ac = new AbortController();
      abort = ac;
      conflictLogged = false;
      loop = run(ac.signal).catch((err: unknown) => {
        o.logger.error({ err: errName(err) }, 'telegram polling stopped');
      });
    },
    async stop() {
      abort?.abort();
      const l = loop;
      loop = undefined;
      abort = undefined;
      await l;
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
