import type { Config } from '../config/index.js';
import type { Outbox } from '../delivery/ports.js';
import type { OpsStatus } from '../ops/status/compose.js';
import type { PlatformLink, PlatformReceiver } from '../platforms/types.js';
import { BRIEF_CRON } from '../watchlist/briefs.js';
import type { Alerting } from './alerting.js';
import type { Core } from './core.js';
import { type HttpServer, type ReadinessOptions, startHttpServer } from './http.js';
import type { Component } from './lifecycle.js';
import { outboxKindOf } from './parts.js';
import { type Readiness, retryUntilOk } from './readiness.js';
import { createScheduler } from './scheduler.js';

/** What the app's components start and stop. */
export interface Parts {
  readonly config: Config;
  readonly core: Core;
  readonly outbox: Outbox;
  readonly alerting: Alerting;
  readonly links: readonly PlatformLink[];
  readonly receivers: readonly PlatformReceiver[];
  readonly readiness: Readiness;
  readonly checks: ReadinessOptions;
  readonly status: OpsStatus | undefined;
  /** The daily brief runner (issue 20), once a minute. */
  readonly briefs: (at: number) => Promise<unknown>;
}

/** The HTTP server (/healthz, /readyz, /metrics, webhooks, /status) as a component, with its port. */
export interface HttpComponent extends Component {
  /** The port once listening (undefined before, or with HTTP_PORT off). */
  readonly port: number | undefined;
}

export function httpComponent(p: Parts): HttpComponent {
  let http: HttpServer | undefined;
  return {
    name: 'http',
    get port() {
      return http?.port;
    },
    async start() {
      if (p.config.httpPort === false) return;
      http = await startHttpServer({
        port: p.config.httpPort,
        metrics: p.core.metrics,
        logger: p.core.logger,
        platforms: p.receivers,
        ...p.checks,
        ...(p.status ? { status: p.status.server } : {}),
      });
    },
    stop: () => http?.close(),
  };
}

/**
 * The app's components in start order (they stop in reverse): the HTTP server first, so /readyz can say
 * why the app is not ready; the store, waited for with backoff; the market; the price streams; the
 * outbox workers; the scheduler; the platforms last, side by side (a platform that is down holds up
 * neither the other one nor the alerts, whose senders do not need the receiving side).
 */
export function appComponents(p: Parts, http: HttpComponent, signal: AbortSignal): Component[] {
  const { config, core, alerting } = p;
  const { logger, store } = core;
  const retry = <T>(component: string, attempt: () => Promise<T>) =>
    retryUntilOk(attempt, { component, readiness: p.readiness, logger, signal });
  const scheduler = createScheduler({
    cron: config.tickCron,
    run: alerting.runTick,
    logger,
    metrics: core.metrics,
  });
  const briefScheduler = createScheduler({
    cron: BRIEF_CRON,
    run: p.briefs,
    logger,
    metrics: core.metrics,
    what: 'daily briefs',
  });
  return [
    { name: 'status', stop: () => p.status?.close() },
    http,
    {
      name: 'store',
      // The fetch plan for the current subscriptions, logged now (and whenever the count changes).
      start: async () =>
        void alerting.cadence((await retry('store', () => store.subscriptions.watchedTokens())).length),
      stop: () => core.closeStore(),
    },
    { name: 'market', stop: () => core.closeMarket() },
    { name: 'prices', start: () => alerting.prices?.start(), stop: () => alerting.prices?.stop() },
    { name: 'outbox', start: () => p.outbox.start(), stop: () => p.outbox.close() },
    {
      name: 'scheduler',
      start: () => (config.schedule === false ? undefined : scheduler.start()),
      stop: () => scheduler.stop(),
    },
    {
      name: 'briefs',
      start: () => (config.schedule === false ? undefined : briefScheduler.start()),
      stop: () => briefScheduler.stop(),
    },
    {
      name: 'platforms',
      start: async () => {
        await Promise.all(
          p.receivers.map((r, i) => retry(p.links[i]?.platform ?? 'platform', () => r.start())),
        );
        logger.info(
          {
            platforms: p.links.map((l) => l.platform),
            store: store.kind,
            outbox: outboxKindOf(config),
            cron: config.tickCron,
          },
          'tokenwatch started',
        );
      },
      async stop() {
        for (const [i, r] of p.receivers.entries()) {
          await r.stop().catch((err: unknown) => {
            logger.warn({ err, step: `platform ${p.links[i]?.platform}` }, 'shutdown step failed');
          });
        }
      },
    },
  ];
}
