import type { Store } from '#src/store/ports.js';
/** Wraps every port method: wall ms and calls per port.method (sync sqlite work shows up here). */
export function timeStore(store: Store) {
  const t = new Map<string, { ms: number; n: number }>();
  for (const [port, impl] of Object.entries(store)) {
    if (!impl || typeof impl !== 'object') continue;
    for (const [m, fn] of Object.entries(impl)) {
      if (typeof fn !== 'function') continue;
      (impl as Record<string, unknown>)[m] = (...a: unknown[]) => {
        const t0 = performance.now();
        const r = (fn as (...x: unknown[]) => unknown).apply(impl, a);
        const k = `${port}.${m}`;
        const e = t.get(k) ?? { ms: 0, n: 0 };
        e.ms += performance.now() - t0;
        e.n++;
        t.set(k, e);
        return r;
      };
    }
  }
  return t;
}
