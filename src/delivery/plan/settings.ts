import {
  DEFAULT_SETTINGS,
  type Destination,
  destinationKey,
  type EffectiveSettings,
  resolveSettings,
  type Settings,
} from '../../domain/types.js';
import { parentScope } from '../../store/ports.js';

/** Detection profiles the engine ran with (the planner falls back to the defaults for others). */
export interface PlanProfiles {
  readonly proximityPcts: readonly number[];
  readonly sharpeThresholds: readonly number[];
}

/** Settings scopes a destination resolves through, outermost first. */
export function scopesOf(d: Destination): string[] {
  const own = destinationKey(d);
  return d.parentId !== undefined && d.kind !== 'dm' ? [parentScope(d.platform, d.parentId), own] : [own];
}

/** Server/group default → channel → DM, field by field. */
export function effectiveSettings(
  d: Destination,
  settings: ReadonlyMap<string, Settings>,
): EffectiveSettings {
  const own = settings.get(destinationKey(d));
  const parent =
    d.parentId !== undefined && d.kind !== 'dm'
      ? settings.get(parentScope(d.platform, d.parentId))
      : undefined;
  // Most destinations have no settings at all: share the (never mutated) defaults instead of copying.
  if (own === undefined && parent === undefined) return DEFAULT_SETTINGS;
  return resolveSettings(parent, own);
}
