import {
  type AlertType,
  type Destination,
  destinationKey,
  type Subscription,
  type TokenId,
} from '../../domain/types.js';
import type { SubscriptionStore } from '../ports.js';
import {
  canonicalTypes,
  compareByDestination,
  compareBySymbol,
  parseBrief,
  parseSubscription,
  plainDestination,
  rekeyScopes,
  requireTypes,
} from '../shared.js';
import type { RedisCtx } from './client.js';

/** Stored subscription JSON. Field order is load-bearing: the Lua scripts splice by position. */
function subscriptionJson(s: Subscription): string {
  return JSON.stringify({
    tokenId: s.tokenId,
    symbol: s.symbol,
    types: s.types,
    createdAt: s.createdAt,
    destination: plainDestination(s.destination),
  });
}

function collect(values: readonly string[]): Subscription[] {
  const out: Subscription[] = [];
  for (const v of values) {
    const s = parseSubscription(v);
    if (s) out.push(s);
  }
  return out;
}

/** A reply array as strings (non-strings dropped). */
function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string');
}

/** Same order as compareByDestination (one token: by destination key), keys computed once. */
function sortByDestination(subs: Subscription[]): Subscription[] {
  return subs
    .map((s) => ({ s, key: destinationKey(s.destination) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.s);
}

export function redisSubscriptions(r: RedisCtx): SubscriptionStore {
  const k = r.keys;
  const psubOf = (d: Destination) => (d.parentId === undefined ? '' : k.psub(d.platform, d.parentId));
  return {
    async subscribe(destination, tokenId, symbol, types, now) {
      const key = destinationKey(destination);
      requireTypes(types);
      const fresh: Subscription = {
        destination: plainDestination(destination),
        tokenId,
        symbol,
        types: canonicalTypes(types),
        createdAt: now,
      };
      const stored = await r.script(
        'subscribe',
        k.dsub(key),
        k.status,
        k.base,
        key,
        String(tokenId),
        subscriptionJson(fresh),
        psubOf(destination),
      );
      return parseSubscription(typeof stored === 'string' ? stored : undefined) ?? fresh;
    },
    async unsubscribe(destination, tokenId, types?: readonly AlertType[]) {
      const key = destinationKey(destination);
      if (types !== undefined && types.length === 0) return false;
      const changed = await r.script(
        'unsubscribe',
        k.dsub(key),
        k.base,
        key,
        String(tokenId),
        ...(types ?? []),
      );
      return changed === 1;
    },
    async list(destination) {
      const values = await r.call((c) => c.hvals(k.dsub(destinationKey(destination))));
      return collect(values).sort(compareBySymbol);
    },
    async listMany(destinations) {
      const out = new Map<string, Subscription[]>();
      const keys = [...new Set(destinations.map(destinationKey))];
      if (keys.length === 0) return out;
      const res = await r.pipeline((p) => {
        for (const key of keys) p.hvals(k.dsub(key));
      });
      keys.forEach((key, i) => {
        const subs = collect(strings(res[i]));
        if (subs.length > 0) out.set(key, subs.sort(compareBySymbol));
      });
      return out;
    },
    async listByParent(platform, parentId) {
      const values = await r.call((c) => c.hvals(k.psub(platform, parentId)));
      return collect(values).sort(compareByDestination);
    },
    async subscribersOf(tokenIds) {
      const out = new Map<TokenId, Subscription[]>();
      const ids = [...new Set(tokenIds)];
      if (ids.length === 0) return out;
      // tsub holds active destinations only, so no status filtering is needed here.
      const res = await r.pipeline((p) => {
        for (const id of ids) p.hvals(k.tsub(id));
      });
      ids.forEach((id, i) => {
        const subs = collect(strings(res[i])).filter((s) => s.tokenId === id);
        if (subs.length > 0) out.set(id, sortByDestination(subs));
      });
      return out;
    },
    async watchedTokens() {
      const ids = await r.call((c) => c.smembers(k.watched));
      return ids
        .map(Number)
        .filter(Number.isSafeInteger)
        .sort((a, b) => a - b);
    },
    async rekey(from, to) {
      const fromKey = destinationKey(from);
      const toKey = destinationKey(to);
      if (fromKey === toKey) return;
      const settingsPairs = rekeyScopes(from, to).flatMap(([a, b]) => [k.settings(a), k.settings(b)]);
      await r.script(
        'rekey',
        k.dsub(fromKey),
        k.dsub(toKey),
        k.status,
        k.base,
        fromKey,
        toKey,
        JSON.stringify(plainDestination(to)),
        psubOf(to),
        ...settingsPairs,
      );
      // A daily brief (issue 20) moves too; one already set at the new place wins. Rekeys are rare
      // (a migrated group, a deleted topic), so two more round trips here cost nothing.
      const briefs = `${k.base}briefs`;
      const brief = parseBrief(await r.call((c) => c.hget(briefs, fromKey)));
      if (brief) {
        const moved = JSON.stringify({ destination: plainDestination(to), schedule: brief.schedule });
        await r.transaction((p) => {
          p.hsetnx(briefs, toKey, moved);
          p.hdel(briefs, fromKey);
        });
      }
    },
  };
}
