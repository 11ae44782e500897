import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { ALERT_TYPES, DEFAULT_ALERT_TYPES, type Destination } from '#src/domain/types.js';
import { type CommandStore, call, dm, fakeDirectory, makeCtx, makeDeps, say, text } from './fakes.js';
import { STORES } from './stores.js';

const me = dm('telegram', '42');
const group: Destination = { platform: 'telegram', kind: 'group', id: '-100777', parentId: '-100777' };
const groupPlace = { kind: 'group', parentId: '-100777', chatId: '-100777' } as const;

describe.each(STORES)('member subscriptions (%s store)', (_name, open) => {
  let store: CommandStore;
  let deps: CommandDeps;
  const ctx = makeCtx();
  beforeEach(() => {
    store = open();
    deps = makeDeps(store);
  });
  const symbols = async (d: Destination) => (await store.subscriptions.list(d)).map((s) => s.symbol);

  it('GIVEN subscribe, add types, remove types, list, unsubscribe THEN the store follows each step', async () => {
    const r1 = await say(ctx, deps, '/subscribe sol');
    expect(r1.kind).toBe('ok');
    expect(text(r1)).toContain('SOL (Solana)');
    expect((await store.subscriptions.list(me))[0]?.types).toEqual(DEFAULT_ALERT_TYPES);

    await say(ctx, deps, '/subscribe $SOL hourly');
    expect(new Set((await store.subscriptions.list(me))[0]?.types)).toEqual(new Set(ALERT_TYPES));

    const r3 = await say(ctx, deps, '/unsubscribe SOL hourly, grade');
    expect(text(r3)).toMatch(/Still on: signal, levels, risk/);
    await say(ctx, deps, '/subscribe BTC levels');

    const list = await say(ctx, deps, '/subscriptions');
    expect(list.title).toBe('Your subscriptions (2/25)');
    expect(list.lines).toEqual(['BTC: levels', 'SOL: signal, levels, risk']);

    const r4 = await say(ctx, deps, '/unsubscribe sol');
    expect(text(r4)).toContain('Unsubscribed you from SOL');
    expect(await symbols(me)).toEqual(['BTC']);
    expect(text(await say(ctx, deps, '/unsubscribe SOL'))).toContain('not subscribed to SOL');
    await say(ctx, deps, '/unsubscribe all');
    expect(await symbols(me)).toEqual([]);
    expect(text(await say(ctx, deps, '/subscriptions'))).toContain('No subscriptions');
  });

  it.each([
    ['levels', ['levels']],
    ['signal,hourly', ['signal', 'hourly']],
    ['all', [...ALERT_TYPES]],
    ['risk grade', ['risk', 'grade']],
  ])('GIVEN types %j THEN exactly those are stored', async (types, want) => {
    await call(ctx, deps, 'subscribe', { symbol: 'ETH', types });
    expect((await store.subscriptions.list(me))[0]?.types).toEqual(want);
  });

  it.each([
    ['/subscribe XYZ', /I don't know the token XYZ.*\/levels BTC/],
    ['/subscribe SOL price', /Unknown alert type "price"/],
    ['/subscribe', /Missing symbol\.[\s\S]*Usage: \/subscribe SOL/],
    ['/unsubscribe', /Missing symbol/],
    ['/levels', /Usage: \/levels SOL/],
  ])('GIVEN %j THEN a clear error and nothing stored', async (line, msg) => {
    const r = await say(ctx, deps, line);
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(msg);
    expect(await symbols(me)).toEqual([]);
  });

  it('GIVEN runCommand without the required option THEN the usage line (structured path)', async () => {
    const r = await call(ctx, deps, 'subscribe', {});
    expect(r.lines).toEqual([
      'Missing symbol.',
      'Usage: /subscribe SOL [signal,hourly,levels,risk,grade|all]',
    ]);
  });

  it.each([
    ['html', '<b>SOL</b>'],
    ['script', '<script>alert(1)</script>'],
    ['markdown bold', '**SOL**'],
    ['markdown link', '[SOL](http://evil)'],
    ['everyone ping', '@everyone'],
    ['user mention', '<@123456789012345678>'],
    ['code', '`SOL`'],
    ['newline', 'SOL\nBTC'],
    ['5,100 chars of tags', '<i>'.repeat(1700)],
  ])('GIVEN a symbol with %s THEN refused, not echoed raw, directory not asked', async (_label, symbol) => {
    const directory = fakeDirectory();
    const r = await call(ctx, { ...deps, directory }, 'subscribe', { symbol });
    expect(r.kind).toBe('error');
    const out = text(r);
    expect(out).not.toMatch(/[<>*`@]|evil|http/);
    expect(out.length).toBeLessThan(200);
    expect(directory.calls).toEqual([]);
    expect(await symbols(me)).toEqual([]);
  });

  it('GIVEN a 5,000-character argument THEN a short refusal and nothing stored', async () => {
    const huge = 'A'.repeat(5000);
    for (const r of [
      await say(ctx, deps, `/subscribe ${huge}`),
      await call(ctx, deps, 'subscribe', { symbol: 'SOL', types: huge }),
      await say(ctx, deps, `/quiet ${huge}`),
      await say(ctx, deps, `/settings quiet ${huge}`),
    ]) {
      expect(r.kind).toBe('error');
      expect(text(r)).toMatch(/too long/);
      expect(text(r).length).toBeLessThan(200);
    }
    expect(await symbols(me)).toEqual([]);
    expect(await store.settings.get('telegram:dm:42')).toBeUndefined();
  });

  it('GIVEN the cap of 25 tokens THEN the 26th is refused, existing ones can still change', async () => {
    for (let i = 1; i <= 25; i++) expect((await say(ctx, deps, `/subscribe T${i}`)).kind).toBe('ok');
    const r = await say(ctx, deps, '/subscribe SOL');
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(/25 tokens, the limit is 25/);
    expect((await store.subscriptions.list(me)).length).toBe(25);
    expect((await say(ctx, deps, '/subscribe T3 hourly')).kind).toBe('ok');
    const small = await say(
      ctx,
      makeDeps(store, { limits: { maxSubscriptionsPerDestination: 2 } }),
      '/subscribe SOL',
    );
    expect(small.kind).toBe('error');
  });

  it('GIVEN a non-admin in a Telegram group THEN a deep link to a private chat and nothing changes', async () => {
    const member = makeCtx({ place: groupPlace, moderator: false });
    const r = await say(member, deps, '/subscribe sol');
    expect(r.deepLinkPayload).toBe('sub_SOL');
    expect(text(r)).toMatch(/private chat/);
    expect(member.modChecks).toBe(1);
    expect(await symbols(group)).toEqual([]);
    expect(await symbols(me)).toEqual([]);
    for (const line of [
      '/unsubscribe SOL',
      '/subscriptions',
      '/settings proximity 1',
      '/mute 1h',
      '/quiet off',
    ]) {
      const refused = await say(member, deps, line);
      expect(refused.kind, line).toBe('error');
      expect(text(refused)).toMatch(/Only group admins/);
    }
    expect(await store.settings.get('telegram:group:-100777')).toBeUndefined();
  });

  it('GIVEN a group admin THEN /subscribe, /subscriptions and /unsubscribe act on the group', async () => {
    const admin = makeCtx({ place: groupPlace, moderator: true });
    const r = await say(admin, deps, '/subscribe SOL levels');
    expect(text(r)).toContain('Subscribed this group to SOL');
    const [sub] = await store.subscriptions.list(group);
    expect(sub?.destination).toMatchObject({ kind: 'group', id: '-100777' });
    expect(sub?.types).toEqual(['levels']);
    expect(await symbols(me)).toEqual([]);
    expect((await say(admin, deps, '/subscriptions')).title).toBe("This group's subscriptions (1/25)");
    await say(admin, deps, '/unsubscribe SOL');
    expect(await symbols(group)).toEqual([]);
  });

  it('GIVEN a member in a Discord channel THEN /subscribe targets their DM, ephemerally, with a DM hint', async () => {
    const member = makeCtx({
      platform: 'discord',
      userId: '9001',
      place: { kind: 'channel', parentId: 'g1', channelId: 'c1' },
    });
    const r = await call(member, deps, 'subscribe', { symbol: 'SOL' });
    expect(r.ephemeral).toBe(true);
    expect(text(r)).toMatch(/Allow direct messages/);
    expect(await symbols(dm('discord', '9001'))).toEqual(['SOL']);
    expect(member.modChecks).toBe(0);
  });

  it.each([
    ['sub_SOL', 'ok', ['SOL']],
    ['sub_sol', 'ok', ['SOL']],
    ['sub_XYZ', 'error', []],
    ['sub_<b>', 'info', []],
    ['hello', 'info', []],
  ])('GIVEN /start %s THEN %s and DM subs %j', async (payload, kind, want) => {
    const r = await say(ctx, deps, `/start ${payload}`);
    expect(r.kind).toBe(kind);
    expect(await symbols(me)).toEqual(want);
    if (kind === 'ok') expect((await store.subscriptions.list(me))[0]?.types).toEqual(DEFAULT_ALERT_TYPES);
  });

  it('GIVEN plain /start THEN a welcome with the help list; deep links in groups never subscribe', async () => {
    const r = await say(ctx, deps, '/start');
    expect(r.title).toBe('Welcome to tokenwatch!');
    expect(text(r)).toMatch(/\/subscribe SOL/);
    await say(makeCtx({ place: groupPlace, moderator: true }), deps, '/start sub_SOL');
    expect(await symbols(group)).toEqual([]);
  });
});
