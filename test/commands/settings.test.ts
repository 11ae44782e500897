import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '#commands/types.js';
import { parentScope } from '#src/store/index.js';
import { type CommandStore, call, dm, makeCtx, makeDeps, NOW, say, text } from './fakes.js';
import { STORES } from './stores.js';

const H = 3_600_000;
const MY_SCOPE = 'telegram:dm:42';

describe.each(STORES)('settings, mute and quiet (%s store)', (_name, open) => {
  let store: CommandStore;
  let deps: CommandDeps;
  const ctx = makeCtx();
  beforeEach(() => {
    store = open();
    deps = makeDeps(store);
  });
  const mine = () => store.settings.get(MY_SCOPE);

  it.each([
    ['/settings proximity 2.5', { proximityPct: 2.5 }],
    ['/settings proximity 0.1%', { proximityPct: 0.1 }],
    ['/settings sharpe -1.5', { sharpeThreshold: -1.5 }],
    ['/settings cooldown 30m', { cooldownSec: 1800 }],
    ['/settings cooldown 7d', { cooldownSec: 604_800 }],
    ['/settings maxperhour 120', { maxPerHour: 120 }],
    ['/settings minstrength 0', { minStrength: 0 }],
    ['/settings mutemode drop', { muteMode: 'drop' }],
    [
      '/settings quiet 22:00-07:00 Europe/Berlin',
      { quietHours: { start: '22:00', end: '07:00', tz: 'Europe/Berlin' } },
    ],
    [
      '/quiet 23:30-06:00 America/New_York',
      { quietHours: { start: '23:30', end: '06:00', tz: 'America/New_York' } },
    ],
    ['/mute 2h', { mutedUntil: NOW + 2 * H }],
    ['/settings mute 1w', { mutedUntil: NOW + 168 * H }],
  ])('GIVEN %j THEN stored %j', async (line, want) => {
    const r = await say(ctx, deps, line);
    expect(r.kind, text(r)).toBe('ok');
    expect(await mine()).toEqual(want);
  });

  it.each([
    '/settings proximity 500',
    '/settings proximity 0',
    '/settings proximity -2',
    '/settings proximity NaN',
    '/settings proximity Infinity',
    '/settings proximity 1e9',
    '/settings sharpe 11',
    '/settings sharpe 999999999999',
    '/settings cooldown 10s',
    '/settings cooldown 8d',
    '/settings cooldown 52w',
    '/settings maxperhour 0',
    '/settings maxperhour 121',
    '/settings maxperhour 2.5',
    '/settings minstrength 101',
    '/settings mutemode later',
    '/settings colour blue',
    '/mute 31d',
    '/mute forever',
    '/mute -1h',
    '/quiet 22:00-07:00 Mars/Olympus_Mons',
    '/quiet 22:00-07:00 Europe/Berlin;rm',
    '/quiet 24:00-07:00 UTC',
    '/quiet 7pm-7am',
  ])('GIVEN absurd %j THEN a clear error and nothing stored', async (line) => {
    const r = await say(ctx, deps, line);
    expect(r.kind).toBe('error');
    expect(r.lines.at(-1)).toMatch(/^Usage: /);
    expect(await mine()).toBeUndefined();
  });

  it.each([
    [
      '/settings charts maybe',
      '"maybe" is neither on nor off. (charts: on (a chart with level alerts) or off)',
    ],
    [
      '/settings mutemode later',
      '"later" is neither hold nor drop. (mutemode: hold (deliver after the mute) or drop)',
    ],
  ])('GIVEN %j THEN the reply names the value once, then what is accepted', async (line, want) => {
    const r = await say(ctx, deps, line);
    expect(r.lines[0]).toBe(want);
    expect(await mine()).toBeUndefined();
  });

  it('GIVEN an invalid time zone THEN the reply names the problem, briefly', async () => {
    const r = await say(ctx, deps, '/quiet 22:00-07:00 Not/AZone');
    expect(text(r)).toMatch(/Unknown time zone "Not\/AZone"/);
  });

  it('GIVEN mute off, quiet off and reset THEN the fields are cleared and shown as default', async () => {
    await say(ctx, deps, '/mute 1d');
    await say(ctx, deps, '/quiet 22:00-07:00 UTC');
    await say(ctx, deps, '/settings proximity 3');
    expect(text(await say(ctx, deps, '/mute off'))).toMatch(/mute: off/);
    await say(ctx, deps, '/quiet off');
    const afterReset = await say(ctx, deps, '/settings proximity reset');
    expect(text(afterReset)).toMatch(/proximity: 2% \(default\)/);
    expect(await mine()).toEqual({});
    await say(ctx, deps, '/settings sharpe 2');
    await say(ctx, deps, '/settings reset sharpe');
    expect(await mine()).toEqual({});
    await say(ctx, deps, '/settings maxperhour 5');
    await say(ctx, deps, '/settings reset all');
    expect(await mine()).toEqual({});
  });

  it('GIVEN no arguments THEN every key with its effective value and where it comes from', async () => {
    await say(ctx, deps, '/settings proximity 1.5');
    await say(ctx, deps, '/mute 90m');
    const r = await say(ctx, deps, '/settings');
    expect(r.title).toBe('Settings for you');
    expect(r.lines.slice(0, 8)).toEqual([
      'proximity: 1.5% (yours)',
      'sharpe: 1 (default)',
      'cooldown: 1h (default)',
      'maxperhour: 20 (default)',
      'minstrength: 50 (default)',
      'quiet: off (default)',
      'mute: until 2026-11-28 13:30 UTC (1h 30m left) (yours)',
      'mutemode: hold (default)',
    ]);
    const one = await say(ctx, deps, '/settings cooldown');
    expect(one.lines).toEqual([
      'cooldown: 1h (default)',
      'Accepted: a duration from 1m to 7d (e.g. 30m, 2h).',
    ]);
  });

  it('GIVEN server default, channel and defaults THEN /channel settings shows each layer', async () => {
    const place = { kind: 'channel', parentId: 'g1', channelId: 'c1' } as const;
    const mod = makeCtx({ platform: 'discord', userId: '7', place, moderator: true });
    await store.settings.update(parentScope('discord', 'g1'), { proximityPct: 3, sharpeThreshold: 0.5 });
    await store.settings.update('discord:channel:c1', { sharpeThreshold: 2 });
    await call(mod, deps, 'channel', { key: 'cooldown', value: '2h' }, 'settings');
    await call(mod, deps, 'channel', { key: 'maxperhour', value: '10', scope: 'server' }, 'settings');
    expect(await store.settings.get('discord:channel:c1')).toEqual({ sharpeThreshold: 2, cooldownSec: 7200 });
    expect(await store.settings.get(parentScope('discord', 'g1'))).toEqual({
      proximityPct: 3,
      sharpeThreshold: 0.5,
      maxPerHour: 10,
    });
    const r = await call(mod, deps, 'channel', {}, 'settings');
    expect(r.lines.slice(0, 5)).toEqual([
      'proximity: 3% (server default)',
      'sharpe: 2 (this channel)',
      'cooldown: 2h (this channel)',
      'maxperhour: 10 (server default)',
      'minstrength: 50 (default)',
    ]);
    const server = await call(mod, deps, 'channel', { scope: 'server' }, 'settings');
    expect(server.lines[1]).toBe('sharpe: 0.5 (server default)');
  });

  it('GIVEN a Telegram group admin THEN /settings writes the group scope', async () => {
    const admin = makeCtx({ place: { kind: 'group', parentId: '-5', chatId: '-5' }, moderator: true });
    await say(admin, deps, '/settings proximity 4');
    expect(await store.settings.get('telegram:group:-5')).toEqual({ proximityPct: 4 });
    expect(text(await say(admin, deps, '/settings'))).toMatch(/proximity: 4% \(this group\)/);
    expect(await mine()).toBeUndefined();
  });

  it('GIVEN DMs were closed (notice pending) THEN the next command explains, re-enables and clears it', async () => {
    const me = dm('discord', '9001');
    const member = makeCtx({
      platform: 'discord',
      userId: '9001',
      place: { kind: 'channel', parentId: 'g', channelId: 'c' },
    });
    await store.subscriptions.subscribe(me, 3988, 'SOL', ['levels'], NOW);
    await store.destinations.deactivate(me, 'dms_closed', NOW);
    const r = await call(member, deps, 'subscriptions');
    expect(r.lines[0]).toMatch(
      /^Your alerts were paused because I could not send you direct messages.*re-enabled them\.$/,
    );
    expect(r.lines[1]).toBe('SOL: levels');
    const status = (await store.destinations.status([me])).get('discord:dm:9001');
    expect(status === undefined || status.active).toBe(true);
    const again = await call(member, deps, 'help');
    expect(text(again)).not.toMatch(/paused/);
  });

  it('GIVEN a Telegram user who blocked the bot THEN a group command leaves it paused, a private one re-enables', async () => {
    await store.subscriptions.subscribe(dm('telegram', '42'), 3988, 'SOL', ['levels'], NOW);
    await store.destinations.deactivate(dm('telegram', '42'), 'blocked', NOW);
    const inGroup = makeCtx({ place: { kind: 'group', parentId: '-1', chatId: '-1' } });
    expect(text(await say(inGroup, deps, '/levels SOL'))).not.toMatch(/paused/);
    expect((await store.destinations.status([dm('telegram', '42')])).get('telegram:dm:42')?.active).toBe(
      false,
    );
    const r = await say(ctx, deps, '/start');
    expect(r.lines[0]).toBe(
      'Your alerts were paused because the bot was blocked. Running a command re-enabled them.',
    );
    const after = (await store.destinations.status([dm('telegram', '42')])).get('telegram:dm:42');
    expect(after === undefined || after.active).toBe(true);
  });
});
