import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createCommandRateLimiter, handleAction } from '#commands/index.js';
import type { CommandDeps, LimitKind } from '#commands/types.js';
import type { Platform } from '#src/domain/types.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { RateCounterStore } from '#src/store/ports.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { call, makeCtx, makeDeps, memoryCommandStore, NOW, say, text } from './fakes.js';

const redis = new Redis(TEST_REDIS_URL);
const prefix = `twtest:limits:${randomBytes(6).toString('hex')}:`;
afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  redis.disconnect();
});

const COUNTERS: ReadonlyArray<readonly [string, () => Promise<RateCounterStore>]> = [
  ['sqlite', async () => openSqliteStore({ file: ':memory:' }).counters],
  [
    'redis',
    async () =>
      (await openRedisStore({ client: redis, keyPrefix: `${prefix}${randomBytes(3).toString('hex')}:` }))
        .counters,
  ],
];

function recorder() {
  const hits: Array<[LimitKind, Platform]> = [];
  return { hits, onLimit: (l: LimitKind, p: Platform) => void hits.push([l, p]) };
}

describe.each(COUNTERS)('per-user command rate limit on the %s counters', (_name, open) => {
  it('GIVEN 10 commands a minute THEN the 11th gets one polite "come back", later ones are silent, the next window is open again', async () => {
    const rec = recorder();
    const deps: CommandDeps = makeDeps(memoryCommandStore(), {
      limiter: createCommandRateLimiter(await open()),
      onLimit: rec.onLimit,
    });
    const at = (now: number, userId = '7') => ({ ...makeCtx({ userId }), now });
    for (let i = 0; i < 10; i++) expect((await say(at(NOW + i), deps, '/help')).kind).toBe('info');
    const first = await say(at(NOW + 10_000), deps, '/help');
    expect(first.kind).toBe('error');
    expect(first.silent).toBeUndefined();
    expect(first.ephemeral).toBe(true);
    expect(text(first)).toMatch(/too fast/);
    expect(text(first)).toMatch(/try again in 50 seconds/);
    const again = await say(at(NOW + 20_000), deps, '/subscribe SOL');
    expect(again.silent).toBe(true);
    // A limited command never reached the store.
    expect(await deps.store.subscriptions.list({ platform: 'telegram', kind: 'dm', id: '7' })).toEqual([]);
    // Another user is not affected.
    expect((await say(at(NOW + 20_000, '8'), deps, '/help')).kind).toBe('info');
    // Buttons count too.
    expect((await handleAction('x', at(NOW + 21_000), deps)).silent).toBe(true);
    expect(rec.hits).toEqual([
      ['rate', 'telegram'],
      ['rate', 'telegram'],
      ['rate', 'telegram'],
    ]);
    // The window (aligned to the minute) ends: back to normal.
    expect((await say(at(NOW + 60_000), deps, '/help')).kind).toBe('info');
  });
});

describe('rate limit robustness', () => {
  it('GIVEN a failing counter store THEN commands still run (the limit never breaks the bot)', async () => {
    const broken: RateCounterStore = {
      increment: async () => {
        throw new Error('redis down');
      },
      get: async () => new Map(),
    };
    const deps = makeDeps(memoryCommandStore(), { limiter: createCommandRateLimiter(broken) });
    for (let i = 0; i < 15; i++) expect((await say(makeCtx(), deps, '/help')).kind).toBe('info');
  });

  it('GIVEN a custom limit of 2 in 10 s THEN the third is refused', async () => {
    const deps = makeDeps(memoryCommandStore(), {
      limits: { maxSubscriptionsPerDestination: 25, commandsPerWindow: 2, commandWindowMs: 10_000 },
      limiter: createCommandRateLimiter(openSqliteStore({ file: ':memory:' }).counters, 10_000),
    });
    await say(makeCtx(), deps, '/help');
    await say(makeCtx(), deps, '/help');
    expect(text(await say(makeCtx(), deps, '/help'))).toMatch(/more than 2 in 10 seconds/);
  });
});

describe('subscription caps and argument length caps', () => {
  it('GIVEN a guild whose channels follow 3 tokens with a cap of 3 THEN a 4th channel subscription is refused and counted', async () => {
    const rec = recorder();
    const deps = makeDeps(memoryCommandStore(), {
      limits: { maxSubscriptionsPerDestination: 25, maxSubscriptionsPerParent: 3 },
      onLimit: rec.onLimit,
    });
    const inChannel = (channelId: string) =>
      makeCtx({
        platform: 'discord',
        moderator: true,
        place: { kind: 'channel', parentId: 'g1', channelId },
      });
    expect((await call(inChannel('c1'), deps, 'channel', { symbol: 'BTC' }, 'subscribe')).kind).toBe('ok');
    expect((await call(inChannel('c1'), deps, 'channel', { symbol: 'ETH' }, 'subscribe')).kind).toBe('ok');
    expect((await call(inChannel('c2'), deps, 'channel', { symbol: 'SOL' }, 'subscribe')).kind).toBe('ok');
    const refused = await call(inChannel('c2'), deps, 'channel', { symbol: 'T1' }, 'subscribe');
    expect(refused.kind).toBe('error');
    expect(text(refused)).toMatch(/already follow 3 tokens in all, the limit is 3/);
    // Re-subscribing to a token already followed is not a new item: allowed.
    expect(
      (await call(inChannel('c2'), deps, 'channel', { symbol: 'SOL', types: 'all' }, 'subscribe')).kind,
    ).toBe('ok');
    // Another guild is not affected.
    const other = makeCtx({
      platform: 'discord',
      moderator: true,
      place: { kind: 'channel', parentId: 'g2', channelId: 'c9' },
    });
    expect((await call(other, deps, 'channel', { symbol: 'T1' }, 'subscribe')).kind).toBe('ok');
    expect(rec.hits).toEqual([['guild_subscriptions', 'discord']]);
  });

  it('GIVEN the per-destination cap THEN the refusal is counted', async () => {
    const rec = recorder();
    const deps = makeDeps(memoryCommandStore(), {
      limits: { maxSubscriptionsPerDestination: 1 },
      onLimit: rec.onLimit,
    });
    await say(makeCtx(), deps, '/subscribe BTC');
    expect(text(await say(makeCtx(), deps, '/subscribe ETH'))).toMatch(/limit is 1/);
    expect(rec.hits).toEqual([['subscriptions', 'telegram']]);
  });

  it('GIVEN an over-long argument THEN a clear reply, nothing stored, and the arg_length metric', async () => {
    const rec = recorder();
    const deps = makeDeps(memoryCommandStore(), { onLimit: rec.onLimit });
    const r = await call(makeCtx({ platform: 'discord' }), deps, 'subscribe', { symbol: 'A'.repeat(65) });
    expect(text(r)).toMatch(/symbol is too long \(65 characters, at most 64\)/);
    expect(rec.hits).toEqual([['arg_length', 'discord']]);
    expect(await deps.store.subscriptions.list({ platform: 'discord', kind: 'dm', id: '42' })).toEqual([]);
  });
});
