import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { OutboundMessage, Outbox } from '#src/delivery/ports.js';
import type { AlertEvent, DestinationKind } from '#src/domain/types.js';
import { createHttpSender, type HttpSender } from '../fakes/delivery-http-sender.js';
import { type LimitPlatform, startLimitPlatform } from '../fakes/limit-platform.js';
import { deleteKeys, dest, randomPrefix, recordingStore, SYSTEM_REDIS, tempDir } from './helpers.js';
import { cross, flip, grade, level, SOL } from './plan-fixtures.js';

/** The most readers first: a backlog drains groups/channels before DMs, breakouts/flips before the rest. */
describe.each(['memory', 'sqlite', 'redis'] as const)('send order under a backlog (%s)', (kind) => {
  let tg: LimitPlatform;
  let sender: HttpSender;
  let outbox: Outbox | undefined;
  const prefix = randomPrefix(`order-${kind}`);
  let n = 0;

  beforeAll(async () => {
    tg = await startLimitPlatform({ flavour: 'telegram', latencyMs: 1 });
    sender = createHttpSender('telegram', 'telegram', tg.url);
  });
  afterEach(async () => {
    await outbox?.close();
    outbox = undefined;
  });
  afterAll(async () => {
    await Promise.all([tg.close(), sender.close()]);
    if (kind === 'redis') await deleteKeys(SYSTEM_REDIS, prefix);
  });

  const open = () => {
    n++;
    outbox = createOutbox({
      kind,
      file: `${tempDir('order')}/outbox.db`,
      redisUrl: SYSTEM_REDIS,
      prefix: `${prefix}-${n}`,
      senders: new Map([['telegram', sender]]),
      store: recordingStore(),
      // One send at a time, so the fake sees the order the outbox chose.
      concurrency: 1,
      chatIntervalMs: { dm: 1, group: 1, channel: 1 },
    });
    return outbox;
  };

  const msg = (id: string, k: DestinationKind, chat: string, events: AlertEvent[]): OutboundMessage => ({
    id,
    destination: dest('telegram', k, chat),
    events,
    createdAt: Date.now(),
    origin: 'tick',
  });

  it('sends groups before DMs and breakouts/flips before touches/approaches before the rest, all of them once', async () => {
    // Queued in the worst order: DMs first, least urgent first.
    const classes: Array<[string, AlertEvent[]]> = [
      ['rest', [grade(SOL, 'g'), cross(SOL, 'c')]],
      ['near', [level(SOL, 'a', 'level_approach')]],
      ['near', [level(SOL, 't', 'level_touch'), grade(SOL, 'g2')]],
      ['top', [level(SOL, 'b', 'level_breakout')]],
      ['top', [level(SOL, 'a2', 'level_approach'), flip(SOL, 'f')]],
    ];
    const msgs: OutboundMessage[] = [];
    let chat = 100;
    for (const k of ['dm', 'group'] as const) {
      for (const [cls, events] of classes) {
        for (let i = 0; i < 3; i++) {
          chat++;
          const c = k === 'dm' ? String(chat) : String(-chat);
          msgs.push(msg(`${k}-${cls}-${chat}`, k, c, events));
        }
      }
    }
    const o = open();
    await o.enqueue(msgs);
    // A repeat of the same ids is still a no-op with priorities.
    await o.enqueue(msgs.slice(0, 5));
    await o.start();
    await o.drain(20_000);

    const order = tg.posts.map((p) => p.text);
    expect(order).toHaveLength(msgs.length);
    expect(new Set(order).size).toBe(msgs.length);
    const rankOf = (id: string) => {
      const [k, cls] = id.split('-');
      return (k === 'dm' ? 3 : 0) + (cls === 'top' ? 0 : cls === 'near' ? 1 : 2);
    };
    const ranks = order.map(rankOf);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    expect(ranks.at(-1)).toBe(5);
    // Within one rank, queue order is kept.
    const groupsTop = order.filter((id) => id.startsWith('group-top'));
    expect(groupsTop).toEqual(msgs.filter((m) => m.id.startsWith('group-top')).map((m) => m.id));
  });

  it('a DM due earlier still waits behind a group message queued later (priority, not arrival)', async () => {
    const o = open();
    await o.enqueue([msg('late-dm-1', 'dm', '501', [level(SOL, 'b', 'level_breakout')])]);
    await o.enqueue([msg('late-dm-2', 'dm', '502', [level(SOL, 'b', 'level_breakout')])]);
    await o.enqueue([msg('late-group', 'group', '-503', [grade(SOL, 'g')])]);
    const before = tg.posts.length;
    await o.start();
    await o.drain(20_000);
    expect(tg.posts.slice(before).map((p) => p.text)).toEqual(['late-group', 'late-dm-1', 'late-dm-2']);
  });
});

describe('send order: an SQLite outbox file from before the order', () => {
  it('gains the rank column and still sends its queued rows (rank 0) before new DMs', async () => {
    const { default: Database } = await import('better-sqlite3');
    const file = `${tempDir('order-old')}/outbox.db`;
    const old = new Database(file);
    old.exec(`CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
      domain TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      rate_hits INTEGER NOT NULL DEFAULT 0, owns_slot INTEGER NOT NULL DEFAULT 0, available_at INTEGER NOT NULL,
      finished_at INTEGER, last_error TEXT);
      CREATE INDEX outbox_due ON outbox (domain, state, available_at, seq);`);
    const queued = {
      kind: 'message',
      message: {
        id: 'old-dm',
        destination: dest('telegram', 'dm', '77'),
        events: [],
        createdAt: 1,
        origin: 'tick',
      },
    };
    old
      .prepare(`INSERT INTO outbox (id, domain, payload, state, available_at) VALUES (?, ?, ?, 'waiting', ?)`)
      .run('old-dm', 'telegram', JSON.stringify(queued), Date.now());
    old.close();
    const tg = await startLimitPlatform({ flavour: 'telegram', latencyMs: 1 });
    const sender = createHttpSender('telegram', 'telegram', tg.url);
    const o = createOutbox({
      kind: 'sqlite',
      file,
      senders: new Map([['telegram', sender]]),
      store: recordingStore(),
      concurrency: 1,
    });
    try {
      await o.enqueue([
        { id: 'new-dm', destination: dest('telegram', 'dm', '78'), events: [], createdAt: 2, origin: 'tick' },
      ]);
      await o.start();
      await o.drain(10_000);
      expect(tg.posts.map((p) => p.text)).toEqual(['old-dm', 'new-dm']);
    } finally {
      await o.close();
      await Promise.all([tg.close(), sender.close()]);
    }
  });
});
