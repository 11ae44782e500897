import type { Logger } from '../obs/logger.js';

/**
 * Why the process is not ready, by component (`store`, `telegram`, `discord`): what /readyz shows while
 * the app waits for a dependency. A reason is a short operator-facing sentence: error messages of
 * ioredis, grammY and discord.js carry host/port or an HTTP status, never a token or a password (and the
 * logger's scrubber covers logs besides).
 */
export interface Readiness {
  /** Sets (a string) or clears (undefined) the reason for `component`. */
  set(component: string, reason: string | undefined): void;
  /** Current reasons, by component; empty when nothing is waiting. */
  reasons(): Record<string, string>;
}

export function createReadiness(): Readiness {
  const reasons = new Map<string, string>();
  return {
    set(component, reason) {
      if (reason === undefined) reasons.delete(component);
      else reasons.set(component, reason);
    },
    reasons: () => Object.fromEntries(reasons),
  };
}

export interface RetryOptions {
  /** Component name: the key in /readyz reasons and in log lines. */
  readonly component: string;
  readonly readiness: Readiness;
  readonly logger: Logger;
  /** First pause after a failure, ms. Default 500. Doubles up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  /** Longest pause between attempts, ms. Default 30 000. */
  readonly maxDelayMs?: number;
  /** Aborted (app stopping): the wait ends and `retryUntilOk` rejects with the signal's reason. */
  readonly signal: AbortSignal;
}

/**
 * A failure as a one-line reason: the message only, without URL credentials (`//user:pass@`) or a
 * Telegram bot token in a path (`/bot123:abc/`), at most 300 characters. Belt and braces: the libraries'
 * messages do not carry them, but a reason is served over HTTP where the log scrubber does not reach.
 */
export function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const clean = msg.replace(/\/\/[^\s/@]*@/g, '//').replace(/\bbot\d+:[\w-]+/g, 'bot<token>');
  return clean.slice(0, 300) || 'unknown error';
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it resolves: each failure is logged (warn, with the attempt number and the next
 * pause) and becomes the component's readiness reason; pauses back off exponentially. The reason is
 * cleared on success. This is how the app waits for Redis and for a platform that is down at start.
 */
export async function retryUntilOk<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T> {
  const max = o.maxDelayMs ?? 30_000;
  let delay = o.initialDelayMs ?? 500;
  for (let n = 1; ; n++) {
    if (o.signal.aborted) throw o.signal.reason;
    try {
      const value = await attempt();
      if (o.signal.aborted) throw o.signal.reason; // stopping: not "up", whatever the attempt said
      if (n > 1) o.logger.info({ component: o.component, attempts: n }, `${o.component} is up`);
      o.readiness.set(o.component, undefined);
      return value;
    } catch (err) {
      if (o.signal.aborted) throw o.signal.reason;
      const reason = reasonOf(err);
      o.readiness.set(o.component, reason);
      o.logger.warn(
        { component: o.component, attempt: n, retryInMs: delay, reason },
        `${o.component} not available at start; retrying`,
      );
      await pause(delay, o.signal);
      delay = Math.min(delay * 2, max);
    }
  }
}
