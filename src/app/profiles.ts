import { scopesOf } from '../delivery/plan/index.js';
import type { Destination, Settings, SettingsPatch, TokenId } from '../domain/types.js';
import { DEFAULT_SETTINGS, destinationKey } from '../domain/types.js';
import type { Logger } from '../obs/logger.js';
import type { Store } from '../store/ports.js';
import { META_TOKEN, mergeProfiles, type Profiles, readMeta, sameProfiles } from './snapshot.js';

/**
 * Detection profiles: the distinct proximity / Sharpe / min-strength values the engine must compute
 * events for. Kept in the meta snapshot record; learned from settings as they change (here and in every
 * tick's fan-out) and rebuilt by a full scan on the first tick and every few hours.
 */

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

export function scopesFor(destinations: Iterable<Destination>): string[] {
  const out = new Set<string>();
  for (const d of destinations) for (const s of scopesOf(d)) out.add(s);
  return [...out];
}

/** Tokens per batch of the profile scan: bounds its memory (subscriptions of ~200 tokens at a time). */
const SCAN_CHUNK = 200;

/**
 * Every subscriber's effective detection profile. Two batched reads per chunk of tokens; runs on the first
 * tick, after a local settings change, and as a safety net every `profileScanMs`.
 */
export async function scanProfiles(store: Store, watched: readonly TokenId[]): Promise<Profiles> {
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

/**
 * A settings change on this replica: merges its values into the shared meta record at once, so every
 * replica detects them from its next tick. Best effort: a failure only delays it to the next scan.
 */
export async function recordProfiles(store: Store, patch: SettingsPatch, logger: Logger): Promise<void> {
  const add: Profiles = {
    proximityPcts: typeof patch.proximityPct === 'number' ? [patch.proximityPct] : [],
    sharpeThresholds: typeof patch.sharpeThreshold === 'number' ? [patch.sharpeThreshold] : [],
    minStrength: typeof patch.minStrength === 'number' ? patch.minStrength : Number.POSITIVE_INFINITY,
  };
  if (add.proximityPcts.length + add.sharpeThresholds.length === 0 && add.minStrength === Infinity) return;
  try {
    const meta = readMeta((await store.snapshots.getMany([META_TOKEN])).get(META_TOKEN));
    if (!meta) return; // no tick yet: the first tick scans anyway
    const merged = mergeProfiles(meta.profiles, add);
    if (sameProfiles(merged, meta.profiles)) return;
    await store.snapshots.putMany(new Map([[META_TOKEN, { ...meta, profiles: merged }]]));
  } catch (err) {
    logger.warn({ err }, 'could not record new detection profiles; the next scan picks them up');
  }
}
