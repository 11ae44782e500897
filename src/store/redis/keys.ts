/**
 * Every Redis key name the store uses, in one place. `VERSION` is part of each name so a future
 * incompatible layout can live next to this one during a migration instead of misreading it.
 *
 * Layout (P = `${keyPrefix}v1:`):
 * - `P dsub:<destKey>`          hash tokenId → subscription JSON (all of a destination's subscriptions)
 * - `P tsub:<tokenId>`          hash destKey → subscription JSON (ACTIVE destinations only)
 * - `P psub:<platform>:<parent>` hash `<destKey>#<tokenId>` → subscription JSON (for listByParent)
 * - `P watched`                 set of tokenIds whose `tsub` hash is non-empty (what the fetcher watches)
 * - `P status`                  hash destKey → status JSON; a field exists only while the destination is inactive
 * - `P set:<scope>`             string: settings JSON
 * - `P snap:<tokenId>`          string: engine state JSON
 * - `P tickmeta`                string: tick metadata JSON (detection profiles, last scan)
 * - `P mark:<key>`              string "1" with PX expiry
 * - `P tick:<slot>`             string owner with PX expiry
 * - `P hold:<destKey>`          list of held event JSON, oldest first
 * - `P holddue`                 sorted set destKey by releaseAt; `P holddest` hash destKey → destination JSON
 * - `P cnt:<windowStart>:<key>` integer counter with PX expiry
 * - `P credits:<YYYY-MM>`       hash endpoint → Token Metrics calls that month
 * - `P mstate:<key>`            string: market client state JSON
 * - `P out`                     hash eventId → outcome JSON; `P outat` sorted set eventId by `at`;
 *   `P outtok:<tokenId>` sorted set eventId by `at`; `P outopen:<tokenId>` set of open eventIds
 * - `P os<N>:*`                 /stats day summaries of SUMMARY_VERSION N: see outcome-scripts.ts
 * - `P sup:<destKey>:<tokenId>` list of suppression JSON, newest first, trimmed, with PX expiry
 * - `P ph:*`, `P pa:*`           price history and price alerts: see price.ts
 * - `P live`                    string: the stream holder's live set JSON (holder first), PX expiry
 * - `P briefs`                  hash destKey → daily brief JSON (issue 20)
 * - `P offset:<name>`           string: a poller's next update offset (replica.ts)
 * - `P budget:<YYYY-MM-DD>`     hash key → amount spent that UTC day, PX expiry 8 days (replica.ts)
 *
 * Inactive destinations are removed from `tsub` (and re-added on reactivate), so `subscribersOf` is a
 * plain pipeline of HVALS and `watchedTokens` one SMEMBERS: both cost what they return, no filtering.
 * The Lua scripts (scripts.ts) rebuild these names from the same prefix; keep the two in sync.
 */
export const VERSION = 'v1';

export interface Keys {
  /** `${keyPrefix}v1:` — passed to Lua scripts, which derive dynamic keys from it. */
  readonly base: string;
  dsub(destKey: string): string;
  tsub(tokenId: number): string;
  psub(platform: string, parentId: string): string;
  readonly watched: string;
  readonly status: string;
  settings(scope: string): string;
  snapshot(tokenId: number): string;
  readonly tickMeta: string;
  mark(key: string): string;
  tick(slot: string): string;
  hold(destKey: string): string;
  readonly holdDue: string;
  readonly holdDest: string;
  counter(windowStart: number, key: string): string;
  credits(month: string): string;
  marketState(key: string): string;
  suppressions(destKey: string, tokenId: number): string;
  readonly live: string;
}

export function redisKeys(keyPrefix: string): Keys {
  const base = `${keyPrefix}${VERSION}:`;
  return {
    base,
    dsub: (d) => `${base}dsub:${d}`,
    tsub: (t) => `${base}tsub:${t}`,
    psub: (p, parent) => `${base}psub:${p}:${parent}`,
    watched: `${base}watched`,
    status: `${base}status`,
    settings: (s) => `${base}set:${s}`,
    snapshot: (t) => `${base}snap:${t}`,
    tickMeta: `${base}tickmeta`,
    mark: (k) => `${base}mark:${k}`,
    tick: (s) => `${base}tick:${s}`,
    hold: (d) => `${base}hold:${d}`,
    holdDue: `${base}holddue`,
    holdDest: `${base}holddest`,
    counter: (w, k) => `${base}cnt:${w}:${k}`,
    credits: (m) => `${base}credits:${m}`,
    marketState: (k) => `${base}mstate:${k}`,
    suppressions: (d, t) => `${base}sup:${d}:${t}`,
    live: `${base}live`,
  };
}
