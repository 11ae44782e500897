import { describe, expect, it } from 'vitest';
import { commands } from '#commands/index.js';
import { buildMenus, toBotCommand } from '#src/platforms/telegram/menu.js';

describe('toBotCommand (Telegram limits: name 1-32 [a-z0-9_], description 3-256)', () => {
  it.each([
    {
      name: 'subscribe',
      description: 'Get alerts',
      out: { command: 'subscribe', description: 'Get alerts' },
    },
    { name: 'x', description: 'a', out: { command: 'x', description: '/x.' } },
    { name: 'Bad-Name', description: 'whatever', out: undefined },
    { name: 'a'.repeat(33), description: 'too long a name', out: undefined },
  ])('$name', ({ name, description, out }) => {
    expect(toBotCommand({ name, description })).toEqual(out);
  });

  it('cuts long descriptions to 256', () => {
    expect(toBotCommand({ name: 'x', description: 'd'.repeat(400) })?.description).toHaveLength(256);
  });
});

describe('buildMenus from the real registry', () => {
  const menus = new Map(buildMenus(commands).map((m) => [m.scope, m.commands.map((c) => c.command)]));
  it('private chats get the member commands, never Discord-only ones', () => {
    expect(menus.get('all_private_chats')).toEqual(
      expect.arrayContaining(['start', 'subscribe', 'settings', 'quiet']),
    );
    expect(menus.get('all_private_chats')).not.toContain('channel');
  });
  it('groups (default scope) get only read-only commands', () => {
    expect(menus.get('default')?.sort()).toEqual(['help', 'levels', 'signal', 'subscriptions', 'watchlist']);
  });
});
