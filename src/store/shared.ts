/**
 * Logic both store adapters share, so that they agree byte for byte on ordering, merging and
 * what counts as a valid stored record. Pure functions only.
 */
import type { Outcome } from '../domain/outcome.js';
import {
  ALERT_TYPES,
  type AlertType,
  type Destination,
  destinationKey,
  isPlatform,
  type Settings,
  type SettingsPatch,
  type Subscription,
} from '../domain/types.js';
import { type DeactivationReason, type DestinationStatus, parentScope } from './ports.js';

/** Error raised by a store adapter. `retryable` says whether the same call may succeed later. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Alert types deduplicated and in canonical ALERT_TYPES order; unknown strings dropped. */
export function canonicalTypes(types: Iterable<string>): AlertType[] {
  const set = new Set<string>(types);
  return ALERT_TYPES.filter((t) => set.has(t));
}

/**
 * Wraps every method of a port so that whatever it throws (or rejects with) becomes a StoreError
 * decided by `convert`. Lets adapters keep their bodies free of repetitive try/catch.
 */
export function guardPort<T extends object>(port: T, convert: (err: unknown) => StoreError): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(port as Record<string, unknown>)) {
    if (typeof value !== 'function') {
      out[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    out[name] = async (...args: unknown[]) => {
      try {
        return await fn.apply(port, args);
      } catch (err) {
        throw err instanceof StoreError ? err : convert(err);
      }
    };
  }
  return out as T;
}

/** A TTL as a whole number of ms, at least 1 (Redis PX rejects 0; both adapters round the same way). */
export function ttl(ms: number): number {
  return Number.isFinite(ms) ? Math.max(1, Math.ceil(ms)) : 1;
}

/** Subscribing to nothing is a caller bug (the command layer applies defaults); not retryable. */
export function requireTypes(types: readonly string[]): void {
  if (canonicalTypes(types).length === 0) {
    throw new StoreError('subscribe needs at least one known alert type', false);
  }
}

/** `list`: by symbol, then token id (plain code-unit order, same in both adapters). */
export function compareBySymbol(a: Subscription, b: Subscription): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  return a.tokenId - b.tokenId;
}

/** `listByParent`: by destination key, then symbol. */
export function compareByDestination(a: Subscription, b: Subscription): number {
  const ka = destinationKey(a.destination);
  const kb = destinationKey(b.destination);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return compareBySymbol(a, b);
}

/** Parses JSON; `undefined` instead of throwing (corrupt rows are skipped, never fatal). */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Settings as stored: any JSON object. Field validation is the command layer's job. */
export function parseSettings(text: string | null | undefined): Settings | undefined {
  const v = parseJson(text);
  return isRecord(v) ? (v as Settings) : undefined;
}

/** `patch` merged into `base`: `null` deletes a field, `undefined` leaves it. */
export function mergeSettings(base: Settings | undefined, patch: SettingsPatch): Settings {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out as Settings;
}

export function parseDestination(v: unknown): Destination | undefined {
  if (!isRecord(v)) return undefined;
  const { platform, kind, id, parentId } = v;
  if (!isPlatform(platform)) return undefined;
  if (kind !== 'channel' && kind !== 'group' && kind !== 'dm') return undefined;
  if (typeof id !== 'string' || id === '') return undefined;
  if (typeof parentId === 'string') return { platform, kind, id, parentId };
  return { platform, kind, id };
}

/** A destination reduced to its stored fields (drops any extra properties a caller passed). */
export function plainDestination(d: Destination): Destination {
  return d.parentId === undefined
    ? { platform: d.platform, kind: d.kind, id: d.id }
    : { platform: d.platform, kind: d.kind, id: d.id, parentId: d.parentId };
}

/** Subscription from its stored JSON (Redis) or undefined when the record is unusable. */
export function parseSubscription(text: string | null | undefined): Subscription | undefined {
  const v = parseJson(text);
  if (!isRecord(v)) return undefined;
  const destination = parseDestination(v.destination);
  const { tokenId, symbol, types, createdAt } = v;
  if (!destination || typeof tokenId !== 'number' || typeof symbol !== 'string') return undefined;
  if (!Array.isArray(types) || typeof createdAt !== 'number') return undefined;
  const canonical = canonicalTypes(types.filter((t): t is string => typeof t === 'string'));
  if (canonical.length === 0) return undefined;
  return { destination, tokenId, symbol, types: canonical, createdAt };
}

/** Stored outcome JSON strings (non-strings and unreadable records skipped), in the given order. */
export function parseOutcomes(values: unknown): Outcome[] {
  const out: Outcome[] = [];
  if (!Array.isArray(values)) return out;
  for (const v of values) {
    const o = typeof v === 'string' ? parseJson(v) : undefined;
    if (isRecord(o) && typeof o.id === 'string') out.push(o as unknown as Outcome);
  }
  return out;
}

export function parseStatus(text: string | null | undefined): DestinationStatus | undefined {
  const v = parseJson(text);
  if (!isRecord(v) || typeof v.active !== 'boolean') return undefined;
  const out: { active: boolean; reason?: DeactivationReason; since?: number; noticePending?: boolean } = {
    active: v.active,
  };
  if (typeof v.reason === 'string') out.reason = v.reason as DeactivationReason;
  if (typeof v.since === 'number') out.since = v.since;
  if (typeof v.noticePending === 'boolean') out.noticePending = v.noticePending;
  return out;
}

/**
 * Settings scopes that `rekey` moves: the destination's own scope and, when the parent id changes
 * (a Telegram group becoming a supergroup is its own parent), the parent default scope too.
 */
export function rekeyScopes(from: Destination, to: Destination): Array<[string, string]> {
  const pairs: Array<[string, string]> = [[destinationKey(from), destinationKey(to)]];
  if (from.parentId !== undefined && to.parentId !== undefined && from.parentId !== to.parentId) {
    pairs.push([parentScope(from.platform, from.parentId), parentScope(to.platform, to.parentId)]);
  }
  return pairs;
}

/** A stored brief record (`{destination, schedule}` JSON), or undefined when unusable. */
export function parseBrief(
  text: string | null | undefined,
): { destination: Destination; schedule: import('./ports.js').BriefSchedule } | undefined {
  const v = parseJson(text);
  if (!isRecord(v) || !isRecord(v.schedule)) return undefined;
  const destination = parseDestination(v.destination);
  const { time, tz, createdAt } = v.schedule;
  if (!destination || typeof time !== 'string' || typeof tz !== 'string' || typeof createdAt !== 'number') {
    return undefined;
  }
  return { destination, schedule: { time, tz, createdAt } };
}
