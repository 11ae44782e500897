import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage, Outbox } from '#src/delivery/ports.js';
import { type Destination, destinationKey } from '#src/domain/types.js';
import { createMetrics, type Metrics } from '#src/obs/metrics.js';
import type { DeactivationReason } from '#src/store/ports.js';
import { createHttpSender, type HttpSender } from '../fakes/delivery-http-sender.js';
import { type Failure, type LimitPlatform, startLimitPlatform } from '../fakes/limit-platform.js';
import { deleteKeys, dest, message, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';

const KINDS = ['memory', 'sqlite', 'redis'] as const;

async function counter(metrics: Metrics, platform: string, outcome: string): Promise<number> {
  const v = (await metrics.messages.get()).values.find(
    (x) => x.labels.platform === platform && x.labels.outcome === outcome,
  );
  return v?.value ?? 0;
}

describe.each(KINDS)('outbox (%s)', (kind) => {
  let tg: LimitPlatform;
  let dc: LimitPlatform;
  let senders: { telegram: HttpSender; discord: HttpSender };
  let outbox: Outbox | undefined;
  const prefix = randomPrefix(`outbox-${kind}`);
  let n = 0;

  beforeAll(async () => {
    tg = await startLimitPlatform({ flavour: 'telegram', latencyMs: 2 });
    dc = await startLimitPlatform({ flavour: 'discord', latencyMs: 2 });
    senders = {
      telegram: createHttpSender('telegram', 'telegram', tg.url),
      discord: createHttpSender('discord', 'discord', dc.url),
    };
  });
  afterEach(async () => {
    await outbox?.close();
    outbox = undefined;
  });
  afterAll(async () => {
    await Promise.all([tg.close(), dc.close(), senders.telegram.close(), senders.discord.close()]);
    if (kind === 'redis') await deleteKeys(SYSTEM_REDIS, prefix);
  });

  function open(
    extra: {
      store?: ReturnType<typeof recordingStore>;
      metrics?: Metrics;
      onDeactivated?: (d: Destination, r: DeactivationReason) => void;
    } = {},
  ) {
    n++;
    const o = createOutbox({
      kind,
      file: `${tempDir('outbox')}/outbox.db`,
      redisUrl: SYSTEM_REDIS,
      prefix: `${prefix}-${n}`,
      senders: new Map([
        ['telegram', senders.telegram],
        ['discord', senders.discord],
      ]),
      store: extra.store ?? recordingStore(),
      ...(extra.metrics ? { metrics: extra.metrics } : {}),
      ...(extra.onDeactivated ? { onDeactivated: extra.onDeactivated } : {}),
      attempts: 3,
      backoffMs: 50,
      chatIntervalMs: { dm: 20, group: 20, channel: 20 },
    });
    outbox = o;
    return o;
  }

  it('sends each message once: re-enqueueing the same ids (before and after sending) is a no-op', async () => {
    const o = open();
    const msgs = Array.from({ length: 20 }, (_, i) =>
      message(`dup-${kind}-${i}`, dest('discord', 'channel', `d${i}`)),
    );
    await o.enqueue(msgs);
    await o.enqueue(msgs);
    await o.start();
    await o.drain(10_000);
    await o.enqueue(msgs);
    await o.drain(10_000);
    const byText = dc.postsByText();
    for (const m of msgs) expect(byText.get(m.id)).toBe(1);
    expect((await o.stats()).completed).toBe(20);
  });

  it('delivers notices through the same queues', async () => {
    const o = open();
    await o.start();
    await o.enqueueNotices([
      { id: `notice-${kind}`, destination: dest('telegram', 'dm', '900'), text: 'hi', createdAt: Date.now() },
    ]);
    await o.drain(10_000);
    expect(tg.postsByText().get(`notice-${kind}`)).toBe(1);
  });

  type Row = {
    name: string;
    to: Destination;
    failure: Failure;
    times: number | 'always';
    messages: number;
    expect: 'delivered' | { deactivated: DeactivationReason } | 'dead' | 'migrated';
    /** Upper bound on requests the fake sees for this destination. */
    maxRequests: number;
  };
  const rows: Row[] = [
    {
      name: 'tg 5xx twice',
      to: dest('telegram', 'dm', '101'),
      failure: 'server_error',
      times: 2,
      messages: 1,
      expect: 'delivered',
      maxRequests: 3,
    },
    {
      name: 'tg 429 chat',
      to: dest('telegram', 'dm', '102'),
      failure: 'rate_limit',
      times: 1,
      messages: 1,
      expect: 'delivered',
      maxRequests: 2,
    },
    {
      name: 'tg 429 global',
      to: dest('telegram', 'dm', '103'),
      failure: 'rate_limit_global',
      times: 1,
      messages: 1,
      expect: 'delivered',
      maxRequests: 2,
    },
    {
      name: 'tg blocked',
      to: dest('telegram', 'dm', '104'),
      failure: 'blocked',
      times: 'always',
      messages: 2,
      expect: { deactivated: 'blocked' },
      maxRequests: 2,
    },
    {
      name: 'tg kicked',
      to: dest('telegram', 'group', '-105'),
      failure: 'kicked',
      times: 'always',
      messages: 1,
      expect: { deactivated: 'kicked' },
      maxRequests: 1,
    },
    {
      name: 'tg chat not found',
      to: dest('telegram', 'dm', '106'),
      failure: 'chat_not_found',
      times: 'always',
      messages: 1,
      expect: { deactivated: 'not_found' },
      maxRequests: 1,
    },
    {
      name: 'tg migrated',
      to: dest('telegram', 'group', '-107'),
      failure: 'migrate',
      times: 'always',
      messages: 1,
      expect: 'migrated',
      maxRequests: 1,
    },
    {
      name: 'tg bad request',
      to: dest('telegram', 'dm', '108'),
      failure: 'bad_request',
      times: 'always',
      messages: 1,
      expect: 'dead',
      maxRequests: 1,
    },
    {
      name: 'dc 50013',
      to: dest('discord', 'channel', '111'),
      failure: 'missing_permissions',
      times: 'always',
      messages: 2,
      expect: { deactivated: 'missing_permissions' },
      maxRequests: 2,
    },
    {
      name: 'dc 50007',
      to: dest('discord', 'dm', '112'),
      failure: 'dms_closed',
      times: 'always',
      messages: 1,
      expect: { deactivated: 'dms_closed' },
      maxRequests: 1,
    },
    {
      name: 'dc 10003',
      to: dest('discord', 'channel', '113'),
      failure: 'unknown_channel',
      times: 'always',
      messages: 1,
      expect: { deactivated: 'not_found' },
      maxRequests: 1,
    },
    {
      name: 'dc 5xx forever',
      to: dest('discord', 'channel', '114'),
      failure: 'server_error',
      times: 'always',
      messages: 1,
      expect: 'dead',
      maxRequests: 3,
    },
    {
      name: 'dc 429 global',
      to: dest('discord', 'channel', '115'),
      failure: 'rate_limit_global',
      times: 2,
      messages: 1,
      expect: 'delivered',
      maxRequests: 3,
    },
  ];

  it('reacts to each platform answer as specified (table)', async () => {
    const store = recordingStore();
    const metrics = createMetrics();
    const reports: string[] = [];
    const o = open({
      store,
      metrics,
      onDeactivated: (d, r) => void reports.push(`${destinationKey(d)}/${r}`),
    });
    // Unique chat ids per backend run so the shared fakes' scripts do not leak between runs.
    const local = rows.map((r) => ({ ...r, to: { ...r.to, id: `${r.to.id}${KINDS.indexOf(kind)}` } }));
    const msgs: OutboundMessage[] = [];
    for (const r of local) {
      const fake = r.to.platform === 'telegram' ? tg : dc;
      fake.fail(r.to.id, r.failure, r.times);
      for (let i = 0; i < r.messages; i++) msgs.push(message(`t-${kind}-${r.to.id}-${i}`, r.to));
    }
    await o.enqueue(msgs);
    await o.start();
    await o.drain(20_000);

    const dead = await o.deadLetters();
    const deadIds = new Set(dead.map((d) => d.id));
    for (const r of local) {
      const fake = r.to.platform === 'telegram' ? tg : dc;
      const ids = msgs.filter((m) => m.destination === r.to).map((m) => m.id);
      const posted = fake.postsByText();
      expect.soft(fake.requestsFor(r.to.id), r.name).toBeLessThanOrEqual(r.maxRequests);
      if (r.expect === 'delivered') for (const id of ids) expect.soft(posted.get(id), r.name).toBe(1);
      if (r.expect === 'dead') for (const id of ids) expect.soft(deadIds.has(id), r.name).toBe(true);
      if (typeof r.expect === 'object') {
        const key = destinationKey(r.to);
        expect
          .soft(
            reports.filter((x) => x === `${key}/${(r.expect as { deactivated: string }).deactivated}`),
            r.name,
          )
          .toHaveLength(1);
        expect
          .soft(
            store.deactivated.some((d) => destinationKey(d.destination) === key),
            r.name,
          )
          .toBe(true);
        for (const id of ids) expect.soft(posted.get(id), r.name).toBeUndefined();
      }
      if (r.expect === 'migrated') {
        const to = `-100${r.to.id.replace('-', '')}`;
        expect
          .soft(
            store.rekeyed.map((x) => [x.from.id, x.to.id]),
            r.name,
          )
          .toContainEqual([r.to.id, to]);
        for (const id of ids) expect.soft(posted.get(`${id}~to${to}`), r.name).toBe(1);
      }
    }
    expect(reports).toHaveLength(6); // blocked, kicked, not_found, 50013, 50007, 10003: once each
    expect(dead).toHaveLength(2);
    expect(dead.find((d) => d.id.includes('108'))?.error).toMatch(/invalid/);
    expect(await counter(metrics, 'telegram', 'rate_limited')).toBeGreaterThanOrEqual(2);
    expect(await counter(metrics, 'discord', 'deactivated')).toBe(4);
    expect(await counter(metrics, 'discord', 'dead')).toBe(1);

    // An operator fixes the request and retries the dead letter: it goes out once.
    const bad = local.find((r) => r.failure === 'bad_request') as Row;
    const badId = `t-${kind}-${bad.to.id}-0`;
    tg.clear(bad.to.id);
    expect(await o.retryDead('no-such-id')).toBe(false);
    expect(await o.retryDead(badId)).toBe(true);
    await o.drain(10_000);
    expect(tg.postsByText().get(badId)).toBe(1);
    expect((await o.deadLetters()).map((d) => d.id)).not.toContain(badId);
  });
});
