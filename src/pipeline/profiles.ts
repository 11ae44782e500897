import { scopesOf } from '../delivery/plan/index.js';
import type { Destination, Settings, SettingsPatch, TokenId } from '../domain/types.js';
import { DEFAULT_SETTINGS, destinationKey } from '../domain/types.js';
import type { Logger } from '../obs/logger.js';
import type { Store } from '../store/ports.js';

/**
 * Detection profiles: the distinct proximity / Sharpe / min-strength values the engine must compute
 * events for. Kept in the shared TickMetaStore record; learned from settings as they change (commands
 * notify the tracker, and every tick's fan-out) and rebuilt by a full scan on the first tick and every
 * few hours.
 */
export interface Profiles {
  readonly proximityPcts: readonly number[];
  readonly sharpeThresholds: readonly number[];
  /** The lowest minStrength any subscriber wants (the engine emits nothing weaker). */
  readonly minStrength: number;
}

/** The record in the TickMetaStore. */
export interface TickMeta {
  readonly w: 1;
  readonly profiles: Profiles;
  /** Epoch ms of the last full profile scan over all subscribers. */
  readonly scannedAt: number;
}

/**
 * Profiles wanted by the destinations whose settings these are (plus the defaults). Layering only ever
 * picks one of the stored values or the default, so the stored values are the whole set: no need to
 * resolve each destination.
 */
export function profilesOf(settings: Iterable<Settings>): Profiles {
  const p = new Set<number>([DEFAULT_SETTINGS.proximityPct]);
  const s = new Set<number>([DEFAULT_SETTINGS.sharpeThreshold]);
  let minStrength = DEFAULT_SETTINGS.minStrength;
  for (const x of settings) {
    if (typeof x.proximityPct === 'number') p.add(x.proximityPct);
    if (typeof x.sharpeThreshold === 'number') s.add(x.sharpeThreshold);
    if (typeof x.minStrength === 'number') minStrength = Math.min(minStrength, x.minStrength);
  }
  const sorted = (xs: Set<number>) => [...xs].sort((a, b) => a - b);
  return { proximityPcts: sorted(p), sharpeThresholds: sorted(s), minStrength };
}

/** Union of two profile sets (sorted, distinct). */
export function mergeProfiles(a: Profiles, b: Profiles): Profiles {
  const uniq = (xs: readonly number[]) => [...new Set(xs)].sort((x, y) => x - y);
  return {
    proximityPcts: uniq([...a.proximityPcts, ...b.proximityPcts]),
    sharpeThresholds: uniq([...a.sharpeThresholds, ...b.sharpeThresholds]),
    minStrength: Math.min(a.minStrength, b.minStrength),
  };
}

