import { wrapStorePorts } from '#src/store/instrumented.js';
import type { Store } from '#src/store/ports.js';

/**
 * A Store whose port calls are recorded with the order in which they started and settled, so a bench
 * can count a tick's round trips (each port call is one batched round trip by the ports' contract) and
 * how many of them ran one after the other.
 *
 * "In sequence" is the longest chain of calls in which each call started only after the previous one
 * had settled: calls started while another was still in flight (Promise.all) run beside it. Order is
 * an event counter, not a clock, so it is exact for SQLite too (its calls settle in a later microtask,
 * after the calls started beside them).
 */
export interface TracedStore extends Store {
  /** Forgets the calls so far (call before each measured tick). */
  reset(): void;
  /** Port calls since the last reset. */
  calls(): number;
  /** Longest chain of calls since the last reset where each started after the one before settled. */
  inSequence(): number;
  /** `port.method` of each call since the last reset, in start order. */
  names(): string[];
  /** The calls since the last reset by their place in the chain: step k holds the calls of depth k + 1. */
  steps(): string[][];
}

interface Call {
  readonly name: string;
  readonly start: number;
  end: number;
}

export function traceStoreCalls(store: Store): TracedStore {
  let clock = 0;
  let calls: Call[] = [];
  const wrapped = wrapStorePorts(store, (name, run) => {
    const call: Call = { name, start: ++clock, end: Number.POSITIVE_INFINITY };
    calls.push(call);
    const settle = () => {
      call.end = ++clock;
    };
    const result = run();
    // Registered before the caller's own await on the same promise: settles first.
    if (result instanceof Promise) result.then(settle, settle);
    else settle();
    return result;
  });
  return {
    ...wrapped,
    reset: () => {
      calls = [];
    },
    calls: () => calls.length,
    inSequence: () => Math.max(0, ...depths(calls)),
    names: () => calls.map((c) => c.name),
    steps: () => {
      const out: string[][] = [];
      for (const [i, d] of depths(calls).entries()) {
        out[d - 1] = [...(out[d - 1] ?? []), calls[i]?.name ?? ''];
      }
      return out;
    },
  } as TracedStore;
}

/** Depth of each call = 1 + the deepest call that settled before it started (calls are in start order). */
function depths(calls: readonly Call[]): number[] {
  const depth: number[] = [];
  for (const [i, c] of calls.entries()) {
    let d = 1;
    for (let j = 0; j < i; j++) {
      const before = calls[j];
      if (before && before.end < c.start) d = Math.max(d, (depth[j] ?? 0) + 1);
    }
    depth.push(d);
  }
  return depth;
}
