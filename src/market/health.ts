import type { Logger } from '../obs/logger.js';
import type { TmMetrics } from '../obs/metrics.js';

/** An endpoint the API refused (401/403) with the current key and plan. */
export interface DownEndpoint {
  /** API path, e.g. `/resistance-support`. */
  readonly endpoint: string;
  /** HTTP status of the refusal. */
  readonly status: number;
  /** Epoch ms of the first refusal. */
  readonly since: number;
  /** Epoch ms of the next re-probe (one request). */
  readonly nextProbeAt: number;
}

export interface EndpointHealth {
  /** Whether a request may go to `endpoint` now: up, or down with its re-probe due. */
  allowed(endpoint: string, now: number): boolean;
  /** A 401/403 (after the key was re-read): the endpoint alone is down until a probe succeeds. */
  refused(endpoint: string, status: number, now: number): void;
  /** A successful answer: the endpoint is up. */
  ok(endpoint: string): void;
  /** After a key reload: every down endpoint is probed on its next use. */
  reprobeAll(): void;
  /** Endpoints down now, sorted by path. */
  down(): DownEndpoint[];
}

/** Default time between probes of a refused endpoint: 6 hours (a plan upgrade shows up within that). */
export const REPROBE_MS = 6 * 3_600_000;

/**
 * Health per endpoint: a refused endpoint is skipped (no credits spent on it) while the others go on.
 * State changes are logged once each and mirrored in `tokenwatch_tm_endpoint_up{endpoint}`.
 */
export function createEndpointHealth(opts: {
  readonly logger: Logger;
  readonly metrics: TmMetrics;
  readonly reprobeMs?: number;
}): EndpointHealth {
  const every = opts.reprobeMs ?? REPROBE_MS;
  const state = new Map<string, { status: number; since: number; nextProbeAt: number }>();
  return {
    allowed(endpoint, now) {
      const s = state.get(endpoint);
      return s === undefined || now >= s.nextProbeAt;
    },
    refused(endpoint, status, now) {
      const s = state.get(endpoint);
      if (!s) {
        opts.logger.error(
          { endpoint, status, reprobeInMs: every },
          `Token Metrics refused ${endpoint} (HTTP ${status}): the key or plan does not allow it. ` +
            'This endpoint is skipped and re-probed every 6 hours and after a key reload (SIGHUP); the others go on.',
        );
      }
      state.set(endpoint, { status, since: s?.since ?? now, nextProbeAt: now + every });
      opts.metrics.endpointUp.set({ endpoint }, 0);
    },
    ok(endpoint) {
      const s = state.get(endpoint);
      if (s) opts.logger.info({ endpoint }, `Token Metrics ${endpoint} answers again`);
      state.delete(endpoint);
      opts.metrics.endpointUp.set({ endpoint }, 1);
    },
    reprobeAll() {
      for (const s of state.values()) s.nextProbeAt = 0;
    },
    down() {
      return [...state.entries()]
        .map(([endpoint, s]) => ({ endpoint, ...s }))
        .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    },
  };
}
