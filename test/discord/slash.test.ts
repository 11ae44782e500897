import { PermissionFlagsBits, PermissionsBitField, ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '#commands/index.js';
import type { CommandSpec } from '#commands/types.js';
import { inviteUrl } from '#src/platforms/discord/invite.js';
import { toSlashCommand, toSlashCommands } from '#src/platforms/discord/slash.js';

const body = toSlashCommands(commands);
const byName = new Map(body.map((c) => [c.name, c]));

describe('CommandSpec → slash command JSON', () => {
  it('registers the member and moderator commands, and no Telegram-only ones', () => {
    for (const n of [
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'settings',
      'levels',
      'signal',
      'help',
      'channel',
    ]) {
      expect(byName.has(n), n).toBe(true);
    }
    expect(byName.has('start')).toBe(false);
    for (const c of body) {
      expect(c.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('/subscribe: required symbol with autocomplete, member context in guilds and DMs', () => {
    const sub = byName.get('subscribe');
    const symbol = sub?.options?.find((o) => o.name === 'symbol');
    expect(symbol).toMatchObject({ type: T.String, required: true, autocomplete: true });
    expect(symbol && 'choices' in symbol ? symbol.choices : undefined).toBeUndefined();
    expect(sub?.default_member_permissions).toBeNull();
    expect(sub?.contexts).toEqual([0, 1]);
  });

  it('/channel: subcommands, Manage Channels by default, guild only', () => {
    const ch = byName.get('channel');
    expect(ch?.default_member_permissions).toBe('16');
    expect(ch?.contexts).toEqual([0]);
    const subs = (ch?.options ?? []).map((o) => [o.name, o.type]);
    expect(subs).toEqual(
      expect.arrayContaining([
        ['subscribe', T.Subcommand],
        ['unsubscribe', T.Subcommand],
        ['list', T.Subcommand],
        ['settings', T.Subcommand],
      ]),
    );
    const subscribe = ch?.options?.find((o) => o.name === 'subscribe');
    const opts = subscribe && 'options' in subscribe ? (subscribe.options ?? []) : [];
    expect(opts.find((o) => o.name === 'symbol')).toMatchObject({ required: true, autocomplete: true });
    expect(opts.find((o) => o.name === 'channel')).toMatchObject({ type: T.Channel, channel_types: [0, 5] });
  });

  it('puts required options first and maps types, bounds and choices', () => {
    const spec: CommandSpec = {
      name: 'Demo',
      description: 'd'.repeat(150),
      access: 'everyone',
      usage: '/demo',
      options: [
        { name: 'opt', description: 'o', type: 'number', min: 0.1, max: 20 },
        { name: 'req', description: 'r', type: 'integer', required: true },
        { name: 'pick', description: 'p', type: 'string', choices: [{ name: 'a', value: 'a' }] },
        { name: 'flag', description: 'f', type: 'boolean' },
      ],
    };
    const c = toSlashCommand(spec);
    expect(c.name).toBe('demo');
    expect(c.description).toHaveLength(100);
    expect(c.options?.map((o) => o.name)).toEqual(['req', 'opt', 'pick', 'flag']);
    expect(c.options?.[1]).toMatchObject({ type: T.Number, min_value: 0.1, max_value: 20, required: false });
    expect(c.options?.[0]).toMatchObject({ type: T.Integer, required: true });
    expect(c.options?.[2]).toMatchObject({ choices: [{ name: 'a', value: 'a' }] });
    expect(c.options?.[3]).toMatchObject({ type: T.Boolean });
  });
});

describe('invite URL', () => {
  it('asks for bot + applications.commands and only View Channel, Send Messages, Embed Links, Attach Files', () => {
    const url = new URL(inviteUrl('123456789'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789');
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual(['applications.commands', 'bot']);
    const perms = new PermissionsBitField(BigInt(url.searchParams.get('permissions') ?? '0'));
    expect(perms.toArray().sort()).toEqual(['AttachFiles', 'EmbedLinks', 'SendMessages', 'ViewChannel']);
    expect(perms.has(PermissionFlagsBits.Administrator, false)).toBe(false);
  });
});

describe('/why and /stats slash definitions', () => {
  it('are member commands usable in guilds and DMs, with a symbol (and an optional window for /stats)', () => {
    const all = toSlashCommands(commands);
    const why = all.find((c) => c.name === 'why');
    const stats = all.find((c) => c.name === 'stats');
    expect(why?.options?.map((o) => [o.name, o.required])).toEqual([['symbol', true]]);
    expect(stats?.options?.map((o) => [o.name, o.required])).toEqual([
      ['symbol', false],
      ['window', false],
    ]);
    expect(why?.default_member_permissions ?? null).toBeNull();
    expect(stats?.contexts).toEqual(why?.contexts);
    expect(why?.contexts?.length).toBe(2);
  });
});
