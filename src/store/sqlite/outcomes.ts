import type Database from 'better-sqlite3';
import type { Outcome } from '../../domain/outcome.js';
import { pickRequests } from '../../engine/outcome-stats.js';
import {
  addTally,
  BLOCK_DAYS,
  blockOf,
  DAY_MS,
  dayOf,
  decodeTally,
  encodeTally,
  type PickRequest,
  SUMMARY_VERSION,
  type Tally,
  tallyOf,
  windowCells,
} from '../../engine/outcome-tally.js';
import type { OutcomeStore } from '../ports.js';
import { parseOutcomes } from '../shared.js';

/** `outcome_sums.scope` of the all-tokens sums (token ids are positive). */
const ALL = -1;
/** Rows per read while summarising outcomes stored before summaries existed. */
const REBUILD_CHUNK = 5000;

type Row = readonly [
  string,
  number,
  number,
  number,
  string,
  string,
  string | null,
  number | null,
  number | null,
];

function row(o: Outcome, t: Tally | undefined): Row {
  const d = t?.decided;
  const ranked = [d ? (t?.kind ?? null) : null, d?.bin ?? null, d?.move ?? null] as const;
  return [
    o.id,
    o.tokenId,
    o.at,
    o.status === 'open' ? 1 : 0,
    JSON.stringify(o),
    t ? encodeTally(t) : '',
    ...ranked,
  ];
}

type Cell = [scope: number, span: number, start: number, field: string, n: number];

/** Sum changes of one transaction, per cell and field, written once each at the end. */
function sumDeltas(db: Database.Database) {
  const upsert = db.prepare<[number, number, number, string, number]>(
    `INSERT INTO outcome_sums (scope, span, start, field, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, span, start, field) DO UPDATE SET n = n + excluded.n`,
  );
  const dropZero = db.prepare<[number, number, number, string]>(
    'DELETE FROM outcome_sums WHERE scope = ? AND span = ? AND start = ? AND field = ? AND n = 0',
  );
  return () => {
    const deltas = new Map<string, Cell>();
    return {
      add(t: Tally | undefined, sign: 1 | -1) {
        if (!t) return;
        for (const scope of [t.tokenId, ALL]) {
          for (const [span, start] of [
            [1, t.day],
            [BLOCK_DAYS, t.block],
          ] as const) {
            for (const f of t.fields) {
              const key = `${scope} ${span} ${start} ${f}`;
              const d = deltas.get(key);
              if (d) d[4] += sign;
              else deltas.set(key, [scope, span, start, f, sign]);
            }
          }
        }
      },
      flush() {
        for (const [scope, span, start, f, n] of deltas.values()) {
          if (n === 0) continue;
          upsert.run(scope, span, start, f, n);
          if (n < 0) dropZero.run(scope, span, start, f);
        }
      },
    };
  };
}

/**
 * Summarises every outcome again when the sums were built by another SUMMARY_VERSION or never (a store
 * from before issue 18): one transaction at open, before any tick or command reads them.
 */
export function ensureOutcomeSums(db: Database.Database): void {
  const built = db.prepare('SELECT version FROM outcome_sums_version').pluck(true).get();
  if (built === SUMMARY_VERSION) return;
  const page = db.prepare<[string, number], { id: string; json: string }>(
    'SELECT id, json FROM outcomes WHERE id > ? ORDER BY id LIMIT ?',
  );
  const set = db.prepare<[string, string | null, number | null, number | null, string]>(
    'UPDATE outcomes SET tally = ?, kind = ?, bin = ?, move = ? WHERE id = ?',
  );
  const deltas = sumDeltas(db)();
  db.transaction(() => {
    db.exec('DELETE FROM outcome_sums');
    let after = '';
    for (;;) {
      const rows = page.all(after, REBUILD_CHUNK);
      for (const r of rows) {
        const [o] = parseOutcomes([r.json]);
        const t = o ? tallyOf(o) : undefined;
        const d = t?.decided;
        set.run(t ? encodeTally(t) : '', d ? (t?.kind ?? null) : null, d?.bin ?? null, d?.move ?? null, r.id);
        deltas.add(t, 1);
      }
      if (rows.length < REBUILD_CHUNK) break;
      after = rows.at(-1)?.id ?? after;
    }
    deltas.flush();
    db.prepare(
      'INSERT INTO outcome_sums_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
    ).run(SUMMARY_VERSION);
  }).immediate();
}

/**
 * Outcomes, one row per event id; `open` rows are indexed by token. Each row carries its tally, added to
 * `outcome_sums` (per token and for all tokens, per day) in the transaction that writes the row.
 */
