import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { TokenId } from '#src/domain/types.js';
import { detect } from '#src/engine/index.js';
import {
  createStreamEvaluator,
  evaluateStreamed,
  evaluateStreamedMany,
  type PriceEvalDeps,
  streamDetectOptions,
} from '#src/live/evaluate.js';
import type { StreamedPrice } from '#src/live/path.js';
import type { StreamSource } from '#src/market/streams/feed.js';
import { createMetrics } from '#src/obs/metrics.js';
import { profilesOf } from '#src/pipeline/profiles.js';
import { createSerial } from '#src/pipeline/serial.js';
import { writeSnapshot } from '#src/pipeline/snapshot.js';
import { openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { obs, strong } from '../engine/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-price-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2026, 0, 5, 12);
const HOLD = 30_000;
const SRC: StreamSource = { exchange: 'binance', label: 'Binance', pair: 'XUSDT', time: T };
const at = (price: number): StreamedPrice => ({ price, source: SRC, receivedAt: T });
const TOKENS: TokenId[] = [11, 12, 13];

let n = 0;
/** A store where each token has a strong resistance at 100, price 90, and two subscribers of its own. */
async function setup() {
  const store = openSqliteStore({ file: join(dir, `s${n++}.db`) });
  const opts = streamDetectOptions(profilesOf([]), HOLD, T);
  const snaps = new Map<TokenId, ReturnType<typeof writeSnapshot>>();
  for (const id of TOKENS) {
    const o = {
      ...obs({ price: { price: 90 }, levels: { levels: strong(100) } }),
      tokenId: id,
      symbol: `T${id}`,
    };
    snaps.set(id, writeSnapshot(detect(undefined, o, opts).state, { price: T }));
    for (const u of [1, 2]) {
      const dest = { platform: 'telegram', kind: 'dm', id: String(id * 10 + u) } as const;
      await store.subscriptions.subscribe(dest, id, `T${id}`, ['levels'], T);
    }
  }
  await store.snapshots.putMany(snaps);
  const sent: OutboundMessage[] = [];
  const deps: PriceEvalDeps = {
    store,
    outbox: { enqueue: async (ms) => void sent.push(...ms) },
    metrics: createMetrics(),
    profiles: { load: async () => undefined },
    breakoutHoldMs: HOLD,
  };
  return { store, deps, sent };
}

/** Counts snapshot reads: one per evaluation job. */
function countReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const snapshots = {
    ...store.snapshots,
    getMany: (ids: readonly TokenId[]) => {
      reads++;
      return store.snapshots.getMany(ids);
    },
  };
  return { store: { ...store, snapshots }, reads: () => reads };
}

describe('evaluateStreamedMany', () => {
  it('a batch plans the same messages, ids and states as one evaluation per token', async () => {
    const a = await setup();
    const b = await setup();
    const prices = new Map<TokenId, StreamedPrice>([
      [11, at(98.5)],
      [12, at(98.5)],
      [13, at(91)], // inside: no event, state kept
    ]);
    const together = await evaluateStreamedMany(a.deps, prices, T);
    const alone = new Map<TokenId, unknown>();
    for (const [id, p] of prices) alone.set(id, await evaluateStreamed(b.deps, id, p, T));
    expect(a.sent.map((m) => m.id).sort()).toEqual(b.sent.map((m) => m.id).sort());
    expect(a.sent).toHaveLength(4); // two approaches, two subscribers each
    expect(new Set(a.sent.flatMap((m) => m.events.map((e) => e.kind)))).toEqual(new Set(['level_approach']));
    expect([...together]).toEqual([...alone]);
    // Committed: the same frame again alerts nobody (marks and the new phase both say so).
    await evaluateStreamedMany(a.deps, prices, T + 1000);
    expect(a.sent).toHaveLength(4);
    await a.store.close();
    await b.store.close();
  });

  it('a token the tick has not baselined is left alone', async () => {
    const a = await setup();
    const r = await evaluateStreamedMany(a.deps, new Map([[99, at(98.5)]]), T);
    expect(r.get(99)).toBeUndefined();
    expect(a.sent).toEqual([]);
    expect((await a.store.snapshots.getMany([99])).size).toBe(0);
    await a.store.close();
  });
});

describe('createStreamEvaluator', () => {
  it('tokens asking while the tick holds the serialisation are evaluated in one job, each at its newest price', async () => {
    const a = await setup();
    const counted = countReads(a.store);
    const serial = createSerial();
    const evaluate = createStreamEvaluator({ ...a.deps, store: counted.store, serial, now: () => T });
    let release = () => {};
    const tick = serial(() => new Promise<void>((r) => (release = r)));
    const first = evaluate(11, at(98.2));
    const second = evaluate(12, at(98.5));
    const again = evaluate(11, at(98.6)); // the same token before its batch ran: one evaluation, newest price
    await new Promise((r) => setTimeout(r, 10));
    expect(counted.reads()).toBe(0); // waiting for the tick
    release();
    await tick;
    const [s1, s2, s1b] = await Promise.all([first, second, again]);
    expect(counted.reads()).toBe(1);
    expect(s1?.price?.value).toBe(98.6);
    expect(s1b).toBe(s1);
    expect(s2?.price?.value).toBe(98.5);
    expect(a.sent).toHaveLength(4);
    // Idle serialisation: the next token is evaluated at once, in a job of its own.
    await evaluate(13, at(98.5));
    expect(counted.reads()).toBe(2);
    expect(a.sent).toHaveLength(6);
    await a.store.close();
  });

  it('a failed batch fails every token in it, and the next batch runs', async () => {
    const a = await setup();
    let fail = true;
    const store: Store = {
      ...a.store,
      snapshots: {
        ...a.store.snapshots,
        getMany: (ids) => (fail ? Promise.reject(new Error('store down')) : a.store.snapshots.getMany(ids)),
      },
    };
    const serial = createSerial();
    const evaluate = createStreamEvaluator({ ...a.deps, store, serial, now: () => T });
    let release = () => {};
    void serial(() => new Promise<void>((r) => (release = r)));
    const p1 = evaluate(11, at(98.5));
    const p2 = evaluate(12, at(98.5));
    await new Promise((r) => setTimeout(r, 0)); // the held job has started
    release();
    await expect(p1).rejects.toThrow('store down');
    await expect(p2).rejects.toThrow('store down');
    fail = false;
    expect((await evaluate(11, at(98.5)))?.price?.value).toBe(98.5);
    expect(a.sent).toHaveLength(2);
    await a.store.close();
  });
});
