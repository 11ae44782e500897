import type { Store } from './ports.js';

/** A Store that counts how often its ports are called. */
export interface CountedStore extends Store {
  /** Port method calls made through this wrapper so far (each is one batched round trip by the ports' contract). */
  calls(): number;
}

/**
 * Wraps every port of `store` so each method call is counted: how the benchmark and the tick tests
 * check that a tick stays within its store budget without the adapters carrying a counter. Ports added
 * later are counted too (every object-valued property of the store is treated as a port). Methods are
 * looked up on each call, so a test may still swap one on the underlying port. `close()` is not counted.
 */
export function countStoreCalls(store: Store): CountedStore {
  let calls = 0;
  const count = (port: object): object => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(port)) {
      if (typeof value !== 'function') {
        out[name] = value;
        continue;
      }
      out[name] = (...args: unknown[]) => {
        calls++;
        return (port as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args);
      };
    }
    return out;
  };
  const ports: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    if (typeof value === 'object' && value !== null) ports[name] = count(value);
  }
  return { ...store, ...ports, close: () => store.close(), calls: () => calls } as CountedStore;
}
