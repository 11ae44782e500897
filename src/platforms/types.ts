import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandDeps } from '#commands/types.js';
import type { AlertChartSource } from '../charts/attach.js';
import type { PlatformSender } from '../delivery/ports.js';
import type { Platform } from '../domain/types.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { Store } from '../store/ports.js';

/**
 * A chat platform as the composition root builds it, in two halves at the two ends of the build: the
 * sending half first (the outbox needs the senders), the receiving half once the commands exist
 * (`receiver`). Built by each platform's `open…` factory.
 */
export interface PlatformLink {
  readonly platform: Platform;
  readonly sender: PlatformSender;
  /**
   * Called by delivery when a destination was deactivated for a permanent reason, so the platform can
   * tell someone who can fix it (a guild's moderators, once). `language`: the destination's own, from
   * its settings layers (undefined: none set; the platform picks, e.g. the server's). Must not throw.
   */
  reportDeactivation?(
    destination: import('../domain/types.js').Destination,
    reason: string,
    language?: import('../i18n/locales.js').Locale,
  ): Promise<void>;
  /** The receiving half: commands in (long polling, webhook, gateway). Called once. */
  receiver(commands: CommandDeps): PlatformReceiver;
}

/** The part that receives commands, with its lifecycle. */
export interface PlatformReceiver {
  /** Connects and starts receiving commands. Resolves once ready. */
  start(): Promise<void>;
  /** Stops receiving; idempotent. */
  stop(): Promise<void>;
  /**
   * Webhook mode: the app's HTTP server offers every request to each platform first; return true when
   * handled (e.g. Telegram's POST /telegram/<path> with the secret-token header checked).
   */
  handleHttp?(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Both halves in one object: a platform run on its own (tests, tools). */
export type PlatformAdapter = Omit<PlatformLink, 'receiver'> & PlatformReceiver;

/** Both halves of a link in one object. */
export function withReceiver<L extends PlatformLink>(link: L, commands: CommandDeps): L & PlatformReceiver {
  return Object.assign(link, link.receiver(commands));
}

/** What a platform's sending half needs (the receiving half adds the commands). */
export type SenderDeps = Omit<PlatformDeps, 'commands'>;

export interface PlatformDeps {
  readonly commands: CommandDeps;
  /** Charts for level alerts, drawn at send time (absent: alerts go without pictures). */
  readonly alertCharts?: AlertChartSource;
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /**
   * Several replicas share the store (Redis): a named duty that one replica at a time performs
   * (Telegram long polling) is claimed through this lease. Absent (embedded SQLite): this process is
   * the only one and performs every duty.
   */
  readonly leaseFor?: (name: string, onChange: (held: boolean) => void) => DutyLease;
}

/** A claimed duty (src/replicas/lease.ts PeriodLease): `start` begins claiming, `stop` gives it up. */
export interface DutyLease {
  start(): void;
  stop(): void;
  readonly holding: boolean;
}
