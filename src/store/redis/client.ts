import type { ChainableCommander, Redis } from 'ioredis';
import { StoreError } from '../shared.js';
import type { Keys } from './keys.js';
import {
  OUTCOMES_OPEN,
  OUTCOMES_PRUNE,
  OUTCOMES_SAVE,
  OUTCOMES_SINCE,
  OUTCOMES_TALLY,
  OUTCOMES_UNTALLIED,
  OUTCOMES_WINDOW,
} from './outcome-scripts.js';
import {
  CLEAR_NOTICE,
  COUNTERS_INCR,
  DEACTIVATE,
  HOLDS_DUE,
  LIVE_RELEASE,
  MARKS_SET,
  REACTIVATE,
  REKEY,
  SLOT_RELEASE,
  SUBSCRIBE,
  UNSUBSCRIBE,
  UPDATE_SETTINGS,
} from './scripts.js';

/** Commands per MGET / chunk inside one pipeline, so no single command carries an unbounded reply. */
export const CHUNK = 1000;
/** Keys per bulk script call: keeps argument lists far below JS and Lua stack limits. */
export const BULK = 2000;

const SCRIPTS = {
  subscribe: { lua: SUBSCRIBE, keys: 2 },
  unsubscribe: { lua: UNSUBSCRIBE, keys: 1 },
  deactivate: { lua: DEACTIVATE, keys: 2 },
  reactivate: { lua: REACTIVATE, keys: 2 },
  clearNotice: { lua: CLEAR_NOTICE, keys: 1 },
  updateSettings: { lua: UPDATE_SETTINGS, keys: 1 },
  rekey: { lua: REKEY, keys: 3 },
  holdsDue: { lua: HOLDS_DUE, keys: 2 },
  // Variable key count: callers pass it as the first argument.
  marksSet: { lua: MARKS_SET, keys: undefined },
  countersIncr: { lua: COUNTERS_INCR, keys: undefined },
  // Outcome scripts take no KEYS: they derive their keys from the base (single-server Redis only, as above).
  // KEYS[1] only routes the call to the namespace's slot (Redis Cluster); the scripts read ARGV.
  outcomesSave: { lua: OUTCOMES_SAVE, keys: 1 },
  outcomesOpen: { lua: OUTCOMES_OPEN, keys: 1 },
  outcomesSince: { lua: OUTCOMES_SINCE, keys: 1 },
  outcomesPrune: { lua: OUTCOMES_PRUNE, keys: 1 },
  outcomesWindow: { lua: OUTCOMES_WINDOW, keys: 1 },
  outcomesUntallied: { lua: OUTCOMES_UNTALLIED, keys: 1 },
  outcomesTally: { lua: OUTCOMES_TALLY, keys: 1 },
  liveRelease: { lua: LIVE_RELEASE, keys: 1 },
  slotRelease: { lua: SLOT_RELEASE, keys: 1 },
} as const;

export type ScriptName = keyof typeof SCRIPTS;
type ScriptFn = (...args: Array<string | number>) => Promise<unknown>;

/**
 * The Redis connection as the ports see it: every call is one round trip and counted.
 * Scripts run through ioredis `defineCommand` (EVALSHA with an EVAL fallback).
 */
export interface RedisCtx {
  readonly client: Redis;
  readonly keys: Keys;
  /** Runs a script (one round trip). */
  script(name: ScriptName, ...args: Array<string | number>): Promise<unknown>;
  /**
   * Runs a variable-key script over `keys` (with `perKey[i]` as ARGV i, then `extra`) in chunks of
   * BULK keys, all chunks in one pipeline (one round trip). Array replies are concatenated in order.
   */
  bulk(
    name: ScriptName,
    keys: readonly string[],
    perKey: ReadonlyArray<string | number>,
    extra?: ReadonlyArray<string | number>,
  ): Promise<unknown[]>;
  /** Runs a script once per argument list, all calls in one pipeline (one round trip; one call: no pipeline). */
  scriptMany(name: ScriptName, argLists: ReadonlyArray<Array<string | number>>): Promise<unknown[]>;
  /** Builds and executes one pipeline (one round trip); returns each command's result, throwing on any error. */
  pipeline(build: (p: ChainableCommander) => void): Promise<unknown[]>;
  /** Like `pipeline`, wrapped in MULTI/EXEC so the commands apply atomically (one round trip). */
  transaction(build: (p: ChainableCommander) => void): Promise<unknown[]>;
  /** One plain command (one round trip). */
  call<T>(run: (c: Redis) => Promise<T>): Promise<T>;
}

