import { beforeEach, describe, expect, it } from 'vitest';
import { commands, findCommand, helpText } from '#commands/index.js';
import type { CommandContext, CommandDeps } from '#commands/types.js';
import type { Destination } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { type CommandStore, call, makeCtx, makeDeps, memoryCommandStore, say, text } from './fakes.js';
import { STORES } from './stores.js';

const place = { kind: 'channel', parentId: 'g1', channelId: 'c1' } as const;
const here: Destination = { platform: 'discord', kind: 'channel', id: 'c1', parentId: 'g1' };
const other: Destination = { platform: 'discord', kind: 'channel', id: 'c2', parentId: 'g1' };

/** The platform's resolver: c2 is in this guild, f9 is in another guild, the rest fail. */
const resolveChannel: NonNullable<CommandContext['resolveChannel']> = async (id) => {
  if (id === 'c2') return { ok: true, destination: other };
  if (id === 'f9')
    return { ok: true, destination: { platform: 'discord', kind: 'channel', id: 'f9', parentId: 'g-other' } };
  return { ok: false, reason: 'I cannot post in that channel.' };
};

describe.each(STORES)('/channel (%s store)', (_name, open) => {
  let store: CommandStore;
  let deps: CommandDeps;
  beforeEach(() => {
    store = open();
    deps = makeDeps(store);
  });
  const mod = () => makeCtx({ platform: 'discord', userId: '7', place, moderator: true, resolveChannel });
  const guildSubs = async () =>
    (await store.subscriptions.listByParent('discord', 'g1')).map((s) => `${s.destination.id}:${s.symbol}`);

  it('GIVEN a moderator THEN subscribe (here and another channel), list and unsubscribe work', async () => {
    const m = mod();
    expect((await call(m, deps, 'channel', { symbol: 'SOL' }, 'subscribe')).kind).toBe('ok');
    expect(
      (await call(m, deps, 'channel', { symbol: 'btc', channel: 'c2', types: 'levels' }, 'subscribe')).kind,
    ).toBe('ok');
    expect(await guildSubs()).toEqual(['c1:SOL', 'c2:BTC']);
    const list = await call(m, deps, 'channel', {}, 'list');
    expect(list.lines).toEqual([
      'Channel c1:',
      '  SOL: signal, levels, risk, grade',
      'Channel c2:',
      '  BTC: levels',
    ]);
    await call(m, deps, 'channel', { symbol: 'SOL' }, 'unsubscribe');
    expect(await guildSubs()).toEqual(['c2:BTC']);
    expect(m.modChecks).toBe(4);
  });

  it.each([
    ['subscribe', { symbol: 'SOL' }],
    ['unsubscribe', { symbol: 'SOL' }],
    ['list', {}],
    ['settings', { key: 'proximity', value: '1' }],
    ['settings', { key: 'proximity', value: '1', scope: 'server' }],
  ])(
    'GIVEN a non-moderator whose client sent /channel %s THEN refused and nothing changes',
    async (sub, args) => {
      await store.subscriptions.subscribe(here, 3988, 'SOL', ['levels'], 0);
      const member = makeCtx({ platform: 'discord', userId: '8', place, moderator: false, resolveChannel });
      const r = await call(member, deps, 'channel', args, sub);
      expect(r.kind).toBe('error');
      expect(text(r)).toMatch(/moderators/i);
      expect(member.modChecks).toBeGreaterThan(0);
      expect(await guildSubs()).toEqual(['c1:SOL']);
      expect(await store.settings.get('discord:channel:c1')).toBeUndefined();
      expect(await store.settings.get('parent:discord:g1')).toBeUndefined();
    },
  );

  it('GIVEN the handler is called directly (bypassing runCommand) THEN it still checks the moderator', async () => {
    const sub = findCommand('channel', 'subscribe');
    const member = makeCtx({ platform: 'discord', place, moderator: false });
    const r = await sub?.run?.(member, { symbol: 'SOL' }, deps);
    expect(r?.kind).toBe('error');
    expect(member.modChecks).toBe(1);
    expect(await guildSubs()).toEqual([]);
  });

  it.each([
    ['another guild', 'f9', /not in this server/],
    ['unresolvable', 'zz', /I can't use that channel: I cannot post in that channel\./],
  ])('GIVEN a channel from %s THEN refused', async (_label, channel, msg) => {
    const r = await call(mod(), deps, 'channel', { symbol: 'SOL', channel }, 'subscribe');
    expect(r.kind).toBe('error');
    expect(text(r)).toMatch(msg);
    expect(await guildSubs()).toEqual([]);
  });

  it('GIVEN no resolveChannel on the platform THEN a foreign channel option is refused', async () => {
    const m = makeCtx({ platform: 'discord', place, moderator: true });
    const r = await call(m, deps, 'channel', { symbol: 'SOL', channel: 'c2' }, 'subscribe');
    expect(r.kind).toBe('error');
    expect(await guildSubs()).toEqual([]);
  });

  it('GIVEN /channel in a DM or a Telegram group THEN refused', async () => {
    const inDm = await call(
      makeCtx({ platform: 'discord', moderator: true }),
      deps,
      'channel',
      { symbol: 'SOL' },
      'subscribe',
    );
    expect(inDm.kind).toBe('error');
    const tg = makeCtx({
      platform: 'telegram',
      place: { kind: 'group', parentId: '-1', chatId: '-1' },
      moderator: true,
    });
    expect((await say(tg, deps, '/channel subscribe SOL')).kind).toBe('error');
    expect((await call(mod(), deps, 'channel')).lines[0]).toMatch(/needs a subcommand/);
  });

  it('GIVEN the cap per channel THEN moderators are refused too', async () => {
    const small = makeDeps(store, { limits: { maxSubscriptionsPerDestination: 1 } });
    await call(mod(), small, 'channel', { symbol: 'SOL' }, 'subscribe');
    const r = await call(mod(), small, 'channel', { symbol: 'BTC' }, 'subscribe');
    expect(text(r)).toMatch(/limit is 1/);
  });
});

describe('help', () => {
  const names = (lines: readonly string[]) =>
    commands.filter((c) => lines.some((l) => l.startsWith(`/${c.name}`))).map((c) => c.name);

  it.each([
    [
      'discord',
      false,
      [
        'help',
        'subscribe',
        'unsubscribe',
        'subscriptions',
        'levels',
        'signal',
        'why',
        'stats',
        'chart',
        'alert',
        'alerts',
        'backtest',
        'settings',
        'mute',
        'quiet',
        'watchlist',
        'brief',
        'webhook',
        'webhooks',
        'export',
      ],
    ],
    [
      'discord',
      true,
      [
        'help',
        'subscribe',
        'unsubscribe',
        'subscriptions',
        'levels',
        'signal',
        'why',
        'stats',
        'chart',
        'alert',
        'alerts',
        'backtest',
        'settings',
        'mute',
        'quiet',
        'channel',
        'watchlist',
        'brief',
        'webhook',
        'webhooks',
        'export',
      ],
    ],
    [
      'telegram',
      false,
      [
        'start',
        'help',
        'subscribe',
        'unsubscribe',
        'subscriptions',
        'levels',
        'signal',
        'why',
        'stats',
        'chart',
        'alert',
        'alerts',
        'backtest',
        'settings',
        'mute',
        'quiet',
        'watchlist',
        'brief',
        'webhook',
        'webhooks',
        'export',
      ],
    ],
    [
      'telegram',
      true,
      [
        'start',
        'help',
        'subscribe',
        'unsubscribe',
        'subscriptions',
        'levels',
        'signal',
        'why',
        'stats',
        'chart',
        'alert',
        'alerts',
        'backtest',
        'settings',
        'mute',
        'quiet',
        'watchlist',
        'brief',
        'webhook',
        'webhooks',
        'export',
      ],
    ],
  ] as const)('GIVEN %s, moderator %s THEN lists %j', (platform, isMod, want) => {
    expect(names(helpText(translatorFor(), platform, isMod))).toEqual(want);
  });

  it('GIVEN /help channel from a member THEN not revealed; from a moderator THEN details', async () => {
    const deps = makeDeps(memoryCommandStore());
    const member = makeCtx({ platform: 'discord', place, moderator: false });
    expect((await call(member, deps, 'help', { command: 'channel' })).kind).toBe('error');
    const m = makeCtx({ platform: 'discord', place, moderator: true });
    const r = await call(m, deps, 'help', { command: '/channel' });
    expect(text(r)).toMatch(/\/channel subscribe SOL/);
    expect(text(r)).toMatch(/proximity: percent of price/);
    const dmHelp = makeCtx({ platform: 'telegram' });
    await call(dmHelp, deps, 'help');
    expect(dmHelp.modChecks).toBe(0);
  });

  it('GIVEN /start on Discord THEN not available', async () => {
    const r = await call(makeCtx({ platform: 'discord' }), makeDeps(memoryCommandStore()), 'start');
    expect(r.kind).toBe('error');
  });
});
