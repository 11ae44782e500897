import type Database from 'better-sqlite3';
import { destinationKey } from '../../domain/types.js';
import type { Webhook, WebhookStore } from '../webhook-ports.js';
import { byAge, newWebhookId, parseWebhook, webhookJson } from '../webhook-shared.js';

type Row = { id: string; json: string; dest_key: string };

/** Webhooks in one table, indexed by destination (migration "webhooks" in schema.ts). */
export function sqliteWebhooks(db: Database.Database, tick: () => void): WebhookStore {
  const countQ = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM webhooks WHERE dest_key = ?');
  const existsQ = db.prepare<[string], { id: string }>('SELECT id FROM webhooks WHERE id = ?');
  const insertQ = db.prepare<[string, string, string, number]>(
    'INSERT INTO webhooks (id, dest_key, json, created_at) VALUES (?, ?, ?, ?)',
  );
  const listQ = db.prepare<[string], Row>(
    'SELECT id, json, dest_key FROM webhooks WHERE dest_key = ? ORDER BY created_at, id',
  );
  const getQ = db.prepare<[string], Row>('SELECT id, json, dest_key FROM webhooks WHERE id = ?');
  const removeQ = db.prepare<[string, string]>('DELETE FROM webhooks WHERE id = ? AND dest_key = ?');
  const manyQ = db.prepare<[string], Row>(
    `SELECT id, json, dest_key FROM webhooks
     WHERE dest_key IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
  );
  const addTx = db.transaction((spec: Omit<Webhook, 'id'>, max: number) => {
    const key = destinationKey(spec.destination);
    const count = countQ.get(key)?.n ?? 0;
    if (count >= max) return { ok: false as const, reason: 'limit' as const, count };
    let id = newWebhookId();
    while (existsQ.get(id)) id = newWebhookId();
    insertQ.run(id, key, webhookJson(spec), spec.createdAt);
    return { ok: true as const, webhook: { id, ...spec } };
  });
  const countAllQ = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM webhooks');
  const read = (rows: readonly Row[]) =>
    rows.flatMap((r) => {
      const w = parseWebhook(r.id, r.json);
      return w ? [w] : [];
    });
  return {
    async add(spec, max) {
      tick();
      return addTx(spec, max);
    },
    async list(destination) {
      tick();
      return read(listQ.all(destinationKey(destination)));
    },
    async get(id) {
      tick();
      const row = getQ.get(id);
      return row ? parseWebhook(row.id, row.json) : undefined;
    },
    async remove(destination, id) {
      tick();
      return removeQ.run(id, destinationKey(destination)).changes > 0;
    },
    async count() {
      tick();
      return countAllQ.get()?.n ?? 0;
    },
    async byDestinations(destKeys) {
      const out = new Map<string, Webhook[]>();
      if (destKeys.length === 0) return out;
      tick();
      for (const w of read(manyQ.all(JSON.stringify([...new Set(destKeys)])))) {
        const key = destinationKey(w.destination);
        out.set(key, [...(out.get(key) ?? []), w].sort(byAge));
      }
      return out;
    },
  };
}
