/**
 * Platform-neutral commands: definitions, argument parsing for text platforms, the runner, alert
 * buttons. Formatters live in src/domain/format.ts. No platform imports here.
 */
export { actions, handleAction } from './actions.js';
export { excerpt } from './format.js';
export {
  capRefusal,
  countLimit,
  createCommandRateLimiter,
  DEFAULT_ABUSE_LIMITS,
  limitOf,
  rateLimitReply,
} from './limits.js';
export { levelsLines, signalLines } from './market.js';
export {
  canonicalTimeZone,
  parseDurationArg,
  parseNumberIn,
  parseQuietHours,
  parseSymbol,
  parseTypes,
} from './parse.js';
export { commands, findCommand, helpText, matchTextCommand, visibleTo } from './registry.js';
export { errorReply, genericErrorReply } from './replies.js';
export { guarded, runCommand, validateArgs } from './run.js';
export { SETTING_KEYS, type SettingKey } from './settings-keys.js';
export { DEFAULT_COMMAND_LIMITS } from './subscriptions.js';
export {
  dmDestination,
  layersFor,
  type MemberIntent,
  resolveChannelTarget,
  resolveMemberTarget,
  resolveTarget,
  type SettingsLayer,
  type Target,
  type TargetResult,
} from './target.js';
export { parseTextArgs, type TextArgsResult } from './text-args.js';
export type * from './types.js';
