import type Database from 'better-sqlite3';
import {
  type AlertType,
  type Destination,
  destinationKey,
  isPlatform,
  type Platform,
  type Subscription,
  type TokenId,
} from '../../domain/types.js';
import type { SubscriptionStore } from '../ports.js';
import {
  canonicalTypes,
  compareByDestination,
  compareBySymbol,
  mergeSettings,
  parseBrief,
  parseJson,
  parseSettings,
  plainDestination,
  rekeyScopes,
  requireTypes,
  StoreError,
} from '../shared.js';

/** Selected columns, read as arrays (`raw`): ~3x cheaper than row objects for thousands of rows. */
const COLS = 'token_id, platform, kind, dest_id, parent_id, symbol, types, created_at';
type SubRow = [
  tokenId: number,
  platform: string,
  kind: string,
  destId: string,
  parentId: string | null,
  symbol: string,
  types: string,
  createdAt: number,
];

type ParseTypes = (text: string) => AlertType[] | undefined;

/**
 * Parser of `types` column values with its own cache (one per store instance, so two stores never share
 * state): there are only a few dozen distinct values, so each is parsed once.
 */
function typesParser(): ParseTypes {
  const cache = new Map<string, AlertType[] | undefined>();
  return (text) => {
    if (cache.has(text)) return cache.get(text);
    const raw = parseJson(text);
    const types = Array.isArray(raw)
      ? canonicalTypes(raw.filter((t): t is string => typeof t === 'string'))
      : undefined;
    const out = types && types.length > 0 ? types : undefined;
    if (cache.size < 512) cache.set(text, out);
    return out;
  };
}

function toSubscription(r: SubRow, parseTypes: ParseTypes): Subscription | undefined {
  const [tokenId, platform, kind, id, parentId, symbol, typesText, createdAt] = r;
  const types = parseTypes(typesText);
  if (!types) return undefined;
  if (!isPlatform(platform)) return undefined;
  if (kind !== 'channel' && kind !== 'group' && kind !== 'dm') return undefined;
  const destination: Destination =
    parentId === null ? { platform, kind, id } : { platform, kind, id, parentId };
  // A fresh array per subscription: callers may not mutate, but must not share state through it either.
  return { destination, tokenId, symbol, types: [...types], createdAt };
}

function collect(rows: SubRow[], parseTypes: ParseTypes): Subscription[] {
  const out: Subscription[] = [];
  for (const r of rows) {
    const s = toSubscription(r, parseTypes);
    if (s) out.push(s);
  }
  return out;
}

const ACTIVE = 'NOT EXISTS (SELECT 1 FROM dest_status st WHERE st.dest_key = s.dest_key)';

