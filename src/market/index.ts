/** Market data: the Token Metrics client, the replay source, the budget planner and the token directory. */
export {
  createTokenMetricsSource,
  type TokenMetricsSource,
  type TokenMetricsSourceOptions,
} from './client.js';
export {
  createTokenDirectory,
  pickToken,
  type TokenDirectoryOptions,
  type TokenLister,
} from './directory.js';
export { createEndpointHealth, type DownEndpoint, type EndpointHealth, REPROBE_MS } from './health.js';
export {
  createTmHttp,
  type MarketMetrics,
  parseRetryAfter,
  TmError,
  type TmHttp,
  type TmHttpOptions,
} from './http.js';
export { type CreditMeter, createCreditMeter, memoryLedger, monthEnd, monthOf } from './meter.js';
export {
  assemble,
  canonicalKey,
  canonicalRow,
  ENDPOINT_OF,
  newestPerToken,
  type ParsedRow,
  parseRows,
  QUANT_METRICS,
} from './parse.js';
export {
  BATCH_SIZE,
  CADENCE_OF,
  type Cadence,
  describePlan,
  ESSENTIAL_KINDS,
  MONTH_MS,
  type Plan,
  type PlanInput,
  planFetch,
  stretchCadences,
} from './planner.js';
export { defaultAnchor, renderStep, type StepRows, tokenRows } from './replay/render.js';
export {
  type BadRow,
  DEFAULT_SCENARIO,
  SCENARIO_MARKS,
  type Scenario,
  type ScenarioToken,
} from './replay/scenario.js';
export { createReplaySource, type ReplayOptions, type ReplaySource } from './replay/source.js';
export { KIND_LABEL, type MarketStatus, REPLAY_STATUS, unavailableText } from './status.js';
