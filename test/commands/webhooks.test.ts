import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import type { Resolver } from '#src/delivery/webhooks/guard.js';
import type { Destination } from '#src/domain/types.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { deleteRedisPrefix, openRedisStore, redisClientOf } from '#src/store/redis/index.js';
import { randomPrefix } from '../delivery/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { call, makeCtx, makeDeps, say, text } from './fakes.js';

/** `/webhook`, `/webhooks` and `/channel webhook` on both stores (issue 21). */
const me: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
const here: Destination = { platform: 'discord', kind: 'channel', id: 'c1', parentId: 'g1' };
const chanPlace = { kind: 'channel', parentId: 'g1', channelId: 'c1' } as const;
const resolve: Resolver = async (h) => {
  if (h === 'inside.example') return [{ address: '10.0.0.7', family: 4 }];
  return [{ address: '93.184.216.34', family: 4 }];
};

const STORES = [
  ['sqlite', async (_prefix: string) => openSqliteStore({ file: ':memory:' })],
  ['redis', async (prefix: string) => openRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix })],
] as const;

describe.each(STORES)('webhook commands (%s store)', (_name, open) => {
  let store: Store;
  let deps: CommandDeps;
  let rx: WebhookReceiver;
  let prefix = '';
  const requests = () => rx.received.length;
  beforeAll(async () => {
    rx = await startWebhookReceiver();
  });
  afterAll(() => rx.close());
  beforeEach(async () => {
    prefix = `${randomPrefix('whcmd')}:`;
    store = await open(prefix);
    deps = makeDeps(store, {
      webhookPost: { allowHosts: [`127.0.0.1:${rx.port}`], resolve, now: Date.now },
    });
  });
  afterEach(async () => {
    const client = redisClientOf(store);
    if (client) await deleteRedisPrefix(client, prefix);
    await store.close();
  });

  it('add shows the secret once and an id; /webhooks lists without the secret; the limit is 3', async () => {
    const ctx = makeCtx();
    const r = await say(ctx, deps, '/webhook add https://hooks.example.com/tw?token=abc');
    expect(r.kind).toBe('ok');
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(text(r))?.[0];
    const id = /wh[0-9a-z]{8}/.exec(text(r))?.[0];
    expect(secret).toBeDefined();
    expect(text(r)).toMatch(/shown only now/);
    expect(r.ephemeral).toBe(true);
    const [stored] = await store.webhooks.list(me);
    expect(stored?.secret).toBe(secret);
    expect(stored?.id).toBe(id);
    const list = await say(ctx, deps, '/webhooks');
    expect(text(list)).toContain(`${id}  https://hooks.example.com/tw`);
    expect(text(list)).not.toContain('whsec_');
    expect(text(list)).not.toContain('token=abc'); // the query string may be the receiver's own secret
    await say(ctx, deps, '/webhook add https://hooks.example.com/2');
    await say(ctx, deps, '/webhook add https://hooks.example.com/3');
    const fourth = await say(ctx, deps, '/webhook add https://hooks.example.com/4');
    expect(fourth.kind).toBe('error');
    expect(text(fourth)).toMatch(/3 webhooks already, the most allowed/);
    expect(await store.webhooks.list(me)).toHaveLength(3);
  });

  it.each([
    ['https://127.0.0.1/x', /loopback/],
    ['https://10.0.0.1', /private/],
    ['https://[::ffff:127.0.0.1]', /loopback/],
    ['https://169.254.169.254', /linkLocal/],
    ['https://inside.example/hook', /inside\.example points to a non-public address/],
    ['http://hooks.example.com/x', /must start with https/],
    ['hooks.example.com', /not a URL/],
  ])('refuses %s with a clear answer, changing nothing', async (url, why) => {
    const r = await say(makeCtx(), deps, `/webhook add ${url}`);
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(why);
    expect(text(r)).toMatch(/Nothing was added/);
    expect(await store.webhooks.list(me)).toEqual([]);
    expect(requests()).toBe(0);
  });

  it('test sends a signed event; a redirect is reported and not followed; remove deletes it', async () => {
    const ctx = makeCtx();
    const added = await say(ctx, deps, `/webhook add ${rx.url}/ok`);
    const id = /wh[0-9a-z]{8}/.exec(text(added))?.[0] ?? '';
    rx.secret('/ok', /whsec_[A-Za-z0-9+/=]+/.exec(text(added))?.[0] ?? '');
    const t = await say(ctx, deps, `/webhook test ${id}`);
    expect(text(t)).toMatch(/receiver answered 200/);
    const got = rx.received.at(-1);
    expect(got?.verified).toBe(true);
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ type: 'tokenwatch.test', kind: 'test' });

    rx.answer('/moved', { status: 302, headers: { location: 'http://10.0.0.1/' } });
    const moved = await say(ctx, deps, `/webhook add ${rx.url}/moved`);
    const movedId = /wh[0-9a-z]{8}/.exec(text(moved))?.[0] ?? '';
    const before = requests();
    const t2 = await say(ctx, deps, `/webhook test ${movedId}`);
    expect(t2.kind).toBe('error');
    expect(text(t2)).toMatch(/redirect \(302\); webhooks do not follow redirects/);
    expect(requests()).toBe(before + 1);

    expect(text(await say(ctx, deps, '/webhook test whnothere0'))).toMatch(/no webhook whnothere0 here/);
    expect(text(await say(ctx, deps, '/webhook remove nope'))).toMatch(/webhook id like/);
    // Someone else cannot test or remove my webhook.
    const other = makeCtx({ userId: '43' });
    expect(text(await say(other, deps, `/webhook remove ${id}`))).toMatch(/no webhook/);
    expect((await say(ctx, deps, `/webhook remove ${id}`)).kind).toBe('ok');
    expect((await store.webhooks.list(me)).map((h) => h.id)).toEqual([movedId]);
  });

  it('a Telegram group never sees a secret: /webhook is refused there', async () => {
    const ctx = makeCtx({ place: { kind: 'group', parentId: '-100', chatId: '-100' }, moderator: true });
    const r = await say(ctx, deps, '/webhook add https://hooks.example.com/x');
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(/private chat/);
  });

  it('/channel webhook: moderators only, for the channel', async () => {
    const member = makeCtx({ platform: 'discord', place: chanPlace, moderator: false });
    const refused = await call(
      member,
      deps,
      'channel',
      { action: 'add', value: 'https://h.example/x' },
      'webhook',
    );
    expect(refused.kind).toBe('error');
    expect(await store.webhooks.list(here)).toEqual([]);
    const mod = makeCtx({ platform: 'discord', place: chanPlace, moderator: true });
    const r = await call(mod, deps, 'channel', { action: 'add', value: 'https://h.example/x' }, 'webhook');
    expect(r.kind).toBe('ok');
    expect(r.ephemeral).toBe(true);
    expect(text(r)).toMatch(/whsec_/);
    expect(await store.webhooks.list(here)).toHaveLength(1);
    const list = await call(mod, deps, 'channel', { action: 'list' }, 'webhook');
    expect(text(list)).toMatch(/https:\/\/h\.example\/x/);
    const bad = await call(mod, deps, 'channel', { action: 'frob' }, 'webhook');
    expect(bad.kind).toBe('error');
    expect(text(bad)).toMatch(/not one of: add, list, test, remove/);
  });
});