/** Subscriptions and rekey over one SQLite connection. */
export function sqliteSubscriptions(db: Database.Database, tick: () => void): SubscriptionStore {
  const parseTypes = typesParser();
  const toSub = (r: SubRow) => toSubscription(r, parseTypes);
  const getOne = db
    .prepare<[string, number], SubRow>(
      `SELECT ${COLS} FROM subscriptions WHERE dest_key = ? AND token_id = ?`,
    )
    .raw(true);
  const upsert = db.prepare(
    `INSERT INTO subscriptions (dest_key, token_id, platform, kind, dest_id, parent_id, symbol, types, created_at)
     VALUES (@dest_key, @token_id, @platform, @kind, @dest_id, @parent_id, @symbol, @types, @created_at)
     ON CONFLICT (dest_key, token_id) DO UPDATE SET
       symbol = excluded.symbol, types = excluded.types, parent_id = excluded.parent_id`,
  );
  // One auto-committed statement per subscribe (no explicit transaction): types merge in SQL through
  // tw_merge_types, so seeding 100,000 subscriptions stays a few seconds.
  db.function('tw_merge_types', { deterministic: true }, (a: unknown, b: unknown) =>
    JSON.stringify(canonicalTypes([...(parseTypes(String(a)) ?? []), ...(parseTypes(String(b)) ?? [])])),
  );
  const subscribeQ = db
    .prepare<Record<string, string | number | null>, SubRow>(
      `INSERT INTO subscriptions (dest_key, token_id, platform, kind, dest_id, parent_id, symbol, types, created_at)
       VALUES (@dest_key, @token_id, @platform, @kind, @dest_id, @parent_id, @symbol, @types, @created_at)
       ON CONFLICT (dest_key, token_id) DO UPDATE SET
         symbol = excluded.symbol, parent_id = excluded.parent_id, types = tw_merge_types(types, excluded.types)
       RETURNING ${COLS}`,
    )
    .raw(true);
  const del = db.prepare<[string, number]>('DELETE FROM subscriptions WHERE dest_key = ? AND token_id = ?');
  const listQ = db
    .prepare<[string], SubRow>(`SELECT ${COLS} FROM subscriptions WHERE dest_key = ?`)
    .raw(true);
  const byParentQ = db
    .prepare<[string, string], SubRow>(
      `SELECT ${COLS} FROM subscriptions WHERE platform = ? AND parent_id = ?`,
    )
    .raw(true);
  // Rows come per token in dest_key order (the primary key), which is the order callers get.
  const subscribersQ = db
    .prepare<[string], SubRow>(
      `SELECT ${COLS} FROM subscriptions s WHERE s.token_id IN (SELECT value FROM json_each(?)) AND ${ACTIVE}
       ORDER BY s.token_id, s.dest_key`,
    )
    .raw(true);
  // Distinct tokens by hopping the primary key (one seek per token, a skip scan SQLite does not do on its
  // own: DISTINCT reads every row of the table); per token, stop at its first active subscriber.
  const watchedQ = db.prepare<[], { token_id: number }>(
    `WITH RECURSIVE t(id) AS (
       SELECT (SELECT MIN(token_id) FROM subscriptions)
       UNION ALL
       SELECT (SELECT MIN(token_id) FROM subscriptions WHERE token_id > t.id) FROM t WHERE t.id IS NOT NULL)
     SELECT t.id AS token_id FROM t WHERE t.id IS NOT NULL
     AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.token_id = t.id AND ${ACTIVE}) ORDER BY t.id`,
  );
  const dropStatusQ = db.prepare<[string]>('DELETE FROM dest_status WHERE dest_key = ?');
  const getSettingsQ = db.prepare<[string], { json: string }>('SELECT json FROM settings WHERE scope = ?');
  const putSettingsQ = db.prepare<[string, string]>(
    'INSERT INTO settings (scope, json) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET json = excluded.json',
  );
  const delSettingsQ = db.prepare<[string]>('DELETE FROM settings WHERE scope = ?');
  const getStatusQ = db.prepare<[string], { reason: string; since: number; notice_pending: number }>(
    'SELECT * FROM dest_status WHERE dest_key = ?',
  );
  // A daily brief (issue 20) moves with the subscriptions; one already set at the new place wins.
  const getBriefQ = db.prepare<[string], { json: string }>('SELECT json FROM briefs WHERE dest_key = ?');
  const putBriefQ = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO briefs (dest_key, json) VALUES (?, ?)',
  );
  const delBriefQ = db.prepare<[string]>('DELETE FROM briefs WHERE dest_key = ?');
  const putStatusQ = db.prepare(
    `INSERT OR REPLACE INTO dest_status (dest_key, reason, since, notice_pending) VALUES (?, ?, ?, ?)`,
  );

  const params = (
    d: Destination,
    tokenId: TokenId,
    symbol: string,
    types: readonly AlertType[],
    at: number,
  ) => ({
    dest_key: destinationKey(d),
    token_id: tokenId,
    platform: d.platform,
    kind: d.kind,
    dest_id: d.id,
    parent_id: d.parentId ?? null,
    symbol,
    types: JSON.stringify(types),
    created_at: at,
  });
  const write = (
    d: Destination,
    tokenId: TokenId,
    symbol: string,
    types: readonly AlertType[],
    at: number,
  ) => {
    upsert.run(params(d, tokenId, symbol, types, at));
  };

  const unsubscribeTx = db.transaction((d: Destination, tokenId: TokenId, types?: readonly AlertType[]) => {
    const key = destinationKey(d);
    const existing = getOne.get(key, tokenId);
    if (!existing) return false;
    const prev = toSub(existing);
    if (!prev || types === undefined) {
      del.run(key, tokenId);
      return true;
    }
    const drop = new Set<string>(types);
    const left = prev.types.filter((t) => !drop.has(t));
    if (left.length === prev.types.length) return false;
    if (left.length === 0) del.run(key, tokenId);
    else write(prev.destination, tokenId, prev.symbol, left, prev.createdAt);
    return true;
  });

  const rekeyTx = db.transaction((from: Destination, to: Destination) => {
    const fromKey = destinationKey(from);
    const toKey = destinationKey(to);
    if (fromKey === toKey) return;
    for (const sub of collect(listQ.all(fromKey), parseTypes)) {
      const existing = getOne.get(toKey, sub.tokenId);
      const prev = existing ? toSub(existing) : undefined;
      const types = canonicalTypes([...(prev?.types ?? []), ...sub.types]);
      write(to, sub.tokenId, sub.symbol, types, Math.min(prev?.createdAt ?? sub.createdAt, sub.createdAt));
      del.run(fromKey, sub.tokenId);
    }
    for (const [a, b] of rekeyScopes(from, to)) {
      const moved = parseSettings(getSettingsQ.get(a)?.json);
      if (!moved) continue;
      // The new scope's own values win over the moved ones.
      const merged = mergeSettings(moved, parseSettings(getSettingsQ.get(b)?.json) ?? {});
      putSettingsQ.run(b, JSON.stringify(merged));
      delSettingsQ.run(a);
    }
    const brief = parseBrief(getBriefQ.get(fromKey)?.json);
    if (brief) {
      putBriefQ.run(toKey, JSON.stringify({ destination: plainDestination(to), schedule: brief.schedule }));
      delBriefQ.run(fromKey);
    }
    const st = getStatusQ.get(fromKey);
    if (st) {
      if (!getStatusQ.get(toKey)) putStatusQ.run(toKey, st.reason, st.since, st.notice_pending);
      dropStatusQ.run(fromKey);
    }
  });

  return {
    async subscribe(destination, tokenId, symbol, types, now) {
      requireTypes(types);
      tick();
      const row = subscribeQ.get(params(destination, tokenId, symbol, canonicalTypes(types), now));
      const sub = row && toSub(row);
      if (!sub) throw new StoreError('sqlite store: subscribe returned no usable row', false);
      return sub;
    },
    async unsubscribe(destination, tokenId, types) {
      tick();
      return unsubscribeTx.immediate(destination, tokenId, types);
    },
    async list(destination) {
      tick();
      return collect(listQ.all(destinationKey(destination)), parseTypes).sort(compareBySymbol);
    },
    async listMany(destinations) {
      tick();
      const out = new Map<string, Subscription[]>();
      for (const key of new Set(destinations.map(destinationKey))) {
        const subs = collect(listQ.all(key), parseTypes);
        if (subs.length > 0) out.set(key, subs.sort(compareBySymbol));
      }
      return out;
    },
    async listByParent(platform: Platform, parentId: string) {
      tick();
      return collect(byParentQ.all(platform, parentId), parseTypes).sort(compareByDestination);
    },
    async subscribersOf(tokenIds) {
      const out = new Map<TokenId, Subscription[]>();
      if (tokenIds.length === 0) return out;
      tick();
      for (const sub of collect(subscribersQ.all(JSON.stringify(tokenIds)), parseTypes)) {
        const list = out.get(sub.tokenId);
        if (list) list.push(sub);
        else out.set(sub.tokenId, [sub]);
      }
      return out;
    },
    async watchedTokens() {
      tick();
      return watchedQ.all().map((r) => r.token_id);
    },
    async rekey(from, to) {
      tick();
      rekeyTx.immediate(from, to);
    },
  };
}
