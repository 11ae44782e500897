import { describe, expect, it } from 'vitest';
import { countStoreCalls } from '#src/store/instrumented.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { chan } from './fixtures.js';

describe('countStoreCalls', () => {
  it('counts each port call, passes results through and leaves close() uncounted', async () => {
    const store = countStoreCalls(openSqliteStore({ file: ':memory:' }));
    try {
      expect(store.calls()).toBe(0);
      await store.subscriptions.subscribe(chan('1'), 7, 'BTC', ['signal'], 1);
      expect(await store.subscriptions.watchedTokens()).toEqual([7]);
      await store.destinations.deactivate(chan('1'), 'not_found', 2);
      expect(await store.subscriptions.watchedTokens()).toEqual([]);
      expect(store.calls()).toBe(4);
      expect(store.kind).toBe('sqlite');
    } finally {
      await store.close();
    }
    expect(store.calls()).toBe(4);
  });

  it('looks methods up on each call, so a test can still swap one on the port', async () => {
    const inner = openSqliteStore({ file: ':memory:' });
    const store = countStoreCalls(inner);
    inner.subscriptions.watchedTokens = async () => [42];
    expect(await store.subscriptions.watchedTokens()).toEqual([42]);
    expect(store.calls()).toBe(1);
    await store.close();
  });
});