export function sqliteOutcomes(db: Database.Database, tick: () => void): OutcomeStore {
  const deltasOf = sumDeltas(db);
  const cols = '(id, token_id, at, open, json, tally, kind, bin, move) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const addQ = db.prepare<Row>(`INSERT INTO outcomes ${cols} ON CONFLICT (id) DO NOTHING`);
  const putQ = db.prepare<Row>(
    `INSERT INTO outcomes ${cols} ON CONFLICT (id) DO UPDATE SET token_id = excluded.token_id,
       at = excluded.at, open = excluded.open, json = excluded.json, tally = excluded.tally,
       kind = excluded.kind, bin = excluded.bin, move = excluded.move`,
  );
  const tallyQ = db.prepare<[string], string | null>('SELECT tally FROM outcomes WHERE id = ?').pluck(true);
  const openQ = db
    .prepare<[string], string>(
      'SELECT json FROM outcomes WHERE open = 1 AND token_id IN (SELECT value FROM json_each(?))',
    )
    .pluck(true);
  const sinceQ = db
    .prepare<[number], string>('SELECT json FROM outcomes WHERE at >= ? ORDER BY at, id')
    .pluck(true);
  const sinceTokQ = db
    .prepare<[number, number], string>(
      'SELECT json FROM outcomes WHERE token_id = ? AND at >= ? ORDER BY at, id',
    )
    .pluck(true);
  const sumsQ = db
    .prepare<[number, number, number, number, number, number], [string, number]>(
      `SELECT field, SUM(n) FROM (
         SELECT field, n FROM outcome_sums WHERE scope = ? AND span = 1 AND start >= ? AND start < ?
         UNION ALL
         SELECT field, n FROM outcome_sums WHERE scope = ? AND span = ? AND start >= ?
       ) GROUP BY field`,
    )
    .raw(true);
  const partQ = db
    .prepare<[number, number], string>('SELECT tally FROM outcomes WHERE at >= ? AND at < ?')
    .pluck(true);
  const partTokQ = db
    .prepare<[number, number, number], string>(
      'SELECT tally FROM outcomes WHERE token_id = ? AND at >= ? AND at < ?',
    )
    .pluck(true);
  const pick = (where: string, order: string) =>
    db
      .prepare<unknown[], string>(
        `SELECT json FROM outcomes WHERE ${where} kind = ? AND bin = ? AND at >= ?
         ORDER BY move ${order}, at, id LIMIT 1 OFFSET ?`,
      )
      .pluck(true);
  const pickQ = {
    asc: pick('', 'ASC'),
    desc: pick('', 'DESC'),
    tokAsc: pick('token_id = ? AND', 'ASC'),
    tokDesc: pick('token_id = ? AND', 'DESC'),
  };
  const dropQ = db.prepare<[number, number]>('DELETE FROM outcome_sums WHERE span = ? AND start <= ?');
  const pruneQ = db.prepare<[number]>('DELETE FROM outcomes WHERE at < ?');

  const saveTx = db.transaction((add: readonly Outcome[], update: readonly Outcome[]) => {
    const d = deltasOf();
    for (const o of add) {
      const t = tallyOf(o);
      if (addQ.run(row(o, t)).changes > 0) d.add(t, 1);
    }
    for (const o of update) {
      const old = tallyQ.get(o.id);
      const t = tallyOf(o);
      const r = row(o, t);
      putQ.run(r);
      // An open outcome stepped by a price keeps its tally: nothing to move in the sums.
      if (old === r[5]) continue;
      if (old) d.add(decodeTally(old), -1);
      d.add(t, 1);
    }
    d.flush();
  });
  const sumsOf = (since: number, tokenId: number | undefined) => {
    const w = windowCells(since);
    const scope = tokenId ?? ALL;
    const sums = new Map<string, number>();
    for (const [f, n] of sumsQ.all(scope, w.days[0], w.days[1], scope, BLOCK_DAYS, w.blocksFrom)) {
      if (n !== 0) sums.set(f, n);
    }
    // The window's first day is partial: its records' own tallies (one day's worth at most).
    if (w.partial) {
      const [from, to] = w.partial;
      const part = tokenId === undefined ? partQ.all(from, to) : partTokQ.all(tokenId, from, to);
      for (const s of part) {
        const t = s ? decodeTally(s) : undefined;
        if (t) addTally(sums, t);
      }
    }
    return sums;
  };
  const pickOf = (since: number, r: PickRequest, tokenId: number | undefined) => {
    const json =
      tokenId === undefined
        ? (r.order === 'asc' ? pickQ.asc : pickQ.desc).get(r.kind, r.bin, since, r.rank)
        : (r.order === 'asc' ? pickQ.tokAsc : pickQ.tokDesc).get(tokenId, r.kind, r.bin, since, r.rank);
    return json === undefined ? undefined : parseOutcomes([json])[0];
  };
  // One transaction: the picks rank the very outcomes the sums counted.
  const windowTx = db.transaction((since: number, tokenId: number | undefined) => {
    const sums = sumsOf(since, tokenId);
    const requests = pickRequests(sums);
    return { sums, requests, picks: requests.map((r) => pickOf(since, r, tokenId)) };
  });
  const pruneTx = db.transaction((before: number) => {
    // Whole days and blocks before `before`'s day go with their sums; the day and the block it falls
    // in lose the tallies of their pruned records (a block's worth at most).
    const day = dayOf(before);
    const d = deltasOf();
    for (const s of partQ.all(blockOf(day) * DAY_MS, before)) d.add(s ? decodeTally(s) : undefined, -1);
    d.flush();
    dropQ.run(1, day - 1);
    dropQ.run(BLOCK_DAYS, day - BLOCK_DAYS);
    return pruneQ.run(before).changes;
  });

  return {
    async save(add, update) {
      if (add.length === 0 && update.length === 0) return;
      tick();
      saveTx.immediate(add, update);
    },
    async openOf(tokenIds) {
      if (tokenIds.length === 0) return [];
      tick();
      return parseOutcomes(openQ.all(JSON.stringify(tokenIds)));
    },
    async since(since, tokenId) {
      tick();
      return parseOutcomes(tokenId === undefined ? sinceQ.all(since) : sinceTokQ.all(tokenId, since));
    },
    async window(since, tokenId) {
      tick();
      return windowTx(since, tokenId);
    },
    async prune(before) {
      tick();
      return pruneTx.immediate(before);
    },
  };
}
