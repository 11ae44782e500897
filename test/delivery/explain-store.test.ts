/**
 * The planner's explanation read back from a real store after real plans: the cooldown keys /why reads
 * are the ones the planner wrote (no key format outside the planner), a metric beyond Sharpe included,
 * and the cap counter and suppression records are the tick's own. SQLite and Redis.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { explainDestination, type PlanBase, readDestinationFacts } from '#src/delivery/plan/index.js';
import { type AlertEvent, destinationKey } from '#src/domain/types.js';
import { planWithCap } from '#src/pipeline/plan.js';
import { suppressionRows } from '#src/pipeline/trust.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { cross, dm, flip, SOL, T0 } from './plan-fixtures.js';

const MIN = 60_000;
const prefix = `twtest:${randomBytes(6).toString('hex')}:`;
const client = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await deleteRedisPrefix(client, prefix);
  await client.quit();
});

/** One tick's plan and its writes, as the tick makes them (plan with cap, marks, suppressions). */
async function tick(store: Store, events: AlertEvent[], now: number) {
  const subs = await store.subscriptions.list(dm);
  const settings = await store.settings.getMany([destinationKey(dm)]);
  const base: PlanBase = { events, subscribers: new Map([[SOL.tokenId, subs]]), settings, held: [], now };
  const p = await planWithCap(store, base);
  await Promise.all([
    p.marks.length > 0 ? store.marks.set(p.marks, now) : undefined,
    store.suppressions.record(suppressionRows(p, now)),
  ]);
  return p;
}

describe.each([
  ['sqlite', async () => openSqliteStore({ file: ':memory:' })],
  ['redis', async () => openRedisStore({ client, keyPrefix: `${prefix}${randomBytes(3).toString('hex')}:` })],
])('explanation read through the %s store', (_name, open) => {
  it('running cooldowns of every class sent, the cap count and the cooldown that held a flip back', async () => {
    const store = await open();
    await store.subscriptions.subscribe(dm, SOL.tokenId, 'SOL', ['signal', 'hourly', 'risk'], T0);
    await store.settings.update(destinationKey(dm), { cooldownSec: 600 });
    const drawdown: AlertEvent = { ...cross(SOL, 'd1'), metric: 'MAX_DRAWDOWN' };
    const first = await tick(store, [flip(SOL, 'h1', 'hourly'), cross(SOL, 'x1'), drawdown], T0);
    expect(first.messages).toHaveLength(1);
    // Another hourly flip (same tick time: Redis counts mark TTLs on its own clock, not the test's):
    // held back by the hourly flip's cooldown.
    const second = await tick(store, [flip(SOL, 'h2', 'hourly')], T0);
    expect(second.suppressed).toEqual({ cooldown: 1 });

    const facts = await readDestinationFacts(store, {
      destination: dm,
      tokenId: SOL.tokenId,
      metrics: ['SHARPE', 'MAX_DRAWDOWN'],
      suppressions: 5,
      now: T0,
    });
    const x = explainDestination(facts);
    expect(x.followed).toEqual(['signal', 'hourly', 'risk']);
    expect(x.cooldowns.map((c) => c.cls)).toEqual(['flip_hourly', 'cross_SHARPE', 'cross_MAX_DRAWDOWN']);
    for (const c of x.cooldowns) {
      expect(c.until).toBeGreaterThan(T0 + 10 * MIN - 10_000);
      expect(c.until).toBeLessThanOrEqual(T0 + 10 * MIN);
    }
    expect(x.cap).toEqual({ sent: 1, limit: 20 });
    expect(x.suppressions).toHaveLength(1);
    expect(x.suppressions[0]).toMatchObject({
      record: { kind: 'signal_flip', reason: 'cooldown', at: T0 },
      until: x.cooldowns[0]?.until,
      detail: { timeframe: 'hourly' },
    });
    await store.close();
  });

  it('a place without ports for marks, counters or suppressions reads as empty', async () => {
    const store = await open();
    const facts = await readDestinationFacts(
      { subscriptions: store.subscriptions, settings: store.settings },
      { destination: dm, tokenId: SOL.tokenId, metrics: ['SHARPE'], suppressions: 5, now: T0 },
    );
    expect(facts).toMatchObject({ types: undefined, sentThisHour: 0, suppressions: [] });
    expect(facts.expiries.size).toBe(0);
    await store.close();
  });
});
