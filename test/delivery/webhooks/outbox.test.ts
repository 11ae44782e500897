import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '#src/delivery/index.js';
import type { NoticeMessage, Outbox, PlatformSender, WebhookDelivery } from '#src/delivery/ports.js';
import { createWebhookSender, newWebhookSecret } from '#src/delivery/webhooks/index.js';
import type { Destination } from '#src/domain/types.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../fakes/webhook-receiver.js';
import { deleteKeys, randomPrefix, SYSTEM_REDIS, tempDir, waitFor } from '../helpers.js';

/**
 * Webhook deliveries through the outbox (issue 21), on each backend: one signed request per delivery,
 * deduplicated by id, paced to 5 per second per webhook, 410 removes the webhook and tells its owner,
 * other failures retry and then dead-letter.
 */
const KINDS = ['memory', 'sqlite', 'redis'] as const;
const owner: Destination = { platform: 'telegram', kind: 'dm', id: '777' };

/** A platform sender that records notices (the owner's "webhook removed" message). */
function noticeRecorder(): PlatformSender & { notices: NoticeMessage[] } {
  const notices: NoticeMessage[] = [];
  return {
    platform: 'telegram',
    limits: { concurrency: 2 },
    notices,
    async send() {
      return { messageIds: ['1'] };
    },
    async sendNotice(n) {
      notices.push(n);
      return { messageIds: ['2'] };
    },
  };
}

describe.each(KINDS)('webhook deliveries through the outbox (%s)', (kind) => {
  let rx: WebhookReceiver;
  let store: Store;
  let outbox: Outbox | undefined;
  let tg: ReturnType<typeof noticeRecorder>;
  const prefix = randomPrefix(`wh-outbox-${kind}`);
  let n = 0;
  beforeAll(async () => {
    rx = await startWebhookReceiver();
  });
  afterEach(async () => {
    await outbox?.close();
    outbox = undefined;
    await store.close();
  });
  afterAll(async () => {
    await rx.close();
    if (kind === 'redis') await deleteKeys(SYSTEM_REDIS, prefix);
  });

  async function open(path: string) {
    n++;
    store = openSqliteStore({ file: ':memory:' });
    tg = noticeRecorder();
    const secret = newWebhookSecret();
    rx.secret(path, secret);
    const added = await store.webhooks.add(
      { destination: owner, url: `${rx.url}${path}`, secret, createdAt: Date.now() },
      3,
    );
    if (!added.ok) throw new Error('not added');
    outbox = createOutbox({
      kind,
      file: `${tempDir('wh-outbox')}/outbox.db`,
      redisUrl: SYSTEM_REDIS,
      prefix: `${prefix}-${n}`,
      senders: new Map([['telegram', tg]]),
      store,
      attempts: 3,
      backoffMs: 20,
      webhooks: createWebhookSender(store.webhooks, {
        allowHosts: [`127.0.0.1:${rx.port}`],
        now: Date.now,
      }),
    });
    await outbox.start();
    const delivery = (i: number): WebhookDelivery => ({
      id: `wh~${added.webhook.id}~evt${i}`,
      destination: owner,
      webhookId: added.webhook.id,
      eventId: `evt${i}`,
      body: JSON.stringify({ i }),
      createdAt: Date.now(),
    });
    return { o: outbox, hook: added.webhook, delivery };
  }

  it('sends each delivery once, signed, and drops a repeated enqueue', async () => {
    const { o, delivery } = await open('/once');
    await o.enqueueWebhooks([delivery(1), delivery(2)]);
    await o.enqueueWebhooks([delivery(1)]);
    await o.drain(20_000);
    const got = rx.received.filter((r) => r.path === '/once');
    expect(got.map((r) => r.headers['webhook-id']).sort()).toEqual(['evt1', 'evt2']);
    expect(got.every((r) => r.verified)).toBe(true);
    expect((await o.stats()).completed).toBe(2);
  });

  it('paces one webhook to at most 5 requests per second', async () => {
    const { o, delivery } = await open('/paced');
    await o.enqueueWebhooks(Array.from({ length: 6 }, (_, i) => delivery(i)));
    await o.drain(20_000);
    const at = rx.received.filter((r) => r.path === '/paced').map((r) => r.at);
    expect(at).toHaveLength(6);
    // Six requests take at least five gaps of 200 ms (a lower bound: the machine's load can only add).
    expect((at.at(-1) ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(5 * 200 - 20);
  });

  it('410 Gone removes the webhook and tells its owner once', async () => {
    rx.answer('/gone', { status: 410 });
    const { o, hook, delivery } = await open('/gone');
    await o.enqueueWebhooks([delivery(1), delivery(2)]);
    await waitFor(() => tg.notices.length > 0, 20_000, 'the owner notice');
    await o.drain(20_000);
    expect(await store.webhooks.get(hook.id)).toBeUndefined();
    expect(tg.notices).toHaveLength(1);
    expect(tg.notices[0]?.destination).toEqual(owner);
    expect(tg.notices[0]?.text).toMatch(new RegExp(`webhook ${hook.id} answered 410 Gone, so I removed it`));
    expect(tg.notices[0]?.text).not.toContain(hook.secret);
    expect((await o.stats()).dead).toBe(0);
  });

  it('retries other failures with backoff, then dead-letters them', async () => {
    rx.answer('/flaky', (i) => ({ status: i === 1 ? 503 : 200 }));
    rx.answer('/broken', { status: 500 });
    const first = await open('/flaky');
    await first.o.enqueueWebhooks([first.delivery(1)]);
    await first.o.drain(20_000);
    expect(rx.received.filter((r) => r.path === '/flaky').length).toBe(2);
    await first.o.close();
    await store.close();
    const second = await open('/broken');
    await second.o.enqueueWebhooks([second.delivery(1)]);
    await waitFor(async () => (await second.o.stats()).dead === 1, 20_000, 'the dead letter');
    expect(rx.received.filter((r) => r.path === '/broken').length).toBe(3);
    const [dead] = await second.o.deadLetters();
    expect(dead?.error).toMatch(/answered 500/);
    expect(dead?.error).not.toContain(second.hook.secret);
  });
});
