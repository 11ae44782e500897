import type { Store } from './ports.js';

/** A Store that counts how often its ports are called. */
export interface CountedStore extends Store {
  /** Port method calls made through this wrapper so far (each is one batched round trip by the ports' contract). */
  calls(): number;
}

/**
 * A copy of `store` whose every port method call goes through `around(name, call)` ("port.method", and
 * the call to make): how counters and tracers watch a store without the adapters knowing. Ports added
 * later are covered too (every object-valued property of the store is treated as a port). Methods are
 * looked up on each call, so a test may still swap one on the underlying port. `close()` is not wrapped.
 */
export function wrapStorePorts(store: Store, around: (name: string, call: () => unknown) => unknown): Store {
  const wrap = (portName: string, port: object): object => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(port)) {
      if (typeof value !== 'function') {
        out[name] = value;
        continue;
      }
      const method = port as Record<string, (...a: unknown[]) => unknown>;
      out[name] = (...args: unknown[]) => around(`${portName}.${name}`, () => method[name]?.(...args));
    }
    return out;
  };
  const ports: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    if (typeof value === 'object' && value !== null) ports[name] = wrap(name, value);
  }
  return { ...store, ...ports, close: () => store.close() } as Store;
}

/**
 * Counts every port method call: how the benchmark and the tick tests check that a tick stays within its
 * store budget without the adapters carrying a counter.
 */
export function countStoreCalls(store: Store): CountedStore {
  let calls = 0;
  const wrapped = wrapStorePorts(store, (_name, call) => {
    calls++;
    return call();
  });
  return { ...wrapped, calls: () => calls } as CountedStore;
}
