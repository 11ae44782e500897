import { openSqliteStore } from '#src/store/index.js';
import { type CommandStore, memoryCommandStore } from './fakes.js';

/**
 * Every command flow runs against the real SQLite store (in memory) and the small fake, so the fake
 * cannot drift from the store's semantics unnoticed.
 */
export const STORES: ReadonlyArray<readonly [string, () => CommandStore]> = [
  ['sqlite', () => openSqliteStore({ file: ':memory:' })],
  ['memory fake', memoryCommandStore],
];
