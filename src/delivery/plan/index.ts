/**
 * The pure delivery planner (docs/how-it-works.md, "How a tick works", step 7). It never touches the outbox: it returns
 * messages for the tick to enqueue, and holds, marks and counter keys for the tick to write.
 *
 * - `planTick(base, lookups)`: the entry point a tick uses (mark look-up, plan, count, re-plan over the
 *   hourly cap). `plan(input)` is one pass with known marks and counters.
 * - Rules, one function each, in the order they run per destination (rules.ts): `subscribedTypes` and
 *   `tokenMutes` (types and mutes), `dedup`, `inhibition`, `cooldown`, `quietHoursAndMute`, `hourlyCap`,
 *   `digest`.
 * - `explainDestination` / `readDestinationFacts` (explain.ts): the rules' account of one destination and
 *   token for `/why` (cooldowns per class, cap, holds, suppressions), so commands only format.
 * - `Plan.suppressed` counts suppressions per reason; `Plan.suppressions` records them per destination and
 *   event (bounded by `MAX_SUPPRESSION_RECORDS`) for a later `/why`.
 */
export {
  type DestinationExplanation,
  type DestinationFacts,
  type ExplainPorts,
  explainDestination,
  explainSuppression,
  type RunningCooldown,
  readDestinationFacts,
  type SuppressionExplanation,
} from './explain.js';
export {
  type CooldownClassRef,
  type CooldownDetail,
  classOf,
  cooldownClass,
  cooldownClasses,
  cooldownKey,
  counterKey,
  DEDUP_TTL_MS,
  dedupKey,
  HOUR_MS,
  hourWindow,
  messageId,
  releaseKey,
} from './keys.js';
export { overCap, type PlanLookups, plan, planTick } from './planner.js';
export { planKeys, preparePlan } from './prepare.js';
export { quietUntil } from './quiet.js';
export {
  cooldown,
  dedup,
  digest,
  type Hold,
  hourlyCap,
  hourlyLimit,
  inhibition,
  quietHoursAndMute,
  type RuleContext,
  subscribedTypes,
  tokenMutes,
} from './rules.js';
export { effectiveSettings, scopesOf } from './settings.js';
export { Suppressions } from './suppressions.js';
export type {
  Bucket,
  Plan,
  PlanBase,
  PlanInput,
  SuppressionRecord,
  SuppressReason,
} from './types.js';
