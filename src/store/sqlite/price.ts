import type Database from 'better-sqlite3';
import type { PriceAlert } from '../../domain/price-alerts.js';
import { destinationKey, type TokenId } from '../../domain/types.js';
import { HISTORY, type PriceAlertStore, type PriceHistoryStore, type PriceSample } from '../price-ports.js';
import { alertJson, buckets, compareAlerts, mergeSeries, newAlertId, parseAlert } from '../price-shared.js';

const MINUTE = 1;
const HOUR = 2;

/** Price history in one WITHOUT ROWID table keyed (token, resolution, bucket): a range read is one index scan. */
export function sqlitePriceHistory(db: Database.Database, tick: () => void): PriceHistoryStore {
  const upsert = db.prepare<[number, number, number, number]>(
    `INSERT INTO price_history (token_id, res, t, price) VALUES (?, ?, ?, ?)
     ON CONFLICT (token_id, res, t) DO UPDATE SET price = excluded.price`,
  );
  const seed = db.prepare<[number, number, number, number]>(
    'INSERT OR IGNORE INTO price_history (token_id, res, t, price) VALUES (?, ?, ?, ?)',
  );
  const trim = db.prepare<[number, number, number]>(
    'DELETE FROM price_history WHERE token_id = ? AND res = ? AND t < ?',
  );
  const newest = db.prepare<[number, number], { t: number }>(
    'SELECT max(t) AS t FROM price_history WHERE token_id = ? AND res = ?',
  );
  const rangeQ = db.prepare<[number, number, number, number], PriceSample>(
    'SELECT t, price FROM price_history WHERE token_id = ? AND res = ? AND t >= ? AND t <= ? ORDER BY t',
  );
  const recordTx = db.transaction((samples: ReadonlyArray<{ tokenId: TokenId } & PriceSample>) => {
    const latest = new Map<TokenId, number>();
    for (const s of samples) {
      const b = buckets(s);
      if (!b) continue;
      upsert.run(s.tokenId, MINUTE, b.minute, s.price);
      upsert.run(s.tokenId, HOUR, b.hour, s.price);
      latest.set(s.tokenId, Math.max(latest.get(s.tokenId) ?? 0, s.t));
    }
    for (const [id, t] of latest) {
      const newestMinute = newest.get(id, MINUTE)?.t ?? t;
      const newestHour = newest.get(id, HOUR)?.t ?? t;
      trim.run(id, MINUTE, newestMinute - HISTORY.minuteKeepMs);
      trim.run(id, HOUR, newestHour - HISTORY.hourKeepMs);
    }
  });
  const seedTx = db.transaction(
    (entries: ReadonlyArray<{ tokenId: TokenId; points: readonly PriceSample[] }>) => {
      for (const { tokenId, points } of entries) {
        if (points.length === 0) continue;
        const newestHour = newest.get(tokenId, HOUR)?.t ?? Math.max(...points.map((p) => p.t));
        for (const p of points) {
          const b = buckets(p);
          if (b && b.hour >= newestHour - HISTORY.hourKeepMs) seed.run(tokenId, HOUR, b.hour, p.price);
        }
      }
    },
  );
  const rangeTx = db.transaction((tokenId: TokenId, from: number, to: number) => ({
    hours: rangeQ.all(tokenId, HOUR, from, to),
    minutes: rangeQ.all(tokenId, MINUTE, from, to),
  }));
  return {
    async record(samples) {
      if (samples.length === 0) return;
      tick();
      recordTx.immediate(samples);
    },
    async seedHourly(entries) {
      if (!entries.some((e) => e.points.length > 0)) return;
      tick();
      seedTx.immediate(entries);
    },
    async range(tokenId, from, to) {
      tick();
      const { hours, minutes } = rangeTx(tokenId, from, to);
      return mergeSeries(hours, minutes);
    },
    async rangeMany(tokenIds, from, to) {
      tick();
      const out = new Map<TokenId, PriceSample[]>();
      for (const id of new Set(tokenIds)) {
        const { hours, minutes } = rangeTx(id, from, to);
        out.set(id, mergeSeries(hours, minutes));
      }
      return out;
    },
  };
}

interface AlertRow {
  id: string;
  json: string;
  last_fired_at: number | null;
}

