/**
 * The pure alert engine: last state + new observation → next state + events. No I/O, no clock of its own.
 *
 * - `detect(prev, obs, opts)` runs one small rule per alert kind (rules/*.ts): daily and hourly signal
 *   flips, the per-level / per-proximity-profile level machine, metric thresholds with hysteresis (SHARPE
 *   and any `metricThresholds`), and TM grade changes. First sight of a token, and the first observation of
 *   a part, a level, a profile or a threshold, is a silent baseline; an absent part is never a change.
 *   `createDetector(opts)` resolves the options once for a tick over many tokens (no module-level memo).
 * - Event ids are 16 hex chars derived from token, rule, profile/threshold, transition and a value of the
 *   PREVIOUS state (when its phase began) or the data's own date — never `opts.now` — so a tick repeated
 *   after a crash before commit reproduces the same ids.
 * - `parseState` validates a stored state (current `STATE_VERSION` only); `viewOf` feeds /levels and /signal.
 * - Level strength: see `levelStrength`; level machine: see `stepPhase` (rules/level-phase.ts).
 */
export { createDetector, type Detector, detect, SHARPE } from './detect.js';
export {
  explainToken,
  type LevelExplanation,
  type ThresholdExplanation,
  type TokenExplanation,
  watchedMetrics,
} from './explain.js';
export { eventId } from './ids.js';
export { PRIORITY, type PriorityKey, priorityOf } from './priority.js';
export { clusterLevels, type LevelCluster, levelStrength } from './rules/level-cluster.js';
export { rearmDistance } from './rules/level-phase.js';
export { effectiveTrend } from './rules/signal-flip.js';
export { parseState } from './state.js';
export {
  DETECT_DEFAULTS,
  type DetectOptions,
  type LevelPhase,
  type LevelState,
  type MetricWatch,
  metricKey,
  numKey,
  type PhaseState,
  type PriceSide,
  type SideState,
  STATE_VERSION,
  type TokenState,
} from './types.js';
export { viewOf } from './view.js';
