import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '../../domain/outcome.js';
import {
  encodeTally,
  type PickRequest,
  SUMMARY_VERSION,
  tallyOf,
  windowCells,
} from '../../engine/outcome-tally.js';
import type { OutcomeStore, WindowSummary } from '../ports.js';
import { parseOutcomes, StoreError } from '../shared.js';
import type { RedisCtx } from './client.js';

/** Outcomes per script call (6 arguments each), so argument lists stay far below JS and Lua stack limits. */
const SAVE_CHUNK = 500;
/**
 * Outcomes removed per prune call at most, so one call never blocks the server for long: each takes its
 * tally out of four sums (≈ 60 µs a record on a busy 2-core machine, so ≈ 0.1 s a call). A tick prunes
 * every 6 h; at 100 alerts a day that is ≈ 25 records, and a backlog drains 2,000 at a time.
 */
const PRUNE_BATCH = 2000;
/** Records summarised per call while catching up with records written without a tally. */
const CATCH_UP_BATCH = 2000;
/** Catch-up rounds one `window` call may run before it gives up (a writer keeps adding untallied records). */
const CATCH_UP_ROUNDS = 1000;

/** A score bound for ZRANGEBYSCORE: Redis spells infinities `±inf`. */
const score = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? '+inf' : '-inf');

const tallyText = (o: Outcome | undefined) => {
  const t = o ? tallyOf(o) : undefined;
  return t ? encodeTally(t) : '';
};

const KINDS: ReadonlySet<string> = new Set(OUTCOME_KINDS);
const ORDERS: ReadonlySet<string> = new Set(['asc', 'desc']);
const ROLES: ReadonlySet<string> = new Set(['low', 'high', 'best', 'worst']);

/** The reply of OUTCOMES_WINDOW: { flat sums, requests (5 values each), picks }. */
function parseWindow(raw: unknown): WindowSummary {
  const [flat, asks, found] = Array.isArray(raw) ? raw : [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const sums = new Map<string, number>();
  const f = list(flat);
  for (let i = 0; i + 1 < f.length; i += 2) sums.set(String(f[i]), Number(f[i + 1]));
  const requests: PickRequest[] = [];
  const picks: Array<Outcome | undefined> = [];
  const q = list(asks);
  const p = list(found);
  for (let i = 0; i + 4 < q.length; i += 5) {
    const [kind, bin, order, rank, role] = q.slice(i, i + 5).map(String);
    if (!KINDS.has(kind ?? '') || !ORDERS.has(order ?? '') || !ROLES.has(role ?? '')) continue;
    requests.push({
      kind: kind as OutcomeKind,
      bin: Number(bin),
      order: order as PickRequest['order'],
      rank: Number(rank),
      role: role as PickRequest['role'],
    });
    const v = p[i / 5];
    picks.push(typeof v === 'string' ? parseOutcomes([v])[0] : undefined);
  }
  return { sums, requests, picks };
}

/**
 * Outcomes: a hash of JSON plus sorted sets by time and a set of open ids per token (keys.ts), and the
 * day summaries of outcome-scripts.ts, kept by the same scripts. The summaries' key names carry
 * SUMMARY_VERSION, so a new tally layout starts from empty sums and catches up from the records.
 */
export function redisOutcomes(r: RedisCtx): OutcomeStore {
  const base = r.keys.base;
  const tb = `${base}os${SUMMARY_VERSION}:`;
  const route = `${base}out`;
  const fields = (o: Outcome) => [
    o.id,
    o.tokenId,
    o.at,
    o.status === 'open' ? 1 : 0,
    JSON.stringify(o),
    tallyText(o),
  ];

  /** Summarises records that have no tally yet, until none is left (a few round trips per 2,000). */
  async function catchUp(): Promise<void> {
    for (let round = 0; round < CATCH_UP_ROUNDS; round++) {
      const raw = await r.script('outcomesUntallied', route, base, tb, CATCH_UP_BATCH);
      if (!Array.isArray(raw) || raw.length === 0) return;
      const args: string[] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const id = String(raw[i]);
        const json = String(raw[i + 1]);
        const [o] = parseOutcomes([json]);
        args.push(id, json, tallyText(o?.id === id ? o : undefined));
      }
      await r.script('outcomesTally', route, base, tb, ...args);
    }
    throw new StoreError('outcome summaries are still catching up; try again', true);
  }

  return {
    async save(add, update) {
      if (add.length === 0 && update.length === 0) return;
      // Adds and updates in separate chunks (each chunk says how many of its records are adds).
      const calls: Array<Array<string | number>> = [];
      for (const [list, isAdd] of [
        [add, true],
        [update, false],
      ] as const) {
        for (let i = 0; i < list.length; i += SAVE_CHUNK) {
          const part = list.slice(i, i + SAVE_CHUNK);
          calls.push([route, base, tb, isAdd ? part.length : 0, ...part.flatMap(fields)]);
        }
      }
      await r.scriptMany('outcomesSave', calls);
    },
    async openOf(tokenIds) {
      const ids = [...new Set(tokenIds)];
      if (ids.length === 0) return [];
      return parseOutcomes(await r.script('outcomesOpen', route, base, ...ids));
    },
    async since(since, tokenId) {
      const sorted = parseOutcomes(await r.script('outcomesSince', route, base, score(since), tokenId ?? ''));
      return sorted.sort((a, b) => a.at - b.at);
    },
    async window(since, tokenId) {
      const w = windowCells(since);
      const args = [route, base, tb, tokenId ?? '*', score(since), score(w.days[0]), score(w.days[1])];
      args.push(score(w.blocksFrom), w.partial && Number.isFinite(w.partial[1]) ? String(w.partial[1]) : '');
      let raw = await r.script('outcomesWindow', ...args);
      if (raw === null) {
        await catchUp();
        raw = await r.script('outcomesWindow', ...args);
        if (raw === null) throw new StoreError('outcome summaries are still catching up; try again', true);
      }
      return parseWindow(raw);
    },
    async prune(before) {
      const n = await r.script('outcomesPrune', route, base, tb, score(before), PRUNE_BATCH);
      return typeof n === 'number' ? n : 0;
    },
  };
}
