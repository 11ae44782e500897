import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { PlatformReceiver } from '../platforms/types.js';
import { reasonOf } from './readiness.js';

/**
 * The operator's HTTP surface: `/healthz` (the process answers), `/readyz` (store reachable and the last
 * tick recent enough; "degraded" lists market endpoints the API plan refuses), `/metrics` (Prometheus
 * text). Every request is first offered to the platforms (Telegram webhook). Bodies never contain
 * configuration or secrets: readiness says which check failed and why (`reasons`: a dependency's error
 * message, e.g. "connect ECONNREFUSED 127.0.0.1:6379").
 */
export interface HttpServerOptions {
  /** 0 = any free port (tests). */
  readonly port: number;
  /** Default 0.0.0.0. */
  readonly host?: string;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly platforms: readonly Pick<PlatformReceiver, 'handleHttp'>[];
  /** Resolves true when the store answers (e.g. a cheap read); a rejection's message becomes the reason. */
  readonly storeReachable: () => Promise<boolean>;
  /** Components still waiting at start (src/app/readiness.ts): each makes /readyz fail with its reason. */
  readonly reasons?: () => Record<string, string>;
  /** Epoch ms of the last finished tick (any outcome), undefined before the first. */
  readonly lastTickAt: () => number | undefined;
  /** Started at, epoch ms: before the first tick, readiness allows a grace period from here. */
  readonly startedAt: number;
  /**
   * Market endpoints the API plan refuses now: /readyz stays 200 ("ready but degraded") and lists them,
   * since the other endpoints keep alerting. Default: none.
   */
  readonly degraded?: () => readonly string[];
  /** A tick older than this makes /readyz fail. Default 5 minutes. */
  readonly maxTickAgeMs?: number;
  readonly now?: () => number;
  /** The operator console (/status, /status.json, /status/...): absent, those paths answer 404. */
  readonly status?: {
    matches(path: string): boolean;
    handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  };
}

export interface HttpServer {
  /** The bound port (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export type ReadinessOptions = Pick<
  HttpServerOptions,
  'storeReachable' | 'lastTickAt' | 'startedAt' | 'maxTickAgeMs' | 'now' | 'degraded' | 'reasons'
>;

export interface Readiness {
  readonly ok: boolean;
  readonly checks: Record<string, boolean>;
  /** Why a check failed (or a component is still waiting at start), by check name. */
  readonly reasons: Record<string, string>;
  readonly degraded?: { readonly unavailable: string[] };
}

/** What /readyz answers; the status page shows the same checks. */
export async function checkReadiness(opts: ReadinessOptions): Promise<Readiness> {
  const now = opts.now ?? Date.now;
  const maxAge = opts.maxTickAgeMs ?? 5 * 60_000;
  const reasons = { ...opts.reasons?.() };
  let store = false;
  try {
    store = await opts.storeReachable();
  } catch (err) {
    store = false;
    reasons.store = reasonOf(err); // the live answer, fresher than a waiting retry's last one
  }
  if (!store) reasons.store ??= 'store unreachable';
  const last = opts.lastTickAt() ?? opts.startedAt;
  const tick = now() - last <= maxAge;
  if (!tick) reasons.tick ??= `no tick for more than ${Math.round(maxAge / 1000)} s`;
  const down = [...(opts.degraded?.() ?? [])];
  return {
    ok: Object.keys(reasons).length === 0,
    checks: { store, tick },
    reasons,
    ...(down.length > 0 ? { degraded: { unavailable: down } } : {}),
  };
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const readiness = () => checkReadiness(opts);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    for (const p of opts.platforms) {
      if (p.handleHttp?.(req, res)) return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (opts.status?.matches(path)) return opts.status.handle(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    switch (path) {
      case '/healthz':
        return send(res, 200, 'ok\n');
      case '/readyz': {
        const r = await readiness();
        return send(res, r.ok ? 200 : 503, `${JSON.stringify(r)}\n`, 'application/json');
      }
      case '/metrics':
        return send(res, 200, await opts.metrics.registry.metrics(), opts.metrics.registry.contentType);
      default:
        return send(res, 404, 'not found\n');
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err }, 'http handler failed');
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