export function sameProfiles(a: Profiles, b: Profiles): boolean {
  return (
    a.minStrength === b.minStrength &&
    a.proximityPcts.join() === b.proximityPcts.join() &&
    a.sharpeThresholds.join() === b.sharpeThresholds.join()
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const numbers = (x: unknown): number[] =>
  Array.isArray(x) ? x.filter((n): n is number => typeof n === 'number' && Number.isFinite(n)) : [];

/** The stored record, or undefined when absent or unreadable (the next tick then scans). */
export function readTickMeta(raw: unknown): TickMeta | undefined {
  if (!isRecord(raw) || !isRecord(raw.profiles)) return undefined;
  const p = raw.profiles;
  return {
    w: 1,
    profiles: {
      proximityPcts: numbers(p.proximityPcts),
      sharpeThresholds: numbers(p.sharpeThresholds),
      minStrength: typeof p.minStrength === 'number' ? p.minStrength : DEFAULT_SETTINGS.minStrength,
    },
    scannedAt: typeof raw.scannedAt === 'number' ? raw.scannedAt : 0,
  };
}

export function scopesFor(destinations: Iterable<Destination>): string[] {
  const out = new Set<string>();
  for (const d of destinations) for (const s of scopesOf(d)) out.add(s);
  return [...out];
}

/** Tokens per batch of the profile scan: bounds its memory (subscriptions of ~200 tokens at a time). */
const SCAN_CHUNK = 200;

/**
 * Every subscriber's effective detection profile. Two batched reads per chunk of tokens; runs on the first
 * tick, after a local settings change, and as a safety net every `scanMs`.
 */
export async function scanProfiles(
  store: Pick<Store, 'subscriptions' | 'settings'>,
  watched: readonly TokenId[],
): Promise<Profiles> {
  let profiles = profilesOf([]);
  for (let i = 0; i < watched.length; i += SCAN_CHUNK) {
    const subs = await store.subscriptions.subscribersOf(watched.slice(i, i + SCAN_CHUNK));
    const dests = new Map<string, Destination>();
    for (const list of subs.values())
      for (const s of list) dests.set(destinationKey(s.destination), s.destination);
    const settings = await store.settings.getMany(scopesFor(dests.values()));
    profiles = mergeProfiles(profiles, profilesOf(settings.values()));
  }
  return profiles;
}

/** The profiles one tick detects with, and whether the tick must write the record back. */
export interface ResolvedProfiles {
  readonly meta: TickMeta;
  /** The record changed this tick (a scan, or values learned in the fan-out): commit writes it. */
  readonly dirty: boolean;
  /** This tick ran a full scan. */
  readonly scanned: boolean;
}

export interface ProfileTracker {
  /** Reads the shared record (one round trip). */
  load(): Promise<TickMeta | undefined>;
  /**
   * The profiles to detect with: the stored record, or a full scan when there is none, this replica's
   * settings changed, or the last scan is `scanMs` old.
   */
  resolve(stored: TickMeta | undefined, watched: readonly TokenId[], at: number): Promise<ResolvedProfiles>;
  /** Folds in profiles of settings the fan-out read (changed elsewhere): detected from the next tick on. */
  learn(resolved: ResolvedProfiles, settings: Iterable<Settings>): ResolvedProfiles;
  /** Writes the record when this tick changed it (one round trip, else none). */
  commit(resolved: ResolvedProfiles): Promise<void>;
  /**
   * A settings change on this replica (commands call it after every update): asks for a full scan on the
   * next tick this replica runs, and merges the new values into the shared record at once so every replica
   * detects them from its next tick. Best effort: a failure only delays the pick-up until the next scan.
   */
  noteSettingsChange(patch: SettingsPatch): Promise<void>;
}

export interface ProfileTrackerDeps {
  readonly store: Pick<Store, 'subscriptions' | 'settings' | 'tickMeta'>;
  readonly logger: Logger;
  /** Full scan interval, ms (a safety net; changes are also picked up as they happen). Default 6 hours. */
  readonly scanMs?: number;
}

export function createProfileTracker(deps: ProfileTrackerDeps): ProfileTracker {
  const { store, logger } = deps;
  const scanMs = deps.scanMs ?? 6 * 3_600_000;
  let scanRequested = false;
  return {
    async load() {
      return readTickMeta(await store.tickMeta.get());
    },
    async resolve(stored, watched, at) {
      if (stored && !scanRequested && at - stored.scannedAt < scanMs) {
        return { meta: stored, dirty: false, scanned: false };
      }
      scanRequested = false;
      const meta: TickMeta = { w: 1, profiles: await scanProfiles(store, watched), scannedAt: at };
      return { meta, dirty: true, scanned: true };
    },
    learn(resolved, settings) {
      const learned = mergeProfiles(resolved.meta.profiles, profilesOf(settings));
      if (sameProfiles(learned, resolved.meta.profiles)) return resolved;
      return { ...resolved, meta: { ...resolved.meta, profiles: learned }, dirty: true };
    },
    async commit(resolved) {
      if (resolved.dirty) await store.tickMeta.put(resolved.meta);
    },
    async noteSettingsChange(patch) {
      // Languages (issue 22) change no detection profile: recording a client's language costs no scan.
      if (Object.keys(patch).every((k) => k === 'language' || k === 'platformLocale')) return;
      scanRequested = true;
      const add: Profiles = {
        proximityPcts: typeof patch.proximityPct === 'number' ? [patch.proximityPct] : [],
        sharpeThresholds: typeof patch.sharpeThreshold === 'number' ? [patch.sharpeThreshold] : [],
        minStrength: typeof patch.minStrength === 'number' ? patch.minStrength : Number.POSITIVE_INFINITY,
      };
      if (add.proximityPcts.length + add.sharpeThresholds.length === 0 && add.minStrength === Infinity)
        return;
      try {
        const meta = readTickMeta(await store.tickMeta.get());
        if (!meta) return; // no tick yet: the first tick scans anyway
        const merged = mergeProfiles(meta.profiles, add);
        if (sameProfiles(merged, meta.profiles)) return;
        await store.tickMeta.put({ ...meta, profiles: merged } satisfies TickMeta);
      } catch (err) {
        logger.warn({ err }, 'could not record new detection profiles; the next scan picks them up');
      }
    },
  };
}
