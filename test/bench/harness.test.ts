import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { traceStoreCalls } from '../../bench/store-trace.js';
import { createVerdicts, meets } from '../../bench/verdict.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/** The bench harness's own arithmetic: the tick table's round trips and every verdict rest on it. */

const prefix = `twtest-trace-${randomBytes(4).toString('hex')}:`;
const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

describe.each([
  ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
  ['redis', async () => openRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix })],
] as const)('traceStoreCalls (%s)', (kind, open) => {
  afterEach(async () => {
    if (kind !== 'redis') return;
    const { Redis } = await import('ioredis');
    const admin = new Redis(TEST_REDIS_URL);
    await deleteRedisPrefix(admin, prefix);
    admin.disconnect();
  });

  it('counts calls awaited one after the other as a chain, calls started together as one step', async () => {
    const store = traceStoreCalls(await open());
    opened.push(store);
    await store.marks.has(['a'], 0);
    await Promise.all([store.marks.has(['b'], 0), store.settings.get('s'), store.snapshots.getMany([1])]);
    await store.marks.set([{ key: 'c', ttlMs: 60_000 }], 0);
    expect(store.calls()).toBe(5);
    expect(store.inSequence()).toBe(3);
    expect(store.names()).toEqual([
      'marks.has',
      'marks.has',
      'settings.get',
      'snapshots.getMany',
      'marks.set',
    ]);
    expect(store.steps()).toEqual([
      ['marks.has'],
      ['marks.has', 'settings.get', 'snapshots.getMany'],
      ['marks.set'],
    ]);
    store.reset();
    expect(store.calls()).toBe(0);
    for (let i = 0; i < 4; i++) await store.marks.has([`k${i}`], 0);
    expect(store.inSequence()).toBe(4);
  });

  it('a call started beside a longer chain does not lengthen it', async () => {
    const store = traceStoreCalls(await open());
    opened.push(store);
    const chain = (async () => {
      await store.marks.has(['x'], 0);
      await store.marks.has(['y'], 0);
    })();
    await Promise.all([chain, store.settings.get('beside')]);
    expect(store.calls()).toBe(3);
    expect(store.inSequence()).toBe(2);
  });
});

describe('verdicts', () => {
  it.each([
    [250, { atMost: 250 }, true],
    [250.1, { atMost: 250 }, false],
    [20, { atLeast: 20 }, true],
    [19.9, { atLeast: 20 }, false],
    [1.33, { between: [0.75, 1.33] }, true],
    [0.7, { between: [0.75, 1.33] }, false],
    [0, { equals: 0 }, true],
    [1, { equals: 0 }, false],
    [Number.NaN, { atMost: 250 }, false],
    [Number.POSITIVE_INFINITY, { atLeast: 20 }, false],
  ] as const)('%s against %j → %s', (value, target, ok) => {
    expect(meets(value, target)).toBe(ok);
  });

  it('records misses and sets a failing exit code only when there was one', () => {
    const saved = process.exitCode;
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      const clean = createVerdicts('clean');
      expect(clean.cell('cpu', 161.24, { atMost: 250 }, (x) => x.toFixed(1))).toBe('161.2 ok');
      process.exitCode = 0;
      expect(clean.finish()).toBe(0);
      expect(process.exitCode).toBe(0);
      const missed = createVerdicts('missed');
      expect(missed.check('speed-up', 11.4, { atLeast: 20 })).toBe('MISS');
      expect(missed.fail('redis', 'ECONNREFUSED')).toBe('MISS');
      expect(missed.misses()).toHaveLength(2);
      expect(missed.finish()).toBe(2);
      expect(process.exitCode).toBe(1);
    } finally {
      process.stdout.write = write;
      process.exitCode = saved;
    }
  });
});