/**
 * `onRoundTrip` is called once per script call, pipeline or plain command (see `RoundTripHook`).
 * `lastConnectionError` (the client's last 'error' event) turns ioredis' "Stream isn't writeable" while
 * it reconnects into the reason an operator can act on ("connect ECONNREFUSED 127.0.0.1:6379").
 */
export function redisCtx(
  client: Redis,
  keys: Keys,
  onRoundTrip: () => void = () => {},
  lastConnectionError: () => string | undefined = () => undefined,
): RedisCtx {
  function wrap(err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    const down = client.status !== 'ready' ? (lastConnectionError() ?? 'no connection yet') : undefined;
    const msg = down
      ? `redis unreachable (${client.status}): ${down}`
      : `redis store: ${(err as Error).message}`;
    // Connection loss, timeouts and OOM are transient; a script error is a bug, but retrying is harmless.
    return new StoreError(msg, true, { cause: err });
  }
  const fns = new Map<ScriptName, ScriptFn>();
  for (const [name, def] of Object.entries(SCRIPTS) as Array<[ScriptName, (typeof SCRIPTS)[ScriptName]]>) {
    const command = `tokenwatchV1${name}`;
    client.defineCommand(
      command,
      def.keys === undefined ? { lua: def.lua } : { numberOfKeys: def.keys, lua: def.lua },
    );
    const fn = (client as unknown as Record<string, unknown>)[command];
    if (typeof fn !== 'function') throw new StoreError(`ioredis did not define ${command}`, false);
    fns.set(name, (...args) => (fn as ScriptFn).apply(client, args));
  }
  const inPipeline = (p: ChainableCommander, name: ScriptName, args: Array<string | number>) => {
    const fn = (p as unknown as Record<string, unknown>)[`tokenwatchV1${name}`];
    if (typeof fn !== 'function') throw new StoreError(`ioredis pipeline lacks script ${name}`, false);
    (fn as ScriptFn).apply(p, args);
  };
  async function runScript(name: ScriptName, args: Array<string | number>): Promise<unknown> {
    const fn = fns.get(name);
    if (!fn) throw new StoreError(`unknown script ${name}`, false);
    onRoundTrip();
    try {
      return await fn.apply(undefined, args);
    } catch (err) {
      throw wrap(err);
    }
  }
  async function run(p: ChainableCommander, build: (p: ChainableCommander) => void): Promise<unknown[]> {
    build(p);
    if (p.length === 0) return [];
    onRoundTrip();
    let res: Array<[Error | null, unknown]> | null;
    try {
      res = await p.exec();
    } catch (err) {
      throw wrap(err);
    }
    // null: a MULTI was discarded (only happens with WATCH, which this store does not use).
    if (!res) throw new StoreError('redis store: transaction was discarded', true);
    return res.map(([err, value]) => {
      if (err) throw wrap(err);
      return value;
    });
  }
  return {
    client,
    keys,
    script: (name, ...args) => runScript(name, args),
    async bulk(name, keys, perKey, extra = []) {
      if (keys.length === 0) return [];
      const calls: Array<Array<string | number>> = [];
      for (let i = 0; i < keys.length; i += BULK) {
        const ks = keys.slice(i, i + BULK);
        calls.push([ks.length as string | number].concat(ks, perKey.slice(i, i + BULK), extra));
      }
      const replies =
        calls.length === 1
          ? [await runScript(name, calls[0] ?? [])]
          : await run(client.pipeline(), (p) => {
              for (const args of calls) inPipeline(p, name, args);
            });
      return replies.flatMap((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
    },
    async scriptMany(name, argLists) {
      if (argLists.length === 0) return [];
      if (argLists.length === 1) return [await runScript(name, argLists[0] ?? [])];
      return run(client.pipeline(), (p) => {
        for (const args of argLists) inPipeline(p, name, args);
      });
    },
    pipeline: (build) => run(client.pipeline(), build),
    transaction: (build) => run(client.multi(), build),
    async call(fn) {
      onRoundTrip();
      try {
        return await fn(client);
      } catch (err) {
        throw wrap(err);
      }
    },
  };
}

/** Splits a list into chunks of `size` (for MGET and friends inside one pipeline). */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
