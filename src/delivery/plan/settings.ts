import { ownScopes } from '../../domain/topics.js';
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

/** Settings scopes a destination resolves through, outermost first (a forum topic: default → group → topic). */
export function scopesOf(d: Destination): string[] {
  const own = ownScopes(d);
  return d.parentId !== undefined && d.kind !== 'dm' ? [parentScope(d.platform, d.parentId), ...own] : own;
}

/** Server/group default → channel/group → topic → DM, field by field. */
export function effectiveSettings(
  d: Destination,
  settings: ReadonlyMap<string, Settings>,
): EffectiveSettings {
  const own = settings.get(destinationKey(d));
  const parent =
    d.parentId !== undefined && d.kind !== 'dm'
      ? settings.get(parentScope(d.platform, d.parentId))
      : undefined;
  const scopes = ownScopes(d);
  // A topic: its group's own settings sit between the group default and the topic's.
  const group = scopes.length > 1 && scopes[0] !== undefined ? settings.get(scopes[0]) : undefined;
  // Most destinations have no settings at all: share the (never mutated) defaults instead of copying.
  if (own === undefined && parent === undefined && group === undefined) return DEFAULT_SETTINGS;
  return resolveSettings(parent, group, own);
}
