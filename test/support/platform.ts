import type { PlatformAdapter, PlatformLink } from '#src/platforms/types.js';

/**
 * A test platform written as one object (sender plus start/stop/handleHttp) as the app's two halves:
 * its receiving half is itself (it takes no commands).
 */
export function linkOf<A extends PlatformAdapter>(adapter: A): A & PlatformLink {
  return Object.assign(adapter, { receiver: () => adapter });
}
