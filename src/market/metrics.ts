import { Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Token Metrics metrics, registered once per registry (the app's `createMetrics().registry`), so the
 * client, the meter and the app can each ask for them without double registration.
 */
function build(registry: Registry) {
  return {
    endpointUp: new Gauge({
      name: 'tokenwatch_tm_endpoint_up',
      help: 'Token Metrics endpoint usable with this key and plan (1) or refused with 401/403 (0)',
      labelNames: ['endpoint'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'tokenwatch_tm_request_duration_seconds',
      help: 'Token Metrics API latency per request (to the end of the body), by endpoint',
      labelNames: ['endpoint'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers: [registry],
    }),
    creditsUsed: new Gauge({
      name: 'tokenwatch_tm_credits_used',
      help: 'Token Metrics API credits spent this calendar month (UTC), from the shared ledger',
      registers: [registry],
    }),
    creditsProjected: new Gauge({
      name: 'tokenwatch_tm_credits_projected',
      help: 'Credits this month will have used at its end at the current plan',
      registers: [registry],
    }),
    creditsBudget: new Gauge({
      name: 'tokenwatch_tm_credits_budget',
      help: 'Monthly credit budget (TM_MONTHLY_CALLS)',
      registers: [registry],
    }),
  };
}

export type TmMetrics = ReturnType<typeof build>;

const byRegistry = new WeakMap<Registry, TmMetrics>();

export function marketMetrics(registry: Registry): TmMetrics {
  let m = byRegistry.get(registry);
  if (!m) {
    m = build(registry);
    byRegistry.set(registry, m);
  }
  return m;
}
