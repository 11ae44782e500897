import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandDeps } from '#commands/types.js';
import type { AlertChartSource } from '../charts/attach.js';
import type { PlatformSender } from '../delivery/ports.js';
import type { Platform } from '../domain/types.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Store } from '../store/ports.js';

/**
 * A chat platform as the composition root sees it: a sender for the outbox, and a lifecycle for the
 * part that receives commands (long polling, webhook, gateway). Built by each platform's factory.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly sender: PlatformSender;
  /** Connects and starts receiving commands. Resolves once ready. */
  start(): Promise<void>;
  /** Stops receiving; idempotent. */
  stop(): Promise<void>;
  /**
   * Webhook mode: the app's HTTP server offers every request to each platform first; return true when
   * handled (e.g. Telegram's POST /telegram/<path> with the secret-token header checked).
   */
  handleHttp?(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Called by delivery when a destination was deactivated for a permanent reason, so the platform can
   * tell someone who can fix it (a guild's moderators, once). Must not throw.
   */
  reportDeactivation?(destination: import('../domain/types.js').Destination, reason: string): Promise<void>;
}

export interface PlatformDeps {
  readonly commands: CommandDeps;
  /** Charts for level alerts, drawn at send time (absent: alerts go without pictures). */
  readonly alertCharts?: AlertChartSource;
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: Metrics;
}