const toAlert = (r: AlertRow) => parseAlert(r.id, r.json, r.last_fired_at ?? undefined);

export function sqlitePriceAlerts(db: Database.Database, tick: () => void): PriceAlertStore {
  const countQ = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM price_alerts WHERE dest_key = ?',
  );
  const existsQ = db.prepare<[string], { id: string }>('SELECT id FROM price_alerts WHERE id = ?');
  const insertQ = db.prepare<[string, string, number, string, number]>(
    'INSERT INTO price_alerts (id, dest_key, token_id, json, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const listQ = db.prepare<[string], AlertRow>(
    'SELECT id, json, last_fired_at FROM price_alerts WHERE dest_key = ? ORDER BY created_at, id',
  );
  const removeQ = db.prepare<[string, string]>('DELETE FROM price_alerts WHERE id = ? AND dest_key = ?');
  const byTokensQ = db.prepare<[string], AlertRow & { token_id: number }>(
    `SELECT id, json, last_fired_at, token_id FROM price_alerts
     WHERE token_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
  );
  const tokensQ = db.prepare<[], { token_id: number }>(
    'SELECT DISTINCT token_id FROM price_alerts ORDER BY token_id',
  );
  const getQ = db.prepare<[string], AlertRow>(
    'SELECT id, json, last_fired_at FROM price_alerts WHERE id = ?',
  );
  const deleteQ = db.prepare<[string]>('DELETE FROM price_alerts WHERE id = ?');
  const firedQ = db.prepare<[number, string]>('UPDATE price_alerts SET last_fired_at = ? WHERE id = ?');
  const bump = db.prepare('UPDATE price_alert_rev SET rev = rev + 1 WHERE id = 1');
  const revQ = db.prepare<[], { rev: number }>('SELECT rev FROM price_alert_rev WHERE id = 1');

  const addTx = db.transaction((spec: Parameters<PriceAlertStore['add']>[0], max: number) => {
    const key = destinationKey(spec.destination);
    const count = countQ.get(key)?.n ?? 0;
    if (count >= max) return { ok: false as const, reason: 'limit' as const, count };
    let id = newAlertId();
    while (existsQ.get(id)) id = newAlertId();
    insertQ.run(id, key, spec.tokenId, alertJson(spec), spec.createdAt);
    bump.run();
    const alert = parseAlert(id, alertJson(spec));
    if (!alert) throw new Error('price alert did not round-trip');
    return { ok: true as const, alert };
  });
  const removeTx = db.transaction((key: string, id: string) => {
    const changed = removeQ.run(id, key).changes > 0;
    if (changed) bump.run();
    return changed;
  });
  const firedTx = db.transaction((ids: readonly string[], at: number) => {
    const out = new Set<string>();
    for (const id of new Set(ids)) {
      const row = getQ.get(id);
      const alert = row ? toAlert(row) : undefined;
      if (!row) continue;
      out.add(id);
      if (alert?.repeat === 'every') firedQ.run(at, id);
      else deleteQ.run(id);
    }
    if (out.size > 0) bump.run();
    return out;
  });
  return {
    async add(spec, max) {
      tick();
      return addTx.immediate(spec, max);
    },
    async list(destination) {
      tick();
      return listQ
        .all(destinationKey(destination))
        .map(toAlert)
        .filter((a): a is PriceAlert => a !== undefined)
        .sort(compareAlerts);
    },
    async remove(destination, id) {
      tick();
      return removeTx.immediate(destinationKey(destination), id);
    },
    async byTokens(tokenIds) {
      const out = new Map<TokenId, PriceAlert[]>();
      if (tokenIds.length === 0) return out;
      tick();
      for (const row of byTokensQ.all(JSON.stringify([...new Set(tokenIds)]))) {
        const a = toAlert(row);
        if (!a) continue;
        const list = out.get(row.token_id) ?? [];
        list.push(a);
        out.set(row.token_id, list);
      }
      return out;
    },
    async tokens() {
      tick();
      return tokensQ.all().map((r) => r.token_id);
    },
    async fired(ids, at) {
      if (ids.length === 0) return new Set();
      tick();
      return firedTx.immediate(ids, at);
    },
    async revision() {
      tick();
      return revQ.get()?.rev ?? 0;
    },
  };
}
